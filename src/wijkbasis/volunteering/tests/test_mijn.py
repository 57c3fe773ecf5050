""" "Mijn reacties" and "Mijn zoekopdrachten": the person's own responses with how they are going
(withdraw one, through the pipeline, seen by the organisation and the brokers) and their saved
searches (stop one); only their own, in a constant number of queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import login, page_text
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wijkbasis.accounts.models import User
from wijkbasis.accounts.tests.factories import UserFactory, staff_user
from wijkbasis.areas.models import District, NeighbourhoodTeam, Organisation
from wijkbasis.core.models import AccessLogEntry
from wijkbasis.volunteering import services
from wijkbasis.volunteering.models import Response, ResponseEvent, SavedSearch
from wijkbasis.volunteering.tests.conftest import make_vacancy

pytestmark = pytest.mark.django_db


@pytest.fixture
def volunteer(zutphen: Any) -> User:
    return UserFactory(name="Hodan Ali")


def _respond(organisation: Organisation, user: User, title: str) -> Response:
    response, _created = services.respond(vacancy=make_vacancy(organisation, title=title), user=user, message="Graag")
    return response


def test_my_responses_show_how_they_are_going(
    client: Client, volunteer: User, organisation: Organisation, member: User
) -> None:
    cooking = _respond(organisation, volunteer, "Kookvrijwilliger")
    _respond(organisation, volunteer, "Tuinman")
    someone_else = _respond(organisation, UserFactory(), "Voorlezer")
    login(client, volunteer)
    text = page_text(client.get("/mijn/reacties/"))
    assert "Kookvrijwilliger" in text and "Tuinman" in text and "Voorlezer" not in text
    assert organisation.name in text
    assert AccessLogEntry.objects.filter(
        actor_id=volunteer.pk, action="list", object_type="volunteering.response", object_id=str(cooking.pk)
    ).exists()
    assert someone_else.pk


def test_withdrawing_goes_through_the_pipeline_and_the_others_see_it(
    client: Client, volunteer: User, organisation: Organisation, member: User
) -> None:
    response = _respond(organisation, volunteer, "Kookvrijwilliger")
    login(client, volunteer)
    reply = client.post(f"/mijn/reacties/{response.pk}/intrekken/", {"status": "new"})
    assert reply.status_code == 302
    response.refresh_from_db()
    assert response.status == Response.Status.NOT_MATCHED
    assert response.not_matched_reason is not None
    step = ResponseEvent.objects.filter(response=response).order_by("-pk").first()
    assert step is not None and (step.from_status, step.to_status, step.by_id) == ("new", "not_matched", volunteer.pk)
    assert AccessLogEntry.objects.filter(
        actor_id=volunteer.pk, action="change", object_type="volunteering.response", object_id=str(response.pk)
    ).exists()
    # The organisation sees it in its list; a second click changes nothing.
    organisation_page = page_text(login(Client(), member).get(f"/organisatie/reacties/{response.pk}/"))
    assert str(Response.Status.NOT_MATCHED.label) in organisation_page.lower()
    client.post(f"/mijn/reacties/{response.pk}/intrekken/", {"status": "new"})
    assert ResponseEvent.objects.filter(response=response, to_status="not_matched").count() == 1


def test_stopping_a_placement_ends_it(
    client: Client, volunteer: User, organisation: Organisation, zutphen: Any
) -> None:
    response = _respond(organisation, volunteer, "Kookvrijwilliger")
    broker = staff_user(NeighbourhoodTeam.objects.get(slug="waterkwartier"))
    response = services.move_response(response=response, to_status="contacted", by=broker)
    response = services.move_response(
        response=response, to_status="placed", by=broker, placement={"start_date": dt.date(2026, 3, 1)}
    )
    login(client, volunteer)
    client.post(f"/mijn/reacties/{response.pk}/intrekken/", {"status": "placed"})
    response.refresh_from_db()
    assert response.status == Response.Status.ENDED
    assert response.placement.end_date is not None


def test_someone_elses_response_is_a_404_and_changes_nothing(
    client: Client, volunteer: User, organisation: Organisation
) -> None:
    theirs = _respond(organisation, UserFactory(), "Voorlezer")
    login(client, volunteer)
    assert client.post(f"/mijn/reacties/{theirs.pk}/intrekken/", {"status": "new"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Response.Status.NEW
    assert client.post("/mijn/reacties/abc/intrekken/").status_code == 404


def test_a_stale_page_does_not_withdraw(client: Client, volunteer: User, organisation: Organisation) -> None:
    response = _respond(organisation, volunteer, "Kookvrijwilliger")
    broker = staff_user(NeighbourhoodTeam.objects.get(slug="waterkwartier"))
    services.move_response(response=response, to_status="contacted", by=broker)
    login(client, volunteer)
    client.post(f"/mijn/reacties/{response.pk}/intrekken/", {"status": "new"}, follow=True)
    response.refresh_from_db()
    assert response.status == Response.Status.CONTACTED


def test_my_searches_and_stopping_one(client: Client, volunteer: User, zutphen: Any) -> None:
    mine, _created = services.save_search(
        email=volunteer.email, query="q=koken", label="koken", user=volunteer, language="nl"
    )
    theirs, _created = services.save_search(
        email="ander@example.org", query="q=tuin", label="tuin", user=UserFactory(), language="nl"
    )
    login(client, volunteer)
    text = page_text(client.get("/mijn/zoekopdrachten/"))
    assert "koken" in text and "tuin" not in text
    assert client.post(f"/mijn/zoekopdrachten/{theirs.pk}/stoppen/").status_code == 404
    assert SavedSearch.objects.filter(pk=theirs.pk).exists()
    assert client.post(f"/mijn/zoekopdrachten/{mine.pk}/stoppen/").status_code == 302
    assert not SavedSearch.objects.filter(pk=mine.pk).exists()


def test_the_mijn_pages_are_in_the_mijn_navigation(client: Client, volunteer: User, zutphen: Any) -> None:
    login(client, volunteer)
    html = client.get("/mijn/").content.decode()
    for path in ("/mijn/reacties/", "/mijn/talenten/", "/mijn/zoekopdrachten/"):
        assert f'href="{path}"' in html


def test_my_responses_take_the_same_queries_with_more_of_them(
    client: Client, volunteer: User, organisation: Organisation
) -> None:
    _respond(organisation, volunteer, "Eerste")
    login(client, volunteer)
    client.get("/mijn/reacties/")
    with CaptureQueriesContext(connection) as few:
        client.get("/mijn/reacties/")
    for number in range(6):
        _respond(organisation, volunteer, f"Vacature {number}")
    with CaptureQueriesContext(connection) as many:
        client.get("/mijn/reacties/")
    assert len(many) == len(few)


def test_brokers_find_candidates_and_suggestions_from_their_pages(
    client: Client, volunteer: User, organisation: Organisation
) -> None:
    response = _respond(organisation, volunteer, "Kookvrijwilliger")
    response.resident.district = District.objects.get(code="WK030101")
    response.resident.save()
    broker = staff_user(NeighbourhoodTeam.objects.get(slug="waterkwartier"))
    login(client, broker)
    html = client.get(f"/werkplek/vrijwilligerswerk/reacties/{response.pk}/").content.decode()
    assert f'href="/werkplek/vrijwilligerswerk/vacatures/{response.vacancy_id}/kandidaten/"' in html
    html = client.get(f"/werkplek/inwoners/{response.resident_id}/").content.decode()
    assert f'href="/werkplek/inwoners/{response.resident_id}/vacatures/"' in html
