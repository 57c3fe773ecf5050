"""Reads of the vacancy bank: report figures, suggested and similar vacancies, counts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import override

from wijkbasis.accounts.tests.factories import UserFactory
from wijkbasis.areas.models import District, Organisation
from wijkbasis.volunteering import selectors, services
from wijkbasis.volunteering.models import Response, Skill, Vacancy
from wijkbasis.volunteering.tests.conftest import make_vacancy
from wijkbasis.volunteering.tests.factories import SkillFactory, TalentProfileFactory, VacancyFactory

pytestmark = pytest.mark.django_db


def test_report_figures_per_wijk_and_period(vacancy: Vacancy, reason: Any, organisation: Organisation) -> None:
    broker = UserFactory()
    waterkwartier = District.objects.get(code="WK030101")
    with time_machine.travel(timezone.now() - dt.timedelta(days=3)):
        first, _ = services.respond(vacancy=vacancy, user=UserFactory())
        second, _ = services.respond(vacancy=vacancy, respondent=services.Respondent(name="B", phone="0575 000 999"))
    services.move_response(response=first, to_status=Response.Status.CONTACTED, by=broker)
    services.move_response(response=first, to_status=Response.Status.PLACED, by=broker)
    services.move_response(response=second, to_status=Response.Status.NOT_MATCHED, by=broker, not_matched_reason=reason)
    home = make_vacancy(organisation, title="Bellen met ouderen", where=Vacancy.Where.FROM_HOME, districts=[])

    today = timezone.localdate()
    figures = selectors.volunteering_figures(
        municipality_id=organisation.municipality_id, start=today - dt.timedelta(days=7), end=today
    )
    water = figures[waterkwartier.pk]
    assert water.published_vacancies == 1  # filled during the period still counts as published then
    assert (water.responses, water.placements) == (2, 1)
    assert water.not_matched_reasons == {"Past niet bij de tijden": 1}
    with override("en"):  # the managed list's name in the page's language
        english = selectors.volunteering_figures(
            municipality_id=organisation.municipality_id, start=today - dt.timedelta(days=7), end=today
        )
    assert english[waterkwartier.pk].not_matched_reasons == {"The times do not suit": 1}
    assert water.new_volunteers_by_channel == {"account": 1, "form": 1}
    assert water.median_days_to_first_contact is not None and 2.9 <= water.median_days_to_first_contact <= 3.1
    assert figures[None].published_vacancies == 1  # from home: no wijk
    _ = home


def test_the_organisations_response_counts_stay_true_when_responses_go(vacancy: Vacancy) -> None:
    def counted() -> Any:
        return selectors.vacancies_with_response_counts(Vacancy.objects.filter(organisation_id=vacancy.organisation_id))

    first, _ = services.respond(vacancy=vacancy, user=UserFactory())
    services.respond(vacancy=vacancy, user=UserFactory())
    listed = selectors.vacancies_with_response_counts(
        Vacancy.objects.filter(organisation_id=vacancy.organisation_id)
    ).get(pk=vacancy.pk)
    assert listed.response_count == 2
    first.delete()  # as merging, erasure and the retention purge do
    assert counted().get(pk=vacancy.pk).response_count == 1


def test_suggested_vacancies_are_cards_with_why_in_a_fixed_number_of_queries(
    organisation: Organisation, gardening: Skill
) -> None:
    waterkwartier = District.objects.get(code="WK030101")
    profile = TalentProfileFactory(skills=[gardening], districts=[waterkwartier])
    VacancyFactory(organisation=organisation, title="Moestuin", skills=[gardening])
    cooking = SkillFactory(name="Koken")
    VacancyFactory(organisation=organisation, title="Koken", skills=[cooking], districts=[])
    selectors.suggested_vacancies(profile)  # the facts cache
    with CaptureQueriesContext(connection) as few:
        cards = selectors.suggested_vacancies(profile)
    assert [card.vacancy.title for card in cards] == ["Moestuin"]
    assert cards[0].why == "past bij: Tuinieren · Waterkwartier"
    assert cards[0].where == "Waterkwartier" and cards[0].when.startswith("Regelmatig")
    for number in range(8):
        VacancyFactory(organisation=organisation, title=f"Tuin {number}", skills=[gardening])
    selectors.suggested_vacancies(profile)
    with CaptureQueriesContext(connection) as more:
        assert len(selectors.suggested_vacancies(profile)) == 9
    assert len(more) == len(few)


def test_similar_vacancies_share_skills_or_the_wijk_and_are_open(organisation: Organisation, gardening: Skill) -> None:
    gone = VacancyFactory(organisation=organisation, title="Schoffelen", skills=[gardening])
    alike = VacancyFactory(organisation=organisation, title="Bloembakken", skills=[gardening], districts=[])
    nearby = VacancyFactory(organisation=organisation, title="Koffie in het Waterkwartier")
    VacancyFactory(organisation=organisation, title="Elders iets anders", districts=[])
    draft = VacancyFactory(organisation=organisation, title="Concept tuin", skills=[gardening], publish=False)
    services.close_vacancy(vacancy=gone, by=None, status=Vacancy.Status.FILLED)
    found = [card.vacancy for card in selectors.similar_vacancies(gone)]
    assert found == [alike, nearby]  # a shared skill counts more than the same wijk; nothing unrelated
    assert gone not in found and draft not in found


def _facts_of(profile: Any) -> Any:
    return next(item for item in selectors.shared_profile_facts() if item.id == profile.pk)


def test_the_profile_facts_are_kept_until_a_profile_its_resident_or_a_name_changes(
    zutphen: Any, gardening: Skill
) -> None:
    from wijkbasis.accounts.models import Resident
    from wijkbasis.core.access import logged_update
    from wijkbasis.core.access_log import SYSTEM

    waterkwartier = District.objects.get(code="WK030101")
    centrum = District.objects.exclude(pk=waterkwartier.pk).filter(municipality_id=waterkwartier.municipality_id)[0]
    profile = TalentProfileFactory(skills=[gardening], districts=[waterkwartier])
    assert _facts_of(profile).skill_ids == {gardening.pk}
    with CaptureQueriesContext(connection) as kept:
        selectors.shared_profile_facts()
    assert len(kept) <= 1  # the version, from the shared cache: no query over the profiles

    cooking = SkillFactory(name="Koken")
    profile.skills.add(cooking)  # a relation
    assert _facts_of(profile).skill_ids == {gardening.pk, cooking.pk}
    resident = profile.resident
    resident.district = centrum
    resident.save()  # what the facts read of the resident
    assert _facts_of(profile).home_district_id == centrum.pk
    logged_update(
        Resident.objects.filter(pk=resident.pk), actor=SYSTEM, purpose="resident_support", languages="Nederlands"
    )
    assert _facts_of(profile).speaks_dutch
    gardening.name = "Tuinieren en snoeien"
    gardening.save()  # a name the reasons show
    assert _facts_of(profile).names.skills[gardening.pk] == "Tuinieren en snoeien"

    Resident.objects.create(name="Zonder Profiel", source="form")  # a resident without a profile
    with CaptureQueriesContext(connection) as after_other_resident:
        selectors.shared_profile_facts()
    assert len(after_other_resident) <= 1  # not rebuilt
    profile.delete()
    assert all(item.id != profile.pk for item in selectors.shared_profile_facts())
