from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from allauth.account import forms as allauth_forms
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.totp import forms as totp_forms
from allauth.mfa.webauthn import forms as webauthn_forms
from django import forms
from django.utils.translation import gettext_lazy as _

from wijkbasis.accounts.consent import purpose_choices
from wijkbasis.accounts.models import Consent, Resident
from wijkbasis.areas.models import District, NeighbourhoodTeam
from wijkbasis.areas.postcodes import normalise_postcode
from wijkbasis.core.idempotency import FormKeyField

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

POSTCODE_HELP = _("For example 7201 AB. We use it to find your neighbourhood team.")


def clean_postcode_value(value: str) -> str:
    if not value:
        return ""
    postcode = normalise_postcode(value)
    if postcode is None or len(postcode) != 6:
        raise forms.ValidationError(_("Fill in a postcode with four digits and two letters, like 7201 AB."))
    return postcode


class DistrictChoiceField(forms.ModelChoiceField):
    """A wijk from the list; named with its municipality when the list holds several."""

    def label_from_instance(self, obj: Any) -> str:
        if getattr(self, "_several", None) is None:
            # Labels are made while iterating the queryset's choices, so it is set.
            assert self.queryset is not None
            self._several = self.queryset.order_by().values("municipality_id").distinct().count() > 1
        return f"{obj.name} ({obj.municipality.name})" if self._several else obj.name


def wijk_question(located: Any) -> StrOrPromise:
    """Why we ask for the wijk: what the postcode lookup could not say."""
    from wijkbasis.areas.postcodes import LookupStatus

    if located is not None and located.status == LookupStatus.FOUND and len(located.districts) > 1:
        return _("Postcode %(postcode)s lies in more than one neighbourhood. Choose yours from the list.") % {
            "postcode": located.display
        }
    if located is not None and located.status == LookupStatus.UNKNOWN:
        return _("We do not know the postcode %(postcode)s. Check it, or choose the neighbourhood from the list.") % {
            "postcode": located.display
        }
    return _("We cannot look up the neighbourhood of this postcode right now. Choose it from the list.")


def districts_to_choose(located: Any, districts: Any = None) -> Any:
    """The wijken to choose from: the ones the postcode lies in when it lies in several, else all
    (or the ones given)."""
    from wijkbasis.areas.postcodes import LookupStatus

    choices = districts if districts is not None else District.objects.all()
    if located is not None and located.status == LookupStatus.FOUND and len(located.districts) > 1:
        choices = choices.filter(pk__in=[district.pk for district in located.districts])
    return choices.select_related("municipality").order_by("municipality__name", "name")


class ProfileForm(forms.ModelForm):
    """The person's own details. When the wijk cannot be found from the postcode (offline, an
    unknown or shared postcode), the same form asks for it (`ask_district`)."""

    district = DistrictChoiceField(
        label=_("Your neighbourhood (wijk)"),
        queryset=District.objects.none(),
        required=False,
        empty_label=_("I do not know"),
        help_text=_("Not sure? Leave it empty: the neighbourhood team can help you."),
    )

    class Meta:
        model = Resident
        fields = ["name", "phone", "postcode", "languages", "preferred_contact"]
        help_texts = {
            "postcode": POSTCODE_HELP,
            "languages": _("So the team knows which languages you can talk in. For example: Nederlands, Arabisch."),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "postcode": forms.TextInput(attrs={"autocomplete": "postal-code", "size": "9"}),
            "preferred_contact": forms.RadioSelect,
        }

    def __init__(self, *args: Any, ask_district: bool = False, located: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].required = True
        if ask_district:
            cast("forms.ModelChoiceField[Any]", self.fields["district"]).queryset = districts_to_choose(located)
            self.fields["district"].initial = self.instance.district_id
            self.order_fields(["name", "phone", "postcode", "district"])
        else:
            del self.fields["district"]

    def clean_postcode(self) -> str:
        return clean_postcode_value(self.cleaned_data["postcode"])


