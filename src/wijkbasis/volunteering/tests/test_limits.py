"""Anonymous forms that create records or send e-mail are limited per IP address (429)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from wijkbasis.volunteering import services
from wijkbasis.volunteering.models import FollowUp, Vacancy
from wijkbasis.volunteering.tests.conftest import make_vacancy

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_limits() -> None:
    cache.clear()


def test_responses_without_account_beyond_the_limit_get_429(vacancy: Vacancy, settings: Any) -> None:
    client = Client()
    statuses = [
        client.post(
            f"/vrijwilligerswerk/{vacancy.slug}/reageren/",
            {"name": f"Persoon {i}", "email": f"p{i}@example.org", "consent": "on"},
        ).status_code
        for i in range(22)
    ]
    assert statuses[0] in (200, 302)
    assert statuses[-1] == 429


def test_saving_searches_beyond_the_limit_gets_429(zutphen: Any) -> None:
    client = Client()
    statuses = [
        client.post("/vrijwilligerswerk/bewaren/", {"email": f"z{i}@example.org", "query": "q=tuin"}).status_code
        for i in range(12)
    ]
    assert 429 in statuses
    assert statuses[0] != 429


def test_a_city_wide_response_without_a_wijk_reaches_every_team(organisation: Any) -> None:
    vacancy = make_vacancy(organisation, where=Vacancy.Where.FROM_HOME, districts=[])
    response, _ = services.respond(vacancy=vacancy, respondent=services.Respondent(name="Ergens", phone="0575 000 111"))
    teams = set(FollowUp.objects.filter(response=response).values_list("team__slug", flat=True))
    assert teams == {"waterkwartier", "zuidwijken-warnsveld-leesten", "centrum-de-hoven-noordveen"}


def test_reserved_words_are_no_organisation_slugs(zutphen: Any) -> None:
    from wijkbasis.accounts.tests.factories import UserFactory

    organisation = services.register_organisation(
        by=UserFactory(), municipality=zutphen, name="Aanmelden", kind="other"
    )
    assert organisation.slug != "aanmelden"
