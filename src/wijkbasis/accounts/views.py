"""Pages for residents ("Mijn gegevens"), staff ("Werkplek"), municipality viewers and
organisation members. Thin: forms validate, services write, selectors and querysets read."""

from __future__ import annotations

from typing import Any

from allauth.account import views as allauth_views
from allauth.account.models import EmailAddress
from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from weasyprint import HTML

from wijkbasis.accounts import selectors, services
from wijkbasis.accounts.access import access_own_resident, access_resident, access_resident_page
from wijkbasis.accounts.decorators import permission_required
from wijkbasis.accounts.forms import (
    ConsentForm,
    EraseAccountForm,
    IntakeForm,
    LinkAccountForm,
    ProfileForm,
    ResidentEditForm,
    ResidentSearchForm,
    ShareForm,
)
from wijkbasis.accounts.models import Resident, User
from wijkbasis.accounts.selectors import access_of
from wijkbasis.areas.models import District, NeighbourhoodTeam, Organisation, TeamMember
from wijkbasis.core.idempotency import once
from wijkbasis.core.models import AccessLogEntry

PAGE_SIZE = 25


def request_login_code(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """allauth's "send me a code", with a per-IP limit (429) besides allauth's per-address one."""
    if request.method == "POST":
        limited = ratelimit.consume_or_429(request, action="request_login_code_per_ip")
        if limited is not None:
            return limited
    return allauth_views.request_login_code(request, *args, **kwargs)


@require_safe
@login_required
def start(request: HttpRequest) -> HttpResponse:
    """Where a user lands after logging in: the page for their main role."""
    access = access_of(request.user)
    if access.is_team_staff or access.is_administrator:
        return redirect("accounts:werkplek")
    if access.municipality_ids:
        return redirect("reporting:figures")
    if access.organisation_ids:
        return redirect("accounts:organisation")
    return redirect("accounts:profile")


# ---------------------------------------------------------------------------
# Mijn gegevens


@require_http_methods(["GET", "POST"])
@permission_required("mijn.open")
def profile(request: HttpRequest) -> HttpResponse:
    resident = access_own_resident(request.user, logged=request.method == "GET")
    form = ProfileForm(request.POST or None, instance=resident)
    if request.method == "POST" and form.is_valid():
        services.update_own_profile(resident=resident, **{name: form.cleaned_data[name] for name in form.changed_data})
        messages.success(request, _("Your details are saved."))
        return redirect("accounts:profile")
    consents = resident.consents.filter(withdrawn_at__isnull=True)
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "resident": resident, "consents": consents},
    )


@require_POST
@permission_required("mijn.open")
def withdraw_consent(request: HttpRequest, purpose: str) -> HttpResponse:
    resident = access_own_resident(request.user, logged=False)
    if services.withdraw_consent(resident=resident, purpose=purpose, by=request.user):
        messages.success(request, _("Your permission is withdrawn."))
    return redirect("accounts:profile")


@require_safe
@permission_required("mijn.open")
def my_data(request: HttpRequest) -> HttpResponse:
    access_own_resident(request.user)
    export = services.export_personal_data(user=request.user)
    return render(request, "accounts/my_data.html", {"export": export})


@require_safe
@permission_required("mijn.open")
def my_data_json(request: HttpRequest) -> HttpResponse:
    access_own_resident(request.user, logged=False)
    response = HttpResponse(services.export_as_json(user=request.user, logged=True), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens.json"'
    return response


@require_safe
@permission_required("mijn.open")
def my_data_pdf(request: HttpRequest) -> HttpResponse:
    access_own_resident(request.user, logged=False)
    export = services.export_personal_data(user=request.user, logged=True)
    html = render_to_string("accounts/my_data_print.html", {"export": export}, request=request)
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens.pdf"'
    return response


def _describe_actors(entries: list[AccessLogEntry]) -> dict[int, str]:
    """Name and role of the people in log entries, for readers of the log."""
    ids = {entry.actor_id for entry in entries if entry.actor_id is not None}
    names = dict(User.objects.filter(pk__in=ids).values_list("pk", "name"))
    teams: dict[int, str] = {}
    for user_id, team_name, role in TeamMember.objects.filter(user_id__in=ids).values_list(
        "user_id", "team__name", "role"
    ):
        teams[user_id] = f"{TeamMember.Role(role).label}, {team_name}"
    return {
        user_id: ", ".join(
            part for part in (names.get(user_id) or _("someone without a name"), teams.get(user_id)) if part
        )
        for user_id in ids
    }


@require_safe
@permission_required("mijn.open")
def who_looked(request: HttpRequest) -> HttpResponse:
    resident = access_own_resident(request.user, logged=False)
    entries = selectors.accesses_of_resident(resident, excluding_user=request.user)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("pagina"))
    actors = _describe_actors(list(page))
    rows = [(entry, actors.get(entry.actor_id, _("the system"))) for entry in page]
    return render(request, "accounts/who_looked.html", {"page": page, "rows": rows})


@require_http_methods(["GET", "POST"])
@permission_required("mijn.open")
def erase(request: HttpRequest) -> HttpResponse:
    plan = services.erasure_plan(user=request.user)
    form = EraseAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.erase_account(user=user)
        messages.success(request, _("Your account and your details have been erased."))
        return redirect("areas:home")
    return render(request, "accounts/erase.html", {"form": form, "plan": plan})


# ---------------------------------------------------------------------------
# Werkplek (staff)


