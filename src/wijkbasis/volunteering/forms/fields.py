"""Form fields the vacancy bank's forms share: days and parts of the day, who a vacancy suits,
hours as people write them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from wijkbasis.volunteering import slots
from wijkbasis.volunteering.describe import number, slot_label
from wijkbasis.volunteering.models import SUITABILITY_LABELS, Suitability


def _slot_choices() -> list[tuple[str, str]]:
    return [(str(day * 3 + part), slot_label(day, part)) for day in range(7) for part in range(3)]


class SlotsField(forms.MultipleChoiceField):
    """Days and parts of the day as checkboxes, stored as the bit set of slots.py."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=_slot_choices, required=False, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int):
            return [str(day * 3 + part) for day, part in slots.pairs(value)]
        return value

    def clean(self, value: Any) -> int:
        chosen = super().clean(value)
        return sum(1 << int(index) for index in chosen)


class SuitabilityField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            choices=[(str(int(flag)), label) for flag, label in SUITABILITY_LABELS.items()], required=False, **kwargs
        )

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int):
            return [str(int(flag)) for flag in Suitability if value & flag]
        return value

    def clean(self, value: Any) -> int:
        return sum(int(flag) for flag in super().clean(value))


class HoursField(forms.DecimalField):
    """Hours as people write them: "2" or "2,5" on a Dutch page (never "2.0"), read back the same way."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 4)
        kwargs.setdefault("decimal_places", 1)
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "size": "5"}))
        super().__init__(localize=True, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, (int, float, Decimal)):
            return number(value)
        return value
