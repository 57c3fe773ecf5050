"""A postcode whose wijk the lookup cannot give (offline, Locatieserver down, an unknown postcode):
the same form asks for the wijk, and after saving the person (or the broker) reads which wijk and
team they now belong to. Tests run offline unless they ask for the recorded Locatieserver."""

from __future__ import annotations

import re
from typing import Any

import pytest
from conftest import login, page_text
from django.test import Client

from wijkbasis.accounts import services
from wijkbasis.accounts.models import Resident, User
from wijkbasis.accounts.tests.factories import UserFactory, staff_user
from wijkbasis.areas.models import District, NeighbourhoodTeam
from wijkbasis.areas.postcodes import LookupResult, LookupStatus

pytestmark = pytest.mark.django_db

PROFILE = {"name": "Hodan Ali", "phone": "", "postcode": "7201 AB", "languages": "", "preferred_contact": "email"}


def _brokers_of(district: District) -> list[str]:
    from wijkbasis.areas.models import TeamMember

    return list(
        TeamMember.objects.filter(team__districts=district, role="community_broker", is_public=True).values_list(
            "name", flat=True
        )
    )


def test_offline_the_profile_asks_for_the_wijk_and_saves_nothing_yet(client: Client, zutphen: Any) -> None:
    user = UserFactory()
    login(client, user)
    response = client.post("/mijn/", PROFILE)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="district"' in html
    assert 'value="7201 AB"' in html  # what was typed stays
    assert "Waterkwartier" in page_text(response)  # the list of wijken
    resident = Resident.objects.get(user=user)
    assert resident.postcode == "" and resident.district is None

    waterkwartier = District.objects.get(code="WK030101")
    response = client.post("/mijn/", {**PROFILE, "district": waterkwartier.pk})
    assert response.status_code == 302
    resident.refresh_from_db()
    assert (resident.postcode, resident.district) == ("7201AB", waterkwartier)
    page = page_text(client.get("/mijn/"))
    assert "Waterkwartier" in page
    brokers = _brokers_of(waterkwartier)
    assert brokers and all(name in page for name in brokers)  # the message and the page name them


def test_offline_a_wijk_left_empty_the_second_time_saves_without_one(client: Client, zutphen: Any) -> None:
    user = UserFactory()
    login(client, user)
    client.post("/mijn/", PROFILE)
    response = client.post("/mijn/", {**PROFILE, "district": ""})
    assert response.status_code == 302
    resident = Resident.objects.get(user=user)
    assert (resident.postcode, resident.district) == ("7201AB", None)
    # Next time the page asks again, since the wijk is still unknown.
    assert 'name="district"' in client.get("/mijn/").content.decode()


def test_online_the_wijk_follows_the_postcode_and_the_page_says_so(
    client: Client, zutphen: Any, locatieserver: Any
) -> None:
    user = UserFactory()
    login(client, user)
    response = client.post("/mijn/", PROFILE, follow=True)
    resident = Resident.objects.get(user=user)
    assert resident.district is not None and resident.district.code == "WK030100"
    assert 'name="district"' not in response.content.decode()
    assert resident.district.name in page_text(response)


def test_a_choice_of_wijk_wins_over_the_lookup(client: Client, zutphen: Any, locatieserver: Any) -> None:
    user = UserFactory()
    login(client, user)
    client.post("/mijn/", {**PROFILE, "postcode": "7201AC"})  # unknown postcode: the question
    waterkwartier = District.objects.get(code="WK030101")
    client.post("/mijn/", {**PROFILE, "postcode": "7201AC", "district": waterkwartier.pk})
    assert Resident.objects.get(user=user).district == waterkwartier


def _intake_form(client: Client) -> dict[str, Any]:
    key = re.search(r'name="form_key" value="([^"]+)"', client.get("/werkplek/inwoners/nieuw/").content.decode())
    assert key is not None
    return {
        "form_key": key.group(1),
        "name": "Hodan Ali",
        "phone": "0575 000 321",
        "postcode": "7201 AB",
        "preferred_contact": "phone",
        "consents": ["keep_details"],
        "consent_method": "phone",
    }


@pytest.fixture
def broker(zutphen: Any) -> User:
    return staff_user(NeighbourhoodTeam.objects.get(slug="waterkwartier"))


def test_offline_intake_asks_the_broker_for_the_wijk(client: Client, broker: User) -> None:
    login(client, broker)
    data = _intake_form(client)
    response = client.post("/werkplek/inwoners/nieuw/", data)
    assert response.status_code == 200
    assert not Resident.objects.filter(name="Hodan Ali").exists()
    html = response.content.decode()
    assert 'name="district_asked"' in html and 'value="True"' in html
    assert 'value="Hodan Ali"' in html

    waterkwartier = District.objects.get(code="WK030101")
    response = client.post(
        "/werkplek/inwoners/nieuw/", {**data, "district_asked": "True", "district": waterkwartier.pk}
    )
    assert response.status_code == 302
    resident = Resident.objects.get(name="Hodan Ali")
    assert resident.district == waterkwartier
    team = NeighbourhoodTeam.objects.get(slug="waterkwartier")
    page = page_text(client.get(response["Location"]))
    assert "Waterkwartier" in page and team.name in page  # which wijk and team, said after saving


def test_offline_intake_saves_without_a_wijk_when_the_broker_leaves_it_empty(client: Client, broker: User) -> None:
    login(client, broker)
    data = _intake_form(client)
    client.post("/werkplek/inwoners/nieuw/", data)
    response = client.post("/werkplek/inwoners/nieuw/", {**data, "district_asked": "True", "district": ""})
    assert response.status_code == 302
    resident = Resident.objects.get(name="Hodan Ali")
    assert resident.district is None and resident.intake_team is not None


def test_which_lookups_leave_the_wijk_to_the_person(zutphen: Any) -> None:
    centrum, waterkwartier = District.objects.filter(code__in=["WK030100", "WK030101"]).order_by("code")
    assert not services.needs_wijk_choice(None)
    assert not services.needs_wijk_choice(LookupResult("7201AB", LookupStatus.FOUND, districts=[centrum]))
    assert services.needs_wijk_choice(LookupResult("7203", LookupStatus.FOUND, districts=[centrum, waterkwartier]))
    assert services.needs_wijk_choice(LookupResult("7201AC", LookupStatus.UNKNOWN))
    assert services.needs_wijk_choice(LookupResult("7201AB", LookupStatus.UNAVAILABLE))
    assert not services.needs_wijk_choice(LookupResult("7411AB", LookupStatus.OUTSIDE))
