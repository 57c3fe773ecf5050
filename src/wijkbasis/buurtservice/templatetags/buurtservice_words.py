"""describe.py for templates: `{% load buurtservice_words %}` `{{ visit.date|short_date:"weekday year" }}`."""

from __future__ import annotations

import datetime as dt

from django import template

from wijkbasis.buurtservice import describe

register = template.Library()


@register.filter
def short_date(value: dt.date | dt.datetime | None, parts: str = "") -> str:
    """ "ma 23 nov" (`"weekday"`), "24 nov 2026" (`"year"`), "24 nov 2026 14:05" (`"year time"`);
    nothing for None."""
    if not value:
        return ""
    words = set(parts.split())
    return describe.short_date(value, weekday="weekday" in words, year="year" in words, time="time" in words)
