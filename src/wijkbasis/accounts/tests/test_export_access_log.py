"""The access-log section of a resident's export: who looked (name, role, team or organisation),
when and why (the processing activity), never the IP address they looked from."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from conftest import login
from django.test import Client
from django.utils import translation
from pypdf import PdfReader

from wijkbasis.accounts.models import Resident
from wijkbasis.accounts.tests.factories import UserFactory, staff_user
from wijkbasis.areas.models import District, NeighbourhoodTeam
from wijkbasis.core.processing import activity

pytestmark = pytest.mark.django_db

STAFF_ADDRESS = "203.0.113.77"


def test_the_export_says_who_looked_and_why_never_from_where(zutphen: Any) -> None:
    team = NeighbourhoodTeam.objects.get(slug="waterkwartier")
    broker = staff_user(team, name="Abdi Warsame")
    person = UserFactory(name="Hodan Ali")
    Resident.objects.create(
        user=person,
        name="Hodan Ali",
        email=person.email,
        source="sign_up",
        district=District.objects.get(code="WK030101"),
    )
    resident = Resident.objects.get(user=person)
    looked = login(Client(REMOTE_ADDR=STAFF_ADDRESS), broker).get(f"/werkplek/inwoners/{resident.pk}/")
    assert looked.status_code == 200

    client = login(Client(), person)
    exported = json.loads(client.get("/mijn/gegevens.json").content)
    section = exported["data"]["core.accesslogentry"]
    rows = [" ".join(str(value) for value in record.values()) for record in section["records"]]
    seen = [row for row in rows if "Abdi Warsame" in row]
    assert seen, rows
    assert "sociaal makelaar" in seen[0].lower() and team.name in seen[0]
    with translation.override("nl"):
        why = str(activity("resident_support").name)  # the processing activity, by its name
    assert why in seen[0]
    whole = json.dumps(exported)
    assert STAFF_ADDRESS not in whole and "web " not in whole and "origin" not in whole

    page = client.get("/mijn/gegevens/").content.decode()
    assert "Abdi Warsame" in page and STAFF_ADDRESS not in page
    pdf = PdfReader(io.BytesIO(client.get("/mijn/gegevens.pdf").content))
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert "Abdi Warsame" in text and STAFF_ADDRESS not in text
