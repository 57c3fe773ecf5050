"""When someone can help: days of the week × parts of the day, as one small bit set.

Bit `day * 3 + part` is set when the slot is included (Monday morning is bit 0, Sunday
evening bit 20). Stored as an integer, so filters and matching are one AND operation. The
names of days and parts, and slots in words, are in describe.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone


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


def slot_of(moment: dt.datetime) -> int:
    """The time slot a moment falls in, in local time: morning until 12, afternoon until 18."""
    local = timezone.localtime(moment)
    part = 0 if local.hour < 12 else 1 if local.hour < 18 else 2
    return bit(local.weekday(), part)
