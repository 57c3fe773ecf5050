"""Expected waiting time from recent throughput, checked against a simulated history: a year of
requests arriving and being started at a steady pace, first come first served."""

from __future__ import annotations

import datetime as dt
import random
import statistics

from wijkbasis.buurtservice.waiting import expected_wait, weekly_throughput

START = dt.date(2025, 1, 6)  # a Monday


def test_throughput_counts_the_weeks_before_today_only() -> None:
    today = dt.date(2026, 3, 30)
    started = [today - dt.timedelta(days=days) for days in (0, 1, 6, 7, 13, 84, 85, 400)]
    # In the 12 weeks before today: 1, 6, 7, 13 and 84 days ago (today is not over yet, 85 is too long ago).
    assert weekly_throughput(started, today=today, weeks=12) == 5 / 12
    assert weekly_throughput([], today=today, weeks=12) == 0.0


def test_no_estimate_without_recent_work() -> None:
    estimate = expected_wait(ahead=3, per_week=0.0)
    assert not estimate.known and estimate.weeks is None


def test_the_estimate_is_the_queue_before_you_at_the_recent_pace_rounded_up() -> None:
    assert expected_wait(ahead=0, per_week=2.0).weeks == 1  # you are next: within the week
    assert expected_wait(ahead=3, per_week=2.0).weeks == 2  # 4 jobs at 2 a week
    assert expected_wait(ahead=4, per_week=2.0).weeks == 3  # 5 jobs: two and a half weeks, rounded up
    assert expected_wait(ahead=9, per_week=0.5).weeks == 20


def _simulate(
    *, weeks: int, arrivals_per_week: float, capacity_per_week: int, seed: int
) -> list[tuple[dt.date, dt.date | None, int]]:
    """A first-come-first-served queue of one kind of job: each week some requests arrive
    (Poisson-like) and the crew starts up to `capacity_per_week` of the oldest. Returns, per
    request: (accepted on, started on or None, jobs ahead when it was accepted)."""
    rng = random.Random(seed)
    queue: list[int] = []
    accepted: list[dt.date] = []
    started: list[dt.date | None] = []
    ahead_at_arrival: list[int] = []
    for week in range(weeks):
        monday = START + dt.timedelta(weeks=week)
        arrivals = sum(1 for _ in range(40) if rng.random() < arrivals_per_week / 40)
        for _ in range(arrivals):
            ahead_at_arrival.append(len(queue))
            queue.append(len(accepted))
            accepted.append(monday + dt.timedelta(days=rng.randrange(5)))
            started.append(None)
        for _ in range(min(capacity_per_week, len(queue))):
            index = queue.pop(0)
            started[index] = monday + dt.timedelta(days=4)  # started on the Friday of that week
    return list(zip(accepted, started, ahead_at_arrival, strict=True))


def test_estimates_match_the_waits_of_a_simulated_history() -> None:
    """After a year at a steady pace (a queue that neither runs dry nor explodes), the estimate
    made on the day a request joins the list is close to the wait it really had: the median error
    under a week and never off by more than a few weeks."""
    history = _simulate(weeks=70, arrivals_per_week=3.0, capacity_per_week=3, seed=301)
    errors = []
    for accepted_on, started_on, ahead in history:
        if (
            started_on is None
            or accepted_on < START + dt.timedelta(weeks=20)
            or accepted_on > START + dt.timedelta(weeks=55)
        ):
            continue
        done_before = [started for _a, started, _h in history if started is not None and started < accepted_on]
        per_week = weekly_throughput(done_before, today=accepted_on, weeks=12)
        weeks = expected_wait(ahead=ahead, per_week=per_week).weeks
        assert weeks is not None  # known
        real_weeks = (started_on - accepted_on).days / 7
        errors.append(abs(weeks - real_weeks))
    assert len(errors) > 80
    assert statistics.median(errors) < 1.0
    assert max(errors) <= 3.0


def test_a_slower_crew_gives_longer_estimates() -> None:
    fast = _simulate(weeks=40, arrivals_per_week=2.0, capacity_per_week=4, seed=7)
    slow = _simulate(weeks=40, arrivals_per_week=2.0, capacity_per_week=2, seed=7)
    day = START + dt.timedelta(weeks=30)

    def pace(history: list[tuple[dt.date, dt.date | None, int]]) -> float:
        return weekly_throughput([s for _a, s, _h in history if s is not None], today=day, weeks=12)

    slower, faster = (expected_wait(ahead=10, per_week=pace(history)).weeks for history in (slow, fast))
    assert slower is not None and faster is not None and slower > faster
