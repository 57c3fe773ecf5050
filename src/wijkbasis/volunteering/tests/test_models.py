"""Rules about one vacancy (models.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from wijkbasis.areas.models import Organisation
from wijkbasis.volunteering import services
from wijkbasis.volunteering.models import Vacancy, organisation_url
from wijkbasis.volunteering.tests.factories import VacancyFactory

pytestmark = pytest.mark.django_db


def test_a_vacancy_that_was_public_and_is_not_has_ended_as_filled_or_closed(organisation: Organisation) -> None:
    vacancy = VacancyFactory(organisation=organisation)
    assert vacancy.ended_as() is None
    for status, ended in [("filled", "filled"), ("closed", "closed"), ("expired", "closed")]:
        vacancy.status = status
        assert vacancy.ended_as() == ended
    vacancy.status = Vacancy.Status.PUBLISHED
    vacancy.expires_on = timezone.localdate() - dt.timedelta(days=1)  # past its date before the daily job ran
    assert vacancy.ended_as() == "closed"
    never = VacancyFactory(organisation=organisation, publish=False)
    services.close_vacancy(vacancy=never, by=None)
    never.refresh_from_db()
    assert never.ended_as() is None  # never public: it did not end, it never began
    vacancy.organisation.status = Organisation.Status.REJECTED
    assert vacancy.ended_as() is None  # its organisation is not (or no longer) allowed on the site


def test_the_organisations_page_is_an_address_of_the_vacancy_bank(organisation: Any) -> None:
    assert organisation_url(organisation) == "/organisaties/kinderboerderij-de-klimop/"
    assert not hasattr(Organisation, "get_absolute_url")  # areas names no URL of a higher app
