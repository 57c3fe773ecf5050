"""Intake warns about look-alikes before saving: the same phone, e-mail, or name and postcode. The
broker sees the records they may open, with a link; of another team's record only that someone
like this is known there. "Save anyway" holds for exactly the values warned about, and flags the
new record as a possible duplicate through the one intake path."""

from __future__ import annotations

import re
from typing import Any

import pytest
from conftest import login, page_text
from django.test import Client
from django.utils import translation

from wijkbasis.accounts.models import PossibleDuplicate, Resident, User
from wijkbasis.accounts.tests.factories import staff_user
from wijkbasis.areas.models import District, NeighbourhoodTeam
from wijkbasis.core.models import AccessLogEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker(zutphen: Any) -> User:
    return staff_user(NeighbourhoodTeam.objects.get(slug="waterkwartier"))


def _form(client: Client, **values: Any) -> dict[str, Any]:
    key = re.search(r'name="form_key" value="([^"]+)"', client.get("/werkplek/inwoners/nieuw/").content.decode())
    assert key is not None
    return {
        "form_key": key.group(1),
        "name": "Hodan Ali",
        "phone": "0575 000 321",
        "preferred_contact": "phone",
        "consents": ["keep_details"],
        "consent_method": "phone",
        "district": District.objects.get(code="WK030101").pk,
        **values,
    }


def _seen(response: Any) -> str:
    match = re.search(r'name="look_alikes_seen" value="([^"]+)"', response.content.decode())
    assert match is not None
    return match.group(1)


def test_the_same_phone_warns_with_a_link_and_saves_only_when_asked(client: Client, broker: User) -> None:
    existing = Resident.objects.create(
        name="Hodan Ali", phone="0575000321", district=District.objects.get(code="WK030101"), source="assisted"
    )
    login(client, broker)
    data = _form(client, phone="0575 000 321")
    response = client.post("/werkplek/inwoners/nieuw/", data)
    assert response.status_code == 200
    assert Resident.objects.count() == 1  # nothing saved yet
    html = response.content.decode()
    assert f'href="/werkplek/inwoners/{existing.pk}/"' in html
    assert 'value="Hodan Ali"' in html  # what was typed stays
    # The names seen in the warning are logged.
    assert AccessLogEntry.objects.filter(
        subject_resident_id=existing.pk, action="list", purpose="record_linking", actor_id=broker.pk
    ).exists()

    response = client.post("/werkplek/inwoners/nieuw/", {**data, "look_alikes_seen": _seen(response)})
    assert response.status_code == 302
    new = Resident.objects.exclude(pk=existing.pk).get()
    assert PossibleDuplicate.objects.filter(resident=new, other=existing, reason="same_phone").exists()


def test_another_teams_record_is_never_shown(client: Client, broker: User) -> None:
    elsewhere = Resident.objects.create(
        name="Geheime Naam", phone="0575 000 321", district=District.objects.get(code="WK030103"), source="assisted"
    )
    login(client, broker)
    with translation.override("en"):
        response = client.post("/werkplek/inwoners/nieuw/", _form(client), HTTP_ACCEPT_LANGUAGE="en")
    text = page_text(response)
    assert response.status_code == 200
    assert "Geheime Naam" not in text and f"/werkplek/inwoners/{elsewhere.pk}/" not in response.content.decode()
    assert "another team" in text or "ander team" in text
    assert not AccessLogEntry.objects.filter(subject_resident_id=elsewhere.pk, actor_id=broker.pk).exists()


@pytest.mark.parametrize(
    ("existing", "typed"),
    [
        ({"email": "hodan@example.org", "phone": ""}, {"email": "Hodan@Example.org", "phone": "0575 000 999"}),
        ({"postcode": "7203AA", "phone": ""}, {"postcode": "7203 AA", "phone": "0575 000 999"}),
        ({"phone": "+31 575 000 321"}, {"phone": "0575-000-321"}),
    ],
)
def test_email_name_and_postcode_and_other_phone_spellings_warn(
    client: Client, broker: User, existing: dict[str, str], typed: dict[str, str]
) -> None:
    known = Resident.objects.create(
        name="Hodan Ali", district=District.objects.get(code="WK030101"), source="assisted", **existing
    )
    login(client, broker)
    response = client.post("/werkplek/inwoners/nieuw/", _form(client, **typed))
    assert response.status_code == 200
    assert f'href="/werkplek/inwoners/{known.pk}/"' in response.content.decode()


def test_changed_values_after_a_warning_are_checked_again(client: Client, broker: User) -> None:
    Resident.objects.create(
        name="Iemand Anders", phone="0575 000 321", district=District.objects.get(code="WK030101"), source="assisted"
    )
    other = Resident.objects.create(
        name="Nog Iemand", phone="0575 000 654", district=District.objects.get(code="WK030101"), source="assisted"
    )
    login(client, broker)
    data = _form(client)
    seen = _seen(client.post("/werkplek/inwoners/nieuw/", data))
    # A typing error fixed, into another known number: warned again, not saved.
    response = client.post("/werkplek/inwoners/nieuw/", {**data, "phone": "0575 000 654", "look_alikes_seen": seen})
    assert response.status_code == 200
    assert f'href="/werkplek/inwoners/{other.pk}/"' in response.content.decode()
    # A number nobody has: saved at once.
    response = client.post("/werkplek/inwoners/nieuw/", {**data, "phone": "0575 000 777", "look_alikes_seen": seen})
    assert response.status_code == 302


def test_nobody_alike_saves_at_once(client: Client, broker: User) -> None:
    login(client, broker)
    assert client.post("/werkplek/inwoners/nieuw/", _form(client)).status_code == 302
