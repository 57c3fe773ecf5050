"""Scale data for Buurtservice: a service per municipality, its crew (200 at full size), 5,000
open requests and a year of done jobs with their visits, hours and feedback; and its pages for
`python -m bench` (the waiting list, the week board, the dashboard, a crew member's day).

Sizes follow the residents' size (`--small` is 1/100: 50 open requests, 20 workers at least).
Requests are spread over the wijken as the residents are, and made for residents of that wijk;
crew members are residents of the service's municipality. The managed lists are the demo's.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.text import slugify

from wijkbasis.buurtservice import availability
from wijkbasis.buurtservice.models import (
    Assignment,
    Certificate,
    CertificateKind,
    Development,
    EligibilityCriterion,
    Feedback,
    JobCategory,
    Origin,
    Request,
    Service,
    Skill,
    Visit,
    Worker,
)
from wijkbasis.core.scale import BenchPage, ScaleContext

REQUIRES = ("areas", "accounts")
FULL_RESIDENTS = 1_000_000
OPEN_REQUESTS = 5_000
WORKERS = 200
DONE_IN_A_YEAR = 15_000
OPEN_STATUSES = [("accepted", 72), ("requested", 8), ("intake", 8), ("planned", 9), ("in_progress", 3)]
KINDS = [("participant", 35), ("volunteer", 50), ("intern", 10), ("staff", 5)]


def sizes(ctx: ScaleContext) -> tuple[int, int, int]:
    """(open requests, workers, jobs done in the past year) for this run's size."""
    share = ctx.sizes.residents / FULL_RESIDENTS
    return (
        max(50, round(OPEN_REQUESTS * share)),
        max(20, round(WORKERS * share)),
        max(150, round(DONE_IN_A_YEAR * share)),
    )


def _vocabulary() -> None:
    from wijkbasis.demo import buurtservice as demo

    if not Skill.objects.exists():
        Skill.objects.bulk_create(
            Skill(name=name, slug=slug, sort_order=n) for n, (name, slug) in enumerate(demo.SKILLS)
        )
    if not CertificateKind.objects.exists():
        CertificateKind.objects.bulk_create(
            CertificateKind(name=name, slug=slug, is_conduct_certificate=vog, valid_years=years, sort_order=n)
            for n, (name, slug, vog, years) in enumerate(demo.CERTIFICATES)
        )
    if not Origin.objects.exists():
        Origin.objects.bulk_create(
            Origin(name=name, slug=slug, sort_order=n) for n, (name, slug) in enumerate(demo.ORIGINS)
        )
    if not JobCategory.objects.exists():
        skills = {skill.slug: skill for skill in Skill.objects.all()}
        for n, (name, text, hours, crew, wmo, vog, needed, bring, _weight) in enumerate(demo.CATEGORIES):
            category = JobCategory.objects.create(
                name=name,
                slug=slugify(name)[:50],
                description=text,
                typical_hours=Decimal(hours),
                crew_size=crew,
                is_wmo=wmo,
                needs_vog=vog,
                what_to_bring=bring,
                sort_order=n,
            )
            category.required_skills.set([skills[slug] for slug in needed])
    if not EligibilityCriterion.objects.exists():
        EligibilityCriterion.objects.bulk_create(
            EligibilityCriterion(
                question=question, short_label=label, rule=rule, qualifying_answer=answer, sort_order=n
            )
            for n, (question, label, rule, answer) in enumerate(demo.CRITERIA)
        )


def generate(ctx: ScaleContext) -> None:
    _vocabulary()
    open_requests, worker_count, done_count = sizes(ctx)
    now = timezone.now()
    municipalities = ctx.ids["municipalities"]
    services = {
        municipality_id: service.pk
        for municipality_id, service in zip(
            municipalities,
            Service.objects.bulk_create(
                Service(municipality_id=municipality_id, phone=ctx.phone(), name="Buurtservice")
                for municipality_id in municipalities
            ),
            strict=True,
        )
    }
    residents = ctx.ids["residents"]
    resident_district = ctx.facts["resident_district"]
    district_municipality = ctx.facts["district_municipality"]
    by_district: dict[int, list[int]] = defaultdict(list)
    for index, district_id in enumerate(resident_district):
        if district_id:
            by_district[district_id].append(residents[index])
    district_ids = [district for district in ctx.ids["districts"] if by_district.get(district)]
    weights = [len(by_district[district]) for district in district_ids]
    categories = list(JobCategory.objects.prefetch_related("required_skills").order_by("sort_order"))
    category_weights = [30, 12, 20, 10, 8, 6, 3, 6, 3][: len(categories)] or [1] * len(categories)
    workers = _workers(ctx, services, by_district, district_municipality, worker_count, now)
    jobs = _requests(
        ctx,
        services,
        district_ids,
        weights,
        by_district,
        district_municipality,
        categories,
        category_weights,
        open_requests,
        done_count,
        now,
    )
    _visits(ctx, jobs, workers, now)


