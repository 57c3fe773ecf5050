"""The public side of the vacancy bank: search, vacancy, "Ik wil helpen", organisation pages,
saved searches. No account needed to look; only to sign up an organisation."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from allauth.core import ratelimit
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from wijkbasis.areas.models import Municipality, Organisation
from wijkbasis.core.idempotency import once
from wijkbasis.core.middleware import parse_query
from wijkbasis.core.models import SubmittedForm
from wijkbasis.volunteering import selectors, services, slots
from wijkbasis.volunteering.access import visible_vacancy
from wijkbasis.volunteering.filters import Centre, VacancyFilter
from wijkbasis.volunteering.forms_public import (
    AccountResponseForm,
    OrganisationRegistrationForm,
    ResponseForm,
    SaveSearchForm,
)
from wijkbasis.volunteering.models import SUITABILITY_LABELS, Response, SavedSearch, Vacancy
from wijkbasis.volunteering.selectors import with_card_relations

PAGE_SIZE = 20


def _breadcrumbs(*items: tuple[str, str]) -> list[tuple[str, str]]:
    return [(_("Home"), reverse("areas:home")), *items]


def _vacancies_crumb() -> tuple[str, str]:
    return (_("Volunteer work"), reverse("volunteering:vacancies"))


# ---------------------------------------------------------------------------
# Describing a vacancy in words


def slots_in_words(mask: int, *, short: bool = False) -> str:
    """'Tuesday morning, Thursday evening'; on a card, many slots are summed up by days and parts."""
    pairs = slots.pairs(mask)
    if not pairs:
        return ""
    if short and len(pairs) > 4:
        days = sorted({day for day, _part in pairs})
        parts = sorted({part for _day, part in pairs})
        return _("%(days)s, in the %(parts)s") % {
            "days": ", ".join(str(slots.DAYS[day]) for day in days),
            "parts": ", ".join(str(slots.PARTS[part]) for part in parts),
        }
    return ", ".join(slots.describe(mask))


def when_in_words(vacancy: Vacancy, *, short: bool = False) -> str:
    if vacancy.when == Vacancy.When.FLEXIBLE:
        return _("Whenever it suits you")
    if vacancy.when == Vacancy.When.ONE_OFF:
        if vacancy.starts_at:
            start = timezone.localtime(vacancy.starts_at)
            text = date_format(start, "l j F Y, H:i")
            if vacancy.ends_at:
                end = timezone.localtime(vacancy.ends_at)
                text += "–" + (date_format(end, "H:i") if end.date() == start.date() else date_format(end, "j F, H:i"))
            return _("Once: %(when)s") % {"when": text}
        described = slots_in_words(vacancy.time_slots, short=short)
        return _("Once: %(when)s") % {"when": described} if described else _("Once, on a date to agree")
    described = slots_in_words(vacancy.time_slots, short=short)
    return _("Regularly: %(when)s") % {"when": described} if described else _("Regularly, at times to agree")


def where_in_words(vacancy: Vacancy) -> str:
    if vacancy.where == Vacancy.Where.FROM_HOME:
        return _("From home")
    if vacancy.where == Vacancy.Where.CITY_WIDE:
        return _("Anywhere in %(municipality)s") % {"municipality": vacancy.organisation.municipality.name}
    names = []
    if vacancy.place_id:
        place = vacancy.place
        names.append(f"{place.name}, {place.district.name}" if place.district_id else place.name)
    elif vacancy.address:
        names.append(vacancy.address)
    names += [district.name for district in vacancy.districts.all()]
    return ", ".join(dict.fromkeys(names))


@dataclass(frozen=True)
class VacancyCard:
    vacancy: Vacancy
    where: str
    when: str
    suitable_for: list[str]
    distance_km: float | None = None


def _card(vacancy: Vacancy, centre: Centre | None = None) -> VacancyCard:
    return VacancyCard(
        vacancy=vacancy,
        where=where_in_words(vacancy),
        when=when_in_words(vacancy, short=True),
        suitable_for=[str(SUITABILITY_LABELS[flag]) for flag in vacancy.suitabilities],
        distance_km=centre.distance_km(vacancy.latitude, vacancy.longitude) if centre else None,
    )


# ---------------------------------------------------------------------------
# Search


@require_safe
def vacancies(request: HttpRequest) -> HttpResponse:
    """The vacancy bank: filters, results as cards, and what to widen when nothing is found.
    With htmx, only the results are sent back (the same fragment the full page includes)."""
    filterset = VacancyFilter(request.GET)
    paginator = Paginator(filterset.qs, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("pagina"))
    cards = [_card(vacancy, filterset.centre) for vacancy in page.object_list]
    query = filterset.query_string()
    user_email = request.user.email if request.user.is_authenticated else ""
    context = {
        "filterset": filterset,
        "form": filterset.form,
        "page": page,
        "count": paginator.count,
        "cards": cards,
        "notices": filterset.notices,
        "summary": filterset.summary(),
        "empty_text": filterset.empty_text() if not paginator.count else "",
        "wider": filterset.wider_searches() if not paginator.count else [],
        "save_form": SaveSearchForm(initial={"query": query, "email": user_email}),
        "query": query,
        "show_filters": bool(set(filterset.active_params()) - {"q"}),
        "breadcrumbs": _breadcrumbs((_("Volunteer work"), "")),
    }
    if request.htmx and not request.htmx.history_restore_request:
        response = render(request, "volunteering/public/_results.html", {**context, "partial": True})
    else:
        response = render(request, "volunteering/public/vacancies.html", context)
    # The full page and the fragment share an address: caches must keep them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


# ---------------------------------------------------------------------------
# One vacancy


def _response_form(request: HttpRequest, vacancy: Vacancy, data: Any = None) -> AccountResponseForm:
    form_class = AccountResponseForm if request.user.is_authenticated else ResponseForm
    return form_class(data, vacancy=vacancy)


def _earlier_response(request: HttpRequest, vacancy: Vacancy) -> Response | None:
    return selectors.own_response_to(request.user, vacancy)


@require_safe
def vacancy(request: HttpRequest, slug: str) -> HttpResponse:
    vacancy = visible_vacancy(request.user, slug=slug)
    is_public = vacancy.is_public()
    return render(
        request,
        "volunteering/public/vacancy.html",
        {
            "vacancy": vacancy,
            "municipality": vacancy.organisation.municipality,
            "is_public": is_public,
            "when": when_in_words(vacancy),
            "slots": slots.describe(vacancy.time_slots),
            "suitable_for": [str(SUITABILITY_LABELS[flag]) for flag in vacancy.suitabilities],
            "form": _response_form(request, vacancy) if is_public else None,
            "earlier_response": _earlier_response(request, vacancy),
            "breadcrumbs": _breadcrumbs(_vacancies_crumb(), (vacancy.title, "")),
        },
    )


@require_http_methods(["GET", "POST"])
def respond(request: HttpRequest, slug: str) -> HttpResponse:
    """'Ik wil helpen'. A second submit of the same form (double click, back and again) finds
    the first response: the form key, and services.respond per person."""
    vacancy = get_object_or_404(with_card_relations(Vacancy.objects.published()), slug=slug)
    if request.method == "POST" and not request.user.is_authenticated:
        limited = ratelimit.consume_or_429(request, action="respond_without_account")
        if limited is not None:
            return limited
    form = _response_form(request, vacancy, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = request.user if request.user.is_authenticated else None
        respondent = None
        if user is None:
            respondent = services.Respondent(
                name=data["name"], email=data["email"], phone=data["phone"], postcode=data["postcode"]
            )
        try:
            once(
                data["form_key"],
                lambda: services.respond(vacancy=vacancy, message=data["message"], user=user, respondent=respondent)[0],
            )
        except (services.ResponseError, ValidationError) as error:
            form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))
        else:
            return redirect("volunteering:respond_thanks", slug=vacancy.slug)
    return render(
        request,
        "volunteering/public/respond.html",
        {
            "vacancy": vacancy,
            "municipality": vacancy.organisation.municipality,
            "form": form,
            "earlier_response": _earlier_response(request, vacancy),
            "breadcrumbs": _breadcrumbs(
                _vacancies_crumb(), (vacancy.title, vacancy.get_absolute_url()), (_("I want to help"), "")
            ),
        },
    )


@require_safe
def respond_thanks(request: HttpRequest, slug: str) -> HttpResponse:
    vacancy = visible_vacancy(request.user, slug=slug)
    return render(
        request,
        "volunteering/public/respond_thanks.html",
        {
            "vacancy": vacancy,
            "municipality": vacancy.organisation.municipality,
            "days": settings.RESPONSE_CONTACT_REMINDER_DAYS,
            "teams": selectors.teams_for_vacancy(vacancy),
            "breadcrumbs": _breadcrumbs(
                _vacancies_crumb(), (vacancy.title, vacancy.get_absolute_url()), (_("Thank you"), "")
            ),
        },
    )


# ---------------------------------------------------------------------------
# Organisations


@require_safe
def organisation(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(
        Organisation.objects.filter(status=Organisation.Status.APPROVED).select_related("municipality"), slug=slug
    )
    found = with_card_relations(Vacancy.objects.published().filter(organisation=organisation)).order_by(
        "-published_at", "-pk"
    )
    return render(
        request,
        "volunteering/public/organisation.html",
        {
            "organisation": organisation,
            "municipality": organisation.municipality,
            "cards": [_card(vacancy) for vacancy in found],
            "breadcrumbs": _breadcrumbs(_vacancies_crumb(), (organisation.name, "")),
        },
    )


def _default_municipality(municipalities: list[Municipality]) -> Municipality | None:
    for municipality in municipalities:
        if municipality.code == settings.DEFAULT_MUNICIPALITY:
            return municipality
    return None


@require_http_methods(["GET", "POST"])
@login_required
def register_organisation(request: HttpRequest) -> HttpResponse:
    municipalities = list(Municipality.objects.order_by("name"))
    form = OrganisationRegistrationForm(
        request.POST if request.method == "POST" else None,
        municipalities=municipalities,
        default=_default_municipality(municipalities),
    )
    if request.method == "POST" and _already_submitted(request.POST.get("form_key")):
        # The same form again (a double click): its name is taken now, by itself.
        return redirect("volunteering:organisation_registered")
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in OrganisationRegistrationForm.Meta.fields}
        municipality = form.chosen_municipality()
        once(
            form.cleaned_data["form_key"],
            lambda: services.register_organisation(by=request.user, municipality=municipality, **values),
        )
        return redirect("volunteering:organisation_registered")
    return render(
        request,
        "volunteering/public/register_organisation.html",
        {"form": form, "breadcrumbs": _breadcrumbs((_("Sign up your organisation"), ""))},
    )


def _already_submitted(key: str | None) -> bool:
    try:
        return SubmittedForm.objects.filter(key=uuid.UUID(str(key)), result_type="areas.organisation").exists()
    except ValueError:
        return False


@require_safe
@login_required
def organisation_registered(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "volunteering/public/organisation_registered.html",
        {"breadcrumbs": _breadcrumbs((_("Sign up your organisation"), ""))},
    )


# ---------------------------------------------------------------------------
# Saved searches: new vacancies by e-mail


@require_POST
def save_search(request: HttpRequest) -> HttpResponse:
    # Each saved search sends a confirmation e-mail to the address given: limited per IP address.
    limited = ratelimit.consume_or_429(request, action="save_search")
    if limited is not None:
        return limited
    form = SaveSearchForm(request.POST)
    filterset = VacancyFilter(parse_query(request.POST.get("query", "")[:1000]))
    query = filterset.query_string()
    label = filterset.summary() or _("all volunteer work")
    if len(query) > SavedSearch._meta.get_field("query").max_length:
        form.add_error(None, _("This search has too many filters to save. Choose fewer and try again."))
    if form.is_valid():
        user = request.user if request.user.is_authenticated else None
        saved = once(
            form.cleaned_data["form_key"],
            lambda: services.save_search(
                email=form.cleaned_data["email"],
                query=query,
                label=Truncator(label).chars(SavedSearch._meta.get_field("label").max_length),
                user=user,
                language=get_language() or settings.LANGUAGE_CODE,
            )[0],
        )[0]
        status = "actief" if saved.confirmed_at else "bevestigen"
        return redirect(reverse("volunteering:search_saved") + f"?status={status}")
    return render(
        request,
        "volunteering/public/save_search.html",
        {
            "form": form,
            "summary": filterset.summary(),
            "query": query,
            "breadcrumbs": _breadcrumbs(_vacancies_crumb(), (_("Save this search"), "")),
        },
    )


@require_safe
def search_saved(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "volunteering/public/search_saved.html",
        {
            "confirmed": request.GET.get("status") == "actief",
            "breadcrumbs": _breadcrumbs(_vacancies_crumb(), (_("Search saved"), "")),
        },
    )


@require_http_methods(["GET", "POST"])
def confirm_search(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the confirmation e-mail. GET only shows a button: link checkers of mail
    providers open links too, and must not subscribe anyone."""
    search = SavedSearch.objects.filter(token=token).first()
    crumbs = _breadcrumbs(_vacancies_crumb(), (_("New vacancies by e-mail"), ""))
    if search is None:
        return render(request, "volunteering/public/confirm_search.html", {"breadcrumbs": crumbs}, status=404)
    if request.method == "POST":
        search = services.confirm_search(token=token)
    return render(
        request,
        "volunteering/public/confirm_search.html",
        {"search": search, "just_confirmed": request.method == "POST", "breadcrumbs": crumbs},
    )


@csrf_exempt  # RFC 8058: mail programs POST "List-Unsubscribe=One-Click" without a session or token.
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """Stop a saved search in one click. GET shows the button (link checkers must not
    unsubscribe anyone); POST, from that button or from a mail program, stops it."""
    crumbs = _breadcrumbs(_vacancies_crumb(), (_("Stop e-mails"), ""))
    if request.method == "POST":
        services.unsubscribe(token=token)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse(_("You will no longer get these e-mails."), content_type="text/plain; charset=utf-8")
        return render(request, "volunteering/public/unsubscribe.html", {"done": True, "breadcrumbs": crumbs})
    search = SavedSearch.objects.filter(token=token).first()
    return render(
        request,
        "volunteering/public/unsubscribe.html",
        {"search": search, "breadcrumbs": crumbs},
        status=200 if search else 404,
    )
