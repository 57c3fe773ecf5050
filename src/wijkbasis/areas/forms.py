from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkbasis.areas.postcodes import normalise_postcode


class PostcodeForm(forms.Form):
    postcode = forms.CharField(
        label=_("Your postcode"),
        help_text=_("For example 7201 AB or 7201."),
        max_length=12,
        error_messages={"required": _("Fill in your postcode.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "postal-code", "inputmode": "text", "spellcheck": "false", "size": "9"}
        ),
    )

    def clean_postcode(self) -> str:
        raw = self.cleaned_data["postcode"]
        postcode = normalise_postcode(raw)
        if postcode is None:
            raise forms.ValidationError(
                _("This is not a Dutch postcode. A postcode has four digits and often two letters, like 7201 AB."),
                code="invalid",
            )
        return postcode
