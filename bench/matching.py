"""Benchmark of volunteering matching: ranking in memory, and loading facts from a database.

    uv run python -m bench matching            # figures to the screen and bench/results/matching.md
    uv run python -m bench matching --no-db    # ranking only

Ranking needs no database: facts are made in memory with a seeded random generator, shaped like
a municipality's data (60 skills of which a few are popular, 21 time slots, 6-20 wijken). Loading
is measured on a temporary SQLite database (WIJKBASIS_DATA_DIR points at a temporary folder, so
nothing of yours is touched). Figures and ratios only: this is not a test and asserts nothing.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any, NamedTuple

from django.utils import translation

from bench import frame
from wijkbasis.volunteering import slots
from wijkbasis.volunteering.matching import (
    Names,
    ProfileFacts,
    VacancyFacts,
    explain,
    profile_facts,
    rank_profiles,
    rank_vacancies,
    score,
    vacancy_facts,
)

SEED = 301  # Zutphen's CBS code
SKILL_COUNT = 60
RESULTS = frame.RESULTS_DIR / "matching.md"
WEEKDAY_WEIGHTS = [10, 10, 10, 10, 9, 7, 4]  # more help on weekdays, less on Sunday
PART_WEIGHTS = [5, 5, 3]


class Municipality:
    """Random but plausible facts: popular skills are popular, most people give a few slots."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)
        self.district_count = self.random.randint(6, 20)
        self.district_ids = list(range(1, self.district_count + 1))
        self.skill_ids = list(range(1, SKILL_COUNT + 1))
        # Zipf-like: "gezelschap" and "tuinieren" are asked and offered far more than "fietsreparatie".
        self.skill_weights = [1 / (rank + 1) ** 0.8 for rank in range(SKILL_COUNT)]
        self.names = Names(
            skills={skill_id: f"vaardigheid {skill_id}" for skill_id in self.skill_ids},
            districts={district_id: f"wijk {district_id}" for district_id in self.district_ids},
        )

    def skills(self, low: int, high: int) -> frozenset[int]:
        count = self.random.randint(low, high)
        return frozenset(self.random.choices(self.skill_ids, self.skill_weights, k=count))

    def time_slots(self, days: int, parts: int) -> int:
        chosen_days = set(self.random.choices(range(7), WEEKDAY_WEIGHTS, k=days))
        chosen_parts = set(self.random.choices(range(3), PART_WEIGHTS, k=parts))
        return slots.from_pairs((day, part) for day in chosen_days for part in chosen_parts)

    def districts(self, count: int) -> frozenset[int]:
        return frozenset(self.random.sample(self.district_ids, count))

    def vacancy(self, vacancy_id: int) -> VacancyFacts:
        pick = self.random.random
        when = self.random.choices(["regular", "one_off", "flexible"], [60, 20, 20])[0]
        if when == "regular":
            time_slots = self.time_slots(self.random.randint(1, 2), self.random.randint(1, 2))
        elif when == "one_off":
            time_slots = self.time_slots(1, 1)
        else:
            time_slots = self.time_slots(5, 2) if pick() < 0.3 else 0
        where = self.random.choices(["place", "districts", "city_wide", "from_home"], [45, 25, 15, 15])[0]
        district_ids = self.districts(1 if where == "place" else self.random.randint(1, 2))
        return VacancyFacts(
            id=vacancy_id,
            skill_ids=self.skills(1, 3),
            time_slots=time_slots,
            district_ids=district_ids if where in ("place", "districts") else frozenset(),
            where=where,
            when=when,
            hours_per_week=self.random.choice([None, None, 2.0, 3.0, 4.0, 8.0]),
            suitable_for=self.random.choice([0, 0, 0, 1, 8, 9, 32]),
            language_level=self.random.choices(["none", "basic", "good"], [15, 60, 25])[0],
            municipality_id=1,
            names=self.names,
        )

    def profile(self, profile_id: int) -> ProfileFacts:
        pick = self.random.random
        home = self.random.choice(self.district_ids)
        chosen: frozenset[int] = frozenset()
        if pick() < 0.6:
            chosen = frozenset({home}) | self.districts(self.random.randint(0, 1))
        return ProfileFacts(
            id=profile_id,
            resident_id=profile_id,
            skill_ids=self.skills(1, 5),
            interest_ids=self.skills(0, 4),
            time_slots=self.time_slots(self.random.randint(1, 4), self.random.randint(1, 2)) if pick() < 0.85 else 0,
            district_ids=chosen,
            home_district_id=home,
            from_home=pick() < 0.25,
            hours_per_week=self.random.choice([None, 2.0, 4.0, 6.0]),
            speaks_dutch=self.random.choices([True, False, None], [70, 15, 15])[0],
            municipality_id=1,
            names=self.names,
        )


class Timing(NamedTuple):
    median: float
    fastest: float


