"""Vacancy facts in words (describe.py): the same words, and Dutch numbers, everywhere."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone
from django.utils.translation import override

from wijkbasis.volunteering import describe, slots
from wijkbasis.volunteering.models import Suitability, Vacancy

MONDAY, TUESDAY, WEDNESDAY, THURSDAY = 0, 1, 2, 3
MORNING, AFTERNOON, EVENING = 0, 1, 2


@pytest.mark.parametrize(
    ("value", "dutch", "english"),
    [(2, "2", "2"), (Decimal("2.0"), "2", "2"), (Decimal("2.5"), "2,5", "2.5"), (1.5, "1,5", "1.5"), (0, "0", "0")],
)
def test_numbers_as_people_write_them(value: Any, dutch: str, english: str) -> None:
    with override("nl"):
        assert describe.number(value) == dutch
    with override("en"):
        assert describe.number(value) == english


def test_hours_in_the_active_language() -> None:
    with override("nl"):
        assert describe.hours_a_week(Decimal("3.0")) == "3 uur per week"
        assert describe.hours_a_week(Decimal("1.5")) == "1,5 uur per week"
    with override("en"):
        assert describe.hours_a_week(1) == "1 hour a week"
        assert describe.hours_a_week(Decimal("2.5")) == "2.5 hours a week"
        assert describe.hours_in_total(1) == "1 hour"
        assert describe.hours_in_total(Decimal("4.0")) == "4 hours"


def test_slots_in_words_one_way_long_and_short() -> None:
    few = slots.bit(TUESDAY, AFTERNOON) | slots.bit(THURSDAY, AFTERNOON)
    grid = slots.from_pairs((day, part) for day in (MONDAY, WEDNESDAY, THURSDAY) for part in (MORNING, AFTERNOON))
    scattered = grid | slots.bit(TUESDAY, EVENING)
    with override("nl"):
        assert (
            describe.slots_in_words(few) == describe.slots_in_words(few, short=True) == "dinsdagmiddag, donderdagmiddag"
        )
        assert describe.slots_in_words(grid, short=True) == "maandag, woensdag, donderdag, in de ochtend, middag"
        assert describe.slots_in_words(scattered, short=True) == (
            "maandagochtend, maandagmiddag, dinsdagavond en nog 4 andere momenten"
        )
        assert describe.slots_in_words(scattered).count(",") == 6  # every one, on the vacancy's page
    assert describe.slots_in_words(0) == ""


def _vacancy(**fields: Any) -> Vacancy:
    return Vacancy(title="Klus", **fields)


def test_a_one_off_task_says_how_long_it_takes_not_hours_a_week() -> None:
    start = dt.datetime(2027, 4, 3, 10, 0, tzinfo=timezone.get_current_timezone())
    one_off = _vacancy(
        when=Vacancy.When.ONE_OFF, starts_at=start, ends_at=start + dt.timedelta(hours=5), hours_per_week=5
    )
    with override("nl"):
        assert describe.when_in_words(one_off) == "Eenmalig: zaterdag 3 april 2027, 10:00–15:00"
    with override("en"):
        assert describe.time_in_words(one_off) == "5 hours"
        one_off.ends_at = None
        assert describe.time_in_words(one_off) == "5 hours"  # the hours it gives, in all
        assert describe.time_in_words(_vacancy(when=Vacancy.When.REGULAR, hours_per_week=Decimal("1.0"))) == (
            "1 hour a week"
        )
        assert describe.time_in_words(_vacancy(when=Vacancy.When.FLEXIBLE)) == ""


def test_suitability_in_words() -> None:
    with override("en"):
        assert describe.suitabilities_in_words(Suitability.SENIORS | Suitability.NEWCOMERS) == [
            "newcomers and people learning Dutch",
            "seniors",
        ]


def test_records_name_their_day_in_words() -> None:
    """Not "2026-11-23": the management site and the access log show a record by its __str__."""
    from wijkbasis.volunteering.models import FollowUp

    with override("nl"):
        assert describe.date_in_words(dt.date(2026, 11, 23)) == "23 november 2026"
        assert str(FollowUp(kind=FollowUp.Kind.NO_CONTACT, due_on=dt.date(2026, 11, 23))).endswith("(23 november 2026)")
