"""Explainable matching between residents' talent profiles and vacancies, both ways.

Matching works on small frozen "facts" (plain ints, frozensets and strings) instead of model
instances, so one profile can be compared with 20,000 vacancies, or one vacancy with 100,000
profiles, in memory. The loaders at the bottom build the facts from the database in a constant
number of queries.

The score is a weighted sum; every component that adds points is a `Reason` in the match, so a
page can show why: "past bij: tuinieren · dinsdagmiddag · Waterkwartier".

Components (points = weight * how well it fits, between 0 and 1; at most 100 in total):

=============  ======  =================================================================
kind           weight  fit
=============  ======  =================================================================
skill            30    share of the vacancy's skills the person has
interest         20    share of the vacancy's skills the person would like to do
time             20    shared time slots ÷ the smaller number of slots of the two sides;
                       a flexible vacancy without shared slots counts half
district         15    the vacancy is in a wijk the person chose (or, when they chose
                       none, in their home wijk)
from_home        15    a from-home vacancy and a person who would help from home
                       (district and from_home never both apply: a vacancy is either
                       from home or somewhere)
hours             5    the person's hours ÷ the vacancy's hours, at most 1
language          5    the Dutch needed is known to be fine: "good Dutch" and the person
                       lists Dutch; or "none"/"a little" and the person lists other
                       languages only (a role that suits someone learning Dutch)
suitable_for      5    the vacancy suits what the person said about themselves
=============  ======  =================================================================

Not a sensible match (`score` returns None):
- the vacancy ended before `today` (only when a date is given);
- profile and vacancy are known to belong to different municipalities;
- the vacancy needs good Dutch and the person listed their languages without Dutch. Languages
  that were not filled in never exclude anyone: many people do not list their mother tongue;
- both sides gave time slots, none are shared, and the vacancy is not flexible (one-off tasks
  and regular roles happen at set times);
- the vacancy is only in certain wijken, the person chose the wijken where they want to help,
  and none are the same (choosing wijken means: not elsewhere). A from-home or city-wide
  vacancy is never excluded for where it is;
- nothing of substance fits: no skill, interest, time or place. Hours, language and
  suitability alone do not make a match.

Ties are broken by id, lowest first, so a ranking never depends on the input order.
"""

from __future__ import annotations

import datetime as dt
import enum
import heapq
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkbasis.areas.models import District
from wijkbasis.core.managed_lists import localized
from wijkbasis.volunteering import describe, slots
from wijkbasis.volunteering.models import Skill, TalentProfile, Vacancy


class ReasonKind(enum.StrEnum):
    SKILL = "skill"
    INTEREST = "interest"
    TIME = "time"
    DISTRICT = "district"
    FROM_HOME = "from_home"
    HOURS = "hours"
    LANGUAGE = "language"
    SUITABLE_FOR = "suitable_for"


#: The most points each component can add; see the table in the module docstring.
WEIGHTS: Mapping[ReasonKind, float] = {
    ReasonKind.SKILL: 30.0,
    ReasonKind.INTEREST: 20.0,
    ReasonKind.TIME: 20.0,
    ReasonKind.DISTRICT: 15.0,
    ReasonKind.FROM_HOME: 15.0,
    ReasonKind.HOURS: 5.0,
    ReasonKind.LANGUAGE: 5.0,
    ReasonKind.SUITABLE_FOR: 5.0,
}
MAX_SCORE = 100.0
#: A flexible vacancy ("whenever it suits you") fits anyone's time, but less than a shared slot.
FLEXIBLE_TIME_FIT = 0.5

# Plain local names for the scoring loop: attribute look-ups on enums cost time 100,000 times over.
_SKILL_WEIGHT = WEIGHTS[ReasonKind.SKILL]
_INTEREST_WEIGHT = WEIGHTS[ReasonKind.INTEREST]
_TIME_WEIGHT = WEIGHTS[ReasonKind.TIME]
_DISTRICT_WEIGHT = WEIGHTS[ReasonKind.DISTRICT]
_FROM_HOME_WEIGHT = WEIGHTS[ReasonKind.FROM_HOME]
_HOURS_WEIGHT = WEIGHTS[ReasonKind.HOURS]
_LANGUAGE_WEIGHT = WEIGHTS[ReasonKind.LANGUAGE]
_SUITABLE_FOR_WEIGHT = WEIGHTS[ReasonKind.SUITABLE_FOR]
_FROM_HOME = Vacancy.Where.FROM_HOME.value
_LOCATED = frozenset({Vacancy.Where.PLACE.value, Vacancy.Where.DISTRICTS.value})
_FLEXIBLE = Vacancy.When.FLEXIBLE.value
_ONE_OFF = Vacancy.When.ONE_OFF.value
_GOOD_DUTCH = Vacancy.LanguageLevel.GOOD.value