def timed(run: Callable[[int], Any], runs: int) -> Timing:
    """Median and fastest of `runs` runs; on a shared machine the fastest shows the cost without
    interruptions, the median what to expect."""
    timings = []
    for number in range(runs):
        started = time.perf_counter()
        run(number)
        timings.append(time.perf_counter() - started)
    return Timing(statistics.median(timings), min(timings))


def bench_ranking(runs: int) -> tuple[list[dict[str, Any]], dict[str, Timing], Municipality, str]:
    municipality = Municipality(SEED)
    vacancies = [municipality.vacancy(vacancy_id) for vacancy_id in range(1, 20_001)]
    profiles = [municipality.profile(profile_id) for profile_id in range(1, 100_001)]
    rows: list[dict[str, Any]] = []
    timings_by_size: dict[str, Timing] = {}

    for size in (2_000, 10_000, 20_000):
        candidates = vacancies[:size]

        def rank_for_profile(number: int, candidates: list[VacancyFacts] = candidates) -> object:
            return rank_vacancies(profiles[number], candidates)

        timing = timed(rank_for_profile, runs)
        matched = statistics.mean(
            sum(score(profiles[number], vacancy) is not None for vacancy in candidates) / size for number in range(3)
        )
        timings_by_size[f"vacancies {size}"] = timing
        rows.append(_row("rank_vacancies: one profile, top 10", size, timing, matched))

    for size in (10_000, 50_000, 100_000):
        people = profiles[:size]

        def rank_for_vacancy(number: int, people: list[ProfileFacts] = people) -> object:
            return rank_profiles(vacancies[number], people)

        timing = timed(rank_for_vacancy, runs)
        matched = statistics.mean(
            sum(score(profile, vacancies[number]) is not None for profile in people) / size for number in range(3)
        )
        timings_by_size[f"profiles {size}"] = timing
        rows.append(_row("rank_profiles: one vacancy, top 10", size, timing, matched))

    with translation.override("nl"):
        [(_best, match)] = rank_vacancies(profiles[0], vacancies, limit=1)
        example = explain(match)
    return rows, timings_by_size, municipality, example


def _row(what: str, size: int, timing: Timing, matched: float) -> dict[str, Any]:
    return {
        "what": what,
        "candidates": size,
        "median_ms": timing.median * 1000,
        "fastest_ms": timing.fastest * 1000,
        "per_candidate_us": timing.median / size * 1_000_000,
        "matched": matched,
    }


def bench_loading(
    municipality: Municipality, vacancy_count: int, profile_count: int, runs: int
) -> list[dict[str, Any]]:
    from django.core.management import call_command
    from django.db import transaction

    from wijkbasis.accounts.models import Resident
    from wijkbasis.areas.models import District, Organisation, Place
    from wijkbasis.areas.models import Municipality as MunicipalityModel
    from wijkbasis.volunteering.models import Skill, TalentProfile, Vacancy

    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    with transaction.atomic():
        town = MunicipalityModel.objects.create(code="GM9301", name="Proefstad", slug="proefstad")
        districts = District.objects.bulk_create(
            District(
                municipality=town,
                code=f"WK93{number:04d}",
                cbs_name=f"Wijk {number}",
                name=f"Wijk {number}",
                slug=f"wijk-{number}",
            )
            for number in municipality.district_ids
        )
        district_of = dict(zip(municipality.district_ids, districts, strict=True))
        places = {
            district_id: Place.objects.create(
                municipality=town,
                district=district,
                name=f"Buurthuis {district_id}",
                slug=f"buurthuis-{district_id}",
                kind="community_centre",
            )
            for district_id, district in district_of.items()
        }
        skills = Skill.objects.bulk_create(
            Skill(name=f"vaardigheid {number}", slug=f"vaardigheid-{number}", category="hands")
            for number in municipality.skill_ids
        )
        skill_of = dict(zip(municipality.skill_ids, skills, strict=True))
        organisation = Organisation.objects.create(municipality=town, name="Vereniging", slug="vereniging")

        facts = [municipality.vacancy(number) for number in range(1, vacancy_count + 1)]
        vacancies = Vacancy.objects.bulk_create(
            (
                Vacancy(
                    organisation=organisation,
                    title=f"Vacature {fact.id}",
                    slug=f"vacature-{fact.id}",
                    description="Samen aan de slag.",
                    contact_name="Els",
                    status="published",
                    where=fact.where,
                    when=fact.when,
                    time_slots=fact.time_slots,
                    place=places[min(fact.district_ids)] if fact.where == "place" else None,
                    hours_per_week=Decimal(str(fact.hours_per_week)) if fact.hours_per_week else None,
                    suitable_for=fact.suitable_for,
                    language_level=fact.language_level,
                )
                for fact in facts
            ),
            batch_size=2_000,
        )
        Vacancy.skills.through.objects.bulk_create(
            (
                Vacancy.skills.through(vacancy_id=vacancy.pk, skill_id=skill_of[skill_id].pk)
                for vacancy, fact in zip(vacancies, facts, strict=True)
                for skill_id in fact.skill_ids
            ),
            batch_size=5_000,
        )
        Vacancy.districts.through.objects.bulk_create(
            (
                Vacancy.districts.through(vacancy_id=vacancy.pk, district_id=district_of[district_id].pk)
                for vacancy, fact in zip(vacancies, facts, strict=True)
                if fact.where == "districts"
                for district_id in fact.district_ids
            ),
            batch_size=5_000,
        )

        people = [municipality.profile(number) for number in range(1, profile_count + 1)]
        residents = Resident.objects.bulk_create(
            (
                Resident(
                    name=f"Inwoner {person.id}",
                    source="form",
                    district=district_of.get(person.home_district_id or 0),
                    languages={True: "Nederlands", False: "Arabisch", None: ""}[person.speaks_dutch],
                )
                for person in people
            ),
            batch_size=2_000,
        )
        talent_profiles = TalentProfile.objects.bulk_create(
            (
                TalentProfile(
                    resident=resident, time_slots=person.time_slots, from_home=person.from_home, visibility="brokers"
                )
                for resident, person in zip(residents, people, strict=True)
            ),
            batch_size=2_000,
        )
        through_tables: list[tuple[Any, str, str, dict[int, Any]]] = [
            (TalentProfile.skills.through, "skill_ids", "skill_id", skill_of),
            (TalentProfile.interests.through, "interest_ids", "skill_id", skill_of),
            (TalentProfile.districts.through, "district_ids", "district_id", district_of),
        ]
        for through, attribute, column, target in through_tables:
            through.objects.bulk_create(
                (
                    through(talentprofile_id=talent_profile.pk, **{column: target[item_id].pk})
                    for talent_profile, person in zip(talent_profiles, people, strict=True)
                    for item_id in getattr(person, attribute)
                ),
                batch_size=5_000,
            )
    filled_in = time.perf_counter() - started
    print(f"  (filling the database took {filled_in:.1f} s)", file=sys.stderr)

    loaded_vacancies = timed(lambda _number: vacancy_facts(Vacancy.objects.all()), runs)
    loaded_profiles = timed(lambda _number: profile_facts(TalentProfile.objects.all()), runs)
    return [
        _row("vacancy_facts: load from SQLite", vacancy_count, loaded_vacancies, 1.0),
        _row("profile_facts: load from SQLite", profile_count, loaded_profiles, 1.0),
    ]