def _workers(
    ctx: ScaleContext,
    services: dict[int, int],
    by_district: dict[int, list[int]],
    district_municipality: dict[int, int],
    count: int,
    now: dt.datetime,
) -> dict[int, list[tuple[int, set[int], bool]]]:
    """Crew members per service: (id, skill ids, has a VOG)."""
    today = timezone.localdate(now)
    by_municipality: dict[int, list[int]] = defaultdict(list)
    for district_id, people in sorted(by_district.items()):
        by_municipality[district_municipality[district_id]].extend(people)
    municipalities = sorted(by_municipality)
    sizes_ = [len(by_municipality[m]) for m in municipalities]
    chosen = ctx.random.choices(municipalities, sizes_, k=count)
    skill_ids = list(Skill.objects.order_by("sort_order").values_list("pk", flat=True))
    origin_ids = list(Origin.objects.order_by("sort_order").values_list("pk", flat=True))
    vog = CertificateKind.objects.filter(is_conduct_certificate=True).first()
    kind_names, kind_weights = zip(*KINDS, strict=True)
    taken: set[int] = set(Worker.objects.values_list("resident_id", flat=True))
    rows: list[Worker] = []
    for municipality_id in chosen:
        pool = by_municipality[municipality_id]
        resident_id = ctx.random.choice(pool)
        while resident_id in taken:
            resident_id = ctx.random.choice(pool)
        taken.add(resident_id)
        started = today - dt.timedelta(days=ctx.random.randrange(20, 1500))
        left = ctx.random.random() < 0.25
        rows.append(
            Worker(
                service_id=services[municipality_id],
                resident_id=resident_id,
                kind=ctx.random.choices(kind_names, kind_weights)[0],
                origin_id=ctx.random.choice(origin_ids),
                started_on=started,
                ended_on=min(today, started + dt.timedelta(days=ctx.random.randrange(60, 700))) if left else None,
                availability=availability.from_days_and_parts(
                    ctx.random.sample(range(5), ctx.random.randint(2, 5)), [0, 1]
                ),
            )
        )
    ids = ctx.insert(Worker, rows, label="Buurtservice crew members", total=len(rows))
    skill_links = []
    certificates = []
    developments = []
    result: dict[int, list[tuple[int, set[int], bool]]] = defaultdict(list)
    for worker_id, row in zip(ids, rows, strict=True):
        mine = set(ctx.random.sample(skill_ids, ctx.random.randint(1, 4)))
        skill_links += [Worker.skills.through(worker_id=worker_id, skill_id=skill) for skill in mine]
        has_vog = vog is not None and ctx.random.random() < 0.45
        if has_vog:
            certificates.append(
                Certificate(
                    worker_id=worker_id,
                    kind=vog,
                    obtained_on=row.started_on,
                    valid_until=row.started_on + dt.timedelta(days=3 * 365),
                )
            )
        if row.kind == "participant":
            outcome = (
                ctx.random.choice(["paid_work", "education", "other_programme", "dropped_out"]) if row.ended_on else ""
            )
            developments.append(Development(worker_id=worker_id, outcome=outcome))
        if row.ended_on is None:
            result[row.service_id].append((worker_id, mine, has_vog))
    ctx.write(Worker.skills.through, skill_links, label="Buurtservice crew skills")
    ctx.write(Certificate, certificates, label="Buurtservice certificates")
    ctx.write(Development, developments, label="Buurtservice development records")
    return result