class IntakeForm(forms.Form):
    """Assisted intake: someone without e-mail or digital skills, taken in by a team member."""

    form_key = FormKeyField()
    name = forms.CharField(label=_("Name"), max_length=150)
    phone = forms.CharField(
        label=_("Phone"), max_length=30, required=False, widget=forms.TextInput(attrs={"inputmode": "tel"})
    )
    email = forms.EmailField(label=_("E-mail address"), required=False)
    street = forms.CharField(label=_("Street"), max_length=150, required=False)
    house_number = forms.CharField(label=_("House number"), max_length=20, required=False)
    postcode = forms.CharField(
        label=_("Postcode"), max_length=7, required=False, widget=forms.TextInput(attrs={"size": "9"})
    )
    city = forms.CharField(label=_("Town"), max_length=100, required=False)
    district = DistrictChoiceField(
        label=_("Neighbourhood"),
        queryset=District.objects.none(),
        required=False,
        help_text=_("Leave empty to take it from the postcode."),
    )
    #: Set when the form came back asking for the wijk: then an empty choice means "not known".
    district_asked = forms.BooleanField(required=False, widget=forms.HiddenInput)
    #: Set when the form came back with look-alikes: "save anyway" holds for exactly these values
    #: (accounts.selectors.look_alike_signature); changed values are checked again.
    look_alikes_seen = forms.CharField(required=False, widget=forms.HiddenInput, max_length=40)
    languages = forms.CharField(label=_("Languages spoken"), max_length=200, required=False)
    preferred_contact = forms.ChoiceField(
        label=_("Preferred way of contact"), choices=Resident.Contact.choices, initial=Resident.Contact.PHONE
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only what is needed to help. The resident can read this."),
    )
    consents = forms.MultipleChoiceField(
        label=_("The resident gave permission for"),
        choices=purpose_choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Ask for permission first. Without it, we cannot keep these details.")},
    )
    consent_method = forms.ChoiceField(
        label=_("How was permission given?"),
        choices=[choice for choice in Consent.Method.choices if choice[0] != Consent.Method.ONLINE],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, districts: Any = None, located: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if districts is not None:
            cast("forms.ModelChoiceField[Any]", self.fields["district"]).queryset = districts_to_choose(
                located, districts
            )

    def clean_postcode(self) -> str:
        return clean_postcode_value(self.cleaned_data["postcode"])

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not (data.get("phone") or data.get("street") or data.get("email")):
            raise forms.ValidationError(_("Fill in a phone number or an address, so the team can reach this person."))
        if "keep_details" not in (data.get("consents") or []):
            self.add_error("consents", _("Without permission to keep the details, we cannot register this person."))
        return data


class ResidentEditForm(forms.ModelForm):
    class Meta:
        model = Resident
        fields = [
            "name",
            "phone",
            "email",
            "street",
            "house_number",
            "postcode",
            "city",
            "district",
            "languages",
            "preferred_contact",
            "notes",
        ]

    def __init__(self, *args: Any, districts: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if districts is not None:
            cast("forms.ModelChoiceField[Any]", self.fields["district"]).queryset = districts

    def clean_postcode(self) -> str:
        return clean_postcode_value(self.cleaned_data["postcode"])


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Permission for"), choices=purpose_choices, widget=forms.RadioSelect)
    method = forms.ChoiceField(
        label=_("How was permission given?"),
        choices=[choice for choice in Consent.Method.choices if choice[0] != Consent.Method.ONLINE],
        widget=forms.RadioSelect,
    )


class LinkAccountForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the person"),
        help_text=_("We send an e-mail to this address. The person confirms it with the link in the e-mail."),
    )


class ShareForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Share with team"), queryset=NeighbourhoodTeam.objects.none())
    reason = forms.CharField(label=_("Why"), max_length=200)

    def __init__(self, *args: Any, teams: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if teams is not None:
            cast("forms.ModelChoiceField[Any]", self.fields["team"]).queryset = teams


class EraseAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, erase my account and my details."),
        error_messages={"required": _("Tick the box if you are sure.")},
    )


class ResidentSearchForm(forms.Form):
    q = forms.CharField(label=_("Search by name, postcode or phone"), required=False, max_length=100)


# ---------------------------------------------------------------------------
# Logging in and signing up (allauth's forms, through ACCOUNT_FORMS)
#
# Our labels, without placeholders: a placeholder that repeats the label looks like text
# that is already filled in, which confuses people who rarely use forms.


def _plain_fields(form: forms.Form, labels: dict[str, Any]) -> None:
    for name, field in form.fields.items():
        field.widget.attrs.pop("placeholder", None)
        if name in labels:
            field.label = labels[name]


EMAIL_LABEL = _("E-mail address")
CODE_LABEL = _("Code from the e-mail")
CODE_HELP = _("You find it in the e-mail we just sent you. It looks like this: KDLB-WPRT.")
CODE_WIDGET_ATTRS = {"autocomplete": "one-time-code", "autocapitalize": "characters", "spellcheck": "false"}


class LoginForm(allauth_forms.LoginForm):
    """Log in with only an e-mail address: we send a code (the main way). Someone who typed a
    password logs in with it instead."""

    #: Name and value of the button that asks for the password login.
    PASSWORD_BUTTON = ("method", "password")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain_fields(
            self, {"login": EMAIL_LABEL, "password": _("Password"), "remember": _("Stay logged in on this device")}
        )
        if "remember" in self.fields:
            self.fields["remember"].help_text = _("Only on a phone or computer that nobody else uses.")
        # The password is needed only for the password button; the code button sends a code.
        # Unbound, it shows as needed: it is, for the button next to it.
        name, value = self.PASSWORD_BUTTON
        password = self.fields["password"]
        password.required = not self.is_bound or self.data.get(name) == value
        password.error_messages["required"] = _("Fill in your password. No password? Ask for a code instead.")

    def _setup_password_field(self) -> None:
        # allauth drops the password field when sign-up asks for none; people who set a
        # password later still log in with it, so it stays.
        pass

    def login(self, request: Any, redirect_url: str | None = None) -> Any:
        # By code, the login completes on another page: the choice waits in the session
        # (AccountAdapter.login applies it). By password, allauth applies it itself.
        from wijkbasis.accounts.adapter import REMEMBER_SESSION_KEY, remember_choice

        request.session[REMEMBER_SESSION_KEY] = remember_choice(
            email=self.cleaned_data["login"], remember=self.cleaned_data.get("remember", False)
        )
        return super().login(request, redirect_url)


class RequestLoginCodeForm(allauth_forms.RequestLoginCodeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain_fields(self, {"email": EMAIL_LABEL})


class SignupForm(allauth_forms.SignupForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain_fields(self, {"email": EMAIL_LABEL})
        self.fields["email"].help_text = _("We send a code to this address, to check that it is yours.")


# The code-field mixins below are mixed into allauth's forms; mypy sees them as forms.
if TYPE_CHECKING:
    _FormMixinBase = forms.Form
else:
    _FormMixinBase = object


class _CodeFieldMixin(_FormMixinBase):
    """Plain label, help text and keyboard hints for the one-time code field of allauth's forms."""

    code_label: StrOrPromise = CODE_LABEL
    code_help: StrOrPromise | None = CODE_HELP
    code_widget_attrs: dict[str, str] = CODE_WIDGET_ATTRS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain_fields(self, {"code": self.code_label})
        if self.code_help is not None:
            self.fields["code"].help_text = self.code_help
        self.fields["code"].widget.attrs.update(self.code_widget_attrs)


class ConfirmLoginCodeForm(_CodeFieldMixin, allauth_forms.ConfirmLoginCodeForm):
    pass


class ConfirmEmailVerificationCodeForm(_CodeFieldMixin, allauth_forms.ConfirmEmailVerificationCodeForm):
    pass


class AddEmailForm(allauth_forms.AddEmailForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain_fields(self, {"email": EMAIL_LABEL})


# Two-step verification (allauth.mfa's forms, through MFA_FORMS)

APP_CODE_LABEL = _("Code from the app")
APP_CODE_HELP = _("The 6 digits your authenticator app shows now. Lost your phone? Type one of your recovery codes.")
# No numeric keyboard: a recovery code has letters too.
APP_CODE_WIDGET_ATTRS = {"autocomplete": "one-time-code", "spellcheck": "false"}


class _AppCodeFieldMixin(_CodeFieldMixin):
    code_label: StrOrPromise = APP_CODE_LABEL
    code_help: StrOrPromise | None = APP_CODE_HELP
    code_widget_attrs = APP_CODE_WIDGET_ATTRS


class AuthenticateForm(_AppCodeFieldMixin, mfa_forms.AuthenticateForm):
    pass


class ReauthenticateForm(_AppCodeFieldMixin, mfa_forms.ReauthenticateForm):
    pass


class ActivateTOTPForm(_AppCodeFieldMixin, totp_forms.ActivateTOTPForm):
    # Setting up the app: only the 6 digits, so a numeric keyboard; allauth's own help text stays.
    code_help = None
    code_widget_attrs = {**APP_CODE_WIDGET_ATTRS, "inputmode": "numeric"}


class AddWebAuthnForm(webauthn_forms.AddWebAuthnForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain_fields(self, {"name": _("Name of the key")})
        self.fields["name"].help_text = _("So you can tell your keys apart. For example: blue key, or my phone.")
