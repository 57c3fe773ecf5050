"""The werkplek home is the broker's day: what waits for them (new responses, follow-ups due,
reviews for reviewers, possible duplicates), as counts with links, in a constant number of
queries; the administrator finds the management site there."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import login, page_text
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from wijkbasis.accounts import selectors
from wijkbasis.accounts.models import PossibleDuplicate, Resident, User
from wijkbasis.accounts.tests.factories import staff_user
from wijkbasis.areas.models import District, NeighbourhoodTeam, Organisation
from wijkbasis.volunteering import services as volunteering
from wijkbasis.volunteering.models import FollowUp, Vacancy
from wijkbasis.volunteering.tests.conftest import make_vacancy

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(zutphen: Any) -> NeighbourhoodTeam:
    return NeighbourhoodTeam.objects.get(slug="waterkwartier")


@pytest.fixture
def broker(team: NeighbourhoodTeam) -> User:
    return staff_user(team, name="Abdi Warsame")


def _busy_day(zutphen: Any, team: NeighbourhoodTeam, responses: int) -> None:
    organisation = Organisation.objects.create(municipality=zutphen, name="Buurtkeuken", slug=f"bk-{responses}")
    vacancy = make_vacancy(organisation, title="Kookvrijwilliger")
    waterkwartier = District.objects.get(code="WK030101")
    for number in range(responses):
        response, _created = volunteering.respond(
            vacancy=vacancy,
            respondent=volunteering.Respondent(name=f"Inwoner {responses}-{number}", phone=f"0575 001 {number:03}"),
        )
        response.resident.district = waterkwartier
        response.resident.save()
    FollowUp.objects.create(
        kind=FollowUp.Kind.SIX_WEEKS, response=response, team=team, due_on=timezone.localdate() - dt.timedelta(days=1)
    )
    Organisation.objects.create(
        municipality=zutphen, name=f"Nieuw {responses}", slug=f"nieuw-{responses}", status="pending"
    )
    in_review = make_vacancy(organisation, title="Wacht op beoordeling", publish=False)
    Vacancy.objects.filter(pk=in_review.pk).update(status=Vacancy.Status.IN_REVIEW)


def test_the_brokers_day_counts_what_waits_with_links(
    client: Client, zutphen: Any, team: NeighbourhoodTeam, broker: User
) -> None:
    _busy_day(zutphen, team, responses=2)
    login(client, broker)
    with translation.override("en"):
        tasks = {task.text: task for task in selectors.werkplek_tasks(broker)}
    assert tasks["2 new responses wait for contact"].url == "/werkplek/vrijwilligerswerk/?status=new"
    assert tasks["1 follow-up is due"].url == "/werkplek/taken/"
    assert tasks["1 organisation waits for review"].url == "/werkplek/vrijwilligerswerk/beoordelen/"
    assert tasks["1 vacancy waits for review"].count == 1
    html = client.get("/werkplek/").content.decode()
    for url in (
        "/werkplek/vrijwilligerswerk/?status=new",
        "/werkplek/taken/",
        "/werkplek/vrijwilligerswerk/beoordelen/",
    ):
        assert f'href="{url}"' in html


def test_reviews_only_for_reviewers(client: Client, zutphen: Any, team: NeighbourhoodTeam) -> None:
    _busy_day(zutphen, team, responses=1)
    social_worker = staff_user(team, role="social_worker")
    login(client, social_worker)
    html = client.get("/werkplek/").content.decode()
    assert 'href="/werkplek/vrijwilligerswerk/beoordelen/"' not in html
    assert 'href="/werkplek/vrijwilligerswerk/?status=new"' in html


def test_possible_duplicates_to_decide(client: Client, zutphen: Any, team: NeighbourhoodTeam, broker: User) -> None:
    waterkwartier = District.objects.get(code="WK030101")
    one = Resident.objects.create(name="Hodan Ali", phone="0575 000 321", district=waterkwartier, source="assisted")
    two = Resident.objects.create(name="Hodan Ali", phone="0575 000 321", district=waterkwartier, source="form")
    PossibleDuplicate.objects.create(resident=two, other=one, reason=PossibleDuplicate.Reason.SAME_PHONE)
    login(client, broker)
    html = client.get("/werkplek/").content.decode()
    assert f'href="/werkplek/inwoners/{two.pk}/"' in html
    other_team = staff_user(NeighbourhoodTeam.objects.get(slug="zuidwijken-warnsveld-leesten"))
    assert f"/werkplek/inwoners/{two.pk}/" not in login(Client(), other_team).get("/werkplek/").content.decode()


def test_the_home_takes_the_same_queries_with_more_to_do(
    client: Client, zutphen: Any, team: NeighbourhoodTeam, broker: User
) -> None:
    _busy_day(zutphen, team, responses=1)
    login(client, broker)
    client.get("/werkplek/")
    with CaptureQueriesContext(connection) as few:
        client.get("/werkplek/")
    _busy_day(zutphen, team, responses=6)
    with CaptureQueriesContext(connection) as many:
        page = client.get("/werkplek/")
    assert len(many) == len(few)
    assert "7" in page_text(page)


def test_the_administrator_finds_the_management_site(client: Client, zutphen: Any) -> None:
    administrator = User.objects.create_superuser(email="beheer.proef@example.org")
    login(client, administrator)
    assert 'href="/beheer/"' in client.get("/werkplek/").content.decode()
    broker = staff_user(NeighbourhoodTeam.objects.get(slug="waterkwartier"))
    assert 'href="/beheer/"' not in login(Client(), broker).get("/werkplek/").content.decode()
