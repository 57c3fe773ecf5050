"""Matching profiles and vacancies: the right one first, and the reason says why."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import override

from wijkbasis.accounts.models import Resident
from wijkbasis.areas.models import District, Municipality, Organisation, Place
from wijkbasis.volunteering import describe, slots
from wijkbasis.volunteering.matching import (
    MAX_SCORE,
    WEIGHTS,
    Match,
    Names,
    ProfileFacts,
    ReasonKind,
    VacancyFacts,
    explain,
    lists_dutch,
    profile_facts,
    rank_profiles,
    rank_vacancies,
    score,
    vacancy_facts,
)
from wijkbasis.volunteering.models import Skill, Suitability, TalentProfile, Vacancy

GARDENING, COOKING, COMPUTERS, COMPANY = 1, 2, 3, 4
WATERKWARTIER, NOORDVEEN = 10, 11
NAMES = Names(
    skills={GARDENING: "tuinieren", COOKING: "koken", COMPUTERS: "computerhulp", COMPANY: "gezelschap"},
    districts={WATERKWARTIER: "Waterkwartier", NOORDVEEN: "Noordveen"},
)
MONDAY, TUESDAY, WEDNESDAY, SATURDAY = 0, 1, 2, 5
MORNING, AFTERNOON, EVENING = 0, 1, 2
TUESDAY_AFTERNOON = slots.bit(TUESDAY, AFTERNOON)


def profile(profile_id: int = 1, *, skills: Iterable[int] = (), **fields: Any) -> ProfileFacts:
    return ProfileFacts(id=profile_id, skill_ids=frozenset(skills), names=NAMES, **fields)


def vacancy(vacancy_id: int, *, skills: Iterable[int] = (), **fields: Any) -> VacancyFacts:
    return VacancyFacts(id=vacancy_id, skill_ids=frozenset(skills), names=NAMES, **fields)


def kinds(match: Match | None) -> list[ReasonKind]:
    assert match is not None
    return [reason.kind for reason in match.reasons]


# Ranking vacancies for a person -----------------------------------------------------------------


def test_gardener_on_tuesday_afternoon_in_waterkwartier_gets_that_vacancy_first() -> None:
    gardener = profile(skills={GARDENING}, time_slots=TUESDAY_AFTERNOON, district_ids=frozenset({WATERKWARTIER}))
    vacancies = [
        vacancy(1, skills={COOKING}, time_slots=TUESDAY_AFTERNOON, district_ids=frozenset({WATERKWARTIER})),
        vacancy(2, skills={GARDENING}, when="flexible", where="city_wide"),
        vacancy(3, skills={GARDENING}, time_slots=TUESDAY_AFTERNOON, district_ids=frozenset({WATERKWARTIER})),
        # Gardening and cooking: the person can do half of it.
        vacancy(4, skills={GARDENING, COOKING}, time_slots=TUESDAY_AFTERNOON, district_ids=frozenset({WATERKWARTIER})),
        # Only in another wijk, and the person chose Waterkwartier: not a match.
        vacancy(5, skills={GARDENING}, time_slots=TUESDAY_AFTERNOON, district_ids=frozenset({NOORDVEEN})),
        # A regular role on Saturday morning: the person cannot come then.
        vacancy(
            6, skills={GARDENING}, time_slots=slots.bit(SATURDAY, MORNING), district_ids=frozenset({WATERKWARTIER})
        ),
    ]

    ranking = rank_vacancies(gardener, vacancies)

    assert [facts.id for facts, _match in ranking] == [3, 4, 2, 1]
    best = ranking[0][1]
    assert kinds(best) == [ReasonKind.SKILL, ReasonKind.TIME, ReasonKind.DISTRICT]
    assert best.score == WEIGHTS[ReasonKind.SKILL] + WEIGHTS[ReasonKind.TIME] + WEIGHTS[ReasonKind.DISTRICT]
    line = explain(best)
    assert "tuinieren" in line
    assert describe.slot_label(TUESDAY, AFTERNOON) in line
    assert "Waterkwartier" in line
    # Labels are made in the language active when scoring.
    with override("en"):
        [(_facts, best_in_english)] = rank_vacancies(gardener, vacancies, limit=1)
        assert explain(best_in_english) == "matches: tuinieren · Tuesday afternoon · Waterkwartier"


def test_from_home_vacancy_ranks_first_for_someone_who_helps_from_home() -> None:
    helper = profile(skills={COMPUTERS}, from_home=True, district_ids=frozenset({NOORDVEEN}))
    city_wide = vacancy(1, skills={COMPUTERS}, where="city_wide")
    from_home = vacancy(2, skills={COMPUTERS}, where="from_home")

    with override("en"):
        ranking = rank_vacancies(helper, [city_wide, from_home])

    assert [facts.id for facts, _match in ranking] == [2, 1]
    assert ReasonKind.FROM_HOME in kinds(ranking[0][1])
    with override("en"):
        assert explain(ranking[0][1]) == "matches: computerhulp · from home"
    # Someone who did not say they help from home is not excluded, but gets no points for it.
    stays_out = profile(2, skills={COMPUTERS})
    assert kinds(score(stays_out, from_home)) == [ReasonKind.SKILL]


def test_one_off_saturday_task_for_someone_only_free_on_saturday() -> None:
    saturday_only = profile(skills={COOKING}, time_slots=slots.days_mask([SATURDAY]))
    vacancies = [
        vacancy(1, skills={COOKING}, when="regular", time_slots=slots.bit(TUESDAY, EVENING), where="city_wide"),
        vacancy(2, skills={COOKING}, when="flexible", where="city_wide"),
        vacancy(3, skills={COOKING}, when="one_off", time_slots=slots.bit(SATURDAY, MORNING), where="city_wide"),
        vacancy(4, skills={COOKING}, when="one_off", time_slots=slots.bit(WEDNESDAY, EVENING), where="city_wide"),
    ]

    with override("en"):
        ranking = rank_vacancies(saturday_only, vacancies)

    assert [facts.id for facts, _match in ranking] == [3, 2]
    with override("en"):
        assert explain(ranking[0][1]) == "matches: koken · Saturday morning"
        assert explain(ranking[1][1]) == "matches: koken · whenever it suits you"


def test_no_dutch_listed_is_not_matched_to_good_dutch_but_to_little_dutch() -> None:
    good_dutch = vacancy(1, skills={COMPANY}, language_level="good", where="city_wide")
    little_dutch = vacancy(2, skills={COMPANY}, language_level="basic", where="city_wide")
    learning_dutch = profile(skills={COMPANY}, speaks_dutch=lists_dutch("Arabisch, Engels"))

    assert score(learning_dutch, good_dutch) is None
    assert [facts.id for facts, _match in rank_vacancies(learning_dutch, [good_dutch, little_dutch])] == [2]
    assert kinds(score(learning_dutch, little_dutch)) == [ReasonKind.SKILL, ReasonKind.LANGUAGE]

    # Languages not filled in never exclude; listing Dutch makes a good-Dutch role fit better.
    unknown = profile(2, skills={COMPANY}, speaks_dutch=lists_dutch(""))
    dutch = profile(3, skills={COMPANY}, speaks_dutch=lists_dutch("Nederlands, Turks"))
    with override("en"):
        ranking = rank_profiles(good_dutch, [unknown, learning_dutch, dutch])
    assert [facts.id for facts, _match in ranking] == [3, 2]
    assert ranking[0][1].score - ranking[1][1].score == WEIGHTS[ReasonKind.LANGUAGE]
    with override("en"):
        assert explain(ranking[0][1]) == "matches: gezelschap · good Dutch"


@pytest.mark.parametrize(
    ("languages", "expected"),
    [
        ("", None),
        ("  ", None),
        ("Nederlands", True),
        ("Somalisch, nederlands", True),
        ("NL/EN", True),
        ("Dutch", True),
        ("Vlaams", True),
        ("Arabisch, Engels", False),
        ("Tigrinya", False),
    ],
)
def test_lists_dutch(languages: str, expected: bool | None) -> None:
    assert lists_dutch(languages) is expected


def test_equal_scores_rank_by_lowest_id_whatever_the_input_order() -> None:
    person = profile(skills={GARDENING})
    twins = [vacancy(vacancy_id, skills={GARDENING}, where="city_wide") for vacancy_id in (7, 5, 9, 6)]

    assert [facts.id for facts, _match in rank_vacancies(person, twins)] == [5, 6, 7, 9]
    assert [facts.id for facts, _match in rank_vacancies(person, reversed(twins))] == [5, 6, 7, 9]
    assert [facts.id for facts, _match in rank_vacancies(person, twins, limit=2)] == [5, 6]


# Ranking people for a vacancy --------------------------------------------------------------


def test_rank_profiles_puts_the_gardener_from_the_wijk_first() -> None:
    garden_job = vacancy(1, skills={GARDENING}, time_slots=TUESDAY_AFTERNOON, district_ids=frozenset({WATERKWARTIER}))
    people = [
        # Lives in Waterkwartier, chose no wijken: the home wijk counts.
        profile(1, skills={GARDENING}, time_slots=TUESDAY_AFTERNOON, home_district_id=WATERKWARTIER),
        # Chose only Noordveen: does not want to help in Waterkwartier.
        profile(2, skills={GARDENING}, time_slots=TUESDAY_AFTERNOON, district_ids=frozenset({NOORDVEEN})),
        # Would like to garden, can on Tuesday afternoon, lives elsewhere and did not choose.
        profile(3, interest_ids=frozenset({GARDENING}), time_slots=slots.days_mask([TUESDAY])),
        # Nothing in common.
        profile(4, skills={COOKING}, time_slots=slots.bit(MONDAY, MORNING)),
        profile(5, skills={GARDENING, COOKING}, interest_ids=frozenset({GARDENING})),
    ]

    with override("en"):
        ranking = rank_profiles(garden_job, people)

    assert [facts.id for facts, _match in ranking] == [1, 5, 3]
    with override("en"):
        assert explain(ranking[0][1]) == "matches: tuinieren · Tuesday afternoon · Waterkwartier"
        # Can and likes gardening: said once.
        assert explain(ranking[1][1]) == "matches: tuinieren"
    assert kinds(ranking[1][1]) == [ReasonKind.SKILL, ReasonKind.INTEREST]


# When it is not a match ----------------------------------------------------------------------


def test_no_overlap_at_all_is_no_match() -> None:
    assert score(profile(skills={GARDENING}), vacancy(1, skills={COOKING}, where="city_wide")) is None
    assert score(profile(), vacancy(1)) is None


def test_hard_mismatches_are_no_match() -> None:
    gardener = profile(skills={GARDENING}, time_slots=TUESDAY_AFTERNOON, district_ids=frozenset({WATERKWARTIER}))
    garden_job = vacancy(1, skills={GARDENING}, time_slots=TUESDAY_AFTERNOON, district_ids=frozenset({WATERKWARTIER}))
    assert score(gardener, garden_job) is not None

    other_time = vacancy(2, skills={GARDENING}, time_slots=slots.bit(MONDAY, MORNING))
    assert score(gardener, other_time) is None
    # A flexible vacancy with other slots still fits, at half the time points.
    flexible = vacancy(3, skills={GARDENING}, when="flexible", time_slots=slots.bit(MONDAY, MORNING))
    flexible_match = score(gardener, flexible)
    assert flexible_match is not None
    assert flexible_match.score == WEIGHTS[ReasonKind.SKILL] + WEIGHTS[ReasonKind.TIME] / 2

    other_wijk = vacancy(4, skills={GARDENING}, district_ids=frozenset({NOORDVEEN}), where="districts")
    assert score(gardener, other_wijk) is None
    # The same districts on a city-wide vacancy do not restrict it.
    assert score(gardener, vacancy(5, skills={GARDENING}, district_ids=frozenset({NOORDVEEN}), where="city_wide"))

    other_municipality = vacancy(6, skills={GARDENING}, where="city_wide", municipality_id=2)
    assert score(profile(skills={GARDENING}, municipality_id=1), other_municipality) is None
    assert score(profile(skills={GARDENING}), other_municipality) is not None

    ended = vacancy(7, skills={GARDENING}, where="city_wide", ends_on=dt.date(2026, 3, 1))
    assert score(gardener, ended, today=dt.date(2026, 3, 2)) is None
    assert score(gardener, ended, today=dt.date(2026, 3, 1)) is not None
    assert score(gardener, ended) is not None


def test_a_perfect_fit_scores_the_maximum_and_every_point_is_a_reason() -> None:
    person = profile(
        skills={GARDENING, COOKING},
        interest_ids=frozenset({GARDENING, COOKING}),
        time_slots=TUESDAY_AFTERNOON,
        district_ids=frozenset({WATERKWARTIER}),
        hours_per_week=4.0,
        suitable_for=Suitability.SENIORS,
        speaks_dutch=True,
    )
    job = vacancy(
        1,
        skills={GARDENING, COOKING},
        time_slots=TUESDAY_AFTERNOON,
        district_ids=frozenset({WATERKWARTIER}),
        hours_per_week=3.0,
        suitable_for=Suitability.SENIORS | Suitability.NEWCOMERS,
        language_level="good",
    )

    with override("en"):
        match = score(person, job)

    assert match is not None
    assert match.score == MAX_SCORE
    assert sum(reason.weight for reason in match.reasons) == match.score
    assert {reason.kind for reason in match.reasons} == set(ReasonKind) - {ReasonKind.FROM_HOME}
    with override("en"):
        assert explain(match) == (
            "matches: koken, tuinieren · Tuesday afternoon · Waterkwartier · 3 hours a week · good Dutch · seniors"
        )


def test_partial_fits_give_partial_points() -> None:
    person = profile(skills={GARDENING}, time_slots=TUESDAY_AFTERNOON, hours_per_week=1.0)
    job = vacancy(1, skills={GARDENING, COOKING}, time_slots=slots.days_mask([TUESDAY]), hours_per_week=2.0)

    match = score(person, job)

    assert match is not None
    weights = {reason.kind: reason.weight for reason in match.reasons}
    assert weights == {
        ReasonKind.SKILL: WEIGHTS[ReasonKind.SKILL] / 2,
        # One slot in common, and the person gave one slot: their time fits fully.
        ReasonKind.TIME: WEIGHTS[ReasonKind.TIME],
        ReasonKind.HOURS: WEIGHTS[ReasonKind.HOURS] / 2,
    }


def test_rankings_agree_with_score_on_random_data() -> None:
    generator = random.Random(301)
    skill_ids = range(1, 13)

    def random_slots() -> int:
        return generator.choice([0, generator.getrandbits(21) & generator.getrandbits(21)])

    vacancies = [
        VacancyFacts(
            id=vacancy_id,
            skill_ids=frozenset(generator.sample(skill_ids, generator.randint(0, 3))),
            time_slots=random_slots(),
            district_ids=frozenset(generator.sample([10, 11, 12], generator.randint(0, 2))),
            where=generator.choice(["place", "districts", "city_wide", "from_home"]),
            when=generator.choice(["one_off", "regular", "flexible"]),
            hours_per_week=generator.choice([None, 2.0, 4.0]),
            language_level=generator.choice(["none", "basic", "good"]),
        )
        for vacancy_id in generator.sample(range(1, 1000), 300)
    ]
    profiles = [
        ProfileFacts(
            id=profile_id,
            skill_ids=frozenset(generator.sample(skill_ids, generator.randint(0, 4))),
            interest_ids=frozenset(generator.sample(skill_ids, generator.randint(0, 3))),
            time_slots=random_slots(),
            district_ids=frozenset(generator.sample([10, 11, 12], generator.randint(0, 1))),
            home_district_id=generator.choice([None, 10, 11, 12]),
            from_home=generator.random() < 0.3,
            hours_per_week=generator.choice([None, 1.0, 3.0]),
            speaks_dutch=generator.choice([None, True, False]),
        )
        for profile_id in generator.sample(range(1, 1000), 40)
    ]

    for person in profiles:
        expected = sorted(
            ((facts, match) for facts in vacancies if (match := score(person, facts)) is not None),
            key=lambda pair: (-pair[1].score, pair[0].id),
        )[:10]
        assert rank_vacancies(person, vacancies) == expected
        for _facts, match in expected:
            assert match.score == pytest.approx(sum(reason.weight for reason in match.reasons))
            assert 0 < match.score <= MAX_SCORE
    for job in vacancies[:40]:
        expected_people = sorted(
            ((facts, match) for facts in profiles if (match := score(facts, job)) is not None),
            key=lambda pair: (-pair[1].score, pair[0].id),
        )[:10]
        assert rank_profiles(job, profiles) == expected_people


# Loading facts from the database -------------------------------------------------------------


def make_skill(name: str) -> Skill:
    return Skill.objects.create(name=name, slug=name, category=Skill.Category.HANDS)


def make_vacancy(organisation: Organisation, title: str, **fields: Any) -> Vacancy:
    skills = fields.pop("skills", [])
    districts = fields.pop("districts", [])
    job = Vacancy.objects.create(
        organisation=organisation,
        title=title,
        slug=f"{title.lower().replace(' ', '-')}-{Vacancy.objects.count()}",
        description="Samen aan de slag.",
        contact_name="Els",
        status=Vacancy.Status.PUBLISHED,
        **fields,
    )
    job.skills.set(skills)
    job.districts.set(districts)
    return job


def make_profile(name: str, district: District | None, **fields: Any) -> TalentProfile:
    skills = fields.pop("skills", [])
    interests = fields.pop("interests", [])
    districts = fields.pop("districts", [])
    languages = fields.pop("languages", "")
    resident = Resident.objects.create(name=name, source="form", district=district, languages=languages)
    talent_profile = TalentProfile.objects.create(
        resident=resident, visibility=fields.pop("visibility", TalentProfile.Visibility.BROKERS), **fields
    )
    talent_profile.skills.set(skills)
    talent_profile.interests.set(interests)
    talent_profile.districts.set(districts)
    return talent_profile


def test_matching_from_the_database_end_to_end(zutphen: Any) -> None:
    waterkwartier = District.objects.get(name="Waterkwartier")
    noordveen = District.objects.get(name="Noordveen")
    gardening, cooking = make_skill("tuinieren"), make_skill("koken")
    organisation = Organisation.objects.create(municipality=zutphen, name="Groen Zutphen", slug="groen-zutphen")
    make_vacancy(
        organisation,
        "Koken in de wijk",
        skills=[cooking],
        districts=[waterkwartier],
        where=Vacancy.Where.DISTRICTS,
        time_slots=TUESDAY_AFTERNOON,
    )
    garden = make_vacancy(
        organisation,
        "Buurttuin",
        skills=[gardening],
        districts=[waterkwartier],
        where=Vacancy.Where.DISTRICTS,
        time_slots=TUESDAY_AFTERNOON,
        hours_per_week=3,
    )
    make_vacancy(
        organisation,
        "Tuin Noordveen",
        skills=[gardening],
        districts=[noordveen],
        where=Vacancy.Where.DISTRICTS,
        time_slots=TUESDAY_AFTERNOON,
    )
    gardener = make_profile(
        "Fatima",
        waterkwartier,
        skills=[gardening],
        districts=[waterkwartier],
        time_slots=TUESDAY_AFTERNOON,
        hours_per_week=2,
        languages="Nederlands",
    )

    [person] = profile_facts(TalentProfile.objects.all())
    ranking = rank_vacancies(person, vacancy_facts(Vacancy.objects.published()), today=timezone.localdate())

    assert person.resident_id == gardener.resident_id
    assert person.speaks_dutch is True
    assert person.municipality_id == zutphen.pk
    assert ranking[0][0].id == garden.pk
    assert ranking[0][0].hours_per_week == 3.0
    line = explain(ranking[0][1])
    assert "tuinieren" in line
    assert describe.slot_label(TUESDAY, AFTERNOON) in line
    assert "Waterkwartier" in line
    assert len(ranking) == 2  # the Noordveen garden is in a wijk the person did not choose

    [(best_person, match)] = rank_profiles(vacancy_facts(Vacancy.objects.filter(pk=garden.pk))[0], [person])
    assert best_person == person
    assert "Waterkwartier" in explain(match)


def test_vacancy_facts_where_and_when(zutphen: Any) -> None:
    waterkwartier = District.objects.get(name="Waterkwartier")
    organisation = Organisation.objects.create(municipality=zutphen, name="Buurthuis", slug="buurthuis-org")
    place = Place.objects.create(
        municipality=zutphen,
        name="Proefbuurthuis",
        slug="proefbuurthuis",
        kind="community_centre",
        district=waterkwartier,
    )
    saturday_ten = dt.datetime(2026, 6, 6, 10, 0, tzinfo=timezone.get_current_timezone())
    leesten = District.objects.get(name="Leesten")
    one_off = make_vacancy(
        organisation,
        "Opruimdag",
        when=Vacancy.When.ONE_OFF,
        starts_at=saturday_ten,
        where=Vacancy.Where.PLACE,
        place=place,
        districts=[leesten],
    )
    from_home = make_vacancy(organisation, "Bellen", where=Vacancy.Where.FROM_HOME, districts=[waterkwartier])

    facts = {facts.id: facts for facts in vacancy_facts(Vacancy.objects.all())}

    assert facts[one_off.pk].time_slots == slots.bit(SATURDAY, MORNING) == slots.slot_of(saturday_ten)
    assert facts[one_off.pk].starts_on == facts[one_off.pk].ends_on == dt.date(2026, 6, 6)
    assert facts[one_off.pk].district_ids == frozenset({waterkwartier.pk})  # the place's, not the ticked wijk
    assert facts[one_off.pk].names.districts[waterkwartier.pk] == "Waterkwartier"
    assert facts[one_off.pk].municipality_id == zutphen.pk
    assert facts[from_home.pk].district_ids == frozenset()
    assert facts[from_home.pk].where == "from_home"


def test_private_profiles_are_left_out_unless_asked(zutphen: Any) -> None:
    waterkwartier = District.objects.get(name="Waterkwartier")
    private = make_profile("Piet", waterkwartier, visibility=TalentProfile.Visibility.PRIVATE)
    shared = make_profile("Ans", waterkwartier, visibility=TalentProfile.Visibility.BROKERS_AND_ORGANISATIONS)

    assert [facts.id for facts in profile_facts(TalentProfile.objects.all())] == [shared.pk]
    assert {facts.id for facts in profile_facts(TalentProfile.objects.all(), include_private=True)} == {
        private.pk,
        shared.pk,
    }


@pytest.mark.django_db
def test_loaders_use_the_same_number_of_queries_for_5_and_50_rows() -> None:
    town = Municipality.objects.create(code="GM9301", name="Proefstad", slug="proefstad")
    municipality_districts = [
        District.objects.create(
            municipality=town,
            code=f"WK93010{number}",
            name=f"Wijk {number}",
            cbs_name=f"Wijk {number}",
            slug=f"wijk-{number}",
        )
        for number in range(2)
    ]
    skills = [make_skill(f"vaardigheid-{number}") for number in range(4)]
    organisation = Organisation.objects.create(municipality=town, name="Vereniging", slug="vereniging")

    def grow_to(count: int) -> None:
        while Vacancy.objects.count() < count:
            number = Vacancy.objects.count()
            make_vacancy(
                organisation,
                f"Klus {number}",
                skills=skills[number % 4 : number % 4 + 2],
                districts=[municipality_districts[number % 2]],
                where=Vacancy.Where.DISTRICTS,
            )
            make_profile(
                f"Inwoner {number}",
                municipality_districts[number % 2],
                skills=skills[: number % 4 + 1],
                interests=skills[number % 4 :],
                districts=[municipality_districts[number % 2]],
            )

    query_counts = []
    for count in (5, 50):
        grow_to(count)
        with CaptureQueriesContext(connection) as vacancy_queries:
            vacancies = vacancy_facts(Vacancy.objects.all())
        with CaptureQueriesContext(connection) as profile_queries:
            profiles = profile_facts(TalentProfile.objects.all())
        assert len(vacancies) == len(profiles) == count
        assert all(facts.skill_ids and facts.district_ids for facts in vacancies)
        assert all(facts.skill_ids and facts.interest_ids and facts.district_ids for facts in profiles)
        query_counts.append((len(vacancy_queries), len(profile_queries)))

    # rows, skills, districts, skill names, district names (+ interests for profiles)
    assert query_counts == [(5, 6), (5, 6)]

    # A sliced queryset passes its ids instead of a subquery; still a constant number.
    with CaptureQueriesContext(connection) as sliced_queries:
        assert len(vacancy_facts(Vacancy.objects.order_by("id")[:10])) == 10
    assert len(sliced_queries) == 5
