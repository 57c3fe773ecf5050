"""The CBS key figures wijkbasis knows how to show, with their labels.

Import keeps every numeric column of a kerncijfers file (reports may use more); pages show
the ones listed here, in this order, when the data has them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class FigureDefinition:
    key: str
    label: str | Promise
    decimals: int = 0
    unit: str | Promise = ""


GENERAL_FIGURES = [
    FigureDefinition("aantal_inwoners", _("Inhabitants")),
    FigureDefinition("aantal_huishoudens", _("Households")),
    FigureDefinition("gem_huishoudensgrootte", _("Average household size"), decimals=1, unit=_("people")),
    FigureDefinition("woningvoorraad", _("Homes")),
    FigureDefinition("bevolkingsdichtheid_per_km2", _("Inhabitants per square kilometre")),
    FigureDefinition("oppervlakte_land_ha", _("Land area"), unit=_("hectares")),
    FigureDefinition("personenautos", _("Passenger cars")),
]

AGE_GROUPS = [
    FigureDefinition("pct_0_15_jaar", _("0 to 15 years")),
    FigureDefinition("pct_15_25_jaar", _("15 to 25 years")),
    FigureDefinition("pct_25_45_jaar", _("25 to 45 years")),
    FigureDefinition("pct_45_65_jaar", _("45 to 65 years")),
    FigureDefinition("pct_65_plus", _("65 years and older")),
]


@dataclass(frozen=True)
class Figure:
    key: str
    label: str | Promise
    value: float
    display: str
    unit: str | Promise = ""


def _figure(definition: FigureDefinition, value: Any) -> Figure:
    return Figure(
        key=definition.key,
        label=definition.label,
        value=value,
        display=number_format(value, decimal_pos=definition.decimals, force_grouping=True),
        unit=definition.unit,
    )


def general_figures(key_figures: dict[str, Any]) -> list[Figure]:
    return [_figure(d, key_figures[d.key]) for d in GENERAL_FIGURES if key_figures.get(d.key) is not None]


def age_groups(key_figures: dict[str, Any]) -> list[Figure]:
    return [_figure(d, key_figures[d.key]) for d in AGE_GROUPS if key_figures.get(d.key) is not None]
