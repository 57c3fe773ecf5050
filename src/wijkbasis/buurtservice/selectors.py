"""Reads of Buurtservice, for its pages and for the reporting module.

Page selectors fetch what a page shows in a fixed number of queries, however many requests,
workers or visits there are. The report selector (`buurtservice_figures`) returns plain data per
wijk and period, never names: reporting suppresses small counts before anything leaves a team.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from statistics import median
from typing import Any

from django.conf import settings
from django.db.models import Count, Prefetch, Q, Sum
from django.utils import timezone

from wijkbasis.buurtservice import describe, priority, waiting
from wijkbasis.buurtservice.models import (
    Assignment,
    Development,
    Request,
    Service,
    Visit,
    Worker,
)
from wijkbasis.core.roles import Role

#: The columns of a request that its priority is made of (priority.Facts, in this order).
WAITLIST_FIELDS = (
    "id",
    "category_id",
    "accepted_at",
    "urgent",
    "vulnerability",
    "is_wmo",
    "wmo_deadline",
    "priority_adjustment",
)


# ---------------------------------------------------------------------------
# The waiting list


def waiting_facts(service_id: int) -> list[priority.Facts]:
    """Everything the order of a service's waiting list rests on: one query, no model instances
    (the reason of an adjustment is read with the rows a page shows: it does not change the order).
    Every request of the service, whoever asks: a place on the list depends on all of them. Ids and
    priority facts only, no person; pages show the rows through the access helpers."""
    rows = Request.objects.filter(service_id=service_id, status=Request.Status.ACCEPTED, accepted_at__isnull=False)
    zone = timezone.get_current_timezone()
    return [
        priority.Facts(
            pk,
            category_id,
            accepted_at.astimezone(zone).date(),
            urgent,
            vulnerability,
            wmo_deadline if is_wmo else None,
            adjustment,
        )
        for pk, category_id, accepted_at, urgent, vulnerability, is_wmo, wmo_deadline, adjustment in (
            rows.values_list(*WAITLIST_FIELDS)
        )
    ]


#: The ordered waiting list per service, day and weights, with every request's place, kept until a
#: request on it changes: (version, ordered list, places by request id).
_ORDERED: dict[tuple[int, dt.date, priority.Weights], tuple[tuple[Any, ...], list[Any], dict[int, priority.Place]]] = {}


def _ordered(service_id: int, today: dt.date | None) -> tuple[list[tuple[priority.Facts, float]], dict[int, Any]]:
    from django.db.models import Max

    today = today or timezone.localdate()
    weights = priority.Weights.from_settings()
    version = tuple(
        Request.objects.filter(service_id=service_id, status=Request.Status.ACCEPTED)
        .aggregate(total=Count("id"), changed=Max("updated_at"))
        .values()
    )
    key = (service_id, today, weights)
    cached = _ORDERED.get(key)
    if cached is not None and cached[0] == version:
        return cached[1], cached[2]
    ordered = priority.waitlist_order(waiting_facts(service_id), weights, today)
    found = priority.places(ordered)
    if len(_ORDERED) > 64:
        _ORDERED.clear()
    _ORDERED[key] = (version, ordered, found)
    return ordered, found


def waiting_list(service_id: int, *, today: dt.date | None = None) -> list[tuple[priority.Facts, float]]:
    """The service's waiting list in order (priority.waitlist_order), each with its score's total.
    Ordered again when a request joins, leaves or changes, or the day or the weights change; one
    cheap query tells (as the vacancy bank keeps its matching facts, volunteering.selectors._cached),
    so a page costs one query, and ordering thousands happens once per change."""
    return _ordered(service_id, today)[0]


def waiting_places(service_id: int, *, today: dt.date | None = None) -> dict[int, priority.Place]:
    """Every request's place on the service's waiting list (priority.places), kept with the order."""
    return _ordered(service_id, today)[1]


def throughput(service_id: int, *, today: dt.date | None = None) -> dict[int, float]:
    """Jobs started per week lately, per kind of job (waiting.weekly_throughput): one query."""
    today = today or timezone.localdate()
    weeks = settings.BUURTSERVICE_THROUGHPUT_WEEKS
    since = today - dt.timedelta(days=7 * weeks)
    started: dict[int, list[dt.date]] = defaultdict(list)
    for category_id, day in Request.objects.filter(
        service_id=service_id, first_visit_on__gte=since, first_visit_on__lt=today
    ).values_list("category_id", "first_visit_on"):
        if day is not None:  # always: the filter is on first_visit_on
            started[category_id].append(day)
    return {
        category_id: waiting.weekly_throughput(days, today=today, weeks=weeks) for category_id, days in started.items()
    }


@dataclass(frozen=True)
class Waiting:
    """Where a request stands: its place on the list (when it is on it) and the expected wait."""

    place: priority.Place | None
    estimate: waiting.Estimate
    weeks_counted: int
    score: priority.Score | None = None

    @property
    def method(self) -> str:
        return str(waiting.METHOD) % {"weeks": self.weeks_counted}


def waiting_for(request: Request, *, today: dt.date | None = None) -> Waiting:
    """A request's place and expected wait. Before it is on the list (requested, intake), the
    estimate is for the end of the list of its kind. Three queries."""
    today = today or timezone.localdate()
    ordered, places = _ordered(request.service_id, today)
    per_week = throughput(request.service_id, today=today).get(request.category_id, 0.0)
    place = places.get(request.pk)
    if place is not None:
        ahead = place.ahead_in_category
    else:
        ahead = sum(1 for facts, _score in ordered if facts.category_id == request.category_id)
    return Waiting(
        place=place,
        estimate=waiting.expected_wait(ahead=ahead, per_week=per_week),
        weeks_counted=settings.BUURTSERVICE_THROUGHPUT_WEEKS,
        score=place.score(priority.Weights.from_settings(), today, reason=request.priority_reason) if place else None,
    )


def estimates_for(service_id: int, *, today: dt.date | None = None) -> dict[int, waiting.Estimate]:
    """The expected wait of every request on the list (for the coordinator's list)."""
    today = today or timezone.localdate()
    places = waiting_places(service_id, today=today)
    per_week = throughput(service_id, today=today)
    return {
        request_id: waiting.expected_wait(
            ahead=place.ahead_in_category, per_week=per_week.get(place.facts.category_id, 0.0)
        )
        for request_id, place in places.items()
    }


def typical_waits(service_id: int, *, today: dt.date | None = None) -> dict[int, waiting.Estimate]:
    """What someone asking now can expect, per kind of job (the public page): two queries."""
    today = today or timezone.localdate()
    ahead = dict(
        Request.objects.filter(service_id=service_id, status=Request.Status.ACCEPTED)
        .values_list("category_id")
        .annotate(total=Count("id"))
        .order_by()
    )
    per_week = throughput(service_id, today=today)
    return {
        category_id: waiting.expected_wait(ahead=ahead.get(category_id, 0), per_week=per_week.get(category_id, 0.0))
        for category_id in set(ahead) | set(per_week)
    }


def status_counts(user: Any, service_id: int) -> dict[str, int]:
    """How many of the requests this user coordinates are in each status."""
    rows = (
        Request.objects.visible_to(user, in_role=Role.COORDINATOR)
        .filter(service_id=service_id)
        .values_list("status")
        .annotate(total=Count("id"))
        .order_by()
    )
    return dict(rows)


def coordinators_of(request: Request) -> list[Any]:
    """The users who coordinate this request (the same rule as Request.objects.visible_to)."""
    from wijkbasis.accounts.models import User

    users = User.objects.filter(
        is_active=True, team_memberships__role=Role.COORDINATOR, team_memberships__user__isnull=False
    )
    if request.district_id:
        users = users.filter(team_memberships__team__districts=request.district_id)
    else:
        users = users.filter(team_memberships__team__municipality_id=request.service.municipality_id)
    return list(users.distinct().order_by("email"))


# ---------------------------------------------------------------------------
# The planning board


@dataclass
class BoardVisit:
    visit: Visit
    visible: bool  # False: a visit of another team's wijk; shown only as "busy"


@dataclass
class BoardCell:
    day: dt.date
    visits: list[BoardVisit]
    morning: bool  # available in the morning
    afternoon: bool

    @property
    def free(self) -> bool:
        return self.morning or self.afternoon


@dataclass
class BoardRow:
    worker: Worker
    cells: list[BoardCell]


def week_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def planning_board(user: Any, service: Service, monday: dt.date, *, days: int = 6) -> list[BoardRow]:
    """Every crew member active in the week, with their visits and availability per day: four
    queries in all (workers with their records, assignments with visits, which visits the user
    coordinates), however many workers and visits."""
    from wijkbasis.buurtservice import availability

    end = monday + dt.timedelta(days=days - 1)
    crew = Worker.objects.visible_to(user).filter(service=service)
    workers = list(
        crew.filter(Q(started_on__lte=end), Q(ended_on__isnull=True) | Q(ended_on__gte=monday))
        .select_related("resident", "origin")
        .order_by("resident__name", "pk")
    )
    # Every visit of the crew, also of requests in wijken the user does not coordinate: the board
    # shows those as busy, without the job (`BoardVisit.visible`).
    assignments = list(
        Assignment.objects.filter(
            worker__in=crew,
            visit__date__gte=monday,
            visit__date__lte=end,
        )
        .exclude(visit__status=Visit.Status.CANCELLED)
        .select_related("visit__request__category", "visit__request__district", "visit__request__resident")
        .order_by("visit__date", "visit__starts_at", "visit_id")
    )
    visit_ids = {assignment.visit_id for assignment in assignments}
    visible = set(
        Visit.objects.filter(
            pk__in=visit_ids, request__in=Request.objects.visible_to(user, in_role=Role.COORDINATOR)
        ).values_list("pk", flat=True)
    )
    by_worker: dict[int, list[list[BoardVisit]]] = {worker.pk: [[] for _ in range(days)] for worker in workers}
    for assignment in assignments:
        if assignment.worker_id in by_worker:
            index = (assignment.visit.date - monday).days
            by_worker[assignment.worker_id][index].append(BoardVisit(assignment.visit, assignment.visit_id in visible))
    rows = []
    for worker in workers:
        cells = []
        for offset in range(days):
            day = monday + dt.timedelta(days=offset)
            active = worker.is_active_on(day)
            mask = worker.availability
            cells.append(
                BoardCell(
                    day=day,
                    visits=by_worker[worker.pk][offset],
                    morning=active and (not mask or bool(mask & availability.bit(offset, availability.MORNING))),
                    afternoon=active and (not mask or bool(mask & availability.bit(offset, availability.AFTERNOON))),
                )
            )
        rows.append(BoardRow(worker=worker, cells=cells))
    return rows


def crew_candidates(request: Request, day: dt.date, starts_at: dt.time, ends_at: dt.time) -> list[Any]:
    """Every active crew member of the service with how they fit this visit (services.Fit):
    three queries (workers with skills and certificates, their bookings that day)."""
    from wijkbasis.buurtservice.services import bookings, fit_of

    workers = list(
        Worker.objects.filter(service_id=request.service_id)
        .active_on(day)
        .select_related("resident", "origin")
        .prefetch_related("skills", "certificates__kind")
        .order_by("resident__name", "pk")
    )
    booked = bookings([worker.pk for worker in workers], day)
    required = list(request.category.required_skills.all())
    fits = [
        fit_of(
            worker,
            request,
            day=day,
            starts_at=starts_at,
            ends_at=ends_at,
            booked=booked.get(worker.pk, ()),
            required_skills=required,
        )
        for worker in workers
    ]
    return sorted(fits, key=lambda fit: (not fit.fits, fit.worker.name))


# ---------------------------------------------------------------------------
# A crew member's day


def day_of(user: Any, worker: Worker, day: dt.date) -> list[Assignment]:
    """The worker's visits of the day, with the job, the address and the rest of the crew: three queries."""
    return list(
        Assignment.objects.visible_to(user)
        .filter(worker=worker, visit__date=day)
        .exclude(visit__status=Visit.Status.CANCELLED)
        .select_related("visit__request__category", "visit__request__resident")
        .prefetch_related(
            Prefetch("visit__assignments", queryset=Assignment.objects.select_related("worker__resident"))
        )
        .order_by("visit__starts_at", "visit_id")
    )


def hours_of(worker: Worker) -> Decimal:
    """The hours a crew member worked: one sum, for a worker the caller fetched with access_worker or
    own_worker (every visit counts, also those of wijken the coordinator does not follow)."""
    total = Assignment.objects.filter(worker=worker, done_at__isnull=False).aggregate(total=Sum("hours"))["total"]
    return total or Decimal("0")


# ---------------------------------------------------------------------------
# For reports and the coordinator's dashboard: figures per wijk and period


@dataclass
class DistrictJobFigures:
    district_id: int | None
    requests: int = 0
    done_by_category: Counter[str] = field(default_factory=Counter)
    wmo_done: int = 0
    wmo_funding: Decimal = Decimal("0")
    days_waited: list[int] = field(default_factory=list)

    @property
    def done(self) -> int:
        return sum(self.done_by_category.values())

    @property
    def median_days_waited(self) -> float | None:
        return median(self.days_waited) if self.days_waited else None


@dataclass
class MonthFigures:
    month: dt.date  # the first of the month
    waiting_at_end: int = 0
    started: int = 0
    days_waited: list[int] = field(default_factory=list)

    @property
    def median_days_waited(self) -> float | None:
        return median(self.days_waited) if self.days_waited else None


@dataclass
class BuurtserviceFigures:
    """A municipality's Buurtservice in a period: plain counts, no names, no person's data."""

    start: dt.date
    end: dt.date
    districts: dict[int | None, DistrictJobFigures] = field(default_factory=dict)
    new_workers: Counter[tuple[str, str]] = field(default_factory=Counter)  # (kind, origin name) → count
    outcomes: Counter[str] = field(default_factory=Counter)  # participants who left in the period
    hours_by_kind: dict[str, Decimal] = field(default_factory=dict)
    months: list[MonthFigures] = field(default_factory=list)
    feedback_scores: Counter[int] = field(default_factory=Counter)
    waiting_now: int = 0
    new_volunteers_from_vacancies: int = 0
    open_crew_places: int = 0

    @property
    def done(self) -> int:
        return sum(row.done for row in self.districts.values())

    @property
    def wmo_done(self) -> int:
        return sum(row.wmo_done for row in self.districts.values())

    @property
    def wmo_funding(self) -> Decimal:
        return sum((row.wmo_funding for row in self.districts.values()), Decimal("0"))


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


def buurtservice_figures(
    *, municipality_id: int, start: dt.date, end: dt.date, district_ids: set[int] | None = None
) -> BuurtserviceFigures:
    """Figures for the period [start, end], per wijk (None: no wijk known) and per month:

    - requests: made in the period; jobs done by kind and WMO jobs done: done in the period;
    - days waited: from the waiting list to the first visit, for jobs started in the period;
    - waiting at the end of each month: on the list then (accepted, not started, not closed);
    - new workers by kind and origin: who started in the period (from the crew's records);
    - outcomes: participants who left in the period, by where they went; hours by kind of worker;
    - new volunteers from the vacancy bank: placements with the service's organisation (the
      vacancy bank's own figures, volunteering.selectors).
    `district_ids` limits the wijk figures (a coordinator's own wijken). A fixed number of queries."""
    tz = timezone.get_current_timezone()
    since = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    figures = BuurtserviceFigures(start=start, end=end)
    service = Service.objects.filter(municipality_id=municipality_id).first()
    if service is None:
        return figures

    def row(district_id: int | None) -> DistrictJobFigures:
        if district_id not in figures.districts:
            figures.districts[district_id] = DistrictJobFigures(district_id)
        return figures.districts[district_id]

    requests = Request.objects.filter(service=service)
    if district_ids is not None:
        requests = requests.filter(district_id__in=district_ids)
    for (district_id,) in requests.filter(created_at__gte=since, created_at__lt=until).values_list("district_id"):
        row(district_id).requests += 1
    for district_id, category, is_wmo, funding in requests.filter(done_at__gte=since, done_at__lt=until).values_list(
        "district_id", "category__name", "is_wmo", "wmo_funding"
    ):
        entry = row(district_id)
        entry.done_by_category[category] += 1
        if is_wmo:
            entry.wmo_done += 1
            entry.wmo_funding += funding or Decimal("0")
    months = {month: MonthFigures(month) for month in _months(start, end)}
    touched = (
        requests.filter(accepted_at__isnull=False, accepted_at__lt=until)
        .filter(Q(first_visit_on__isnull=True) | Q(first_visit_on__gte=start))
        .filter(Q(closed_at__isnull=True) | Q(closed_at__gte=since))
    )
    for district_id, accepted_at, first_visit_on, closed_at in touched.values_list(
        "district_id", "accepted_at", "first_visit_on", "closed_at"
    ):
        accepted_on = timezone.localdate(accepted_at)
        closed_on = timezone.localdate(closed_at) if closed_at else None
        if first_visit_on is not None and start <= first_visit_on <= end:
            waited = (first_visit_on - accepted_on).days
            row(district_id).days_waited.append(waited)
            month = months.get(first_visit_on.replace(day=1))
            if month is not None:
                month.started += 1
                month.days_waited.append(waited)
        for month_start, month in months.items():
            month_end = min(end, (month_start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1))
            if (
                accepted_on <= month_end
                and (first_visit_on is None or first_visit_on > month_end)
                and (closed_on is None or closed_on > month_end)
            ):
                month.waiting_at_end += 1
    figures.months = list(months.values())
    figures.waiting_now = Request.objects.filter(service=service, status=Request.Status.ACCEPTED).count()
    for kind, origin in (
        Worker.objects.filter(service=service, started_on__gte=start, started_on__lte=end)
        .values_list("kind", "origin__name")
        .order_by()
    ):
        figures.new_workers[(kind, origin or "")] += 1
    for outcome in Development.objects.filter(
        worker__service=service, worker__ended_on__gte=start, worker__ended_on__lte=end
    ).values_list("outcome", flat=True):
        figures.outcomes[outcome or "unknown"] += 1
    for kind, total in (
        Assignment.objects.filter(worker__service=service, visit__date__gte=start, visit__date__lte=end)
        .exclude(hours__isnull=True)
        .values_list("worker__kind")
        .annotate(total=Sum("hours"))
        .order_by()
    ):
        figures.hours_by_kind[kind] = total or Decimal("0")
    for (score,) in requests.filter(feedback__created_at__gte=since, feedback__created_at__lt=until).values_list(
        "feedback__score"
    ):
        figures.feedback_scores[score] += 1
    if service.organisation_id:
        from wijkbasis.volunteering.selectors import organisation_recruitment

        recruitment = organisation_recruitment(organisation_id=service.organisation_id, start=start, end=end)
        figures.new_volunteers_from_vacancies = recruitment.placements
        figures.open_crew_places = recruitment.open_vacancies
    return figures


# ---------------------------------------------------------------------------
# What waits for a coordinator on the werkplek (the hook of accounts.selectors.werkplek_tasks)


def werkplek_tasks(user: Any) -> list[Any]:
    """What waits for this coordinator, as counts with a link: new requests to take in, intakes
    waiting for a decision, and visits of past days whose hours are not in yet. Two counting
    queries, whatever the numbers; no names."""
    from django.urls import reverse
    from django.utils.translation import ngettext

    from wijkbasis.accounts.selectors import WorkItem
    from wijkbasis.buurtservice.rules import is_coordinator

    if not is_coordinator(user):
        return []
    coordinated = Request.objects.visible_to(user, in_role=Role.COORDINATOR)
    counts = coordinated.aggregate(
        new=Count("id", filter=Q(status=Request.Status.REQUESTED)),
        intake=Count("id", filter=Q(status=Request.Status.INTAKE)),
    )
    unrecorded = Visit.objects.filter(
        request__in=coordinated,
        status=Visit.Status.PLANNED,
        date__lt=timezone.localdate(),
    ).count()
    waitlist = reverse("buurtservice:waitlist")
    return [
        WorkItem(
            count=counts["new"],
            text=ngettext(
                "%(count)s new odd-job request to take in", "%(count)s new odd-job requests to take in", counts["new"]
            )
            % {"count": counts["new"]},
            url=waitlist + "?tab=nieuw",
        ),
        WorkItem(
            count=counts["intake"],
            text=ngettext(
                "%(count)s odd-job request waits for a decision",
                "%(count)s odd-job requests wait for a decision",
                counts["intake"],
            )
            % {"count": counts["intake"]},
            url=waitlist + "?tab=intake",
        ),
        WorkItem(
            count=unrecorded,
            text=ngettext(
                "%(count)s visit of a past day waits for its hours",
                "%(count)s visits of past days wait for their hours",
                unrecorded,
            )
            % {"count": unrecorded},
            url=waitlist + "?tab=gepland",
        ),
    ]


# ---------------------------------------------------------------------------
# Its pages in the navigation of "Mijn" and the werkplek (the hooks of accounts.selectors.nav_links)


def mijn_links(user: Any) -> list[Any]:
    """The person's own Buurtservice pages: their requests, and for a crew member their day (and
    a participant's learning). One query."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from wijkbasis.accounts.selectors import NavLink
    from wijkbasis.buurtservice.models import Worker

    links = [NavLink(_("My odd jobs"), reverse("buurtservice:my_requests"))]
    kind = Worker.objects.visible_to(user).filter(resident__user_id=user.pk).values_list("kind", flat=True).first()
    if kind is not None:
        links.append(NavLink(_("My work today"), reverse("buurtservice:today")))
        if kind == "participant":
            links.append(NavLink(_("My learning"), reverse("buurtservice:my_development")))
    return links


def start_page(user: Any) -> str | None:
    """A crew member (on a crew today) starts at their day, not at "Mijn gegevens" (the hook of
    accounts.selectors.start_page, asked only when no staff or other role decides). One query."""
    from django.urls import reverse

    on_a_crew = (
        Worker.objects.visible_to(user).filter(resident__user_id=user.pk).active_on(timezone.localdate()).exists()
    )
    return reverse("buurtservice:today") if on_a_crew else None


def exported_fields_in_words() -> dict[str, dict[str, Any]]:
    """Fields only Buurtservice can put in words, for a person's download of their data (the hook
    of accounts.services.export_personal_data): a step's statuses by their names ("on the
    waiting list", not "accepted"), a visit by its day in words and its times."""

    def status(value: str) -> str:
        return str(Request.Status(value).label) if value in Request.Status.values else value

    def visit(assignment: Any) -> str:
        return describe.visit_in_words(assignment.visit)

    return {
        "buurtservice.requestevent": {
            "from_status": lambda event: status(event.from_status),
            "to_status": lambda event: status(event.to_status),
        },
        "buurtservice.assignment": {"visit": visit},
    }


