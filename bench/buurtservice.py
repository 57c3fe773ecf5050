"""Benchmark of Buurtservice's waiting list: re-prioritising 5,000 open requests.

    uv run python -m bench buurtservice                 # SQLite; figures to the screen and bench/results/
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres uv run python -m bench buurtservice --postgres

The waiting list is not stored in the database: it is ordered from the rules, and the order is
kept in memory until a request on the list changes, the day passes or a weight changes (one cheap
query tells; selectors.waiting_list). What ordering 5,000 costs, and what keeping it saves:

1. In memory: `priority.waitlist_order` and `priority.places` for 5,000 requests (facts from a seeded
   random generator shaped like a busy service: a tenth urgent, some WMO deadlines, adjustments).
2. From the database (a throw-away one, bench/frame.py): the same 5,000 requests accepted, with a
   year of started jobs for the throughput; `selectors.waiting_list` (one query, then 1.), the
   expected wait of every request (`estimates_for`: the list, places, throughput) and of one
   request, as the resident's status page asks it (`waiting_for`).

Medians of `--runs` runs. Figures only: this is not a test.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from bench import frame

SEED = 301
OPEN = 5_000
STARTED = 4_000  # started in the last year: the pace the estimates come from


def _timed(run: Callable[[], Any], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), min(times)


def _facts(count: int, today: dt.date) -> list[Any]:
    from wijkbasis.buurtservice.priority import Facts

    rng = random.Random(SEED)
    return [
        Facts(
            id=number,
            category_id=rng.randrange(1, 10),
            waiting_since=today - dt.timedelta(days=rng.randrange(0, 400)),
            urgent=rng.random() < 0.1,
            vulnerability=rng.choice(["", "none", "some", "high"]),
            wmo_deadline=today + dt.timedelta(days=rng.randrange(-20, 90)) if rng.random() < 0.15 else None,
            adjustment=rng.choice([0] * 20 + [10, -5]),
            adjustment_reason="reden",
        )
        for number in range(1, count + 1)
    ]


def bench_memory(runs: int) -> list[tuple[str, float, float]]:
    from django.utils import timezone

    from wijkbasis.buurtservice.priority import Weights, places, waitlist_order

    today = timezone.localdate()
    facts = _facts(OPEN, today)
    weights = Weights()
    ordered = waitlist_order(facts, weights, today)
    return [
        (
            f"waitlist_order, {OPEN:,} requests (in memory)",
            *_timed(lambda: waitlist_order(facts, weights, today), runs),
        ),
        (f"places, {OPEN:,} requests (in memory)", *_timed(lambda: places(ordered), runs)),
    ]


def _fill() -> Any:
    """One service with OPEN accepted requests and STARTED jobs started in the last year."""
    from django.core.management import call_command
    from django.utils import timezone

    from wijkbasis.accounts.models import Resident
    from wijkbasis.areas.models import Municipality
    from wijkbasis.buurtservice.models import JobCategory, Request, Service
    from wijkbasis.buurtservice.scale import _vocabulary
    from wijkbasis.core.scale import explicit_timestamps

    call_command("migrate", verbosity=0, interactive=False)
    municipality = Municipality.objects.create(code="GM9998", name="Benchgemeente", slug="benchgemeente")
    service = Service.objects.create(municipality=municipality)
    _vocabulary()
    categories = list(JobCategory.objects.values_list("pk", flat=True))
    rng = random.Random(SEED)
    total = OPEN + STARTED
    residents = Resident.objects.bulk_create(
        [Resident(name=f"Bewoner {number}", phone="0575 000 000", source="assisted") for number in range(total)],
        batch_size=2_000,
    )
    now = timezone.now()
    today = timezone.localdate()
    rows = []
    for number, resident in enumerate(residents):
        waiting = number < OPEN
        accepted = now - dt.timedelta(days=rng.randrange(0 if waiting else 30, 400), hours=rng.randrange(24))
        request = Request(
            service=service,
            resident=resident,
            category_id=rng.choice(categories),
            description="bench",
            channel="staff",
            status="accepted" if waiting else "done",
            accepted_at=accepted,
            first_visit_on=None if waiting else today - dt.timedelta(days=rng.randrange(1, 365)),
            urgent=rng.random() < 0.1,
            vulnerability=rng.choice(["", "none", "some", "high"]),
            is_wmo=rng.random() < 0.15,
            wmo_deadline=today + dt.timedelta(days=rng.randrange(-20, 90)),
            priority_adjustment=rng.choice([0] * 20 + [10, -5]),
            token=f"bench{number:020d}",
        )
        request.created_at = request.updated_at = accepted
        rows.append(request)
    with explicit_timestamps(Request):
        Request.objects.bulk_create(rows, batch_size=2_000)
    frame.analyse()
    return service, rows[0]


def bench_database(runs: int) -> list[tuple[str, float, float]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wijkbasis.buurtservice import selectors

    started = time.perf_counter()
    service, first = _fill()
    print(f"  (filling the database took {time.perf_counter() - started:.1f} s)", file=sys.stderr)
    rows = [
        (f"waiting_facts: read {OPEN:,} requests", *_timed(lambda: selectors.waiting_facts(service.pk), runs)),
        (
            f"waiting_list after a change: read and order {OPEN:,} again",
            *_timed(lambda: (selectors._ORDERED.clear(), selectors.waiting_list(service.pk)), runs),
        ),
        (
            "waiting_list unchanged: one query says the kept order holds",
            *_timed(lambda: selectors.waiting_list(service.pk), runs),
        ),
        (
            f"throughput: jobs started in the last weeks ({STARTED:,} in a year)",
            *_timed(lambda: selectors.throughput(service.pk), runs),
        ),
        (
            f"estimates_for: the expected wait of all {OPEN:,}",
            *_timed(lambda: selectors.estimates_for(service.pk), runs),
        ),
        ("waiting_for: one request (the resident's status page)", *_timed(lambda: selectors.waiting_for(first), runs)),
        (
            "waiting_for after a change (ordered again)",
            *_timed(lambda: (selectors._ORDERED.clear(), selectors.waiting_for(first)), runs),
        ),
    ]
    with CaptureQueriesContext(connection) as captured:
        selectors.waiting_for(first)
    rows.append((f"waiting_for: queries ({len(captured.captured_queries)})", 0.0, 0.0))
    return rows


def report(rows: list[tuple[str, float, float]], database: str, runs: int) -> str:
    lines = [
        f"# Buurtservice benchmark: re-prioritising the waiting list ({database})",
        "",
        f"`uv run python -m bench buurtservice` on {frame.today()}: {frame.describe_machine()}",
        "",
        f"{OPEN:,} open requests on one service's waiting list, ordered from the rules (priority.py) every time "
        f"a page asks. Median and fastest of {runs} runs.",
        "",
        "| what | median (ms) | fastest (ms) |",
        "|---|---:|---:|",
    ]
    for what, median, fastest in rows:
        lines.append(f"| {what} | {median:.1f} | {fastest:.1f} |" if median or fastest else f"| {what} | | |")
    return "\n".join([*lines, ""])


def main(options: Any, env: frame.Environment) -> None:
    from bench.frame import database_label

    rows = bench_memory(options.runs)
    if not options.no_db:
        rows += bench_database(options.runs)
    label = database_label()
    text = report(rows, label, options.runs)
    name = "buurtservice-postgresql.md" if env.vendor == "postgresql" else "buurtservice.md"
    frame.write_results(frame.RESULTS_DIR / name, text)
    print(text)
