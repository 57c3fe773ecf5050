"""A response's next step, for organisations and brokers alike: first which step (a later one, or
one back), then only the fields that step needs (views/steps.py)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkbasis.volunteering.forms.fields import HoursField
from wijkbasis.volunteering.models import NotMatchedReason, Response

#: The fields each step asks for; a step not named here asks for none.
STEP_FIELDS: dict[str, tuple[str, ...]] = {
    Response.Status.PLACED: ("start_date", "hours_per_week"),
    Response.Status.ENDED: ("end_reason",),
    Response.Status.NOT_MATCHED: ("not_matched_reason",),
}
#: What a step back asks for.
BACK_FIELDS = ("reason",)
#: Always sent along: which step, and the status the page showed (to see that nobody else moved it).
KEY_FIELDS = ("to_status", "expected_status")


class StepChoiceForm(forms.Form):
    """Which step: sent as GET to the response's own page, which then shows that step's fields
    (with htmx as soon as a step is chosen)."""

    stap = forms.ChoiceField(label=_("Choose the step"), widget=forms.RadioSelect)

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "stap_%s")
        super().__init__(*args, **kwargs)
        cast("forms.ChoiceField", self.fields["stap"]).choices = choices


class StepForm(forms.Form):
    """The chosen step with only its own fields."""

    to_status = forms.ChoiceField(choices=Response.Status.choices, widget=forms.HiddenInput)
    expected_status = forms.ChoiceField(choices=Response.Status.choices, widget=forms.HiddenInput)
    not_matched_reason = forms.ModelChoiceField(
        label=_("Why it did not work out"),
        queryset=NotMatchedReason.objects.filter(is_active=True),
        error_messages={"required": _("Choose why it did not work out.")},
    )
    start_date = forms.DateField(
        label=_("Start date"),
        required=False,
        help_text=_("Empty: today."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    hours_per_week = HoursField(label=_("Hours per week"), required=False)
    end_reason = forms.CharField(label=_("Why it ended"), required=False, max_length=200)
    reason = forms.CharField(
        label=_("Why it goes one step back"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say why it goes one step back.")},
    )

    def __init__(self, *args: Any, step: str, back: bool, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "stap_%s")
        super().__init__(*args, **kwargs)
        self.step, self.back = step, back
        keep = {*KEY_FIELDS, *(BACK_FIELDS if back else STEP_FIELDS.get(step, ()))}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]

    def placement(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {name: data.get(name) for name in ("start_date", "hours_per_week", "end_reason") if name in data}
