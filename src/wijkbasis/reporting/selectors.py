"""The municipality's figures: volunteering per wijk and over time, registered residents per
wijk, with every count suppressed (core/suppression.py) before anything leaves this module.

Read only through other apps' selectors (areas, accounts, volunteering), never their models.
The page, the CSV and the XLSX all render the `MunicipalityFigures` built here, so a download
holds exactly what the page shows.

How the tables are suppressed
- Per wijk, each measure is its own column with a total (the columns are different measures
  and do not add up across a row).
- Responses and placements add up over time: the wijk figures and the monthly ones are the
  row and column totals of one hidden wijk × month table with the period's total as its grand
  total, suppressed together (`suppress_table(..., publish_cells=False)`), so neither table
  gives away what the other hides.
- Vacancies online do not add up over time (a vacancy online for three months counts in each
  month): each month is suppressed on its own. Published vacancies are public on the vacancy
  bank anyway; their counts are suppressed because every count is.
- A vacancy in several wijken counts in each of them; the total is the sum of the rows, as
  the suppression's sums require. The page says so.
- A median of days to first contact is shown only when it rests on at least 5 responses.

Number of queries: a fixed number per municipality and month, however many vacancies,
responses or residents there are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import median
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _

from wijkbasis.accounts.selectors import access_of, resident_counts_by_district
from wijkbasis.areas.selectors import home_municipalities
from wijkbasis.core.db_routers import reads_from_replica
from wijkbasis.core.roles import Role
from wijkbasis.core.suppression import SMALL_COUNT_THRESHOLD, Figure, Reason, suppress_table
from wijkbasis.reporting.forms import Period
from wijkbasis.volunteering.selectors import DistrictVolunteeringFigures, volunteering_figures

#: A median is shown only when it rests on at least this many responses.
MINIMUM_FOR_MEDIAN = SMALL_COUNT_THRESHOLD
NOT_SHOWN = "–"


@dataclass(frozen=True)
class Value:
    """One figure as published: its text, and its number where it is shown (for XLSX)."""

    text: str
    number: int | float | None = None
    hidden: Reason | None = None
    #: 0..1 of the column's largest shown figure, for the bars of the over-time table.
    bar: float | None = None

    @classmethod
    def of(cls, figure: Figure) -> Value:
        return cls(figure.text, figure.number, figure.hidden)


@dataclass(frozen=True)
class Column:
    label: str
    numeric: bool = True
    bars: bool = False


@dataclass(frozen=True)
class Row:
    label: str
    values: tuple[Value, ...]
    is_total: bool = False


@dataclass(frozen=True)
class Table:
    caption: str
    columns: tuple[Column, ...]  # the first names the rows
    rows: tuple[Row, ...]
    notes: tuple[str, ...] = ()

    @property
    def reasons(self) -> set[Reason]:
        return {value.hidden for row in self.rows for value in row.values if value.hidden is not None}


@dataclass(frozen=True)
class MunicipalityFigures:
    name: str
    slug: str
    per_wijk: Table
    over_time: Table | None
    reasons: frozenset[Reason] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Bucket:
    start: dt.date
    end: dt.date
    label: str


# ---------------------------------------------------------------------------
# Who sees which municipality


def visible_municipalities(user: Any) -> list[Any]:
    """A municipality viewer: theirs; a team lead: their teams'; an administrator: all."""
    access = access_of(user)
    allowed = access.municipality_ids | access.municipality_ids_as(Role.TEAM_LEAD)
    return [m for m in home_municipalities() if access.is_administrator or m.pk in allowed]


# ---------------------------------------------------------------------------
# Periods


def _month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def _months_per_bucket(period: Period) -> int:
    """Months up to 13 months, quarters up to 3 years, years beyond."""
    months = (period.end.year - period.start.year) * 12 + period.end.month - period.start.month + 1
    return 1 if months <= 13 else 3 if months <= 36 else 12


