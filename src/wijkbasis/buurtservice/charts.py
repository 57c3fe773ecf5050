"""Charts for the coordinator's dashboard, drawn on the server: every chart is a table of its
figures with bars beside the numbers (the bars are hidden from screen readers: the numbers say
it), and the figures over time also as an SVG of columns with a text alternative. No JavaScript."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _

from wijkbasis.buurtservice.models import Development, Worker
from wijkbasis.buurtservice.selectors import BuurtserviceFigures
from wijkbasis.buurtservice import describe


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


@dataclass(frozen=True)
class Column:
    label: str
    value: float
    text: str
    x: float
    y: float
    height: float
    middle: float  # x of the column's middle, for its labels
    value_y: float = 0


@dataclass
class ColumnChart:
    key: str
    title: str
    summary: str
    columns: list[Column]
    width: int = 640
    height: int = 180
    bar_width: float = 0

    @property
    def label_y(self) -> int:
        return self.height - 6


def _number(value: float | Decimal) -> str:
    if (isinstance(value, Decimal) and value != value.to_integral_value()) or (
        isinstance(value, float) and not value.is_integer()
    ):
        return formats.number_format(value, decimal_pos=1, use_l10n=True)
    return formats.number_format(int(value), use_l10n=True)


def bars(
    key: str, title: str, label_header: str, value_header: str, items: list[tuple[str, float]], *, empty: str
) -> BarChart:
    largest = max((value for _label, value in items), default=0) or 1
    chart = BarChart(key=key, title=title, label_header=label_header, value_header=value_header, empty=empty)
    chart.bars = [Bar(label, value, _number(value), float(value) / float(largest)) for label, value in items]
    if items:
        chart.total = _number(sum(Decimal(str(value)) for _label, value in items))
    return chart


def columns(key: str, title: str, items: list[tuple[str, float]], *, unit: str) -> ColumnChart:
    width, height, gap = 640, 180, 6
    count = max(1, len(items))
    bar_width = (width - gap * (count + 1)) / count
    largest = max((value for _label, value in items), default=0) or 1
    base = height - 20  # room for the month below the columns
    cols = []
    for index, (label, value) in enumerate(items):
        column_height = round((height - 44) * float(value) / float(largest), 1)
        x = round(gap + index * (bar_width + gap), 1)
        cols.append(
            Column(
                label=label,
                value=value,
                text=_number(value),
                x=x,
                y=round(base - column_height, 1),
                height=column_height,
                middle=round(x + bar_width / 2, 1),
                value_y=round(base - column_height - 4, 1),
            )
        )
    summary = "; ".join(f"{column.label}: {column.text} {unit}" for column in cols)
    chart = ColumnChart(key=key, title=title, summary=summary, columns=cols, width=width, height=height)
    chart.bar_width = round(bar_width, 1)
    return chart


def dashboard_charts(figures: BuurtserviceFigures, districts: dict[int, Any]) -> dict[str, Any]:
    kinds = dict(Worker.Kind.choices)
    outcomes = {**dict(Development.Outcome.choices), "unknown": _("not recorded yet"), "": _("not recorded yet")}
    new_workers = sorted(figures.new_workers.items(), key=lambda item: (-item[1], item[0]))
    by_category: dict[str, int] = {}
    for row in figures.districts.values():
        for category, count in row.done_by_category.items():
            by_category[category] = by_category.get(category, 0) + count
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
            sorted(by_category.items(), key=lambda item: (-item[1], item[0])),
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
            sorted(
                ((str(outcomes.get(key, key)), count) for key, count in figures.outcomes.items()), key=lambda i: -i[1]
            ),
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
        "waiting": columns(
            "wachtlijst",
            _("Waiting list at the end of each month"),
            [(label, month.waiting_at_end) for label, month in zip(months, figures.months, strict=True)],
            unit=_("requests"),
        ),
        "waited": columns(
            "wachttijd",
            _("Median waiting time of the jobs started each month (days)"),
            [(label, month.median_days_waited or 0) for label, month in zip(months, figures.months, strict=True)],
            unit=_("days"),
        ),
        "months": list(zip(months, figures.months, strict=True)),
    }
