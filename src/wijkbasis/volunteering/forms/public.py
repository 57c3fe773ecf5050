"""Forms of the public vacancy bank: responding, saving a search, signing up an organisation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkbasis.accounts.forms import clean_postcode_value
from wijkbasis.areas.models import Municipality, Organisation
from wijkbasis.core.idempotency import FormKeyField
from wijkbasis.volunteering.models import Vacancy

MESSAGE_HELP = _("For example why you would like to help, or when you can. You may leave it empty.")


class AccountResponseForm(forms.Form):
    """'Ik wil helpen' for someone who is logged in: their details are known already."""

    form_key = FormKeyField()
    message = forms.CharField(
        label=_("Message to the organisation"),
        help_text=MESSAGE_HELP,
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, vacancy: Vacancy, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "reactie_%s")
        super().__init__(*args, **kwargs)
        self.vacancy = vacancy


class ResponseForm(AccountResponseForm):
    """'Ik wil helpen' without an account: who you are, how to reach you, and permission."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        error_messages={"required": _("Fill in your name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        required=False,
        max_length=254,
        help_text=_("Fill in your e-mail address, your phone number, or both."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Your phone number"),
        required=False,
        max_length=30,
        widget=forms.TelInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    postcode = forms.CharField(
        label=_("Your postcode"),
        required=False,
        max_length=12,
        help_text=_("So the sociaal makelaar of your neighbourhood can help too. For example 7201 AB."),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "size": "9"}),
    )
    consent = forms.BooleanField(
        error_messages={
            "required": _("Tick this box, so we may pass your details on. Otherwise the organisation cannot reach you.")
        },
    )

    field_order = ["name", "email", "phone", "postcode", "message", "consent", "form_key"]

    def __init__(self, *args: Any, vacancy: Vacancy, **kwargs: Any) -> None:
        super().__init__(*args, vacancy=vacancy, **kwargs)
        self.fields["consent"].label = _(
            "I agree that my name, e-mail address or phone number and my message go to %(organisation)s, "
            "and that the neighbourhood team keeps them to follow up my response."
        ) % {"organisation": vacancy.organisation.name}

    def clean_postcode(self) -> str:
        return clean_postcode_value(self.cleaned_data["postcode"])

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if not cleaned.get("email") and not cleaned.get("phone") and "email" not in self.errors:
            self.add_error(
                "email", _("Fill in your e-mail address or phone number, so the organisation can reach you.")
            )
        return cleaned


class SaveSearchForm(forms.Form):
    """'Bewaar deze zoekopdracht': new vacancies of this search by e-mail, once a week."""

    form_key = FormKeyField()
    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=1000)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("Once a week, only when there are new vacancies. You can stop with one click."),
        error_messages={"required": _("Fill in your e-mail address.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "bewaar_%s")
        super().__init__(*args, **kwargs)


class OrganisationRegistrationForm(forms.ModelForm):
    """An organisation signs itself up; the neighbourhood team reviews it."""

    form_key = FormKeyField()
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.order_by("name"),
        empty_label=None,
        help_text=_("Where your organisation looks for volunteers."),
    )

    class Meta:
        model = Organisation
        fields = ["name", "kind", "description", "website", "email", "phone"]
        labels = {
            "name": _("Name of the organisation"),
            "kind": _("Kind of organisation"),
            "description": _("What does your organisation do?"),
            "email": _("E-mail address for volunteers"),
            "phone": _("Phone number for volunteers"),
        }
        help_texts = {
            "description": _("A few sentences in plain language. Residents read this on your page."),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "phone": forms.TelInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    website = forms.URLField(
        label=_("Website"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("For example https://www.example.org"),
    )

    def __init__(self, *args: Any, municipalities: list[Municipality], default: Municipality | None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = _("Fill in the name of the organisation.")
        if len(municipalities) <= 1:
            # One municipality: nothing to choose.
            del self.fields["municipality"]
            self.only_municipality = municipalities[0] if municipalities else None
        else:
            self.fields["municipality"].initial = default
            self.only_municipality = None
        self.order_fields(["name", "kind", "description", "website", "email", "phone", "municipality", "form_key"])

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if Organisation.objects.filter(name__iexact=name).exclude(status=Organisation.Status.REJECTED).exists():
            raise forms.ValidationError(
                _(
                    "%(name)s is already signed up. Ask someone of that organisation, or the neighbourhood team, "
                    "to add you."
                ),
                params={"name": name},
            )
        return name

    def chosen_municipality(self) -> Municipality:
        chosen: Municipality | None = self.cleaned_data.get("municipality") or self.only_municipality
        # The field is required when shown; hidden, there is the one municipality (a platform has one).
        assert chosen is not None
        return chosen
