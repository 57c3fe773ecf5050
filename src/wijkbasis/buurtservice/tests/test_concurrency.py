"""Two coordinators planning at the same moment: a worker is never booked twice, and a request
is never decided twice. Real threads with their own connections and commits (transactional
tests), on SQLite (WAL, IMMEDIATE transactions) and PostgreSQL (row locks)."""

from __future__ import annotations

import datetime as dt
import itertools
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import close_old_connections, connection

from wijkbasis.buurtservice import services
from wijkbasis.buurtservice.models import Assignment, Request, Visit
from wijkbasis.buurtservice.tests.conftest import next_weekday, phone_request
from wijkbasis.buurtservice.tests.factories import WorkerFactory

pytestmark = pytest.mark.django_db(transaction=True)


def at_the_same_time(*actions: Callable[[], Any]) -> list[Any]:
    """Run the actions in threads released together; return results or exceptions, in order."""
    barrier = threading.Barrier(len(actions))
    results: list[Any] = [None] * len(actions)

    def run(index: int, action: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results[index] = action()
        except Exception as error:  # collected for the assertions
            results[index] = error
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(index, action)) for index, action in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_two_coordinators_planning_one_worker_at_the_same_time_book_them_once(
    service: Any, category: Any, coordinator: Any, other_coordinator: Any, team: Any, waterkwartier: Any, worker: Any
) -> None:
    first = phone_request(service, coordinator, team, category, waterkwartier, accept=True)
    second = phone_request(service, coordinator, team, category, None, name="Tweede Aanvraag", accept=True)
    helper = WorkerFactory(service=service, skills=list(category.required_skills.all()), resident__name="Hulp Twee")
    day = next_weekday()

    def plan(request: Request, by: Any, crew: list[Any], start: int) -> Visit:
        return services.plan_visit(
            request=request, by=by, day=day, starts_at=dt.time(start), ends_at=dt.time(start + 2), workers=crew
        )

    # Overlapping times, the same worker (with a different second person, locked in another order).
    results = at_the_same_time(
        lambda: plan(first, coordinator, [worker, helper], 9),
        lambda: plan(second, other_coordinator, [helper, worker], 10),
    )
    planned = [result for result in results if isinstance(result, Visit)]
    refused = [result for result in results if isinstance(result, services.PlanningError)]
    assert len(planned) == 1 and len(refused) == 1, results
    # The refusal names who is booked and when: the winner's hours, whichever of the two won (the
    # language of the moment writes 9:00 or 09:00, so by the hour's digits).
    won = planned[0]
    hours = (str(won.starts_at.hour), str(won.ends_at.hour))
    assert any(
        worker.name in message and all(f"{hour}:00" in message for hour in hours) for message in refused[0].messages
    ), refused[0].messages
    # Exactly one booking per worker that day, of the visit that won.
    assert Assignment.objects.filter(worker=worker, visit__date=day).count() == 1
    assert Assignment.objects.filter(worker=helper, visit__date=day).count() == 1
    assert Visit.objects.filter(date=day).count() == 1


def test_many_plans_at_once_never_overlap_for_a_worker(
    service: Any, category: Any, coordinator: Any, team: Any, waterkwartier: Any, worker: Any
) -> None:
    requests = [
        phone_request(service, coordinator, team, category, waterkwartier, name=f"Aanvraag {number}", accept=True)
        for number in range(4)
    ]
    day = next_weekday()
    results = at_the_same_time(
        *[
            (
                lambda request=request, start=9 + index: services.plan_visit(
                    request=request,
                    by=coordinator,
                    day=day,
                    starts_at=dt.time(start),
                    ends_at=dt.time(start + 2),
                    workers=[worker],
                )
            )
            for index, request in enumerate(requests)
        ]
    )
    assert not [result for result in results if not isinstance(result, Visit | services.PlanningError)], results
    times = sorted(
        Assignment.objects.filter(worker=worker, visit__date=day).values_list("visit__starts_at", "visit__ends_at")
    )
    for (_start, end), (next_start, _end) in itertools.pairwise(times):
        assert end <= next_start, times
    # Of 9-11, 10-12, 11-13 and 12-14, whatever order they come in, exactly two fit side by side.
    assert len(times) == 2, times


def test_a_request_is_decided_once_when_two_coordinators_decide_at_once(
    service: Any, category: Any, coordinator: Any, other_coordinator: Any, team: Any, waterkwartier: Any
) -> None:
    request = phone_request(service, coordinator, team, category, waterkwartier)
    results = at_the_same_time(
        lambda: services.decide(request=request, by=coordinator, accept=True, expected_status="intake"),
        lambda: services.decide(
            request=request, by=other_coordinator, accept=False, reason="too_big", expected_status="intake"
        ),
    )
    decided = [result for result in results if isinstance(result, Request)]
    conflicts = [result for result in results if isinstance(result, services.ConflictError)]
    assert len(decided) == 1 and len(conflicts) == 1, results
    request.refresh_from_db()
    assert request.status == decided[0].status
    assert request.events.filter(to_status__in=["accepted", "declined"]).count() == 1
