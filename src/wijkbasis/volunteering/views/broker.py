"""Pages for sociaal makelaars (and other team staff): the response pipeline of their wijken,
suggested candidates and vacancies, reviews of organisations and vacancies, follow-ups."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from wijkbasis.accounts.access import access_resident
from wijkbasis.accounts.decorators import permission_required
from wijkbasis.accounts.models import Resident
from wijkbasis.accounts.types import AuthenticatedHttpRequest
from wijkbasis.core.access import access_list
from wijkbasis.core.types import HttpRequest
from wijkbasis.volunteering import selectors, services
from wijkbasis.volunteering.access import (
    access_follow_up,
    access_follow_up_page,
    access_resident_talent_profile,
    access_response,
    access_response_page,
    organisation_to_review,
    organisations_reviewable_by,
    response_queryset,
    vacancy_to_review,
    visible_vacancy,
)
from wijkbasis.volunteering.forms.broker import NoteForm
from wijkbasis.volunteering.forms.steps import StepForm
from wijkbasis.volunteering.models import FollowUp, Response, TalentProfile, Vacancy
from wijkbasis.volunteering.processing import VOLUNTEER_MATCHING
from wijkbasis.volunteering.views import steps

PAGE_SIZE = 25


@require_safe
@permission_required("werkplek.open")
def pipeline(request: AuthenticatedHttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    found = response_queryset()
    # The counts per status are of the same rows: the page's count follows from them.
    counts = selectors.response_counts_by_status(request.user)
    if status in Response.Status.values:
        found = found.filter(status=status)
        total = counts.get(status, 0)
    else:
        total = sum(counts.values())
    page = access_response_page(request.user, found, request.GET.get("pagina"), per_page=PAGE_SIZE, count=total)
    return render(
        request,
        "volunteering/broker/pipeline.html",
        {
            "page": page,
            "status": status,
            "columns": [(value, label, counts.get(value, 0)) for value, label in Response.Status.choices],
            "follow_ups_due": FollowUp.objects.visible_to(request.user)
            .filter(done_at__isnull=True, due_on__lte=timezone.localdate())
            .count(),
            "review_waiting": organisations_reviewable_by(request.user).count()
            + Vacancy.objects.reviewable_by(request.user).count(),
        },
    )


def _response_page(request: HttpRequest, response: Response, step_form: StepForm | None = None) -> HttpResponse:
    return steps.response_page(
        request,
        response,
        template="volunteering/broker/response_detail.html",
        page="volunteering:broker_response",
        step_form=step_form,
        notes=response.notes.select_related("author").all(),
        note_form=NoteForm(),
        resident_visible=Resident.objects.visible_to(request.user).filter(pk=response.resident_id).exists(),
    )


@require_safe
@permission_required("werkplek.open")
def response_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _response_page(request, access_response(request.user, pk))


@require_POST
@permission_required("werkplek.open")
def response_move(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    response = access_response(request.user, pk)
    return steps.move(
        request, response, page="volunteering:broker_response", render_page=_response_page, as_broker=True
    )


@require_POST
@permission_required("werkplek.open")
def response_note(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    response = access_response(request.user, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        services.add_note(response=response, by=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("The note is saved."))
    else:
        messages.error(request, _("Write a note first."))
    return redirect("volunteering:broker_response", pk=pk)


@require_safe
@permission_required("werkplek.open")
def candidates(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Residents whose talent profile fits this vacancy, with the reasons."""
    from wijkbasis.volunteering import matching

    vacancy = visible_vacancy(request.user, pk=pk)
    ranked = matching.rank_profiles(
        matching.vacancy_facts(Vacancy.objects.filter(pk=vacancy.pk))[0],
        selectors.profile_facts_visible_to(request.user),
        limit=20,
    )
    profiles = TalentProfile.objects.visible_to(request.user).select_related("resident")
    shown = {profile.resident_id: profile for profile in profiles.filter(pk__in=[facts.id for facts, _m in ranked])}
    access_list(shown.values(), request.user, purpose=VOLUNTEER_MATCHING.code)
    rows = [
        (shown[facts.resident_id].resident, match, matching.explain(match))
        for facts, match in ranked
        if facts.resident_id in shown
    ]
    return render(request, "volunteering/broker/candidates.html", {"vacancy": vacancy, "rows": rows})


@require_safe
@permission_required("werkplek.open")
def suggestions_for_resident(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Vacancies that fit a resident's talent profile, with the reasons."""
    resident = access_resident(request.user, pk, purpose=VOLUNTEER_MATCHING.code)
    profile = access_resident_talent_profile(request.user, resident)
    return render(
        request,
        "volunteering/broker/suggestions.html",
        {
            "resident": resident,
            "profile": profile,
            "suggestions": selectors.suggested_vacancies(profile, limit=20) if profile is not None else [],
        },
    )


@require_safe
@permission_required("volunteering.review")
def review_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    """New organisations and vacancies, each with who signed it up and how to reach them."""
    return render(
        request,
        "volunteering/broker/review.html",
        {
            "organisations": organisations_reviewable_by(request.user)
            .select_related("registered_by")
            .order_by("created_at"),
            "vacancies": Vacancy.objects.reviewable_by(request.user)
            .select_related("organisation", "created_by")
            .order_by("updated_at"),
        },
    )


@require_POST
@permission_required("volunteering.review")
def review_organisation(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = organisation_to_review(request.user, pk)
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
@permission_required("volunteering.review")
def review_vacancy(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    vacancy = vacancy_to_review(request.user, pk)
    approve = request.POST.get("decision") == "approve"
    services.review_vacancy(vacancy=vacancy, by=request.user, approve=approve)
    messages.success(
        request, _("The vacancy is published.") if approve else _("The vacancy went back to the organisation.")
    )
    return redirect("volunteering:review_queue")


@require_safe
@permission_required("werkplek.open")
def follow_ups(request: AuthenticatedHttpRequest) -> HttpResponse:
    open_follow_ups = (
        FollowUp.objects.filter(done_at__isnull=True)
        .select_related("response__vacancy", "response__resident", "team")
        .order_by("due_on", "id")
    )
    page = access_follow_up_page(request.user, open_follow_ups, request.GET.get("pagina"), per_page=PAGE_SIZE)
    return render(request, "volunteering/broker/follow_ups.html", {"page": page, "today": timezone.localdate()})


@require_POST
@permission_required("werkplek.open")
def follow_up_done(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    follow_up = access_follow_up(request.user, pk)
    services.complete_follow_up(follow_up=follow_up, by=request.user)
    messages.success(request, _("Done."))
    return redirect("volunteering:follow_ups")