def _requests(
    ctx: ScaleContext,
    services: dict[int, int],
    district_ids: list[int],
    weights: list[int],
    by_district: dict[int, list[int]],
    district_municipality: dict[int, int],
    categories: list[JobCategory],
    category_weights: list[int],
    open_count: int,
    done_count: int,
    now: dt.datetime,
) -> list[tuple[Request, int]]:
    """Open requests and a year of done ones; returns (request, its service) for the visits."""
    statuses, status_weights = zip(*OPEN_STATUSES, strict=True)

    def rows() -> Iterator[Request]:
        for number in range(open_count + done_count):
            is_open = number < open_count
            district = ctx.random.choices(district_ids, weights)[0]
            category = ctx.random.choices(categories, category_weights)[0]
            status = (
                ctx.random.choices(statuses, status_weights)[0]
                if is_open
                else ("evaluated" if ctx.random.random() < 0.7 else "done")
            )
            created = now - dt.timedelta(
                days=ctx.random.randrange(1, 365 if not is_open else 240), hours=ctx.random.randrange(24)
            )
            accepted = (
                None if status in ("requested", "intake") else created + dt.timedelta(days=ctx.random.randrange(2, 9))
            )
            if accepted is not None and accepted >= now:
                accepted = now - dt.timedelta(hours=1)
            first_visit = None
            done_at = None
            if not is_open or status == "in_progress":
                assert accepted is not None
                first_visit = min(
                    timezone.localdate(now) - dt.timedelta(days=1),
                    timezone.localdate(accepted) + dt.timedelta(days=ctx.random.randrange(3, 120)),
                )
                if not is_open:
                    done_at = dt.datetime.combine(first_visit, dt.time(16), tzinfo=now.tzinfo)
            wmo = category.is_wmo
            request = Request(
                service_id=services[district_municipality[district]],
                resident_id=ctx.random.choice(by_district[district]),
                category=category,
                description="Klus uit de schaaldata.",
                street=ctx.faker.street_name(),
                house_number=str(ctx.random.randrange(1, 200)),
                district_id=district,
                phone=ctx.phone(),
                home_slots=availability.EVERY_WEEKDAY,
                urgent=ctx.random.random() < 0.1,
                vulnerability=ctx.random.choice(["", "none", "none", "some", "high"]),
                needs_vog=category.needs_vog,
                channel=ctx.random.choice(["staff", "form", "account"]),
                status=status,
                status_changed_at=done_at or accepted or created,
                accepted_at=accepted,
                first_visit_on=first_visit,
                done_at=done_at,
                closed_at=done_at if status == "evaluated" else None,
                is_wmo=wmo,
                wmo_reference=f"WMO-{number}" if wmo else "",
                wmo_funding=Decimal("450") if wmo else None,
                wmo_deadline=timezone.localdate(accepted) + dt.timedelta(days=ctx.random.choice([28, 56]))
                if wmo and accepted
                else None,
                priority_adjustment=ctx.random.choice([0] * 20 + [10, -5]),
                token=f"scale{number:012d}{ctx.random.getrandbits(48):012x}",
            )
            request.created_at = request.updated_at = created
            yield request

    made = list(rows())
    ids = ctx.insert(Request, made, label="Buurtservice requests", total=len(made), keep_timestamps=True)
    feedback = [
        Feedback(
            request_id=pk,
            score=ctx.random.choices([5, 4, 3, 2, 1], [50, 30, 12, 5, 3])[0],
            channel="phone",
            created_at=request.closed_at or request.created_at,
        )
        for pk, request in zip(ids, made, strict=True)
        if request.status == "evaluated"
    ]
    ctx.insert(Feedback, feedback, label="Buurtservice feedback", total=len(feedback))
    return [(request, request.service_id) for request in made]