def _staff_teams(request: HttpRequest) -> QuerySet[NeighbourhoodTeam]:
    access = access_of(request.user)
    if access.is_administrator and not access.team_ids:
        return NeighbourhoodTeam.objects.all()
    return NeighbourhoodTeam.objects.filter(pk__in=access.team_ids)


def _staff_districts(request: HttpRequest) -> QuerySet[District]:
    access = access_of(request.user)
    if access.is_administrator and not access.team_ids:
        return District.objects.all()
    return District.objects.filter(pk__in=access.district_ids)


@require_safe
@permission_required("werkplek.open")
def werkplek(request: HttpRequest) -> HttpResponse:
    teams = _staff_teams(request).prefetch_related("districts").annotate(member_total=Count("members"))
    return render(
        request,
        "accounts/werkplek.html",
        {"teams": teams, "resident_total": Resident.objects.visible_to(request.user).count()},
    )


@require_safe
@permission_required("werkplek.open")
def resident_list(request: HttpRequest) -> HttpResponse:
    form = ResidentSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    page = access_resident_page(
        request.user, selectors.search_residents(query), request.GET.get("pagina"), per_page=PAGE_SIZE
    )
    return render(request, "accounts/resident_list.html", {"form": form, "page": page})


@require_http_methods(["GET", "POST"])
@permission_required("werkplek.take_in_resident")
def resident_new(request: HttpRequest) -> HttpResponse:
    teams = _staff_teams(request)
    form = IntakeForm(request.POST or None, districts=_staff_districts(request))
    if request.method == "POST" and form.is_valid():
        data = {name: value for name, value in form.cleaned_data.items() if name != "form_key"}
        try:
            resident, created = once(
                form.cleaned_data["form_key"],
                lambda: services.take_in_resident(by=request.user, team=teams.first(), **data),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if created:
                messages.success(request, _("%(name)s is registered.") % {"name": resident.name})
            return redirect("accounts:resident_detail", pk=resident.pk)
    return render(request, "accounts/resident_form.html", {"form": form, "intake": True})


@require_safe
@permission_required("werkplek.open")
def resident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    resident = access_resident(request.user, pk)
    return render(
        request,
        "accounts/resident_detail.html",
        {
            "resident": resident,
            "consents": resident.consents.select_related("recorded_by").all(),
            "shares": resident.shares.select_related("team").all(),
            "consent_form": ConsentForm(),
            "link_form": LinkAccountForm(),
            "share_form": ShareForm(teams=NeighbourhoodTeam.objects.exclude(pk__in=access_of(request.user).team_ids)),
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("werkplek.open")
def resident_edit(request: HttpRequest, pk: int) -> HttpResponse:
    resident = access_resident(request.user, pk)
    districts = _staff_districts(request)
    form = ResidentEditForm(request.POST or None, instance=resident, districts=districts)
    if request.method == "POST" and form.is_valid():
        services.save_resident_edit(resident=form.instance, changed=form.changed_data, districts=districts)
        messages.success(request, _("The details are saved."))
        return redirect("accounts:resident_detail", pk=resident.pk)
    return render(request, "accounts/resident_form.html", {"form": form, "resident": resident})


@require_POST
@permission_required("werkplek.open")
def resident_consent(request: HttpRequest, pk: int) -> HttpResponse:
    resident = access_resident(request.user, pk)
    form = ConsentForm(request.POST)
    if form.is_valid():
        services.record_consent(
            resident=resident, purpose=form.cleaned_data["purpose"], method=form.cleaned_data["method"], by=request.user
        )
        messages.success(request, _("The permission is recorded."))
    else:
        messages.error(request, _("Choose what the permission is for and how it was given."))
    return redirect("accounts:resident_detail", pk=resident.pk)


@require_POST
@permission_required("werkplek.open")
def resident_link(request: HttpRequest, pk: int) -> HttpResponse:
    resident = access_resident(request.user, pk)
    form = LinkAccountForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Fill in a valid e-mail address."))
        return redirect("accounts:resident_detail", pk=resident.pk)
    try:
        linked, user, created = services.link_resident_to_account(
            resident=resident, email=form.cleaned_data["email"], by=request.user
        )
    except services.LinkError as error:
        messages.error(request, str(error))
        return redirect("accounts:resident_detail", pk=resident.pk)
    if created:
        address = EmailAddress.objects.get(user=user, email=user.email)
        services.send_account_invitation(request=request, email_address=address)
        messages.success(request, _("An account was made and a login e-mail is on its way."))
    else:
        messages.success(request, _("The record is linked to the existing account."))
    return redirect("accounts:resident_detail", pk=linked.pk)


@require_POST
@permission_required("werkplek.open")
def resident_share(request: HttpRequest, pk: int) -> HttpResponse:
    resident = access_resident(request.user, pk)
    form = ShareForm(request.POST, teams=NeighbourhoodTeam.objects.all())
    if form.is_valid():
        services.share_resident(
            resident=resident, team=form.cleaned_data["team"], by=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("The record is shared with %(team)s.") % {"team": form.cleaned_data["team"]})
    else:
        messages.error(request, _("Choose a team and say why."))
    return redirect("accounts:resident_detail", pk=resident.pk)


@require_safe
@permission_required("werkplek.open")
def my_accesses(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.accesses_by(request.user), PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "accounts/my_accesses.html", {"page": page})


# ---------------------------------------------------------------------------
# Organisation members


@require_safe
@permission_required("organisation.open")
def organisation(request: HttpRequest) -> HttpResponse:
    organisations = Organisation.objects.filter(pk__in=access_of(request.user).organisation_ids)
    return render(request, "accounts/organisation.html", {"organisations": organisations})
