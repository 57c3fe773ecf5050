"""The coordinator's pages: requests and the waiting list, intake, decisions, priority, planning
visits with a crew (a week board, usable by keyboard alone), visits, completing a job."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from wijkbasis.accounts.decorators import permission_required
from wijkbasis.accounts.services import locate_postcode
from wijkbasis.accounts.types import AuthenticatedHttpRequest
from wijkbasis.areas.models import District, NeighbourhoodTeam
from wijkbasis.buurtservice import availability, eligibility, priority, selectors, services
from wijkbasis.buurtservice.access import (
    access_request,
    access_request_page,
    access_visit,
    coordinated_service,
    coordinated_services,
    log_requests_shown,
    log_workers_shown,
    request_queryset,
)
from wijkbasis.buurtservice.forms import (
    CancelForm,
    CompleteForm,
    DecisionForm,
    IntakeForm,
    PhoneFeedbackForm,
    PhoneRequestForm,
    PlanForm,
    PriorityForm,
    VisitCancelForm,
    VisitForm,
    VisitTimeForm,
)
from wijkbasis.buurtservice.models import Assignment, Feedback, Request, Service
from wijkbasis.buurtservice.rules import is_coordinator
from wijkbasis.buurtservice.waiting import METHOD as WAITING_METHOD
from wijkbasis.buurtservice.waiting import expected_wait
from wijkbasis.core.idempotency import once
from wijkbasis.core.roles import Role
from wijkbasis.core.types import HttpRequest

PAGE_SIZE = 25
COORDINATE = "buurtservice.coordinate"


def coordinator_required(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """permission_required("buurtservice.coordinate"), for administrators too: Django grants a
    superuser every permission, but only a Buurtservice coordinator coordinates (404 otherwise)."""

    @permission_required(COORDINATE)
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not is_coordinator(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


#: The tabs of the requests page: (key, statuses, label). Lazy, so makemessages finds the labels.
TABS: list[tuple[str, tuple[str, ...], Promise]] = [
    ("nieuw", (Request.Status.REQUESTED,), gettext_lazy("New")),
    ("intake", (Request.Status.INTAKE,), gettext_lazy("Intake")),
    ("wachtlijst", (Request.Status.ACCEPTED,), gettext_lazy("Waiting list")),
    ("gepland", (Request.Status.PLANNED, Request.Status.IN_PROGRESS), gettext_lazy("Planned")),
    ("klaar", (Request.Status.DONE, Request.Status.EVALUATED), gettext_lazy("Done")),
    ("gesloten", (Request.Status.DECLINED, Request.Status.CANCELLED), gettext_lazy("Declined or cancelled")),
]


def breadcrumbs(*items: tuple[str, str]) -> list[tuple[str, str]]:
    return [
        (_("Workplace"), reverse("accounts:werkplek")),
        (_("Buurtservice"), reverse("buurtservice:waitlist")),
        *items,
    ]


def service_or_none(request: HttpRequest) -> Service | None:
    return coordinated_service(request.user, request.GET.get("dienst"))


def _coordinator_team(user: Any, district: District | None) -> NeighbourhoodTeam:
    """The team a coordinator acts for: the one serving the wijk, else their first as coordinator."""
    teams = NeighbourhoodTeam.objects.filter(members__user=user, members__role=Role.COORDINATOR).order_by("name")
    if district is not None:
        serving = teams.filter(districts=district).first()
        if serving is not None:
            return serving
    team = teams.first()
    if team is None:
        raise Http404
    return team


def _coordinated_districts(user: Any) -> Any:
    return District.objects.filter(teams__members__user=user, teams__members__role=Role.COORDINATOR).distinct()


# ---------------------------------------------------------------------------
# The requests and the waiting list


@require_safe
@coordinator_required
def waitlist(request: AuthenticatedHttpRequest) -> HttpResponse:
    service = service_or_none(request)
    tab = request.GET.get("tab", "wachtlijst")
    tabs = {key: (statuses, label) for key, statuses, label in TABS}
    if tab not in tabs:
        tab = "wachtlijst"
    context: dict[str, Any] = {
        "service": service,
        "services": coordinated_services(request.user),
        "tab": tab,
        "breadcrumbs": breadcrumbs(),
    }
    if service is None:
        return render(request, "buurtservice/coordinator/waitlist.html", context)
    counts = selectors.status_counts(request.user, service.pk)
    context["tabs"] = [
        (key, str(label), sum(counts.get(status, 0) for status in statuses)) for key, statuses, label in TABS
    ]
    if tab == "wachtlijst":
        ordered = selectors.waiting_list(service.pk)
        places = selectors.waiting_places(service.pk)
        mine = set(
            Request.objects.visible_to(request.user, in_role=Role.COORDINATOR)
            .filter(service=service, status=Request.Status.ACCEPTED)
            .values_list("pk", flat=True)
        )
        shown_ids = [facts.id for facts, _score in ordered if facts.id in mine]
        page = Paginator(shown_ids, PAGE_SIZE).get_page(request.GET.get("pagina"))
        rows = {item.pk: item for item in request_queryset().filter(pk__in=list(page.object_list))}
        jobs = log_requests_shown(request.user, [rows[pk] for pk in page.object_list if pk in rows])
        per_week = selectors.throughput(service.pk)
        weights, today = priority.Weights.from_settings(), timezone.localdate()
        context["rows"] = [
            (
                job,
                places[job.pk],
                expected_wait(ahead=places[job.pk].ahead_in_category, per_week=per_week.get(job.category_id, 0.0)),
                places[job.pk].score(weights, today, reason=job.priority_reason),
            )
            for job in jobs
        ]
        context["page"] = page
        context["method"] = WAITING_METHOD % {"weeks": settings.BUURTSERVICE_THROUGHPUT_WEEKS}
        context["total_waiting"] = len(ordered)
    else:
        statuses = tabs[tab][0]
        shown = request_queryset().filter(service=service, status__in=statuses).order_by("-status_changed_at", "-pk")
        context["page"] = access_request_page(request.user, shown, request.GET.get("pagina"), per_page=PAGE_SIZE)
    return render(request, "buurtservice/coordinator/waitlist.html", context)


@require_http_methods(["GET", "POST"])
@coordinator_required
def intake_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A request by phone or in person: the resident through the assisted-intake rules."""
    service = service_or_none(request)
    if service is None:
        raise Http404
    districts = _coordinated_districts(request.user)
    form = PhoneRequestForm(request.POST if request.method == "POST" else None, districts=districts)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        located = locate_postcode(data["postcode"]) if data["postcode"] and not data["district"] else None
        district = data["district"] or (located.district if located is not None and located.district else None)
        job = services.JobDetails(
            category=data["category"],
            description=data["description"],
            street=data["street"],
            house_number=data["house_number"],
            postcode=data["postcode"],
            city=data["city"] or service.municipality.name,
            phone=data["phone"],
            home_slots=data["home_slots"],
            urgent=data["urgent"],
        )
        requester = (
            services.Person(name=data["requester_name"], phone=data["requester_phone"])
            if data["requester_name"]
            else None
        )
        try:
            created, _new = once(
                data["form_key"],
                lambda: services.take_request_by_phone(
                    service=service,
                    by=request.user,
                    team=_coordinator_team(request.user, district),
                    job=job,
                    person=services.Person(name=data["name"], phone=data["phone"], email=data["email"]),
                    requester=requester,
                    relation=data["relation"] or Request.Relation.SELF,
                    consent_method=data["consent_method"],
                    consent_confirmed=data["resident_agreed"] or requester is None,
                    district=district,
                    located=located,
                ),
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The request is taken in. Fill in the intake questions next."))
            return redirect("buurtservice:request_detail", pk=created.pk)
    return render(
        request,
        "buurtservice/coordinator/intake_new.html",
        {"form": form, "service": service, "breadcrumbs": breadcrumbs((_("Take a request by phone"), ""))},
    )


def _detail_context(request: HttpRequest, job: Request, **forms: Any) -> dict[str, Any]:
    answers = dict(job.eligibility_answers.values_list("criterion_id", "answer"))
    waiting = (
        selectors.waiting_for(job)
        if job.status
        in (
            Request.Status.REQUESTED,
            Request.Status.INTAKE,
            Request.Status.ACCEPTED,
        )
        else None
    )
    if job.requested_by is not None:
        from wijkbasis.core.access_log import Action, actor_for, log_access

        log_access(Action.VIEW, job.requested_by, purpose="odd_jobs", actor=actor_for(request.user))
    visits = list(
        job.visits.prefetch_related(
            Prefetch("assignments", queryset=Assignment.objects.select_related("worker__resident"))
        ).order_by("date", "starts_at")
    )
    log_workers_shown(request.user, [a.worker for visit in visits for a in visit.assignments.all()])
    return {
        "job": job,
        "service": job.service,
        "assessment": eligibility.assess(eligibility.active_criteria(), answers),
        "home_slots": availability.describe(job.home_slots),
        "waiting": waiting,
        "visits": visits,
        "events": list(job.events.select_related("by")),
        "photos": list(job.photos.all()),
        "feedback": getattr(job, "feedback", None),
        "intake_form": forms.get("intake_form")
        or (IntakeForm(request=job, answers=answers, initial=_intake_initial(job)) if job.is_open else None),
        "decision_form": forms.get("decision_form")
        or (
            DecisionForm(initial={"expected_status": job.status})
            if job.status in (Request.Status.REQUESTED, Request.Status.INTAKE)
            else None
        ),
        "priority_form": forms.get("priority_form")
        or (
            PriorityForm(initial={"points": job.priority_adjustment, "reason": job.priority_reason})
            if job.status == Request.Status.ACCEPTED
            else None
        ),
        "cancel_form": forms.get("cancel_form")
        or (CancelForm(initial={"expected_status": job.status}) if job.is_open else None),
        "feedback_form": forms.get("feedback_form")
        or (PhoneFeedbackForm() if job.status == Request.Status.DONE else None),
        "decline_reasons": services.DECLINE_REASONS,
        "cancel_reasons": services.CANCEL_REASONS,
        "breadcrumbs": breadcrumbs((str(job.category), "")),
    }


def _intake_initial(job: Request) -> dict[str, Any]:
    return {
        "expected_status": job.status,
        "urgent": job.urgent,
        "vulnerability": job.vulnerability,
        "needs_vog": job.needs_vog,
        "is_wmo": job.is_wmo,
        "wmo_reference": job.wmo_reference,
        "wmo_funding": job.wmo_funding,
        "wmo_deadline": job.wmo_deadline,
    }


def _render_detail(request: HttpRequest, job: Request, status: int = 200, **forms: Any) -> HttpResponse:
    return render(
        request, "buurtservice/coordinator/request_detail.html", _detail_context(request, job, **forms), status=status
    )


@require_safe
@coordinator_required
def request_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, access_request(request.user, pk))