def werkplek_links(user: Any) -> list[Any]:
    """Buurtservice on the werkplek: the waiting list for coordinators; the kinds of jobs for an
    administrator (who keeps that list too)."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from wijkbasis.accounts.selectors import NavLink
    from wijkbasis.buurtservice.rules import is_administrator, is_coordinator

    # The predicates themselves: Django answers has_perm() with yes for a superuser.
    links = []
    if is_coordinator(user):
        links.append(NavLink(_("Buurtservice"), reverse("buurtservice:waitlist")))
    if is_administrator(user):
        links.append(NavLink(_("Kinds of odd jobs"), reverse("buurtservice:categories")))
    return links


# ---------------------------------------------------------------------------
# Its records in words, for "who looked at my data" and "what I opened" (accounts.selectors.app_hooks)


def logged_objects_in_words(model_label: str, ids: list[str]) -> dict[str, Any] | None:
    """Buurtservice's records in words: "your request: Tuin" for the person, "the request of Truus
    Jansen: Tuin" for staff. One query per kind; None for another app's kind."""
    from django.utils.translation import gettext as _

    from wijkbasis.accounts.selectors import LoggedObject
    from wijkbasis.buurtservice import models

    numbers = [int(pk) for pk in ids if pk.isdigit()]
    by_request: dict[str, tuple[type[Any], str, str, str]] = {
        "buurtservice.request": (models.Request, "", _("your request: %(job)s"), _("the request of %(name)s: %(job)s")),
        "buurtservice.requestevent": (
            models.RequestEvent,
            "request__",
            _("a step of your request: %(job)s"),
            _("a step of the request of %(name)s: %(job)s"),
        ),
        "buurtservice.eligibilityanswer": (
            models.EligibilityAnswer,
            "request__",
            _("an intake answer of your request: %(job)s"),
            _("an intake answer of %(name)s: %(job)s"),
        ),
        "buurtservice.feedback": (
            models.Feedback,
            "request__",
            _("your opinion about the job: %(job)s"),
            _("the opinion of %(name)s about the job: %(job)s"),
        ),
        "buurtservice.requestphoto": (
            models.RequestPhoto,
            "request__",
            _("a photo of your job: %(job)s"),
            _("a photo of the job of %(name)s: %(job)s"),
        ),
        "buurtservice.visit": (
            models.Visit,
            "request__",
            _("a visit for your job: %(job)s"),
            _("a visit for the job of %(name)s: %(job)s"),
        ),
    }
    if model_label in by_request:
        model, prefix, own, other = by_request[model_label]
        rows = model.objects.filter(pk__in=numbers).values_list(
            "pk", f"{prefix}category__name", f"{prefix}resident__name"
        )
        return {
            str(pk): LoggedObject(own=own % {"job": job}, other=other % {"name": name, "job": job})
            for pk, job, name in rows
        }
    by_worker: dict[str, tuple[type[Any], str, str, str]] = {
        "buurtservice.worker": (models.Worker, "", _("your place in a Buurtservice crew"), _("crew member %(name)s")),
        "buurtservice.certificate": (
            models.Certificate,
            "worker__",
            _("your certificate or course"),
            _("a certificate of %(name)s"),
        ),
        "buurtservice.assignment": (
            models.Assignment,
            "worker__",
            _("your place on a visit"),
            _("%(name)s on a visit"),
        ),
        "buurtservice.development": (
            models.Development,
            "worker__",
            _("your learning at Buurtservice"),
            _("the development of %(name)s"),
        ),
        "buurtservice.learninggoal": (
            models.LearningGoal,
            "worker__",
            _("a learning goal of yours"),
            _("a learning goal of %(name)s"),
        ),
        "buurtservice.checkin": (
            models.CheckIn,
            "worker__",
            _("a check-in with you"),
            _("a check-in with %(name)s"),
        ),
        "buurtservice.skillgained": (
            models.SkillGained,
            "worker__",
            _("a skill you gained"),
            _("a skill %(name)s gained"),
        ),
    }
    if model_label in by_worker:
        model, prefix, own, other = by_worker[model_label]
        rows = model.objects.filter(pk__in=numbers).values_list("pk", f"{prefix}resident__name")
        return {str(pk): LoggedObject(own=own, other=other % {"name": name}) for pk, name in rows}
    return None
