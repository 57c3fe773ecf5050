"""The organisation's vacancy form."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkbasis.areas.models import District, Place
from wijkbasis.volunteering.forms.fields import HoursField, SlotsField, SuitabilityField
from wijkbasis.volunteering.models import Skill, Vacancy


class VacancyForm(forms.ModelForm):
    """A new vacancy starts with the contact details of the organisation's latest one (or of the
    organisation and the member writing it): `initial_contact`."""

    time_slots = SlotsField(label=_("Days and parts of the day"), help_text=_("For regular help."))
    suitable_for = SuitabilityField(label=_("Suitable for"))

    #: Needed in some cases only (see clean): never marked "(optional)", each says when in its help text.
    conditionally_required = ("place", "address", "districts", "starts_at", "contact_phone", "contact_email")

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

        field_classes = {"hours_per_week": HoursField}
        help_texts = {
            "place": _("Where it happens. Is the place not in the list? Fill in the address below."),
            "address": _("Only when the place is not in the list above."),
            "districts": _("When it happens in one or more neighbourhoods."),
            "starts_at": _("Needed for a one-off task."),
            "hours_per_week": _("For a one-off task: how many hours it takes in all."),
            "contact_phone": _("Fill in a phone number, an e-mail address, or both."),
            "contact_email": _("Fill in a phone number, an e-mail address, or both."),
        }

    def __init__(self, *args: Any, municipality: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if municipality is not None:
            cast("forms.ModelChoiceField[Any]", self.fields["place"]).queryset = Place.objects.filter(
                municipality=municipality
            )
            cast("forms.ModelChoiceField[Any]", self.fields["districts"]).queryset = District.objects.filter(
                municipality=municipality
            )
        cast("forms.ModelChoiceField[Any]", self.fields["skills"]).queryset = Skill.objects.filter(is_active=True)
        for name in self.conditionally_required:
            # Read by ui/components/form_field.html: no "(optional)" on these. A flag of ours that
            # Django's Field does not declare.
            self.fields[name].conditionally_required = True  # type: ignore[attr-defined]

    @staticmethod
    def initial_contact(organisation: Any, user: Any) -> dict[str, str]:
        """The contact person of the organisation's latest vacancy; else the organisation's phone
        and e-mail, with the name of the member who writes the vacancy."""
        latest = (
            Vacancy.objects.filter(organisation=organisation)
            .order_by("-created_at", "-pk")
            .values("contact_name", "contact_phone", "contact_email")
            .first()
        )
        if latest:
            return {
                "contact_name": latest["contact_name"],
                "contact_phone": latest["contact_phone"],
                "contact_email": latest["contact_email"],
            }
        return {
            "contact_name": getattr(user, "name", "") or "",
            "contact_phone": organisation.phone,
            "contact_email": organisation.email,
        }

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        where = data.get("where")
        if where == Vacancy.Where.PLACE and not (data.get("place") or data.get("address")):
            self.add_error("place", forms.ValidationError(_("Choose the place, or fill in the address."), "required"))
        if where == Vacancy.Where.DISTRICTS and not data.get("districts"):
            self.add_error("districts", forms.ValidationError(_("Choose at least one neighbourhood."), "required"))
        if data.get("when") == Vacancy.When.ONE_OFF and not data.get("starts_at"):
            self.add_error("starts_at", forms.ValidationError(_("Fill in when the task starts."), "required"))
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("The end must be after the start."))
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", _("The end date must be after the start date."))
        if not (data.get("contact_phone") or data.get("contact_email")) and "contact_email" not in self.errors:
            self.add_error(
                "contact_phone",
                forms.ValidationError(_("Fill in a phone number or e-mail address of the contact person."), "required"),
            )
        return data