def _visits(
    ctx: ScaleContext, jobs: list[tuple[Request, int]], workers: dict[int, list[Any]], now: dt.datetime
) -> None:
    today = timezone.localdate(now)
    visits: list[Visit] = []
    crews: list[list[tuple[int, Decimal | None]]] = []
    for request, service_id in jobs:
        crew_pool = workers.get(service_id) or []
        if not crew_pool or request.status in ("requested", "intake", "accepted"):
            continue
        if request.status == "planned":
            day, status = today + dt.timedelta(days=ctx.random.randrange(0, 14)), Visit.Status.PLANNED
        else:
            assert request.first_visit_on is not None  # the generated jobs past planning all have a first visit
            day, status = request.first_visit_on, Visit.Status.DONE
        start = ctx.random.choice([9, 10, 13])
        hours = max(1, min(7, int(request.category.typical_hours)))
        visits.append(
            Visit(
                request_id=request.pk,
                date=day,
                starts_at=dt.time(start),
                ends_at=dt.time(min(17, start + hours)),
                status=status,
                what_to_bring=request.category.what_to_bring,
                costs=Decimal(ctx.random.choice(["0", "12.50", "35"])),
                done_at=dt.datetime.combine(day, dt.time(16), tzinfo=now.tzinfo)
                if status == Visit.Status.DONE
                else None,
            )
        )
        size = min(len(crew_pool), request.category.crew_size)
        team = ctx.random.sample(crew_pool, size)
        crews.append(
            [(worker_id, Decimal(hours) if status == Visit.Status.DONE else None) for worker_id, _s, _v in team]
        )
    ids = ctx.insert(Visit, visits, label="Buurtservice visits", total=len(visits))
    assignments = (
        Assignment(
            visit_id=visit_id, worker_id=worker_id, hours=hours, done_at=visit.done_at if hours is not None else None
        )
        for visit_id, visit, team in zip(ids, visits, crews, strict=True)
        for worker_id, hours in team
    )
    ctx.insert(Assignment, assignments, label="Buurtservice crew on visits")


# ---------------------------------------------------------------------------
# Pages worth measuring


def bench_coordinator() -> tuple[int, int] | None:
    """(user id, service id) of the coordinator with the most waiting requests in their wijken."""
    from django.db.models import Count

    from wijkbasis.areas.models import TeamMember

    members = TeamMember.objects.filter(role=TeamMember.Role.COORDINATOR, user__isnull=False).values(
        "user_id", "team__municipality_id", "team__districts"
    )
    waiting = dict(
        Request.objects.filter(status="accepted").values_list("district_id").annotate(total=Count("id")).order_by()
    )
    best: tuple[int, int, int] | None = None
    per_user: dict[tuple[int, int], int] = defaultdict(int)
    for row in members:
        per_user[(row["user_id"], row["team__municipality_id"])] += waiting.get(row["team__districts"], 0)
    for (user_id, municipality_id), total in per_user.items():
        if best is None or (total, -user_id) > (best[0], -best[1]):
            best = (total, user_id, municipality_id)
    if best is None:
        return None
    service = Service.objects.filter(municipality_id=best[2]).first()
    return (best[1], service.pk) if service is not None else None


def bench_pages(ctx: ScaleContext) -> list[BenchPage]:
    pages = [
        BenchPage("buurtservice", "/buurtservice/", groups=("load",)),
        BenchPage("buurtservice: ask for a job", "/buurtservice/aanvragen/"),
    ]
    coordinator = bench_coordinator()
    if coordinator is not None:
        user_id, service_id = coordinator
        query = f"?dienst={service_id}"
        pages += [
            BenchPage(
                "buurtservice: waiting list (coordinator)", f"/werkplek/buurtservice/{query}", user_id, groups=("load",)
            ),
            BenchPage("buurtservice: waiting list, page 5", f"/werkplek/buurtservice/{query}&pagina=5", user_id),
            BenchPage(
                "buurtservice: planning board", f"/werkplek/buurtservice/planning/{query}", user_id, groups=("load",)
            ),
            BenchPage("buurtservice: dashboard", f"/werkplek/buurtservice/cijfers/{query}", user_id, groups=("load",)),
            BenchPage("buurtservice: crew", f"/werkplek/buurtservice/ploeg/{query}", user_id),
        ]
        request = Request.objects.filter(service_id=service_id, status="accepted").order_by("pk").first()
        if request is not None:
            pages.append(
                BenchPage("buurtservice: a request's status (resident)", f"/buurtservice/aanvraag/{request.token}/")
            )
    crew = (
        Worker.objects.filter(
            resident__user__isnull=False, ended_on__isnull=True, assignments__visit__date=timezone.localdate()
        )
        .values_list("resident__user_id", flat=True)
        .first()
    )
    if crew is not None:
        pages.append(BenchPage("buurtservice: a crew member's day", "/buurtservice/vandaag/", crew))
    return pages
