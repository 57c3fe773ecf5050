"""The one place where Buurtservice's days, months and visits become words, for its pages, charts,
mails, text messages, history notes and records (`__str__`), in the active language.

- `date_in_words(day)` → "23 november 2026"; `short_date(day, weekday=True)` → "ma 23 nov",
  `short_date(day, year=True)` → "24 nov 2026", with `time=True` the time: "24 nov 2026 14:05".
- `month_in_words(month, short=True)` → "nov 2026" (chart labels, kept on one line); without
  `short`: "november 2026".
- `visit_in_words(visit)` → "maandag 23 november 2026, 09:00–11:00".

A month is abbreviated with Django's "N": as the language writes it (Dutch "nov", "mrt", "mei";
English "Nov.", "March"). Never "M": Django capitalises that one in every language ("23 Nov"),
which Dutch does not do. Templates use the filters in `templatetags/buurtservice_words.py`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format


def _local(value: dt.date | dt.datetime) -> dt.date | dt.datetime:
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def date_in_words(day: dt.date | dt.datetime) -> str:
    """ "23 november 2026" (the language's DATE_FORMAT)."""
    return date_format(_local(day))


def short_date(day: dt.date | dt.datetime, *, weekday: bool = False, year: bool = False, time: bool = False) -> str:
    """Short, for tables, boards and lists: "ma 23 nov", "24 nov 2026", "24 nov 2026 14:05"."""
    parts = ["D j N" if weekday else "j N"]
    if year:
        parts.append("Y")
    if time and isinstance(day, dt.datetime):
        parts.append("H:i")
    return date_format(_local(day), " ".join(parts))


def month_in_words(month: dt.date, *, short: bool = False) -> str:
    """ "november 2026"; short (a chart's label): "nov 2026", with a no-break space (a narrow
    column would put the year under the month)."""
    return date_format(month, "N\u00a0Y" if short else "F Y")


def visit_in_words(visit: Any) -> str:
    """ "maandag 23 november 2026, 09:00–11:00"."""
    return f"{date_format(visit.date, 'l j F Y')}, {visit.starts_at:%H:%M}–{visit.ends_at:%H:%M}"