def _error_messages(error: Exception) -> list[str]:
    return list(getattr(error, "messages", None) or [str(error)])


@require_POST
@coordinator_required
def request_intake(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    job = access_request(request.user, pk)
    answers = dict(job.eligibility_answers.values_list("criterion_id", "answer"))
    form = IntakeForm(request.POST, request=job, answers=answers)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_intake(
                request=job,
                by=request.user,
                answers=form.answers(),
                urgent=data["urgent"],
                vulnerability=data["vulnerability"],
                needs_vog=data["needs_vog"],
                is_wmo=data["is_wmo"],
                wmo_reference=data["wmo_reference"],
                wmo_funding=data["wmo_funding"],
                wmo_deadline=data["wmo_deadline"],
                consent_confirmed=data.get("consent_confirmed", False),
                expected_status=data["expected_status"],
            )
        except (ValidationError, services.ConflictError) as error:
            for message in _error_messages(error):
                form.add_error(None, message)
        else:
            messages.success(request, _("The intake is saved."))
            return redirect("buurtservice:request_detail", pk=job.pk)
    return _render_detail(request, job, status=200, intake_form=form)


@require_POST
@coordinator_required
def request_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    job = access_request(request.user, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.decide(
                request=job,
                by=request.user,
                accept=data["decision"] == "accept",
                reason=data["reason"],
                note=data["note"],
                expected_status=data["expected_status"],
            )
        except (ValidationError, services.ConflictError) as error:
            for message in _error_messages(error):
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("The request is on the waiting list. The resident hears it.")
                if data["decision"] == "accept"
                else _("The request is declined. The resident hears why."),
            )
            return redirect("buurtservice:request_detail", pk=job.pk)
    return _render_detail(request, job, decision_form=form)


@require_POST
@coordinator_required
def request_priority(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    job = access_request(request.user, pk)
    form = PriorityForm(request.POST)
    if form.is_valid():
        try:
            services.adjust_priority(
                request=job, by=request.user, points=form.cleaned_data["points"], reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            for message in _error_messages(error):
                form.add_error(None, message)
        else:
            messages.success(request, _("The priority is changed. The reason is kept in the history."))
            return redirect("buurtservice:request_detail", pk=job.pk)
    return _render_detail(request, job, priority_form=form)


@require_POST
@coordinator_required
def request_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    job = access_request(request.user, pk)
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            services.cancel_request(
                request=job,
                by=request.user,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
                expected_status=form.cleaned_data["expected_status"] or None,
            )
        except (ValidationError, services.ConflictError) as error:
            for message in _error_messages(error):
                form.add_error(None, message)
        else:
            messages.success(request, _("The request is cancelled. The resident hears it."))
            return redirect("buurtservice:request_detail", pk=job.pk)
    return _render_detail(request, job, cancel_form=form)


@require_POST
@coordinator_required
def request_feedback(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Feedback taken by phone."""
    job = access_request(request.user, pk)
    form = PhoneFeedbackForm(request.POST)
    if form.is_valid():
        try:
            once(
                form.cleaned_data["form_key"],
                lambda: services.give_feedback(
                    request=job,
                    score=form.cleaned_data["score"],
                    comment=form.cleaned_data["comment"],
                    by=request.user,
                    channel=Feedback.Channel.PHONE,
                ),
            )
        except ValidationError as error:
            for message in _error_messages(error):
                form.add_error(None, message)
        else:
            messages.success(request, _("The feedback is saved."))
            return redirect("buurtservice:request_detail", pk=job.pk)
    return _render_detail(request, job, feedback_form=form)


# ---------------------------------------------------------------------------
# Planning


@require_http_methods(["GET", "POST"])
@coordinator_required
def request_plan(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Plan a visit: first the day and time (GET), then the crew, each with what fits and what
    does not; refused plans come back with every reason and keep what was chosen."""
    job = access_request(request.user, pk)
    if not job.can_be_planned():
        messages.error(request, _("This request cannot be planned now."))
        return redirect("buurtservice:request_detail", pk=job.pk)
    source = request.POST if request.method == "POST" else request.GET
    time_form = VisitTimeForm(source if "day" in source else None, initial=_suggested_time(job))
    form = PlanForm(
        request.POST if request.method == "POST" else None,
        service_id=job.service_id,
        initial={
            "expected_status": job.status,
            "what_to_bring": job.category.what_to_bring,
            **(time_form.cleaned_data if time_form.is_bound and time_form.is_valid() else _suggested_time(job)),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.plan_visit(
                request=job,
                by=request.user,
                day=data["day"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                workers=list(data["workers"]),
                what_to_bring=data["what_to_bring"],
                expected_status=data["expected_status"] or None,
            )
        except (ValidationError, services.ConflictError) as error:
            for message in _error_messages(error):
                form.add_error(None, message)
        else:
            messages.success(request, _("The visit is planned. The resident and the crew can see it."))
            return redirect("buurtservice:request_detail", pk=job.pk)
    when = form.cleaned_data if form.is_bound and hasattr(form, "cleaned_data") else {}
    day = when.get("day") or (
        time_form.cleaned_data.get("day") if time_form.is_bound and time_form.is_valid() else None
    )
    starts_at = when.get("starts_at") or (
        time_form.cleaned_data.get("starts_at") if time_form.is_bound and time_form.is_valid() else None
    )
    ends_at = when.get("ends_at") or (
        time_form.cleaned_data.get("ends_at") if time_form.is_bound and time_form.is_valid() else None
    )
    suggested = _suggested_time(job)
    day, starts_at, ends_at = (
        day or suggested["day"],
        starts_at or suggested["starts_at"],
        ends_at or suggested["ends_at"],
    )
    fits = selectors.crew_candidates(job, day, starts_at, ends_at)
    log_workers_shown(request.user, [fit.worker for fit in fits])
    chosen = {str(value) for value in (request.POST.getlist("workers") if request.method == "POST" else [])}
    return render(
        request,
        "buurtservice/coordinator/plan.html",
        {
            "job": job,
            "service": job.service,
            "form": form,
            "time_form": time_form,
            "fits": fits,
            "chosen": chosen,
            "home_slots": availability.describe(job.home_slots),
            "day": day,
            "starts_at": starts_at,
            "ends_at": ends_at,
            "breadcrumbs": breadcrumbs(
                (str(job.category), reverse("buurtservice:request_detail", args=[job.pk])), (_("Plan a visit"), "")
            ),
        },
    )


def _suggested_time(job: Request) -> dict[str, Any]:
    """Tomorrow (or Monday) from 9:00, as long as the kind of job usually takes."""
    day = timezone.localdate() + dt.timedelta(days=1)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    minutes = int(job.category.typical_hours * 60)
    start = dt.datetime.combine(day, dt.time(9, 0))
    end = min(start + dt.timedelta(minutes=max(30, minutes)), dt.datetime.combine(day, dt.time(17, 0)))
    return {"day": day, "starts_at": start.time(), "ends_at": end.time()}


@require_http_methods(["GET", "POST"])
@coordinator_required
def request_complete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    job = access_request(request.user, pk)
    form = CompleteForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        initial={"expected_status": job.status},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.complete_request(
                request=job,
                by=request.user,
                notes=form.cleaned_data["notes"],
                photos=form.cleaned_data["photos"],
                expected_status=form.cleaned_data["expected_status"] or None,
            )
        except (ValidationError, services.ConflictError) as error:
            for message in _error_messages(error):
                form.add_error(None, message)
        else:
            messages.success(request, _("The job is done. The resident is asked how it went."))
            return redirect("buurtservice:request_detail", pk=job.pk)
    return render(
        request,
        "buurtservice/coordinator/complete.html",
        {
            "job": job,
            "service": job.service,
            "form": form,
            "breadcrumbs": breadcrumbs(
                (str(job.category), reverse("buurtservice:request_detail", args=[job.pk])), (_("Job done"), "")
            ),
        },
    )


@require_http_methods(["GET", "POST"])
@coordinator_required
def visit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A visit: hours per crew member, materials and costs."""
    item = access_visit(request.user, pk)
    assignments = list(item.assignments.select_related("worker__resident").order_by("pk"))
    log_workers_shown(request.user, [assignment.worker for assignment in assignments])
    form = VisitForm(
        request.POST if request.method == "POST" else None,
        assignments=assignments,
        initial={"materials": item.materials, "costs": item.costs, "notes": item.notes},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_visit(
                visit=item,
                by=request.user,
                hours=form.hours(),
                materials=form.cleaned_data["materials"],
                costs=form.cleaned_data["costs"] or Decimal(0),
                notes=form.cleaned_data["notes"],
            )
        except ValidationError as error:
            for message in _error_messages(error):
                form.add_error(None, message)
        else:
            messages.success(request, _("The visit is saved."))
            return redirect("buurtservice:request_detail", pk=item.request_id)
    return render(
        request,
        "buurtservice/coordinator/visit.html",
        {
            "visit": item,
            "job": item.request,
            "service": item.request.service,
            "form": form,
            "assignments": assignments,
            "breadcrumbs": breadcrumbs(
                (str(item.request.category), reverse("buurtservice:request_detail", args=[item.request_id])),
                (_("Visit"), ""),
            ),
        },
    )


@require_POST
@coordinator_required
def visit_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = access_visit(request.user, pk)
    form = VisitCancelForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.cancel_visit(visit=item, by=request.user, reason=reason)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The visit is cancelled."))
    return redirect("buurtservice:request_detail", pk=item.request_id)


# ---------------------------------------------------------------------------
# The week board


def _monday(value: str | None) -> dt.date:
    today = timezone.localdate()
    try:
        day = dt.date.fromisoformat(value) if value else today
    except ValueError:
        day = today
    if abs((day - today).days) > 366 * 2:
        day = today
    return selectors.week_of(day)


@require_safe
@coordinator_required
def board(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The week: every crew member's visits per day, and who is free. Planning itself is a form
    per request (keyboard only, no dragging)."""
    service = service_or_none(request)
    if service is None:
        raise Http404
    monday = _monday(request.GET.get("week"))
    rows = selectors.planning_board(request.user, service, monday)
    shown = [cell.visit.request for row in rows for day in row.cells for cell in day.visits if cell.visible]
    log_requests_shown(request.user, list({job.pk: job for job in shown}.values()))
    log_workers_shown(request.user, [row.worker for row in rows])
    days = [monday + dt.timedelta(days=offset) for offset in range(6)]
    ordered = selectors.waiting_list(service.pk)
    mine = set(
        Request.objects.visible_to(request.user, in_role=Role.COORDINATOR)
        .filter(service=service, status=Request.Status.ACCEPTED)
        .values_list("pk", flat=True)
    )
    first_ids = [facts.id for facts, _score in ordered if facts.id in mine][:5]
    by_id = {job.pk: job for job in request_queryset().filter(pk__in=first_ids)}
    to_plan = log_requests_shown(request.user, [by_id[pk] for pk in first_ids if pk in by_id])
    return render(
        request,
        "buurtservice/coordinator/board.html",
        {
            "service": service,
            "rows": rows,
            "days": days,
            "monday": monday,
            "previous": monday - dt.timedelta(days=7),
            "next": monday + dt.timedelta(days=7),
            "this_week": selectors.week_of(timezone.localdate()),
            "today": timezone.localdate(),
            "to_plan": to_plan,
            "breadcrumbs": breadcrumbs((_("Planning"), "")),
        },
    )
