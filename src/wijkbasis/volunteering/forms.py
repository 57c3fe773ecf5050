"""Forms for organisations (vacancies), brokers (responses) and residents (talent profile)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkbasis.areas.models import District, Place
from wijkbasis.volunteering import slots
from wijkbasis.volunteering.models import (
    SUITABILITY_LABELS,
    NotMatchedReason,
    Response,
    Skill,
    Suitability,
    TalentProfile,
    Vacancy,
)


class SlotsField(forms.MultipleChoiceField):
    """Days × parts of the day as checkboxes, stored as the bit set of slots.py."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=slots.choices, required=False, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int):
            return [str(day * 3 + part) for day, part in slots.pairs(value)]
        return value

    def clean(self, value: Any) -> int:  # type: ignore[override]
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

    def clean(self, value: Any) -> int:  # type: ignore[override]
        return sum(int(flag) for flag in super().clean(value))


class VacancyForm(forms.ModelForm):
    time_slots = SlotsField(label=_("Days and parts of the day"), help_text=_("For regular help."))
    suitable_for = SuitabilityField(label=_("Suitable for"))

    class Meta:
        model = Vacancy
        fields = [
            "title",
            "description",
            "where",
            "place",
            "address",
            "districts",
            "when",
            "starts_at",
            "ends_at",
            "time_slots",
            "hours_per_week",
            "start_date",
            "end_date",
            "skills",
            "suitable_for",
            "language_level",
            "vog_required",
            "expense_allowance",
            "accessibility",
            "contact_name",
            "contact_phone",
            "contact_email",
            "volunteers_needed",
            "publish_on",
            "expires_on",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "where": forms.RadioSelect,
            "when": forms.RadioSelect,
            "districts": forms.CheckboxSelectMultiple,
            "skills": forms.CheckboxSelectMultiple,
            "language_level": forms.RadioSelect,
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "publish_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "expires_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: Any, municipality: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if municipality is not None:
            self.fields["place"].queryset = Place.objects.filter(municipality=municipality)
            self.fields["districts"].queryset = District.objects.filter(municipality=municipality)
        self.fields["skills"].queryset = Skill.objects.filter(is_active=True)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        where = data.get("where")
        if where == Vacancy.Where.PLACE and not (data.get("place") or data.get("address")):
            self.add_error("place", _("Choose the place, or fill in the address."))
        if where == Vacancy.Where.DISTRICTS and not data.get("districts"):
            self.add_error("districts", _("Choose at least one neighbourhood."))
        if data.get("when") == Vacancy.When.ONE_OFF and not data.get("starts_at"):
            self.add_error("starts_at", _("Fill in when the task starts."))
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("The end must be after the start."))
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", _("The end date must be after the start date."))
        if not (data.get("contact_phone") or data.get("contact_email")):
            self.add_error("contact_phone", _("Fill in a phone number or e-mail address of the contact person."))
        return data


class ResponseMoveForm(forms.Form):
    """Move a response on; `expected_status` is the status the page showed (conflict check)."""

    to_status = forms.ChoiceField(label=_("New step"), choices=Response.Status.choices, widget=forms.RadioSelect)
    expected_status = forms.CharField(widget=forms.HiddenInput)
    not_matched_reason = forms.ModelChoiceField(
        label=_("Why it did not work out"), queryset=NotMatchedReason.objects.filter(is_active=True), required=False
    )
    start_date = forms.DateField(
        label=_("Start date"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    hours_per_week = forms.DecimalField(label=_("Hours per week"), required=False, max_digits=4, decimal_places=1)
    end_reason = forms.CharField(label=_("Why it ended"), required=False, max_length=200)

    def __init__(self, *args: Any, allowed: tuple[str, ...] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [(value, Response.Status(value).label) for value in allowed]


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class TalentProfileForm(forms.ModelForm):
    time_slots = SlotsField(label=_("When I can"))

    class Meta:
        model = TalentProfile
        fields = [
            "talents",
            "skills",
            "interests",
            "wishes",
            "time_slots",
            "hours_per_week",
            "districts",
            "from_home",
            "visibility",
        ]
        widgets = {
            "talents": forms.Textarea(attrs={"rows": 3}),
            "wishes": forms.Textarea(attrs={"rows": 3}),
            "skills": forms.CheckboxSelectMultiple,
            "interests": forms.CheckboxSelectMultiple,
            "districts": forms.CheckboxSelectMultiple,
            "visibility": forms.RadioSelect,
        }
        help_texts = {
            "talents": _("For example: I like cooking for many people, I am handy with a drill."),
            "wishes": _("For example: something outside, with children, once a month."),
        }

    def __init__(self, *args: Any, municipality: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        active = Skill.objects.filter(is_active=True)
        self.fields["skills"].queryset = active.exclude(category=Skill.Category.HEART)
        self.fields["interests"].queryset = active
        if municipality is not None:
            self.fields["districts"].queryset = District.objects.filter(municipality=municipality)
