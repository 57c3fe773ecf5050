"""A response's next step (views/steps.py), on the broker's and the organisation's response page:
any later step in one save, one step back with a reason, only the chosen step's fields."""

from __future__ import annotations

import re
from typing import Any

import pytest
from conftest import login, page_text
from django.conf import settings
from django.test import Client

from wijkbasis.accounts.tests.factories import UserFactory, staff_user
from wijkbasis.areas.models import NeighbourhoodTeam
from wijkbasis.volunteering import services
from wijkbasis.volunteering.models import NotMatchedReason, Placement, Response, Vacancy
from wijkbasis.volunteering.tests.factories import ResponseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker(zutphen: Any) -> Client:
    english = login(Client(), staff_user(NeighbourhoodTeam.objects.get(slug="waterkwartier")))
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return english


@pytest.fixture
def response(vacancy: Vacancy) -> Response:
    return ResponseFactory(vacancy=vacancy, name="Kim Helper", phone="0575 000 333", email="")


def _page(response: Response) -> str:
    return f"/werkplek/vrijwilligerswerk/reacties/{response.pk}/"


def _fields(html: str) -> set[str]:
    """The names of the visible fields of the step's own (POST) form."""
    form = re.search(r'<form method="post" action="[^"]*/stap/".*?</form>', html, re.S)
    return (
        set(re.findall(r'name="(\w+)"', form.group(0))) - {"csrfmiddlewaretoken", "to_status", "expected_status"}
        if form
        else set()
    )


def test_every_later_step_is_offered_and_only_the_chosen_steps_fields_are_shown(
    broker: Client, response: Response
) -> None:
    html = broker.get(_page(response)).content.decode()
    offered = re.findall(r'name="stap" value="(\w+)"', html)
    assert offered == ["contacted", "introduction", "placed", "not_matched"]  # no step back from new
    assert _fields(html) == set()  # nothing asked before a step is chosen
    # Without JavaScript: the choice is a GET to the page itself, which then shows that step.
    assert re.search(r'<form method="get" action="' + _page(response) + r'#volgende-stap"', html)
    assert _fields(broker.get(_page(response), {"stap": "placed"}).content.decode()) == {"start_date", "hours_per_week"}
    assert _fields(broker.get(_page(response), {"stap": "not_matched"}).content.decode()) == {"not_matched_reason"}
    assert _fields(broker.get(_page(response), {"stap": "contacted"}).content.decode()) == set()
    assert _fields(broker.get(_page(response), {"stap": "ended"}).content.decode()) == set()  # not offered: ignored


def test_with_htmx_choosing_a_step_fetches_only_that_part(broker: Client, response: Response) -> None:
    html = broker.get(_page(response), {"stap": "not_matched"}, headers={"hx-request": "true"}).content.decode()
    assert "<html" not in html and html.lstrip().startswith('<section id="volgende-stap"')
    assert 'name="not_matched_reason"' in html
    assert 'hx-get="' + _page(response) + '"' in html and 'hx-target="#volgende-stap"' in html


def test_straight_to_placed_in_one_save_records_the_steps_on_the_way(broker: Client, response: Response) -> None:
    result = broker.post(
        _page(response) + "stap/",
        {"to_status": "placed", "expected_status": "new", "start_date": "", "hours_per_week": "2.5"},
    )
    assert result.status_code == 302
    response.refresh_from_db()
    assert response.status == Response.Status.PLACED and response.first_contact_at is not None
    # Getting to know each other may be skipped; having been contacted may not.
    assert list(response.events.values_list("from_status", "to_status")) == [
        ("", "new"),
        ("new", "contacted"),
        ("contacted", "placed"),
    ]
    assert str(response.placement.hours_per_week) == "2.5"


def test_one_step_back_needs_a_reason_and_undoes_the_step(broker: Client, response: Response) -> None:
    move = _page(response) + "stap/"
    broker.post(move, {"to_status": "placed", "expected_status": "new"})
    html = broker.get(_page(response)).content.decode()
    assert re.findall(r'name="stap" value="(\w+)"', html) == ["ended", "contacted"]
    assert "One step back, to: contacted" in page_text(broker.get(_page(response)))
    assert _fields(broker.get(_page(response), {"stap": "contacted"}).content.decode()) == {"reason"}

    without = broker.post(move, {"to_status": "contacted", "expected_status": "placed", "reason": "  "})
    assert without.status_code == 200
    assert "Say why it goes one step back." in page_text(without)
    assert 'name="reason"' in without.content.decode()  # the form again, on the page
    response.refresh_from_db()
    assert response.status == Response.Status.PLACED

    broker.post(move, {"to_status": "contacted", "expected_status": "placed", "reason": "Verkeerd aangeklikt"})
    response.refresh_from_db()
    assert response.status == Response.Status.CONTACTED
    assert not Placement.objects.filter(response=response).exists()
    assert response.vacancy.status == Vacancy.Status.PUBLISHED  # filled by that placement: open again
    assert response.events.reverse()[0].reason == "Verkeerd aangeklikt"
    assert "one step back: Verkeerd aangeklikt" in page_text(broker.get(_page(response)))
    # Only one step back at a time: from contacted back to new, not further.
    assert re.findall(r'name="stap" value="(\w+)"', broker.get(_page(response)).content.decode())[-1] == "new"
    broker.post(move, {"to_status": "new", "expected_status": "contacted", "reason": "Toch niet gebeld"})
    response.refresh_from_db()
    assert response.status == Response.Status.NEW and response.first_contact_at is None


def test_a_step_that_is_not_offered_or_a_stale_page_changes_nothing(
    broker: Client, response: Response, reason: NotMatchedReason
) -> None:
    move = _page(response) + "stap/"
    refused = broker.post(move, {"to_status": "ended", "expected_status": "new"}, follow=True)
    assert "Choose the next step." in page_text(refused)
    services.move_response(response=response, to_status="contacted", by=UserFactory())
    stale = broker.post(
        move, {"to_status": "not_matched", "expected_status": "new", "not_matched_reason": reason.pk}, follow=True
    )
    assert "Someone else changed this response in the meantime" in page_text(stale)
    response.refresh_from_db()
    assert response.status == Response.Status.CONTACTED and response.not_matched_reason is None


def test_the_organisation_moves_its_responses_the_same_way(member: Any, response: Response) -> None:
    client = login(Client(), member)
    page = f"/organisatie/reacties/{response.pk}/"
    assert re.findall(r'name="stap" value="(\w+)"', client.get(page).content.decode())[0] == "contacted"
    client.post(page + "stap/", {"to_status": "introduction", "expected_status": "new"})
    response.refresh_from_db()
    assert response.status == Response.Status.INTRODUCTION
    assert list(response.events.values_list("to_status", flat=True)) == ["new", "contacted", "introduction"]