def buckets(period: Period) -> list[Bucket]:
    """The period in months, quarters or years; the first and last clipped to the period."""
    unit = _months_per_bucket(period)
    result = []
    cursor = dt.date(period.start.year, period.start.month - (period.start.month - 1) % unit, 1)
    while cursor <= period.end:
        last_month = cursor.year * 12 + cursor.month - 1 + unit - 1
        last = _month_end(dt.date(last_month // 12, last_month % 12 + 1, 1))
        start, end = max(cursor, period.start), min(last, period.end)
        if unit == 1:
            label = formats.date_format(cursor, "F Y")
        elif unit == 3:
            label = _("quarter %(number)s %(year)s") % {"number": (cursor.month - 1) // 3 + 1, "year": cursor.year}
        else:
            label = str(cursor.year)
        if (start, end) != (cursor, last):
            label = _("%(label)s (%(first)s to %(last)s)") % {
                "label": label,
                "first": formats.date_format(start, "j F"),
                "last": formats.date_format(end, "j F"),
            }
        result.append(Bucket(start, end, label))
        cursor = last + dt.timedelta(days=1)
    return result


def bucket_unit(period: Period) -> str:
    return {1: _("month"), 3: _("quarter"), 12: _("year")}[_months_per_bucket(period)]


def period_text(period: Period) -> str:
    return _("%(first)s to %(last)s") % {
        "first": formats.date_format(period.start, "j F Y"),
        "last": formats.date_format(period.end, "j F Y"),
    }


# ---------------------------------------------------------------------------
# Building the tables


def _median(days: Sequence[float]) -> Value:
    if len(days) < MINIMUM_FOR_MEDIAN:
        return Value(NOT_SHOWN)
    value = round(median(days), 1)
    return Value(formats.number_format(value, decimal_pos=1), value)


def _with_bars(values: list[Value]) -> list[Value]:
    largest = max((v.number for v in values if isinstance(v.number, int)), default=0)
    if not largest:
        return values
    return [
        Value(v.text, v.number, v.hidden, v.number / largest if isinstance(v.number, int) else None) for v in values
    ]


def explanation(reasons: set[Reason] | frozenset[Reason]) -> str:
    """One sentence on what the hidden figures mean (empty when nothing is hidden)."""
    if Reason.WITHHELD in reasons:
        return _(
            "<5 means 1 to 4 and x means hidden, so that small numbers cannot be worked out from the totals; "
            "a column with only x was too small to show at all."
        )
    if Reason.SECONDARY in reasons:
        return _("<5 means 1 to 4 and x means hidden, so that small numbers cannot be worked out from the totals.")
    if Reason.PRIMARY in reasons:
        return _("<5 means 1 to 4: we do not show smaller numbers, so that nobody can be recognised.")
    return ""


def _explained(table: Table) -> Table:
    sentence = explanation(table.reasons)
    if not sentence:
        return table
    return Table(table.caption, table.columns, table.rows, (sentence, *table.notes))


def municipality_figures(municipality: Any, period: Period) -> MunicipalityFigures:
    """The tables of one municipality for the period (municipality: from visible_municipalities)."""
    districts = list(municipality.districts.all())
    keys: list[int | None] = [district.pk for district in districts] + [None]
    labels = [district.name for district in districts] + [_("No wijk")]
    periods = buckets(period)

    whole = volunteering_figures(municipality_id=municipality.pk, start=period.start, end=period.end)
    if len(periods) == 1:
        by_bucket = [whole]
    else:
        by_bucket = [
            volunteering_figures(municipality_id=municipality.pk, start=bucket.start, end=bucket.end)
            for bucket in periods
        ]
    residents = resident_counts_by_district(municipality.pk)

    def figures(source: dict[int | None, DistrictVolunteeringFigures], key: int | None) -> DistrictVolunteeringFigures:
        return source.get(key) or DistrictVolunteeringFigures(key)

    # Per wijk: one column per measure, each with its total.
    vacancies = suppress_table([[figures(whole, key).published_vacancies] for key in keys], row_totals=False)
    linked = {
        measure: suppress_table(
            [[getattr(figures(source, key), measure) for source in by_bucket] for key in keys], publish_cells=False
        )
        for measure in ("responses", "placements")
    }
    resident_table = suppress_table([[residents.get(district.pk, 0)] for district in districts], row_totals=False)

    def days(sources: Sequence[dict[int | None, DistrictVolunteeringFigures]], key: int | None) -> list[float]:
        return [day for source in sources for day in figures(source, key).days_to_first_contact]

    rows = []
    for index, (key, label) in enumerate(zip(keys, labels, strict=True)):
        rows.append(
            Row(
                label,
                (
                    Value.of(vacancies.cells[index][0]),
                    Value.of(linked["responses"].row_total(index)),
                    Value.of(linked["placements"].row_total(index)),
                    _median(days(by_bucket, key)),
                    Value.of(resident_table.cells[index][0]) if key is not None else Value(NOT_SHOWN),
                ),
            )
        )
    all_days = [day for key in keys for day in days(by_bucket, key)]
    rows.append(
        Row(
            _("Total"),
            (
                Value.of(vacancies.column_total(0)),
                Value.of(linked["responses"].total()),
                Value.of(linked["placements"].total()),
                _median(all_days),
                Value.of(resident_table.column_total(0)) if districts else Value("0", 0),
            ),
            is_total=True,
        )
    )
    per_wijk = Table(
        caption=_("%(municipality)s: volunteering and residents per wijk, %(period)s")
        % {"municipality": municipality.name, "period": period_text(period)},
        columns=(
            Column(_("Wijk"), numeric=False),
            Column(_("Vacancies online")),
            Column(_("Responses")),
            Column(_("Placed")),
            Column(_("Days to contact (median)")),
            Column(_("Residents (today)")),
        ),
        rows=tuple(rows),
        notes=(
            _("No wijk: vacancies for the whole municipality or to do from home."),
            _("A vacancy in more than one wijk counts in each of them, and so in the total as well."),
            _(
                "Days to contact: the middle value of the days until the first contact, shown only when at "
                "least 5 responses had contact."
            ),
            _("Residents: registered on this platform today, not everyone who lives in the wijk."),
        ),
    )

    over_time = None
    if len(periods) > 1:
        online = [
            Value.of(
                suppress_table(
                    [[sum(figures(source, key).published_vacancies for key in keys)]],
                    row_totals=False,
                    column_totals=False,
                ).cells[0][0]
            )
            for source in by_bucket
        ]
        responses = [Value.of(figure) for figure in linked["responses"].column_totals or ()]
        placements = [Value.of(figure) for figure in linked["placements"].column_totals or ()]
        medians = [
            _median([day for key in keys for day in figures(source, key).days_to_first_contact]) for source in by_bucket
        ]
        online, responses, placements = _with_bars(online), _with_bars(responses), _with_bars(placements)
        time_rows = [
            Row(bucket.label, (online[i], responses[i], placements[i], medians[i])) for i, bucket in enumerate(periods)
        ]
        time_rows.append(Row(_("Whole period"), per_wijk.rows[-1].values[:4], is_total=True))
        over_time = Table(
            caption=_("%(municipality)s: per %(unit)s, %(period)s")
            % {"municipality": municipality.name, "unit": bucket_unit(period), "period": period_text(period)},
            columns=(
                Column(_("Period"), numeric=False),
                Column(_("Vacancies online"), bars=True),
                Column(_("Responses"), bars=True),
                Column(_("Placed"), bars=True),
                Column(_("Days to contact (median)")),
            ),
            rows=tuple(time_rows),
            notes=(_("A vacancy online for longer counts in every period it was online."),),
        )
    per_wijk = _explained(per_wijk)
    over_time = _explained(over_time) if over_time is not None else None
    reasons = per_wijk.reasons | (over_time.reasons if over_time is not None else set())
    return MunicipalityFigures(
        name=municipality.name,
        slug=municipality.slug,
        per_wijk=per_wijk,
        over_time=over_time,
        reasons=frozenset(reasons),
    )


def figures_report(user: Any, period: Period) -> list[MunicipalityFigures]:
    """Every table the user may see for the period: one set per municipality. Read from the
    replica when there is one (DATABASE_REPLICA_URL): figures may lag the primary by seconds."""
    with reads_from_replica():
        return [municipality_figures(municipality, period) for municipality in visible_municipalities(user)]
