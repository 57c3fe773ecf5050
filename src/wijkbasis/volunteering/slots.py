"""When someone can help: days of the week × parts of the day, as one small bit set.

Bit `day * 3 + part` is set when the slot is included (Monday morning is bit 0, Sunday
evening bit 20). Stored as an integer, so filters and matching are one AND operation."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

DAYS = [
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
]
PARTS = [_("morning"), _("afternoon"), _("evening")]


def bit(day: int, part: int) -> int:
    return 1 << (day * 3 + part)


def from_pairs(pairs: Iterable[tuple[int, int]]) -> int:
    mask = 0
    for day, part in pairs:
        mask |= bit(day, part)
    return mask


def pairs(mask: int) -> list[tuple[int, int]]:
    return [(day, part) for day in range(7) for part in range(3) if mask & bit(day, part)]


def days_mask(days: Iterable[int]) -> int:
    """All parts of the given days."""
    return from_pairs((day, part) for day in days for part in range(3))


def parts_mask(parts: Iterable[int]) -> int:
    """The given parts of every day."""
    return from_pairs((day, part) for part in parts for day in range(7))


def describe(mask: int) -> list[str]:
    """['dinsdagmiddag', 'woensdagochtend', …] in the active language (Dutch compounds)."""
    return [slot_label(day, part) for day, part in pairs(mask)]


def slot_label(day: int, part: int) -> str:
    # Translators: a day and a part of the day; in Dutch one word: "dinsdagmiddag".
    return _("%(day)s %(part)s") % {"day": DAYS[day], "part": PARTS[part]}


def choices() -> list[tuple[str, str]]:
    return [(str(day * 3 + part), slot_label(day, part)) for day in range(7) for part in range(3)]
