"""Pages for sociaal makelaars (and other team staff): the response pipeline of their wijken,
suggested candidates and vacancies, reviews of organisations and vacancies, follow-ups."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from wijkbasis.accounts.decorators import permission_required
from wijkbasis.accounts.models import Resident
from wijkbasis.areas.models import Organisation
from wijkbasis.core.access_log import Action, log_access, log_access_many
from wijkbasis.volunteering import selectors, services
from wijkbasis.volunteering.forms import NoteForm, ResponseMoveForm
from wijkbasis.volunteering.models import Response, Vacancy
from wijkbasis.volunteering.views.organisation import move

PAGE_SIZE = 25


def _visible_responses(request: HttpRequest):  # type: ignore[no-untyped-def]
    return selectors.response_queryset().filter(pk__in=selectors.responses_visible_to(request.user).values("pk"))


@require_safe
@permission_required("werkplek.open")
def pipeline(request: HttpRequest) -> HttpResponse:
    visible = _visible_responses(request)
    status = request.GET.get("status", "")
    counts = dict(
        selectors.responses_visible_to(request.user).values_list("status").annotate(total=Count("id")).order_by()
    )
    found = visible.filter(status=status) if status in Response.Status.values else visible
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("pagina"))
    log_access_many(request, Action.LIST, page.object_list)
    return render(
        request,
        "volunteering/broker/pipeline.html",
        {
            "page": page,
            "status": status,
            "columns": [(value, label, counts.get(value, 0)) for value, label in Response.Status.choices],
            "follow_ups_due": selectors.follow_ups_for(request.user).filter(due_on__lte=timezone.localdate()).count(),
            "review_waiting": Organisation.objects.filter(status=Organisation.Status.PENDING).count()
            + Vacancy.objects.filter(status=Vacancy.Status.IN_REVIEW).count(),
        },
    )


def _visible_response(request: HttpRequest, pk: int) -> Response:
    return get_object_or_404(_visible_responses(request), pk=pk)


@require_safe
@permission_required("werkplek.open")
def response_detail(request: HttpRequest, pk: int) -> HttpResponse:
    response = _visible_response(request, pk)
    log_access(request, Action.VIEW, response)
    return render(
        request,
        "volunteering/broker/response_detail.html",
        {
            "response": response,
            "events": response.events.select_related("by").all(),
            "notes": response.notes.select_related("author").all(),
            "note_form": NoteForm(),
            "move_form": ResponseMoveForm(
                initial={"expected_status": response.status}, allowed=services.TRANSITIONS[response.status]
            ),
            "resident_visible": Resident.objects.visible_to(request.user).filter(pk=response.resident_id).exists(),
        },
    )


@require_POST
@permission_required("werkplek.open")
def response_move(request: HttpRequest, pk: int) -> HttpResponse:
    response = _visible_response(request, pk)
    return move(request, response, redirect_to=("volunteering:broker_response", pk), as_broker=True)


@require_POST
@permission_required("werkplek.open")
def response_note(request: HttpRequest, pk: int) -> HttpResponse:
    response = _visible_response(request, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        services.add_note(response=response, by=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("The note is saved."))
    else:
        messages.error(request, _("Write a note first."))
    return redirect("volunteering:broker_response", pk=pk)


@require_safe
@permission_required("werkplek.open")
def candidates(request: HttpRequest, pk: int) -> HttpResponse:
    """Residents whose talent profile fits this vacancy, with the reasons."""
    from wijkbasis.volunteering import matching

    vacancy = get_object_or_404(Vacancy.objects.published().select_related("organisation"), pk=pk)
    ranked = matching.rank_profiles(
        matching.vacancy_facts(Vacancy.objects.filter(pk=vacancy.pk))[0],
        selectors.profile_facts_visible_to(request.user),
        limit=20,
    )
    residents = Resident.objects.in_bulk([facts.resident_id for facts, _match in ranked])
    rows = [(residents[facts.resident_id], match, matching.explain(match)) for facts, match in ranked]
    log_access_many(request, Action.LIST, [resident for resident, _match, _text in rows], purpose="candidates")
    return render(request, "volunteering/broker/candidates.html", {"vacancy": vacancy, "rows": rows})


@require_safe
@permission_required("werkplek.open")
def suggestions_for_resident(request: HttpRequest, pk: int) -> HttpResponse:
    """Vacancies that fit a resident's talent profile, with the reasons."""
    from wijkbasis.volunteering import matching
    from wijkbasis.volunteering.models import TalentProfile

    resident = get_object_or_404(Resident.objects.visible_to(request.user), pk=pk)
    profile = TalentProfile.objects.filter(resident=resident).first()
    rows = []
    if profile is not None:
        facts = matching.profile_facts(TalentProfile.objects.filter(pk=profile.pk), include_private=True)
        if facts:
            ranked = matching.rank_vacancies(facts[0], selectors.published_vacancy_facts(), limit=20)
            vacancies = Vacancy.objects.select_related("organisation").in_bulk([item.id for item, _m in ranked])
            rows = [(vacancies[item.id], match, matching.explain(match)) for item, match in ranked]
    log_access(request, Action.VIEW, resident, purpose="suggested vacancies")
    return render(
        request, "volunteering/broker/suggestions.html", {"resident": resident, "profile": profile, "rows": rows}
    )


@require_safe
@permission_required("werkplek.open")
def review_queue(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "volunteering/broker/review.html",
        {
            "organisations": Organisation.objects.filter(status=Organisation.Status.PENDING).order_by("created_at"),
            "vacancies": Vacancy.objects.filter(status=Vacancy.Status.IN_REVIEW)
            .select_related("organisation")
            .order_by("updated_at"),
        },
    )


@require_POST
@permission_required("werkplek.open")
def review_organisation(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk, status=Organisation.Status.PENDING)
    approve = request.POST.get("decision") == "approve"
    services.review_organisation(
        organisation=organisation, by=request.user, approve=approve, note=request.POST.get("note", "")[:300]
    )
    messages.success(
        request,
        _("%(name)s is approved.") % {"name": organisation.name}
        if approve
        else _("%(name)s is not approved.") % {"name": organisation.name},
    )
    return redirect("volunteering:review_queue")


@require_POST
@permission_required("werkplek.open")
def review_vacancy(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = get_object_or_404(Vacancy, pk=pk, status=Vacancy.Status.IN_REVIEW)
    approve = request.POST.get("decision") == "approve"
    services.review_vacancy(vacancy=vacancy, by=request.user, approve=approve)
    messages.success(
        request, _("The vacancy is published.") if approve else _("The vacancy went back to the organisation.")
    )
    return redirect("volunteering:review_queue")


@require_safe
@permission_required("werkplek.open")
def follow_ups(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.follow_ups_for(request.user), PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "volunteering/broker/follow_ups.html", {"page": page, "today": timezone.localdate()})


@require_POST
@permission_required("werkplek.open")
def follow_up_done(request: HttpRequest, pk: int) -> HttpResponse:
    follow_up = get_object_or_404(selectors.follow_ups_for(request.user), pk=pk)
    services.complete_follow_up(follow_up=follow_up, by=request.user)
    messages.success(request, _("Done."))
    return redirect("volunteering:follow_ups")
