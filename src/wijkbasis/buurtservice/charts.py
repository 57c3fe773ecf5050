"""Charts for the coordinator's dashboard, drawn on the server: every chart is a table of its
figures with horizontal bars beside the numbers (the bars are hidden from screen readers: the
numbers say it), the figures over time too, a row per month. No JavaScript, and the words and
numbers are text at the page's size: the column SVG these replace scaled its labels down to ~3 px
on a phone."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _

from wijkbasis.buurtservice import describe
from wijkbasis.buurtservice.models import Development, Worker
from wijkbasis.buurtservice.selectors import BuurtserviceFigures


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str
    share: float  # 0..1 of the largest value in the chart


@dataclass
class BarChart:
    key: str
    title: str
    label_header: str
    value_header: str
    bars: list[Bar] = field(default_factory=list)
    total: str = ""
    empty: str = ""


def _number(value: float | Decimal) -> str:
    if (isinstance(value, Decimal) and value != value.to_integral_value()) or (
        isinstance(value, float) and not value.is_integer()
    ):
        return formats.number_format(value, decimal_pos=1, use_l10n=True)
    return formats.number_format(int(value), use_l10n=True)


def bars(
    key: str,
    title: str,
    label_header: str,
    value_header: str,
    items: Sequence[tuple[str, float | None]],
    *,
    empty: str,
    total: bool = True,
) -> BarChart:
    """A bar per item; an item without a value (a month without a median) shows "–". `total=False`
    for figures that do not add up (a waiting list at the end of each month, a median)."""
    largest = max((value or 0 for _label, value in items), default=0) or 1
    chart = BarChart(key=key, title=title, label_header=label_header, value_header=value_header, empty=empty)
    chart.bars = [
        Bar(label, value or 0, _number(value) if value is not None else "–", float(value or 0) / float(largest))
        for label, value in items
    ]
    if items and total:
        chart.total = _number(sum(Decimal(str(value or 0)) for _label, value in items))
    return chart


def dashboard_charts(figures: BuurtserviceFigures, districts: dict[int, Any]) -> dict[str, Any]:
    kinds = dict(Worker.Kind.choices)
    outcomes = {**dict(Development.Outcome.choices), "unknown": _("not recorded yet"), "": _("not recorded yet")}
    new_workers = sorted(figures.new_workers.items(), key=lambda item: (-item[1], item[0]))
    by_category: dict[str, int] = {}
    for row in figures.districts.values():
        for category, count in row.done_by_category.items():
            by_category[category] = by_category.get(category, 0) + count
    by_kind = sorted(by_category.items(), key=lambda item: (-item[1], item[0]))
    left = sorted(
        ((str(outcomes.get(key, key)), count) for key, count in figures.outcomes.items()), key=lambda item: -item[1]
    )
    by_district = [
        (districts[district_id].name if district_id in districts else _("neighbourhood not known"), row.done)
        for district_id, row in sorted(
            figures.districts.items(),
            key=lambda item: (item[0] not in districts, str(districts[item[0]]) if item[0] in districts else ""),
        )
    ]
    months = [describe.month_in_words(month.month, short=True) for month in figures.months]
    return {
        "new_workers": bars(
            "nieuw",
            _("New crew members by kind and origin"),
            _("Kind and origin"),
            _("New"),
            [
                (f"{kinds.get(kind, kind)}: {origin or _('origin not known')}", count)
                for (kind, origin), count in new_workers
            ],
            empty=_("Nobody started in this period."),
        ),
        "by_category": bars(
            "soort",
            _("Jobs done by kind"),
            _("Kind of job"),
            _("Done"),
            by_kind,
            empty=_("No jobs were done in this period."),
        ),
        "by_district": bars(
            "wijk",
            _("Jobs done by neighbourhood"),
            _("Neighbourhood"),
            _("Done"),
            [(label, count) for label, count in by_district if count],
            empty=_("No jobs were done in this period."),
        ),
        "outcomes": bars(
            "uitstroom",
            _("Participants who left, and where they went"),
            _("Outcome"),
            _("Participants"),
            left,
            empty=_("No participant left in this period."),
        ),
        "hours": bars(
            "uren",
            _("Hours worked by kind of crew member"),
            _("Kind"),
            _("Hours"),
            [(str(kinds.get(kind, kind)), float(total)) for kind, total in sorted(figures.hours_by_kind.items())],
            empty=_("No hours were recorded in this period."),
        ),
        "waiting": bars(
            "wachtlijst",
            _("Waiting list at the end of each month"),
            _("Month"),
            _("Waiting at the end"),
            [(label, month.waiting_at_end) for label, month in zip(months, figures.months, strict=True)],
            empty=_("No months in this period."),
            total=False,
        ),
        "waited": bars(
            "wachttijd",
            _("Median waiting time of the jobs started each month (days)"),
            _("Month"),
            _("Median days waited"),
            [(label, month.median_days_waited) for label, month in zip(months, figures.months, strict=True)],
            empty=_("No months in this period."),
            total=False,
        ),
        "months": list(zip(months, figures.months, strict=True)),
    }
