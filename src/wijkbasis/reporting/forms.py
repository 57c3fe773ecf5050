"""The period of the figures: from and to dates, typed as people write them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

#: How dates are shown in the fields and accepted back (31-12-2025, 31/12/2025, 31.12.2025, 2025-12-31).
DATE_FORMAT = "%d-%m-%Y"
INPUT_FORMATS = [DATE_FORMAT, "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d"]
#: The platform holds nothing older; a much earlier date is a typing error.
EARLIEST = dt.date(2000, 1, 1)


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Preset:
    label: str
    period: Period


def this_year(today: dt.date) -> Period:
    return Period(dt.date(today.year, 1, 1), today)


def presets(today: dt.date) -> list[Preset]:
    """The periods offered as links: this year so far, last year, the last 12 months."""
    a_year_ago = (
        today.replace(year=today.year - 1) if (today.month, today.day) != (2, 29) else today - dt.timedelta(366)
    )
    return [
        Preset(gettext("This year"), this_year(today)),
        Preset(gettext("Last year"), Period(dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31))),
        Preset(gettext("Last 12 months"), Period(a_year_ago + dt.timedelta(days=1), today)),
    ]


class PeriodForm(forms.Form):
    van = forms.DateField(
        label=_("From"),
        input_formats=INPUT_FORMATS,
        help_text=_("For example 1-1-2026"),
        error_messages={
            "required": _("Fill in the first day of the period."),
            "invalid": _("Fill in a date as day-month-year, for example 1-1-2026."),
        },
        widget=forms.DateInput(format=DATE_FORMAT, attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    tot = forms.DateField(
        label=_("Up to and including"),
        input_formats=INPUT_FORMATS,
        help_text=_("For example 31-12-2026"),
        error_messages={
            "required": _("Fill in the last day of the period."),
            "invalid": _("Fill in a date as day-month-year, for example 31-12-2026."),
        },
        widget=forms.DateInput(format=DATE_FORMAT, attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_van(self) -> dt.date:
        start: dt.date = self.cleaned_data["van"]
        if start < EARLIEST:
            raise forms.ValidationError(_("Choose a date from 1-1-2000."), code="too_early")
        if start > timezone.localdate():
            raise forms.ValidationError(_("This date is in the future: there are no figures yet."), code="future")
        return start

    def clean_tot(self) -> dt.date:
        end: dt.date = self.cleaned_data["tot"]
        if end < EARLIEST:
            raise forms.ValidationError(_("Choose a date from 1-1-2000."), code="too_early")
        return end

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("van"), cleaned.get("tot")
        if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
            self.add_error("tot", forms.ValidationError(_("This date is before the first day."), code="before_start"))
        return cleaned

    def period(self) -> Period:
        """The period asked for; a last day after today counts up to today."""
        return Period(self.cleaned_data["van"], min(self.cleaned_data["tot"], timezone.localdate()))
