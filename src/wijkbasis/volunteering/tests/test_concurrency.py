"""Two people at the same moment: no duplicate responses, no lost status changes.

Real threads with their own database connections and real commits (transactional tests), on
SQLite (WAL, IMMEDIATE transactions) and on PostgreSQL (row locks)."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.db import close_old_connections, connection

from wijkbasis.accounts.tests.factories import UserFactory
from wijkbasis.core.idempotency import once
from wijkbasis.volunteering import services
from wijkbasis.volunteering.models import Response, ResponseEvent, Vacancy

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


def test_a_double_submitted_response_creates_one_response(vacancy: Vacancy) -> None:
    """One form sent four times at once (a double click on a slow phone): its form key makes it one."""
    respondent = services.Respondent(name="Snelle Klikker", email="klik@example.org")
    key = uuid.uuid4()
    results = at_the_same_time(
        *[
            lambda: once(key, lambda: services.respond(vacancy=vacancy, respondent=respondent, message="hallo")[0])
            for _ in range(4)
        ]
    )
    assert not [result for result in results if isinstance(result, Exception)], results
    assert Response.objects.filter(vacancy=vacancy).count() == 1
    assert sum(1 for _response, created in results if created) == 1
    assert vacancy.responses.count() == 1


def test_concurrent_status_changes_lose_no_update(vacancy: Vacancy, reason: Any) -> None:
    response, _ = services.respond(vacancy=vacancy, user=UserFactory())
    broker, organisation_member = UserFactory(), UserFactory()
    results = at_the_same_time(
        lambda: services.move_response(
            response=response, to_status=Response.Status.CONTACTED, by=broker, expected_status="new"
        ),
        lambda: services.move_response(
            response=response,
            to_status=Response.Status.NOT_MATCHED,
            by=organisation_member,
            expected_status="new",
            not_matched_reason=reason,
        ),
    )
    conflicts = [result for result in results if isinstance(result, services.ConflictError)]
    moved = [result for result in results if isinstance(result, Response)]
    assert len(conflicts) == 1 and len(moved) == 1, results
    response.refresh_from_db()
    assert response.status == moved[0].status
    # The history holds exactly what happened: the new response and the one step that won.
    assert list(ResponseEvent.objects.filter(response=response).values_list("to_status", flat=True)) == [
        "new",
        moved[0].status,
    ]


def test_steps_without_a_stale_page_are_all_kept(vacancy: Vacancy) -> None:
    """Two steps that are both allowed one after the other: both land, in order, none lost."""
    response, _ = services.respond(vacancy=vacancy, user=UserFactory())
    services.move_response(response=response, to_status=Response.Status.CONTACTED, by=UserFactory())
    results = at_the_same_time(
        lambda: services.add_note(response=response, by=UserFactory(), text="gebeld"),
        lambda: services.move_response(response=response, to_status=Response.Status.INTRODUCTION, by=UserFactory()),
        lambda: services.add_note(response=response, by=UserFactory(), text="kennismaking gepland"),
    )
    assert not [result for result in results if isinstance(result, Exception)], results
    response.refresh_from_db()
    assert response.status == Response.Status.INTRODUCTION
    assert response.notes.count() == 2
