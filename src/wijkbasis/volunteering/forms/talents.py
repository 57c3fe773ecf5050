"""A resident's talent profile."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkbasis.areas.models import District
from wijkbasis.volunteering.forms.fields import HoursField, SlotsField
from wijkbasis.volunteering.models import Skill, TalentProfile


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
        field_classes = {"hours_per_week": HoursField}
        help_texts = {
            "talents": _("For example: I like cooking for many people, I am handy with a drill."),
            "wishes": _("For example: something outside, with children, once a month."),
        }

    def __init__(self, *args: Any, municipality: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        active = Skill.objects.filter(is_active=True)
        cast("forms.ModelChoiceField[Any]", self.fields["skills"]).queryset = active.exclude(
            category=Skill.Category.HEART
        )
        cast("forms.ModelChoiceField[Any]", self.fields["interests"]).queryset = active
        if municipality is not None:
            cast("forms.ModelChoiceField[Any]", self.fields["districts"]).queryset = District.objects.filter(
                municipality=municipality
            )
