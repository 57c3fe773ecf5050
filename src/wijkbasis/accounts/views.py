"""Pages for residents ("Mijn gegevens"), staff ("Werkplek"), municipality viewers and
organisation members. Thin: forms validate, services write, selectors and querysets read."""

from __future__ import annotations

from typing import Any

from allauth.account import views as allauth_views
from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from wijkbasis.accounts import selectors, services
from wijkbasis.accounts.access import access_duplicate, access_own_resident, access_resident, access_resident_page
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
    wijk_question,
)
from wijkbasis.accounts.models import Resident, User
from wijkbasis.accounts.processing import ACCESS_LOG_REVIEW, RECORD_LINKING
from wijkbasis.accounts.selectors import access_of
from wijkbasis.accounts.types import AuthenticatedHttpRequest, signed_in_user
from wijkbasis.areas.models import District, NeighbourhoodTeam, Organisation
from wijkbasis.core.access import access_list
from wijkbasis.core.access_log import Action, actor_for, log_access
from wijkbasis.core.idempotency import once
from wijkbasis.core.models import SubmittedForm
from wijkbasis.core.pagination import COUNT_CAP, capped_count
from wijkbasis.core.types import HttpRequest

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
def start(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Where a user lands after logging in: the page for their main role."""
    access = access_of(request.user)
    if access.is_team_staff or access.is_administrator:
        return redirect("accounts:werkplek")
    if access.municipality_ids:
        return redirect("reporting:figures")
    if access.organisation_ids:
        return redirect("accounts:organisation")
    # An app may name the page that is this person's day (a crew member: their work today).
    return redirect(selectors.start_page(request.user) or "accounts:profile")


# ---------------------------------------------------------------------------
# Mijn gegevens


@require_http_methods(["GET", "POST"])
@permission_required("mijn.open")
def profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    resident = access_own_resident(request.user, logged=request.method == "GET")
    # The wijk is asked when the postcode could not say it: in the form that came back with the
    # question (its list is in the post), or when a postcode was saved without one before.
    asked = "district" in request.POST
    ask = asked or (request.method == "GET" and bool(resident.postcode) and resident.district_id is None)
    form = ProfileForm(request.POST or None, instance=resident, ask_district=ask)
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data.get("district")
        values = {name: form.cleaned_data[name] for name in form.changed_data if name != "district"}
        located = None
        if "postcode" in values and values["postcode"] and chosen is None:
            # Before the transaction: Locatieserver may be slow or down.
            located = services.locate_postcode(values["postcode"])
            if services.needs_wijk_choice(located) and not asked:
                form = ProfileForm(request.POST, instance=resident, ask_district=True, located=located)
                form.is_valid()
                form.add_error("district", wijk_question(located))
                return _profile_page(request, resident, form)
        resident = services.update_own_profile(resident=resident, located=located, district=chosen, **values)
        saved = _("Your details are saved.")
        if "postcode" in values or chosen is not None:
            saved = f"{saved} {selectors.wijk_in_words(resident.district, own=True)}"
        messages.success(request, saved)
        return redirect("accounts:profile")
    return _profile_page(request, resident, form)


def _profile_page(request: HttpRequest, resident: Resident, form: ProfileForm) -> HttpResponse:
    consents = resident.consents.filter(withdrawn_at__isnull=True)
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "resident": resident,
            "consents": consents,
            "wijk": selectors.wijk_and_team(resident.district) if resident.district_id else None,
        },
    )


@require_POST
@permission_required("mijn.open")
def withdraw_consent(request: AuthenticatedHttpRequest, purpose: str) -> HttpResponse:
    resident = access_own_resident(request.user, logged=False)
    if services.withdraw_consent(resident=resident, purpose=purpose, by=request.user):
        messages.success(request, _("Your permission is withdrawn."))
    return redirect("accounts:profile")


@require_safe
@permission_required("mijn.open")
def my_data(request: AuthenticatedHttpRequest) -> HttpResponse:
    access_own_resident(request.user)
    export = services.export_personal_data(user=request.user)
    return render(request, "accounts/my_data.html", {"export": export})


@require_safe
@permission_required("mijn.open")
def my_data_json(request: AuthenticatedHttpRequest) -> HttpResponse:
    access_own_resident(request.user, logged=False)
    response = HttpResponse(services.export_as_json(user=request.user, logged=True), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens.json"'
    return response


@require_safe
@permission_required("mijn.open")
def my_data_pdf(request: AuthenticatedHttpRequest) -> HttpResponse:
    access_own_resident(request.user, logged=False)
    export = services.export_personal_data(user=request.user, logged=True)
    html = render_to_string("accounts/my_data_print.html", {"export": export}, request=request)
    from weasyprint import HTML  # slow to import; only this download needs it

    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens.pdf"'
    return response


@require_safe
@permission_required("mijn.open")
def who_looked(request: AuthenticatedHttpRequest) -> HttpResponse:
    resident = access_own_resident(request.user, logged=False)
    entries = selectors.accesses_of_resident(resident, excluding_user=request.user)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("pagina"))
    rows = selectors.describe_accesses(page.object_list, reader="subject")
    return render(request, "accounts/who_looked.html", {"page": page, "rows": rows})


@require_http_methods(["GET", "POST"])
@permission_required("mijn.open")
def erase(request: AuthenticatedHttpRequest) -> HttpResponse:
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
def werkplek(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The broker's day: what waits for them in every module (counts with links), their teams."""
    teams = _staff_teams(request).prefetch_related("districts").annotate(member_total=Count("members"))
    tasks = selectors.werkplek_tasks(request.user)
    return render(
        request,
        "accounts/werkplek.html",
        {
            "teams": teams,
            "tasks": tasks,
            "waiting": sum(task.count for task in tasks),
            # Counted up to the cap: counting a team's 30,000 residents would cost more than the page.
            "resident_total": capped_count(Resident.objects.visible_to(request.user)),
            "resident_cap": COUNT_CAP,
            "is_administrator": access_of(request.user).is_administrator,
        },
    )


@require_safe
@permission_required("werkplek.open")
def resident_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ResidentSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    page = access_resident_page(
        request.user, selectors.search_residents(query), request.GET.get("pagina"), per_page=PAGE_SIZE
    )
    return render(request, "accounts/resident_list.html", {"form": form, "page": page})


@require_http_methods(["GET", "POST"])
@permission_required("werkplek.take_in_resident")
def resident_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    teams = _staff_teams(request)
    form = IntakeForm(request.POST or None, districts=_staff_districts(request))
    if request.method == "POST" and form.is_valid():
        data = {
            name: value
            for name, value in form.cleaned_data.items()
            if name not in ("form_key", "district_asked", "look_alikes_seen")
        }
        # A repeat of a form already handled (a double click) goes to what it made, unasked.
        repeat = SubmittedForm.objects.filter(key=form.cleaned_data["form_key"], result_type="accounts.resident")
        if not repeat.exists():
            asked = _asked_about_look_alikes(request, form, data)
            if asked is not None:
                return asked
        # Before the transaction: Locatieserver may be slow or down.
        located = services.locate_postcode(data["postcode"]) if not data.get("district") else None
        if services.needs_wijk_choice(located) and not form.cleaned_data["district_asked"] and not repeat.exists():
            # The wijk cannot be found from the postcode: the same form asks for it; left empty
            # the second time, the record is saved without one (the intake team keeps it).
            asking = request.POST.copy()
            asking["district_asked"] = "True"
            form = IntakeForm(asking, districts=_staff_districts(request), located=located)
            form.is_valid()
            form.add_error("district", wijk_question(located))
            return render(request, "accounts/resident_form.html", {"form": form, "intake": True})
        try:
            resident, created = once(
                form.cleaned_data["form_key"],
                lambda: services.take_in_resident(by=request.user, team=teams.first(), located=located, **data),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if created:
                messages.success(
                    request,
                    _("%(name)s is registered.") % {"name": resident.name}
                    + " "
                    + selectors.wijk_in_words(resident.district, own=False),
                )
            return redirect("accounts:resident_detail", pk=resident.pk)
    return render(request, "accounts/resident_form.html", {"form": form, "intake": True})


def _asked_about_look_alikes(request: HttpRequest, form: IntakeForm, data: dict[str, Any]) -> HttpResponse | None:
    """Before registering someone: records like this one (same phone, e-mail, or name and
    postcode). Those the broker may open are shown with a link (their names seen are logged);
    of others only that someone like this is known to another team. The same form comes back
    with "Save anyway", which holds for exactly these values. None: nothing to ask."""
    values = {name: data.get(name) or "" for name in ("name", "email", "phone", "postcode")}
    signature = selectors.look_alike_signature(**values)
    if form.cleaned_data["look_alikes_seen"] == signature:
        return None
    found = selectors.look_alikes_shown_to(request.user, **values)
    if not found:
        return None
    access_list([other for other, _reason in found.visible], request.user, purpose=RECORD_LINKING.code)
    asking = request.POST.copy()
    asking["look_alikes_seen"] = signature
    again = IntakeForm(asking, districts=_staff_districts(request))
    again.is_valid()
    return render(
        request,
        "accounts/resident_form.html",
        {"form": again, "intake": True, "look_alikes": found},
    )


@require_safe
@permission_required("werkplek.open")
def resident_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    resident = access_resident(request.user, pk)
    return render(
        request,
        "accounts/resident_detail.html",
        {
            "resident": resident,
            "consents": resident.consents.select_related("recorded_by").all(),
            "shares": resident.shares.select_related("team").all(),
            "links": resident.account_links.filter(confirmed_at__isnull=True).order_by("-requested_at")[:3],
            "duplicates": selectors.open_duplicates_shown_to(request.user, resident),
            "merges": resident.merges.all()[:5],
            "consent_form": ConsentForm(),
            "link_form": LinkAccountForm(),
            "share_form": ShareForm(teams=NeighbourhoodTeam.objects.exclude(pk__in=access_of(request.user).team_ids)),
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("werkplek.open")
def resident_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    resident = access_resident(request.user, pk)
    districts = _staff_districts(request)
    form = ResidentEditForm(request.POST or None, instance=resident, districts=districts)
    if request.method == "POST" and form.is_valid():
        located = services.locate_postcode(form.cleaned_data["postcode"]) if "postcode" in form.changed_data else None
        services.save_resident_edit(
            resident=form.instance, changed=form.changed_data, districts=districts, located=located
        )
        messages.success(request, _("The details are saved."))
        return redirect("accounts:resident_detail", pk=resident.pk)
    return render(request, "accounts/resident_form.html", {"form": form, "resident": resident})


@require_POST
@permission_required("werkplek.open")
def resident_consent(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
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
def resident_link(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Ask the person to confirm a link to their account: an e-mail to the address, nothing more."""
    resident = access_resident(request.user, pk)
    form = LinkAccountForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Fill in a valid e-mail address."))
        return redirect("accounts:resident_detail", pk=resident.pk)
    try:
        services.request_account_link(
            resident=resident, email=form.cleaned_data["email"], by=request.user, team=_staff_teams(request).first()
        )
    except services.LinkError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("We sent an e-mail to %(email)s. When the person confirms it, the record is linked to their account.")
            % {"email": form.cleaned_data["email"]},
        )
    return redirect("accounts:resident_detail", pk=resident.pk)


@require_http_methods(["GET", "POST"])
def confirm_link(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the e-mail: the person sees which team asks and what it holds, and confirms."""
    link = services.open_account_link(token)
    if link is None:
        return render(request, "accounts/confirm_link.html", {"link": None}, status=404)
    # Whoever holds the link sees the details it is about (the link went to the person's address).
    log_access(Action.VIEW, link.resident, purpose="record_linking", actor=actor_for(request.user))
    account_exists = User.objects.filter(email__iexact=link.email).exists()
    user = signed_in_user(request)
    is_them = user is not None and user.email.lower() == link.email
    someone_else = user is not None and not is_them
    if request.method == "POST" and not someone_else and (is_them or not account_exists):
        try:
            outcome = services.confirm_account_link(link=link, user=user if is_them else None)
        except services.LinkError as error:
            messages.error(request, str(error))
            return redirect("accounts:confirm_link", token=token)
        if not is_them:
            login(request, outcome.user, backend="allauth.account.auth_backends.AuthenticationBackend")
        messages.success(
            request,
            _("Thank you. The neighbourhood team will put your details together.")
            if outcome.duplicate
            else _("Your details are linked to your account. You can see and change them here."),
        )
        return redirect("accounts:profile")
    return render(
        request,
        "accounts/confirm_link.html",
        {
            "link": link,
            "resident": link.resident,
            "account_exists": account_exists,
            "is_them": is_them,
            "someone_else": someone_else,
            "login_url": f"{reverse('account_login')}?{urlencode({'next': request.get_full_path()})}",
        },
    )


@require_POST
@permission_required("werkplek.open")
def resident_merge(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A team member merges a possible duplicate into this record (both must be theirs to see)."""
    duplicate = access_duplicate(request.user, request.POST.get("duplicate"))
    resident = access_resident(request.user, pk)
    other = duplicate.other if duplicate.resident_id == resident.pk else duplicate.resident
    if resident.pk not in (duplicate.resident_id, duplicate.other_id):
        raise Http404
    other = access_resident(request.user, other.pk)
    try:
        merge = services.merge_residents(keep=resident, absorb=other, by=request.user, reason=duplicate.reason)
    except services.LinkError as error:
        messages.error(request, str(error))
        return redirect("accounts:resident_detail", pk=resident.pk)
    messages.success(request, _("The two records are now one."))
    return redirect("accounts:resident_detail", pk=merge.kept_id)


@require_POST
@permission_required("werkplek.open")
def resident_not_duplicate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    resident = access_resident(request.user, pk)
    duplicate = access_duplicate(request.user, request.POST.get("duplicate"))
    if resident.pk not in (duplicate.resident_id, duplicate.other_id):
        raise Http404
    services.decide_not_duplicate(duplicate=duplicate, by=request.user)
    messages.success(request, _("Noted: these are two different people."))
    return redirect("accounts:resident_detail", pk=resident.pk)


@require_POST
@permission_required("werkplek.open")
def resident_share(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
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
def my_accesses(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(selectors.accesses_by(request.user), PAGE_SIZE).get_page(request.GET.get("pagina"))
    rows = selectors.describe_accesses(page.object_list, reader="actor")
    # The page names the residents whose records were opened: seeing them here is logged too.
    access_list(
        Resident.objects.filter(pk__in={row.entry.subject_resident_id for row in rows} - {None}),
        request.user,
        purpose=ACCESS_LOG_REVIEW.code,
    )
    return render(request, "accounts/my_accesses.html", {"page": page, "rows": rows})


# ---------------------------------------------------------------------------
# Organisation members


@require_safe
@permission_required("organisation.open")
def organisation(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = Organisation.objects.filter(pk__in=access_of(request.user).organisation_ids)
    return render(request, "accounts/organisation.html", {"organisations": organisations})
