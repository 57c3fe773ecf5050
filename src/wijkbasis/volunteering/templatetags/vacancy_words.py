"""describe.py for templates: `{% load vacancy_words %}` `{{ placement.hours_per_week|hours_a_week }}`."""

from __future__ import annotations

from django import template

from wijkbasis.volunteering import describe

register = template.Library()


@register.filter
def number(value: describe.Number | None) -> str:
    """2 → "2", 2.5 → "2,5" in the active language; nothing for None."""
    return describe.number(value) if value is not None and value != "" else ""


@register.filter
def hours_a_week(value: describe.Number | None) -> str:
    """ "3 hours a week", "1 hour a week"; nothing for None."""
    return describe.hours_a_week(value) if value is not None and value != "" else ""