@dataclass(frozen=True)
class Names:
    """Skill and district names for labels, looked up once per load and shared by all facts.
    Skills have a Dutch and, where given, an English name (the label uses the active language)."""

    skills: Mapping[int, str] = field(default_factory=dict)
    districts: Mapping[int, str] = field(default_factory=dict)
    skills_en: Mapping[int, str] = field(default_factory=dict)


NO_NAMES = Names()


@dataclass(frozen=True, slots=True)
class VacancyFacts:
    """What matching needs to know about a vacancy."""

    id: int
    skill_ids: frozenset[int] = frozenset()
    #: Days and parts of the day (see slots.py); for a one-off task the slot it starts in.
    time_slots: int = 0
    #: Where it happens: its place's wijk, or else the wijken it names. Empty when from home,
    #: city-wide, or when no wijk is known (a place that serves the whole municipality).
    district_ids: frozenset[int] = frozenset()
    where: str = Vacancy.Where.PLACE.value
    when: str = Vacancy.When.REGULAR.value
    hours_per_week: float | None = None
    #: Suitability flags (models.Suitability) as a bit set.
    suitable_for: int = 0
    language_level: str = Vacancy.LanguageLevel.BASIC.value
    municipality_id: int | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    names: Names = field(default=NO_NAMES, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class ProfileFacts:
    """What matching needs to know about a resident's talent profile."""

    id: int
    resident_id: int | None = None
    skill_ids: frozenset[int] = frozenset()
    interest_ids: frozenset[int] = frozenset()
    time_slots: int = 0
    #: The wijken where the person wants to help; empty means no preference.
    district_ids: frozenset[int] = frozenset()
    home_district_id: int | None = None
    from_home: bool = False
    hours_per_week: float | None = None
    #: Suitability flags the person gave about themselves; 0 when they said nothing.
    suitable_for: int = 0
    #: True or False from the languages they listed; None when they listed none.
    speaks_dutch: bool | None = None
    municipality_id: int | None = None
    names: Names = field(default=NO_NAMES, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Reason:
    kind: ReasonKind
    #: The points this component added to the score.
    weight: float
    #: Short text in the language active when `score` ran: "tuinieren", "dinsdagmiddag",
    #: "Waterkwartier". Skill and wijk names are shown as stored.
    label: str


@dataclass(frozen=True, slots=True)
class Match:
    score: float
    reasons: tuple[Reason, ...]


# One component as found by _points: its kind, its points and what the label is made from.
_Detail = tuple[ReasonKind, float, Any]


def _points(
    profile: ProfileFacts, vacancy: VacancyFacts, today: dt.date | None, details: list[_Detail] | None
) -> float | None:
    """The score, or None when it is not a sensible match; the one place the numbers are made.

    With `details`, every component that adds points is appended to it (for the reasons).
    Cheap checks and exclusions come first: ranking calls this for every candidate."""
    if today is not None and vacancy.ends_on is not None and vacancy.ends_on < today:
        return None
    if (
        profile.municipality_id is not None
        and vacancy.municipality_id is not None
        and profile.municipality_id != vacancy.municipality_id
    ):
        return None
    speaks_dutch = profile.speaks_dutch
    if speaks_dutch is False and vacancy.language_level == _GOOD_DUTCH:
        return None

    vacancy_slots = vacancy.time_slots
    profile_slots = profile.time_slots
    time_points = 0.0
    time_subject = 0
    if vacancy_slots and profile_slots:
        time_subject = vacancy_slots & profile_slots
        if time_subject:
            time_points = (
                _TIME_WEIGHT * time_subject.bit_count() / min(vacancy_slots.bit_count(), profile_slots.bit_count())
            )
        elif vacancy.when == _FLEXIBLE:
            time_points = _TIME_WEIGHT * FLEXIBLE_TIME_FIT
        else:
            return None
    elif vacancy.when == _FLEXIBLE:
        time_points = _TIME_WEIGHT * FLEXIBLE_TIME_FIT

    place_points = 0.0
    place_kind = ReasonKind.DISTRICT
    place_subject: frozenset[int] = frozenset()
    if vacancy.where == _FROM_HOME:
        if profile.from_home:
            place_points = _FROM_HOME_WEIGHT
            place_kind = ReasonKind.FROM_HOME
    elif vacancy.district_ids and vacancy.where in _LOCATED:
        if profile.district_ids:
            if vacancy.district_ids.isdisjoint(profile.district_ids):
                return None
            place_points = _DISTRICT_WEIGHT
            place_subject = vacancy.district_ids & profile.district_ids
        elif profile.home_district_id in vacancy.district_ids:
            place_points = _DISTRICT_WEIGHT
            place_subject = frozenset({profile.home_district_id})

    vacancy_skills = vacancy.skill_ids
    skill_points = interest_points = 0.0
    if vacancy_skills:
        if not vacancy_skills.isdisjoint(profile.skill_ids):
            skill_subject = vacancy_skills & profile.skill_ids
            skill_points = _SKILL_WEIGHT * len(skill_subject) / len(vacancy_skills)
            if details is not None:
                details.append((ReasonKind.SKILL, skill_points, skill_subject))
        if not vacancy_skills.isdisjoint(profile.interest_ids):
            interest_subject = vacancy_skills & profile.interest_ids
            interest_points = _INTEREST_WEIGHT * len(interest_subject) / len(vacancy_skills)
            if details is not None:
                details.append((ReasonKind.INTEREST, interest_points, interest_subject))

    substance = skill_points + interest_points + time_points + place_points
    if not substance:
        return None
    if details is not None:
        if time_points:
            details.append((ReasonKind.TIME, time_points, time_subject))
        if place_points:
            details.append((place_kind, place_points, place_subject))

    total = substance
    vacancy_hours = vacancy.hours_per_week
    profile_hours = profile.hours_per_week
    if vacancy_hours and profile_hours:
        hours_points = _HOURS_WEIGHT * min(1.0, profile_hours / vacancy_hours)
        total += hours_points
        if details is not None:
            details.append((ReasonKind.HOURS, hours_points, vacancy_hours))

    if speaks_dutch is not None and speaks_dutch == (vacancy.language_level == _GOOD_DUTCH):
        total += _LANGUAGE_WEIGHT
        if details is not None:
            details.append((ReasonKind.LANGUAGE, _LANGUAGE_WEIGHT, vacancy.language_level))

    suitable_for = vacancy.suitable_for & profile.suitable_for
    if suitable_for:
        total += _SUITABLE_FOR_WEIGHT
        if details is not None:
            details.append((ReasonKind.SUITABLE_FOR, _SUITABLE_FOR_WEIGHT, suitable_for))
    return total


def score(profile: ProfileFacts, vacancy: VacancyFacts, *, today: dt.date | None = None) -> Match | None:
    """How well a person and a vacancy fit, with the reasons; None when not a sensible match.

    Pass `today` to leave out vacancies that already ended."""
    details: list[_Detail] = []
    points = _points(profile, vacancy, today, details)
    if points is None:
        return None
    reasons = tuple(
        Reason(kind=kind, weight=weight, label=_label(kind, subject, profile, vacancy))
        for kind, weight, subject in details
    )
    return Match(score=points, reasons=reasons)


def explain(match: Match) -> str:
    """One line for a page: "matches: gardening · Tuesday afternoon · Waterkwartier"."""
    labels: list[str] = []
    for reason in match.reasons:
        # Someone who can and likes gardening has a skill and an interest reason with the
        # same label; saying it once is enough.
        if reason.label and reason.label not in labels:
            labels.append(reason.label)
    # Translators: followed by why a vacancy and a person fit, e.g. "tuinieren · dinsdagmiddag".
    return _("matches: %(reasons)s") % {"reasons": " · ".join(labels)}


def rank_vacancies(
    profile: ProfileFacts, vacancies: Iterable[VacancyFacts], limit: int = 10, *, today: dt.date | None = None
) -> list[tuple[VacancyFacts, Match]]:
    """The `limit` best vacancies for one person, best first; equal scores by lowest id."""

    def candidates() -> Iterator[tuple[float, int, int, VacancyFacts]]:
        for position, vacancy in enumerate(vacancies):
            points = _points(profile, vacancy, today, None)
            if points is not None:
                # The position only breaks ties between duplicates, so facts are never compared.
                yield points, -vacancy.id, -position, vacancy

    best = heapq.nlargest(limit, candidates())
    return [(vacancy, _match(profile, vacancy, today)) for *_, vacancy in best]


def rank_profiles(
    vacancy: VacancyFacts, profiles: Iterable[ProfileFacts], limit: int = 10, *, today: dt.date | None = None
) -> list[tuple[ProfileFacts, Match]]:
    """The `limit` best people for one vacancy, best first; equal scores by lowest id."""

    def candidates() -> Iterator[tuple[float, int, int, ProfileFacts]]:
        for position, profile in enumerate(profiles):
            points = _points(profile, vacancy, today, None)
            if points is not None:
                yield points, -profile.id, -position, profile

    best = heapq.nlargest(limit, candidates())
    return [(profile, _match(profile, vacancy, today)) for *_, profile in best]


def _match(profile: ProfileFacts, vacancy: VacancyFacts, today: dt.date | None) -> Match:
    """The full match (with labels) for a pair already known to match; only for the winners."""
    match = score(profile, vacancy, today=today)
    if match is None:  # pragma: no cover - _points said it matches, and it is deterministic
        raise AssertionError(f"profile {profile.id} and vacancy {vacancy.id} stopped matching")
    return match


# Labels ------------------------------------------------------------------------------------


def _label(kind: ReasonKind, subject: Any, profile: ProfileFacts, vacancy: VacancyFacts) -> str:
    if kind in (ReasonKind.SKILL, ReasonKind.INTEREST):
        english = {**profile.names.skills_en, **vacancy.names.skills_en}
        return _names(subject, vacancy.names.skills, profile.names.skills, english=english)
    if kind == ReasonKind.TIME:
        return describe.slots_in_words(subject, short=True) if subject else str(Vacancy.When.FLEXIBLE.label)
    if kind == ReasonKind.DISTRICT:
        return _names(subject, vacancy.names.districts, profile.names.districts)
    if kind == ReasonKind.FROM_HOME:
        return str(Vacancy.Where.FROM_HOME.label)
    if kind == ReasonKind.HOURS:
        return describe.hours_a_week(subject)
    if kind == ReasonKind.LANGUAGE:
        return str(Vacancy.LanguageLevel(subject).label)
    return ", ".join(describe.suitabilities_in_words(subject))


def _names(ids: Iterable[int], *lookups: Mapping[int, str], english: Mapping[int, str] | None = None) -> str:
    """Names in alphabetical order, in the active language where `english` has them; an unknown
    id shows as its number rather than disappearing."""

    def name(item_id: int) -> str:
        for lookup in lookups:
            if item_id in lookup:
                return localized(lookup[item_id], (english or {}).get(item_id, ""))
        return str(item_id)

    return ", ".join(sorted(name(item_id) for item_id in ids))


def lists_dutch(languages: str) -> bool | None:
    """Whether a free-text list of languages ("Nederlands, Somalisch") includes Dutch; None when empty."""
    words = languages.lower().replace(",", " ").replace(";", " ").replace("/", " ").split()
    if not words:
        return None
    return any(word.startswith(("nederlands", "dutch", "vlaams")) or word == "nl" for word in words)


# Loading facts from the database -------------------------------------------------------------


def vacancy_facts(queryset: QuerySet[Vacancy]) -> list[VacancyFacts]:
    """Facts for the vacancies of a queryset (in its order), in five queries whatever its size."""
    rows = list(
        queryset.values_list(
            "id",
            "where",
            "when",
            "time_slots",
            "hours_per_week",
            "suitable_for",
            "language_level",
            "organisation__municipality_id",
            "place__district_id",
            "start_date",
            "end_date",
            "starts_at",
            "ends_at",
        )
    )
    selected = _selected_ids(queryset, [row[0] for row in rows])
    skills = _id_sets(Vacancy.skills.through.objects.filter(vacancy_id__in=selected), "vacancy_id", "skill_id")
    districts = _id_sets(Vacancy.districts.through.objects.filter(vacancy_id__in=selected), "vacancy_id", "district_id")
    names = _load_names(
        skill_ids=set().union(*skills.values()),
        district_ids=set().union(*districts.values()) | {row[8] for row in rows if row[8] is not None},
    )
    facts = []
    for (
        vacancy_id,
        where,
        when,
        time_slots,
        hours,
        suitable_for,
        language_level,
        municipality_id,
        place_district_id,
        start_date,
        end_date,
        starts_at,
        ends_at,
    ) in rows:
        district_ids: frozenset[int] = frozenset()
        if where == Vacancy.Where.PLACE and place_district_id is not None:
            # At a place, the place's wijk is where it is; wijken ticked before the place was
            # chosen do not count.
            district_ids = frozenset({place_district_id})
        elif where in _LOCATED:
            district_ids = frozenset(districts.get(vacancy_id, ()))
        starts_on, ends_on = start_date, end_date
        if when == _ONE_OFF and starts_at is not None:
            # A one-off task happens when it starts; its slot is that moment, unless the
            # organisation gave slots themselves.
            time_slots = time_slots or slots.slot_of(starts_at)
            starts_on = starts_on or timezone.localdate(starts_at)
            ends_on = ends_on or timezone.localdate(ends_at or starts_at)
        facts.append(
            VacancyFacts(
                id=vacancy_id,
                skill_ids=frozenset(skills.get(vacancy_id, ())),
                time_slots=time_slots,
                district_ids=district_ids,
                where=where,
                when=when,
                hours_per_week=_hours(hours),
                suitable_for=suitable_for,
                language_level=language_level,
                municipality_id=municipality_id,
                starts_on=starts_on,
                ends_on=ends_on,
                names=names,
            )
        )
    return facts


def profile_facts(queryset: QuerySet[TalentProfile], *, include_private: bool = False) -> list[ProfileFacts]:
    """Facts for the talent profiles of a queryset, in six queries whatever its size.

    Only profiles their owners share with brokers (not "only me"), unless `include_private`
    (for the person themselves). TalentProfile has no field yet where people say what suits
    them (Suitability), so `suitable_for` stays 0: we do not guess it from other data."""
    if not include_private:
        queryset = queryset.exclude(visibility=TalentProfile.Visibility.PRIVATE)
    rows = list(
        queryset.values_list(
            "id",
            "resident_id",
            "time_slots",
            "hours_per_week",
            "from_home",
            "resident__district_id",
            "resident__district__municipality_id",
            "resident__languages",
        )
    )
    selected = _selected_ids(queryset, [row[0] for row in rows])
    through_skills = TalentProfile.skills.through.objects.filter(talentprofile_id__in=selected)
    through_interests = TalentProfile.interests.through.objects.filter(talentprofile_id__in=selected)
    through_districts = TalentProfile.districts.through.objects.filter(talentprofile_id__in=selected)
    skills = _id_sets(through_skills, "talentprofile_id", "skill_id")
    interests = _id_sets(through_interests, "talentprofile_id", "skill_id")
    districts = _id_sets(through_districts, "talentprofile_id", "district_id")
    names = _load_names(
        skill_ids=set().union(*skills.values(), *interests.values()),
        district_ids=set().union(*districts.values()) | {row[5] for row in rows if row[5] is not None},
    )
    return [
        ProfileFacts(
            id=profile_id,
            resident_id=resident_id,
            skill_ids=frozenset(skills.get(profile_id, ())),
            interest_ids=frozenset(interests.get(profile_id, ())),
            time_slots=time_slots,
            district_ids=frozenset(districts.get(profile_id, ())),
            home_district_id=home_district_id,
            from_home=from_home,
            hours_per_week=_hours(hours),
            speaks_dutch=lists_dutch(languages),
            municipality_id=municipality_id,
            names=names,
        )
        for (
            profile_id,
            resident_id,
            time_slots,
            hours,
            from_home,
            home_district_id,
            municipality_id,
            languages,
        ) in rows
    ]


def _selected_ids(queryset: QuerySet[Any], ids: list[int]) -> Any:
    """The queryset's ids as a subquery, so the M2M queries need no list of 100,000 parameters
    (SQLite allows 32,766). A sliced queryset is small; its ids are passed as they are."""
    if queryset.query.is_sliced:
        return ids
    return queryset.values("pk")


def _id_sets(through: QuerySet[Any], owner: str, target: str) -> dict[int, set[int]]:
    sets: dict[int, set[int]] = defaultdict(set)
    for owner_id, target_id in through.values_list(owner, target).order_by():
        sets[owner_id].add(target_id)
    return sets


def _load_names(*, skill_ids: set[int], district_ids: set[int]) -> Names:
    skills = list(Skill.objects.filter(id__in=skill_ids).values_list("id", "name", "name_en"))
    return Names(
        skills={skill_id: name for skill_id, name, _english in skills},
        skills_en={skill_id: english for skill_id, _name, english in skills if english},
        districts=dict(District.objects.filter(id__in=district_ids).values_list("id", "name")),
    )


def _hours(hours: Decimal | None) -> float | None:
    return float(hours) if hours is not None else None
