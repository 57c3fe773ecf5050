"""The public side of the vacancy bank: search, vacancy, "Ik wil helpen", organisation pages,
saved searches. No account needed to look; only to sign up an organisation."""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlencode

from allauth.core import ratelimit
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from wijkbasis.accounts.selectors import access_of
from wijkbasis.accounts.types import AuthenticatedHttpRequest, signed_in_user
from wijkbasis.areas.models import Municipality, Organisation
from wijkbasis.core.idempotency import once
from wijkbasis.core.middleware import parse_query
from wijkbasis.core.models import SubmittedForm
from wijkbasis.core.pagination import CappedPaginator
from wijkbasis.core.types import HttpRequest
from wijkbasis.ui.breadcrumbs import breadcrumbs
from wijkbasis.volunteering import describe, selectors, services
from wijkbasis.volunteering.access import access_saved_search_by_token, visible_vacancy
from wijkbasis.volunteering.filters import VacancyFilter
from wijkbasis.volunteering.filters.filterset import without_noise
from wijkbasis.volunteering.filters.summary import empty_text, summary
from wijkbasis.volunteering.filters.wider import wider_searches
from wijkbasis.volunteering.forms.public import (
    AccountResponseForm,
    OrganisationRegistrationForm,
    ResponseForm,
    SaveSearchForm,
)
from wijkbasis.volunteering.models import Response, SavedSearch, Vacancy, organisation_url
from wijkbasis.volunteering.selectors import card_queryset, with_card_relations

PAGE_SIZE = 20
#: Open vacancies shown instead of one that was filled or closed.
SIMILAR_SHOWN = 3


def _vacancies_crumb() -> tuple[str, str]:
    return (_("Volunteer work"), reverse("volunteering:vacancies"))


# ---------------------------------------------------------------------------
# Search


def _for_organisations(request: HttpRequest) -> dict[str, Any]:
    """Where an organisation puts its vacancy on the site: members write one, others sign up first."""
    acts = bool(access_of(request.user).organisation_ids)
    url = reverse("volunteering:org_vacancy_new" if acts else "volunteering:register_organisation")
    return {"acts_for_organisation": acts, "for_organisations_url": url}


@require_safe
def vacancies(request: HttpRequest) -> HttpResponse:
    """The vacancy bank: filters, results as cards, and what to widen when nothing is found.
    With htmx, only the results are sent back (the same fragment the full page includes), and
    the address bar gets the tidy address of the search."""
    if not request.htmx:
        tidy = without_noise(request.GET)
        if tidy != request.GET:
            # A form sent without JavaScript: empty fields, a distance without a postcode.
            return redirect(reverse("volunteering:vacancies") + (f"?{tidy.urlencode()}" if tidy else ""))
    filterset = VacancyFilter(request.GET)
    # The page's ids first (a word search ranks every match), then the 20 cards by id.
    paginator = CappedPaginator(filterset.qs, PAGE_SIZE, rows=selectors.card_queryset(Vacancy.objects.all()))
    page = paginator.get_page(request.GET.get("pagina"))
    cards = [describe.vacancy_card(vacancy, centre=filterset.centre) for vacancy in page.object_list]
    query = filterset.query_string()
    user_email = request.user.email if request.user.is_authenticated else ""
    context = {
        "filterset": filterset,
        "form": filterset.form,
        "page": page,
        "count": paginator.count,
        "count_in_words": describe.vacancy_count(paginator.count, more=paginator.capped),
        "cards": cards,
        "notices": filterset.notices,
        "summary": summary(filterset),
        "empty_text": empty_text(filterset) if not paginator.count else "",
        "wider": wider_searches(filterset) if not paginator.count else [],
        "save_form": SaveSearchForm(initial={"query": query, "email": user_email}),
        "query": query,
        "show_filters": bool(set(filterset.active_params()) - {"q"}),
        # What the rendered form follows from (vacancies.html keeps it as a fragment): every
        # parameter as sent, in a fixed order, except the page.
        "form_key": urlencode(
            sorted((name, value) for name, values in request.GET.lists() for value in values if name != "pagina")
        ),
        "breadcrumbs": breadcrumbs((_("Volunteer work"), "")),
        **_for_organisations(request),
    }
    if request.htmx and not request.htmx.history_restore_request:
        response = render(request, "volunteering/public/_results.html", {**context, "partial": True})
        number = page.number if page.number > 1 else None
        pairs = "&".join(filter(None, [query, f"pagina={number}" if number else ""]))
        response["HX-Push-Url"] = reverse("volunteering:vacancies") + (f"?{pairs}" if pairs else "")
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


def _gone(request: HttpRequest, vacancy: Vacancy, ended: str) -> HttpResponse:
    """A vacancy that was filled or closed: say so, and show similar open work. 410, so search
    engines drop the address; people still read the page."""
    return render(
        request,
        "volunteering/public/vacancy_gone.html",
        {
            "vacancy": vacancy,
            "municipality": vacancy.organisation.municipality,
            "filled": ended == Vacancy.Status.FILLED,
            "similar": selectors.similar_vacancies(vacancy, limit=SIMILAR_SHOWN),
            "breadcrumbs": breadcrumbs(_vacancies_crumb(), (vacancy.title, "")),
        },
        status=410,
    )


def _ended_vacancy(slug: str) -> Vacancy | None:
    """A vacancy that was public and is filled or closed now, for everyone to see as such."""
    vacancy = with_card_relations(Vacancy.objects.exclude(published_at=None)).filter(slug=slug).first()
    return vacancy if vacancy is not None and vacancy.ended_as() else None


