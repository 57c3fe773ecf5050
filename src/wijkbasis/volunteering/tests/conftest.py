from __future__ import annotations

from typing import Any

import pytest

from wijkbasis.accounts.tests.factories import UserFactory
from wijkbasis.areas.models import District, Organisation
from wijkbasis.volunteering import services
from wijkbasis.volunteering.models import NotMatchedReason, Skill, Vacancy


@pytest.fixture
def gardening(db: None) -> Skill:
    return Skill.objects.create(
        name="Tuinieren", slug="tuinieren", category=Skill.Category.HANDS, search_terms="tuin, groen, planten"
    )


@pytest.fixture
def organisation(zutphen: Any) -> Organisation:
    return Organisation.objects.create(
        municipality=zutphen, name="Kinderboerderij De Klimop", slug="kinderboerderij-de-klimop", kind="foundation"
    )


@pytest.fixture
def member(organisation: Organisation) -> Any:
    from wijkbasis.accounts.models import OrganisationMembership

    user = UserFactory(name="Els van de Boerderij")
    OrganisationMembership.objects.create(user=user, organisation=organisation)
    return user


def make_vacancy(organisation: Organisation, *, by: Any = None, publish: bool = True, **values: Any) -> Vacancy:
    districts = values.pop("districts", None)
    skills = values.pop("skills", None)
    defaults = {
        "title": "Dieren verzorgen",
        "description": "Je helpt met het voeren en verzorgen van de dieren.",
        "where": Vacancy.Where.DISTRICTS,
        "contact_name": "Els",
        "contact_email": "els@example.org",
    }
    vacancy = Vacancy(organisation=organisation, **{**defaults, **values})
    by = by or UserFactory()
    vacancy = services.save_vacancy(
        vacancy=vacancy,
        by=by,
        districts=districts if districts is not None else [District.objects.get(code="WK030101")],
        skills=skills or [],
    )
    if publish:
        vacancy = services.submit_vacancy(vacancy=vacancy, by=by)
    return vacancy


@pytest.fixture
def vacancy(organisation: Organisation, gardening: Skill) -> Vacancy:
    return make_vacancy(organisation, skills=[gardening])


@pytest.fixture
def reason(db: None) -> NotMatchedReason:
    return NotMatchedReason.objects.create(name="Past niet bij de tijden")
