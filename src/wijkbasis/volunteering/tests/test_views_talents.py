"""The resident's talent profile and the volunteer work that fits it."""

from __future__ import annotations

import pytest
from conftest import login, page_text
from django.test import Client

from wijkbasis.accounts.tests.factories import UserFactory
from wijkbasis.areas.models import District
from wijkbasis.volunteering.models import Skill, TalentProfile, Vacancy

pytestmark = pytest.mark.django_db


def test_resident_talent_profile_and_suggestions(client: Client, vacancy: Vacancy, gardening: Skill) -> None:
    user = UserFactory()
    login(client, user)
    assert client.get("/mijn/talenten/").status_code == 200
    waterkwartier = District.objects.get(code="WK030101")
    response = client.post(
        "/mijn/talenten/",
        {
            "talents": "Groene vingers",
            "skills": [gardening.pk],
            "time_slots": ["4"],
            "districts": [waterkwartier.pk],
            "visibility": "brokers",
        },
    )
    assert response.status_code == 302, page_text(response)[:2000]
    page = page_text(client.get("/mijn/talenten/"))
    assert vacancy.title in page
    assert "past bij: Tuinieren" in page  # the reason, on the card of the suggested-vacancies block
    profile = TalentProfile.objects.get(resident__user=user)
    assert profile.time_slots == 1 << 4


def test_hours_are_shown_and_read_the_dutch_way(client: Client, zutphen: None) -> None:
    login(client, UserFactory())
    response = client.post("/mijn/talenten/", {"hours_per_week": "2,5", "visibility": "private"})
    assert response.status_code == 302, page_text(response)[:2000]
    assert str(TalentProfile.objects.get().hours_per_week) == "2.5"
    html = client.get("/mijn/talenten/").content.decode()
    assert 'name="hours_per_week" value="2,5"' in html
    client.post("/mijn/talenten/", {"hours_per_week": "2", "visibility": "private"})
    assert 'name="hours_per_week" value="2"' in client.get("/mijn/talenten/").content.decode()  # not "2.0"