@require_safe
def vacancy(request: HttpRequest, slug: str) -> HttpResponse:
    """A published vacancy; for its organisation and the teams of its municipality also a
    preview of one that is not (yet); for everyone else, one that has gone says so."""
    try:
        vacancy = visible_vacancy(request.user, slug=slug)
    except Http404:
        ended = _ended_vacancy(slug)
        if ended is None:
            raise
        return _gone(request, ended, ended.ended_as() or "")
    is_public = vacancy.is_public()
    return render(
        request,
        "volunteering/public/vacancy.html",
        {
            "vacancy": vacancy,
            "municipality": vacancy.organisation.municipality,
            "organisation_url": organisation_url(vacancy.organisation),
            "is_public": is_public,
            "when": describe.when_in_words(vacancy),
            "time": describe.time_in_words(vacancy),
            "skills": describe.names(vacancy.skills.all()),
            "suitable_for": describe.suitabilities_in_words(vacancy.suitable_for),
            "form": _response_form(request, vacancy) if is_public else None,
            "earlier_response": _earlier_response(request, vacancy),
            "breadcrumbs": breadcrumbs(_vacancies_crumb(), (vacancy.title, "")),
        },
    )


@require_http_methods(["GET", "POST"])
def respond(request: HttpRequest, slug: str) -> HttpResponse:
    """'Ik wil helpen'. A second submit of the same form (double click, back and again) finds
    the first response: the form key, and services.respond per person."""
    vacancy = with_card_relations(Vacancy.objects.published()).filter(slug=slug).first()
    if vacancy is None:
        ended = _ended_vacancy(slug)
        if ended is None:
            raise Http404
        return _gone(request, ended, ended.ended_as() or "")
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
            "breadcrumbs": breadcrumbs(
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
            "breadcrumbs": breadcrumbs(
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
    found = card_queryset(Vacancy.objects.published().filter(organisation=organisation)).order_by(
        "-published_at", "-pk"
    )
    return render(
        request,
        "volunteering/public/organisation.html",
        {
            "organisation": organisation,
            "municipality": organisation.municipality,
            "cards": [describe.vacancy_card(vacancy) for vacancy in found],
            "breadcrumbs": breadcrumbs(_vacancies_crumb(), (organisation.name, "")),
        },
    )


def _default_municipality(municipalities: list[Municipality]) -> Municipality | None:
    for municipality in municipalities:
        if municipality.code == settings.DEFAULT_MUNICIPALITY:
            return municipality
    return None


@require_http_methods(["GET", "POST"])
def register_organisation(request: HttpRequest) -> HttpResponse:
    """An organisation signs itself up. Its members act for it with their own accounts, so a
    visitor without one is told that first (and sent to log in with this page to come back to)."""
    user = signed_in_user(request)
    if user is None:
        back_here = QueryDict.fromkeys(["next"], request.path).urlencode(safe="/")
        login = f"{reverse('account_login')}?{back_here}"
        if request.method == "POST":
            return redirect(login)
        return render(
            request,
            "volunteering/public/register_organisation.html",
            {
                "login_url": login,
                "signup_url": f"{reverse('account_signup')}?{back_here}",
                "breadcrumbs": breadcrumbs((_("Sign up your organisation"), "")),
            },
        )
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
            lambda: services.register_organisation(by=user, municipality=municipality, **values),
        )
        return redirect("volunteering:organisation_registered")
    return render(
        request,
        "volunteering/public/register_organisation.html",
        {"form": form, "breadcrumbs": breadcrumbs((_("Sign up your organisation"), ""))},
    )


def _already_submitted(key: str | None) -> bool:
    try:
        return SubmittedForm.objects.filter(key=uuid.UUID(str(key)), result_type="areas.organisation").exists()
    except ValueError:
        return False


@require_safe
@login_required
def organisation_registered(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "volunteering/public/organisation_registered.html",
        {"breadcrumbs": breadcrumbs((_("Sign up your organisation"), ""))},
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
    label = summary(filterset) or _("all volunteer work")
    query_length = SavedSearch._meta.get_field("query").max_length
    label_length = SavedSearch._meta.get_field("label").max_length
    assert query_length is not None and label_length is not None  # both are CharFields
    if len(query) > query_length:
        form.add_error(None, _("This search has too many filters to save. Choose fewer and try again."))
    if form.is_valid():
        user = request.user if request.user.is_authenticated else None
        saved = once(
            form.cleaned_data["form_key"],
            lambda: services.save_search(
                email=form.cleaned_data["email"],
                query=query,
                label=Truncator(label).chars(label_length),
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
            "summary": summary(filterset),
            "query": query,
            "breadcrumbs": breadcrumbs(_vacancies_crumb(), (_("Save this search"), "")),
        },
    )


@require_safe
def search_saved(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "volunteering/public/search_saved.html",
        {
            "confirmed": request.GET.get("status") == "actief",
            "breadcrumbs": breadcrumbs(_vacancies_crumb(), (_("Search saved"), "")),
        },
    )


@require_http_methods(["GET", "POST"])
def confirm_search(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the confirmation e-mail. GET only shows a button: link checkers of mail
    providers open links too, and must not subscribe anyone."""
    search = access_saved_search_by_token(request.user, token)
    crumbs = breadcrumbs(_vacancies_crumb(), (_("New vacancies by e-mail"), ""))
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
    crumbs = breadcrumbs(_vacancies_crumb(), (_("Stop e-mails"), ""))
    if request.method == "POST":
        services.unsubscribe(token=token)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse(_("You will no longer get these e-mails."), content_type="text/plain; charset=utf-8")
        return render(request, "volunteering/public/unsubscribe.html", {"done": True, "breadcrumbs": crumbs})
    search = access_saved_search_by_token(request.user, token)
    return render(
        request,
        "volunteering/public/unsubscribe.html",
        {"search": search, "breadcrumbs": crumbs},
        status=200 if search else 404,
    )
