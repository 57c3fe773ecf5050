"""Days and months in words: as each language writes them (found walking the demo: "ma 23 Nov",
"24 Nov 2026" on the board and the waiting list; Dutch writes month abbreviations lower case)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

from wijkbasis.buurtservice import describe
from wijkbasis.buurtservice.models import CheckIn, Visit

MONDAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("language", "weekday", "with_year", "month", "visit"),
    [
        ("nl", "ma 23 nov", "24 nov 2026", "mrt 2026", "maandag 23 november 2026, 09:00–11:00"),
        ("en", "Mon 23 Nov.", "24 Nov. 2026", "March 2026", "Monday 23 November 2026, 09:00–11:00"),
    ],
)
def test_days_and_months_as_the_language_writes_them(
    language: str, weekday: str, with_year: str, month: str, visit: str
) -> None:
    with translation.override(language):
        assert describe.short_date(MONDAY, weekday=True) == weekday
        assert describe.short_date(MONDAY + dt.timedelta(days=1), year=True) == with_year
        assert describe.month_in_words(dt.date(2026, 3, 1), short=True) == month.replace(" ", "\N{NO-BREAK SPACE}")
        assert str(Visit(date=MONDAY, starts_at=dt.time(9), ends_at=dt.time(11))) == visit  # not 2026-11-23
        rendered = Template('{% load buurtservice_words %}{{ day|short_date:"weekday" }}').render(
            Context({"day": MONDAY})
        )
        assert rendered == weekday
        assert str(CheckIn(held_on=MONDAY)) == describe.date_in_words(MONDAY) != "2026-11-23"


def test_no_template_or_module_abbreviates_a_month_with_django_M() -> None:
    """Django's "M" capitalises the month in every language ("Nov"); "N" (describe.py) writes it
    as the language does. A date format with "M" anywhere is the defect coming back."""
    root = Path(__file__).resolve().parents[2]
    in_templates = re.compile(r"""\|date:["'][^"']*(?<!\\)M""")
    in_code = re.compile(r"""date_format\([^,()]+,\s*["'][^"']*(?<!\\)M""")
    found = [
        f"{path.relative_to(root)}:{number}"
        for path in [*root.rglob("*.html"), *root.rglob("*.txt"), *root.rglob("*.py")]
        if "tests" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="ignore").splitlines(), 1)
        if (in_templates if path.suffix != ".py" else in_code).search(line)
    ]
    assert not found, found
