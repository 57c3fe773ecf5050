"""When someone can: days of the week and parts of the day (morning, afternoon), as a bit set.

Used for the workers' availability and for when a resident is at home. Bit `day * 2 + part`:
Monday morning is bit 0, Monday afternoon bit 1, … Sunday afternoon bit 13. A visit that starts
before MIDDAY needs the morning, one that ends after it the afternoon.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

MORNING, AFTERNOON = 0, 1
MIDDAY = dt.time(12, 30)
DAYS: list[tuple[int, Promise]] = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]
SHORT_DAYS: list[Promise] = [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")]
PARTS: list[tuple[int, Promise]] = [(MORNING, _("morning")), (AFTERNOON, _("afternoon"))]
WORKING_DAYS = range(5)
EVERY_WEEKDAY = sum(1 << (day * 2 + part) for day in WORKING_DAYS for part in (MORNING, AFTERNOON))


def bit(day: int, part: int) -> int:
    return 1 << (day * 2 + part)


def from_pairs(pairs: Iterable[tuple[int, int]]) -> int:
    mask = 0
    for day, part in pairs:
        mask |= bit(day, part)
    return mask


def pairs(mask: int) -> list[tuple[int, int]]:
    return [(day, part) for day in range(7) for part in (MORNING, AFTERNOON) if mask & bit(day, part)]


def from_days_and_parts(days: Iterable[int], parts: Iterable[int]) -> int:
    """Every chosen day in every chosen part (the resident's form asks days and parts apart)."""
    parts = list(parts) or [MORNING, AFTERNOON]
    return from_pairs((day, part) for day in days for part in parts)


def parts_of(starts_at: dt.time, ends_at: dt.time) -> list[int]:
    """The parts of the day a visit from `starts_at` to `ends_at` takes."""
    parts = []
    if starts_at < MIDDAY:
        parts.append(MORNING)
    if ends_at > MIDDAY:
        parts.append(AFTERNOON)
    return parts


def fits(mask: int, day: dt.date, starts_at: dt.time, ends_at: dt.time) -> bool:
    """Whether someone available at `mask` can be there for the whole visit (an empty mask: not known, fits)."""
    if mask == 0:
        return True
    return all(mask & bit(day.weekday(), part) for part in parts_of(starts_at, ends_at))


def describe(mask: int) -> str:
    """'Monday morning, Tuesday' (a whole day when both parts): for pages and the crew."""
    if mask == 0:
        return str(_("not given"))
    labels = []
    for day, name in DAYS:
        morning, afternoon = bool(mask & bit(day, MORNING)), bool(mask & bit(day, AFTERNOON))
        if morning and afternoon:
            labels.append(str(name))
        elif morning or afternoon:
            labels.append(f"{name} {PARTS[MORNING if morning else AFTERNOON][1]}")
    return ", ".join(labels)