def report(
    ranking: list[dict[str, Any]],
    timings_by_size: dict[str, Timing],
    loading: list[dict[str, Any]],
    municipality: Municipality,
    example: str,
    runs: int,
) -> str:
    lines = [
        "# Matching benchmark",
        "",
        f"`uv run python -m bench matching` on {frame.today()}: {frame.describe_machine()}",
        "",
        f"In-memory facts from `random.Random({SEED})`: {SKILL_COUNT} skills (Zipf-like popularity), 21 time "
        f"slots, {municipality.district_count} wijken. Median of {runs} runs, each with another profile or vacancy.",
        "Matched = share of candidates that are a sensible match (`score` is not None; mean of 3).",
        "",
        "| what | candidates | median (ms) | fastest (ms) | per candidate, median (µs) | matched |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in [*ranking, *loading]:
        lines.append(
            f"| {row['what']} | {row['candidates']:,} | {row['median_ms']:.1f} | {row['fastest_ms']:.1f} "
            f"| {row['per_candidate_us']:.2f} "
            f"| {row['matched']:.0%} |"
        )
    lines += [
        "",
        "Scaling, time ratio for 10 × the candidates (linear is 10.0), median and fastest:",
        "",
        _ratio("rank_vacancies 20,000 / 2,000", timings_by_size["vacancies 20000"], timings_by_size["vacancies 2000"]),
        _ratio("rank_profiles 100,000 / 10,000", timings_by_size["profiles 100000"], timings_by_size["profiles 10000"]),
        _ratio(
            "rank_profiles 100,000 / 50,000 (linear is 2.0)",
            timings_by_size["profiles 100000"],
            timings_by_size["profiles 50000"],
        ),
        "",
        f"Example explanation, in Dutch: `{example}`",
        "",
    ]
    return "\n".join(lines)


def _ratio(what: str, larger: Timing, smaller: Timing) -> str:
    return f"- {what}: {larger.median / smaller.median:.2f} (fastest: {larger.fastest / smaller.fastest:.2f})"


def main(arguments: Any, env: frame.Environment) -> None:
    ranking, timings_by_size, municipality, example = bench_ranking(arguments.runs)
    loading = []
    if not arguments.no_db:
        loading = bench_loading(municipality, arguments.db_vacancies, arguments.db_profiles, min(arguments.runs, 5))
    text = report(ranking, timings_by_size, loading, municipality, example, arguments.runs)
    frame.write_results(RESULTS, text)
    print(text)
