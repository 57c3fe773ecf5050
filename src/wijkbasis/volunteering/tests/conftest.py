from __future__ import annotations

from typing import Any

import pytest

from wijkbasis.accounts.tests.factories import UserFactory
from wijkbasis.areas.models import Organisation
from wijkbasis.areas.tests.factories import OrganisationFactory
from wijkbasis.volunteering.models import NotMatchedReason, Skill, Vacancy
from wijkbasis.volunteering.tests.factories import NotMatchedReasonFactory, SkillFactory, VacancyFactory


@pytest.fixture
def gardening(db: None) -> Skill:
    return SkillFactory(name="Tuinieren", search_terms="tuin, groen, planten")


@pytest.fixture
def organisation(zutphen: Any) -> Organisation:
    return OrganisationFactory(
        municipality=zutphen, name="Kinderboerderij De Klimop", slug="kinderboerderij-de-klimop", kind="foundation"
    )


@pytest.fixture
def member(organisation: Organisation) -> Any:
    from wijkbasis.accounts.models import OrganisationMembership

    user = UserFactory(name="Els van de Boerderij")
    OrganisationMembership.objects.create(user=user, organisation=organisation)
    return user


def make_vacancy(organisation: Organisation, *, by: Any = None, publish: bool = True, **values: Any) -> Vacancy:
    """A vacancy of this organisation (VacancyFactory; other apps' tests use this name)."""
    return VacancyFactory(organisation=organisation, by=by, publish=publish, **values)


@pytest.fixture
def vacancy(organisation: Organisation, gardening: Skill) -> Vacancy:
    return VacancyFactory(organisation=organisation, skills=[gardening])


@pytest.fixture
def reason(db: None) -> NotMatchedReason:
    return NotMatchedReasonFactory(name="Past niet bij de tijden", name_en="The times do not suit")
