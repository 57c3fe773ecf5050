"""Forms of Buurtservice: the resident's request (few questions, plain language), and the
coordinator's intake, decision, planning, visits, crew and participants' development."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkbasis.accounts.forms import clean_postcode_value
from wijkbasis.accounts.models import Consent
from wijkbasis.buurtservice import availability
from wijkbasis.buurtservice.models import (
    CertificateKind,
    Development,
    EligibilityCriterion,
    JobCategory,
    Origin,
    Request,
    Skill,
    Worker,
)
from wijkbasis.buurtservice.photos import MAX_PHOTOS, clean_photo
from wijkbasis.buurtservice.services import CANCEL_REASONS, DECLINE_REASONS
from wijkbasis.core.idempotency import FormKeyField

if TYPE_CHECKING:
    from wijkbasis.areas.models import District

TEL = {"inputmode": "tel", "autocomplete": "tel"}
#: Amounts and hours as Dutch people type them ("12,50"): text with a decimal keyboard on a phone.
DECIMAL = forms.TextInput(attrs={"inputmode": "decimal", "size": "8"})
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time", "step": "900"}, format="%H:%M")
YES_NO = [("yes", _("yes")), ("no", _("no"))]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Up to MAX_PHOTOS photos, each checked, re-encoded and stripped (photos.clean_photo)."""

    widget = MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp", "multiple": True})

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        uploads = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if len(uploads) > MAX_PHOTOS:
            raise forms.ValidationError(_("Send at most %(count)s photos.") % {"count": MAX_PHOTOS})
        return [clean_photo(upload) for upload in uploads]


class CategoryChoiceField(forms.ModelChoiceField[JobCategory]):
    def label_from_instance(self, obj: JobCategory) -> str:
        return f"{obj.name}: {obj.description}" if obj.description else obj.name


class AvailabilityField(forms.MultipleChoiceField):
    """The days and parts of the day as checkboxes; cleaned to the bit set of availability.py."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *, days: range | list[int] = range(6), **kwargs: Any) -> None:
        choices = [
            (f"{day}-{part}", f"{availability.DAYS[day][1]} {part_label}")
            for day in days
            for part, part_label in availability.PARTS
        ]
        kwargs.setdefault("required", False)
        super().__init__(choices=choices, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int):
            return [f"{day}-{part}" for day, part in availability.pairs(value)]
        return value

    def clean(self, value: Any) -> int:
        chosen = super().clean(value)
        return availability.from_pairs(_day_and_part(item) for item in chosen)


def _day_and_part(choice: str) -> tuple[int, int]:
    day, part = choice.split("-")
    return int(day), int(part)


def _home_slots(days: list[str], parts: list[str]) -> int:
    return availability.from_days_and_parts([int(day) for day in days], [int(part) for part in parts])


# ---------------------------------------------------------------------------
# The resident's request


class RequestForm(forms.Form):
    """Few questions, in plain language. With an account, who asks is known already."""

    form_key = FormKeyField()
    for_whom = forms.ChoiceField(
        label=_("Who is the job for?"),
        choices=[("self", _("For me")), ("other", _("For someone else"))],
        widget=forms.RadioSelect,
        initial="self",
    )
    category = CategoryChoiceField(
        label=_("What kind of job is it?"), queryset=JobCategory.objects.none(), widget=forms.RadioSelect
    )
    description = forms.CharField(
        label=_("What needs to be done?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example: the hedge at the front is too high. I cannot reach it."),
    )
    street = forms.CharField(
        label=_("Street"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "address-line1"})
    )
    house_number = forms.CharField(label=_("House number"), max_length=20, widget=forms.TextInput(attrs={"size": "6"}))
    postcode = forms.CharField(
        label=_("Postcode"), max_length=7, widget=forms.TextInput(attrs={"size": "9", "autocomplete": "postal-code"})
    )
    city = forms.CharField(label=_("Town"), max_length=100, required=False)
    home_days = forms.MultipleChoiceField(
        label=_("On which days is someone at home?"),
        choices=[(str(day), name) for day, name in availability.DAYS[:5]],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    home_parts = forms.MultipleChoiceField(
        label=_("At what time of day?"),
        choices=[(str(part), label) for part, label in availability.PARTS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    urgent = forms.BooleanField(
        label=_("It is urgent"),
        required=False,
        help_text=_("Only when it is unsafe or cannot wait, for example a loose grab bar."),
    )
    photos = PhotosField(
        label=_("Photos"),
        help_text=_("At most 4 photos. Only the coordinator and the crew see them."),
    )
    name = forms.CharField(label=_("Your name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    phone = forms.CharField(
        label=_("Your phone number"), max_length=30, required=False, widget=forms.TextInput(attrs=TEL)
    )
    email = forms.EmailField(
        label=_("Your e-mail address"), required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    relation = forms.ChoiceField(
        label=_("Who is this person to you?"),
        choices=[("", "—"), *[choice for choice in Request.Relation.choices if choice[0] != Request.Relation.SELF]],
        required=False,
    )
    person_name = forms.CharField(label=_("Name of this person"), max_length=150, required=False)
    person_phone = forms.CharField(
        label=_("Phone number of this person"), max_length=30, required=False, widget=forms.TextInput(attrs=TEL)
    )
    person_agrees = forms.BooleanField(
        label=_("This person knows about this request and agrees"),
        required=False,
        help_text=_("We will call them to check."),
    )
    consent = forms.BooleanField(
        label=_("Buurtservice may use these details to plan and do the job"),
        help_text=_("The crew sees the address and phone number. We keep them two years after the job."),
        error_messages={"required": _("Without this permission we cannot help. Tick the box.")},
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField[Any]", self.fields["category"]).queryset = JobCategory.objects.filter(
            is_active=True
        ).order_by("sort_order", "name")
        self.logged_in = bool(getattr(user, "is_authenticated", False))
        if self.logged_in:
            del self.fields["name"]
            del self.fields["email"]
            self.fields["phone"].label = _("Your phone number")

    def clean_postcode(self) -> str:
        postcode = clean_postcode_value(self.cleaned_data["postcode"])
        if not postcode:
            raise forms.ValidationError(_("Fill in the postcode of the address."))
        return postcode

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not self.logged_in and not (data.get("phone") or data.get("email")):
            self.add_error("phone", _("Fill in your phone number or your e-mail address, so we can reach you."))
        if data.get("for_whom") == "other":
            if not data.get("relation"):
                self.add_error("relation", _("Choose who this person is to you."))
            if not data.get("person_name"):
                self.add_error("person_name", _("Fill in the name of the person the job is for."))
            if not data.get("person_agrees"):
                self.add_error("person_agrees", _("Ask this person first. Without their permission we cannot help."))
        data["home_slots"] = _home_slots(data.get("home_days") or [], data.get("home_parts") or [])
        return data


class FeedbackForm(forms.Form):
    form_key = FormKeyField()
    score = forms.TypedChoiceField(
        label=_("How happy are you with the job?"),
        choices=[
            ("5", _("5: very happy")),
            ("4", _("4: happy")),
            ("3", _("3: all right")),
            ("2", _("2: not happy")),
            ("1", _("1: not happy at all")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a score.")},
    )
    comment = forms.CharField(
        label=_("Anything you want to tell us?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ResidentCancelForm(forms.Form):
    note = forms.CharField(label=_("Why? (You may leave this empty.)"), required=False, max_length=300)


# ---------------------------------------------------------------------------
# The coordinator: intake by phone, intake answers, decision, priority, cancelling


class PhoneRequestForm(forms.Form):
    """A request taken by phone or in person, through the assisted-intake rules."""

    form_key = FormKeyField()
    name = forms.CharField(label=_("Name of the resident"), max_length=150)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False, widget=forms.TextInput(attrs=TEL))
    email = forms.EmailField(label=_("E-mail address"), required=False)
    street = forms.CharField(label=_("Street"), max_length=150)
    house_number = forms.CharField(label=_("House number"), max_length=20)
    postcode = forms.CharField(label=_("Postcode"), max_length=7, widget=forms.TextInput(attrs={"size": "9"}))
    city = forms.CharField(label=_("Town"), max_length=100, required=False)
    district: forms.ModelChoiceField[District] = forms.ModelChoiceField(
        label=_("Neighbourhood"),
        queryset=None,
        required=False,
        help_text=_("Leave empty to take it from the postcode."),
    )
    category = forms.ModelChoiceField(label=_("Kind of job"), queryset=JobCategory.objects.none())
    description = forms.CharField(
        label=_("What needs to be done"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    home_days = RequestForm.base_fields["home_days"]
    home_parts = RequestForm.base_fields["home_parts"]
    urgent = forms.BooleanField(label=_("Urgent"), required=False)
    requester_name = forms.CharField(
        label=_("Asked by (name)"),
        max_length=150,
        required=False,
        help_text=_("When someone else called for the resident: a neighbour, a child, a mantelzorger."),
    )
    requester_phone = forms.CharField(
        label=_("Phone of who asked"), max_length=30, required=False, widget=forms.TextInput(attrs=TEL)
    )
    relation = forms.ChoiceField(
        label=_("Who is that to the resident?"),
        choices=[("", "—"), *[choice for choice in Request.Relation.choices if choice[0] != Request.Relation.SELF]],
        required=False,
    )
    consent_method = forms.ChoiceField(
        label=_("How did the resident give permission?"),
        choices=[choice for choice in Consent.Method.choices if choice[0] != Consent.Method.ONLINE],
        widget=forms.RadioSelect,
    )
    resident_agreed = forms.BooleanField(
        label=_("The resident agreed themselves (not only who asked for them)"),
        required=False,
        initial=True,
    )

    def __init__(self, *args: Any, districts: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from wijkbasis.areas.models import District

        cast("forms.ModelChoiceField[Any]", self.fields["district"]).queryset = (
            districts if districts is not None else District.objects.none()
        )
        cast("forms.ModelChoiceField[Any]", self.fields["category"]).queryset = JobCategory.objects.filter(
            is_active=True
        )

    def clean_postcode(self) -> str:
        return clean_postcode_value(self.cleaned_data["postcode"])

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("requester_name") and not data.get("relation"):
            self.add_error("relation", _("Choose who asked for the resident."))
        data["home_slots"] = _home_slots(data.get("home_days") or [], data.get("home_parts") or [])
        return data


class IntakeForm(forms.Form):
    """The intake: the eligibility questions (as configured) and what the priority rests on."""

    expected_status = forms.CharField(widget=forms.HiddenInput)
    urgent = forms.BooleanField(label=_("Urgent"), required=False)
    vulnerability = forms.ChoiceField(label=_("Vulnerability"), choices=Request.Vulnerability.choices, required=False)
    needs_vog = forms.BooleanField(label=_("The crew needs a certificate of conduct (VOG)"), required=False)
    is_wmo = forms.BooleanField(label=_("WMO adaptation"), required=False)
    wmo_reference = forms.CharField(label=_("WMO decision reference"), max_length=60, required=False)
    wmo_funding = forms.DecimalField(
        label=_("WMO funding (euro)"),
        max_digits=8,
        decimal_places=2,
        required=False,
        min_value=Decimal("0"),
        localize=True,
        widget=DECIMAL,
    )
    wmo_deadline = forms.DateField(label=_("WMO: done by"), required=False, widget=DATE)
    consent_confirmed = forms.BooleanField(
        label=_("I spoke to the resident: they agree to this request"), required=False
    )

    def __init__(self, *args: Any, request: Request, answers: dict[int, bool], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = list(EligibilityCriterion.objects.filter(is_active=True))
        for criterion in self.criteria:
            known = answers.get(criterion.pk)
            self.fields[f"criterion_{criterion.pk}"] = forms.ChoiceField(
                label=criterion.question,
                choices=YES_NO,
                widget=forms.RadioSelect,
                required=False,
                initial=None if known is None else ("yes" if known else "no"),
            )
        if request.relation == Request.Relation.SELF or request.consent_confirmed_at is not None:
            del self.fields["consent_confirmed"]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("is_wmo") and not (data.get("wmo_reference") or "").strip():
            self.add_error("wmo_reference", _("Fill in the reference of the municipality's WMO decision."))
        return data

    def answers(self) -> dict[int, bool]:
        return {
            criterion.pk: self.cleaned_data[f"criterion_{criterion.pk}"] == "yes"
            for criterion in self.criteria
            if self.cleaned_data.get(f"criterion_{criterion.pk}")
        }


class DecisionForm(forms.Form):
    expected_status = forms.CharField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept: on the waiting list")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    reason = forms.ChoiceField(
        label=_("Reason for declining"),
        choices=[("", "—"), *DECLINE_REASONS.items()],
        required=False,
    )
    note = forms.CharField(
        label=_("Explanation for the resident"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Plain language: the resident reads this in the e-mail."),
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("decision") == "decline" and not data.get("reason"):
            self.add_error("reason", _("Choose why the request is declined."))
        if data.get("reason") == "other" and not (data.get("note") or "").strip():
            self.add_error("note", _("Explain in a sentence why the request is declined."))
        return data


class PriorityForm(forms.Form):
    points = forms.IntegerField(
        label=_("Adjustment (points)"),
        min_value=-100,
        max_value=100,
        help_text=_("Plus moves the request up the list, minus down. 0 goes back to the rules."),
    )
    reason = forms.CharField(label=_("Why"), max_length=300, required=False)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("points") and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why you change the priority."))
        return data


class CancelForm(forms.Form):
    expected_status = forms.CharField(widget=forms.HiddenInput, required=False)
    reason = forms.ChoiceField(label=_("Why is it cancelled?"), choices=list(CANCEL_REASONS.items()))
    note = forms.CharField(label=_("Explanation for the resident"), required=False, max_length=300)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("reason") == "other" and not (data.get("note") or "").strip():
            self.add_error("note", _("Explain in a sentence why it is cancelled."))
        return data


class PhoneFeedbackForm(FeedbackForm):
    score = cast(forms.TypedChoiceField, FeedbackForm.base_fields["score"])


# ---------------------------------------------------------------------------
# Planning and visits


class VisitTimeForm(forms.Form):
    """When the visit is: chosen first (a GET), so the page can show who fits."""

    day = forms.DateField(label=_("Date"), widget=DATE)
    starts_at = forms.TimeField(label=_("From"), widget=TIME)
    ends_at = forms.TimeField(label=_("Until"), widget=TIME)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("The visit must end after it starts."))
        if data.get("day") and data["day"] < timezone.localdate():
            self.add_error("day", _("Choose today or a day after today."))
        return data


class PlanForm(VisitTimeForm):
    expected_status = forms.CharField(widget=forms.HiddenInput, required=False)
    workers = forms.ModelMultipleChoiceField(
        label=_("Crew"),
        queryset=Worker.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one crew member.")},
    )
    what_to_bring = forms.CharField(label=_("What to bring"), max_length=300, required=False)

    def __init__(self, *args: Any, service_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField[Any]", self.fields["workers"]).queryset = Worker.objects.filter(
            service_id=service_id
        )


class VisitForm(forms.Form):
    """Hours per crew member, materials and costs."""

    materials = forms.CharField(label=_("Materials used"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    costs = forms.DecimalField(
        label=_("Costs (euro)"),
        max_digits=8,
        decimal_places=2,
        min_value=Decimal("0"),
        required=False,
        localize=True,
        widget=DECIMAL,
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, assignments: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.assignments = assignments
        for assignment in assignments:
            self.fields[f"hours_{assignment.worker_id}"] = forms.DecimalField(
                label=_("Hours of %(name)s") % {"name": assignment.worker.name},
                max_digits=4,
                decimal_places=1,
                min_value=Decimal("0"),
                max_value=Decimal("24"),
                required=False,
                initial=assignment.hours,
                localize=True,
                widget=DECIMAL,
            )

    def hours(self) -> dict[int, Decimal | None]:
        return {a.worker_id: self.cleaned_data.get(f"hours_{a.worker_id}") for a in self.assignments}


class VisitCancelForm(forms.Form):
    reason = forms.CharField(label=_("Why"), max_length=300, required=False)


class CompleteForm(forms.Form):
    expected_status = forms.CharField(widget=forms.HiddenInput, required=False)
    notes = forms.CharField(label=_("What was done"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    photos = PhotosField(label=_("Photos of the result"), help_text=_("At most 4 photos."))


class CrewDoneForm(forms.Form):
    """ "Klaar": the hours as big buttons to tap, the planned hours already chosen."""

    hours = forms.TypedChoiceField(
        label=_("Hours"),
        coerce=Decimal,
        widget=forms.RadioSelect,
        choices=[(format(Decimal(n) / 2, "f"), format(Decimal(n) / 2, "f")) for n in range(1, 49)],
        error_messages={"required": _("Choose your hours.")},
    )


# ---------------------------------------------------------------------------
# Crew and participants


class WorkerForm(forms.ModelForm[Worker]):
    availability = AvailabilityField(label=_("Available"))
    skills = forms.ModelMultipleChoiceField(
        label=_("Skills"),
        queryset=Skill.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Worker
        fields = ["kind", "origin", "started_on", "skills", "availability", "hours_per_week", "notes"]
        widgets = {"started_on": DATE, "notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField[Any]", self.fields["origin"]).queryset = Origin.objects.filter(is_active=True)


class NewWorkerForm(WorkerForm):
    form_key = FormKeyField()
    name = forms.CharField(label=_("Name"), max_length=150)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False, widget=forms.TextInput(attrs=TEL))
    email = forms.EmailField(
        label=_("E-mail address"), required=False, help_text=_("Needed to log in on the phone and see the day.")
    )
    postcode = forms.CharField(
        label=_("Postcode"), max_length=7, required=False, widget=forms.TextInput(attrs={"size": "9"})
    )
    consent_method = forms.ChoiceField(
        label=_("How did they agree that we keep these details?"),
        choices=[choice for choice in Consent.Method.choices if choice[0] != Consent.Method.ONLINE],
        widget=forms.RadioSelect,
    )

    field_order = ["name", "phone", "email", "postcode", "kind", "origin", "started_on", "skills", "availability"]

    def clean_postcode(self) -> str:
        return clean_postcode_value(self.cleaned_data["postcode"])

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not (data.get("phone") or data.get("email")):
            self.add_error("phone", _("Fill in a phone number or an e-mail address."))
        return data


class CertificateForm(forms.Form):
    kind = forms.ModelChoiceField(label=_("Certificate or course"), queryset=CertificateKind.objects.all())
    obtained_on = forms.DateField(label=_("Obtained on"), widget=DATE)
    valid_until = forms.DateField(
        label=_("Valid until"), required=False, widget=DATE, help_text=_("Empty: as long as this kind is valid.")
    )

    def clean_obtained_on(self) -> dt.date:
        day: dt.date = self.cleaned_data["obtained_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("This date is in the future."))
        return day


class LeavingForm(forms.Form):
    ended_on = forms.DateField(label=_("Left on"), widget=DATE)
    outcome = forms.ChoiceField(
        label=_("Where did they go?"), choices=[("", "—"), *Development.Outcome.choices], required=False
    )
    outcome_note = forms.CharField(label=_("About this"), max_length=300, required=False)


class LearningGoalForm(forms.Form):
    text = forms.CharField(label=_("New learning goal"), max_length=300)


class CheckInForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DATE, initial=timezone.localdate)
    notes = forms.CharField(label=_("What we talked about"), widget=forms.Textarea(attrs={"rows": 3}))


class SkillGainedForm(forms.Form):
    skill = forms.ModelChoiceField(label=_("Skill gained"), queryset=Skill.objects.filter(is_active=True))


class CategoryForm(forms.ModelForm[JobCategory]):
    class Meta:
        model = JobCategory
        fields = [
            "name",
            "description",
            "typical_hours",
            "crew_size",
            "is_wmo",
            "needs_vog",
            "required_skills",
            "what_to_bring",
            "sort_order",
            "is_active",
        ]
        widgets = {"required_skills": forms.CheckboxSelectMultiple}

    def save(self, commit: bool = True) -> JobCategory:
        from django.utils.text import slugify

        category: JobCategory = super().save(commit=False)
        if not category.slug:
            base = slugify(category.name)[:40] or "klus"
            slug, number = base, 2
            while JobCategory.objects.filter(slug=slug).exclude(pk=category.pk).exists():
                slug, number = f"{base}-{number}", number + 1
            category.slug = slug
        if commit:
            category.save()
            self.save_m2m()
        return category


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DATE)
    end = forms.DateField(label=_("Until"), widget=DATE)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("start") and data.get("end"):
            if data["end"] < data["start"]:
                self.add_error("end", _("The end must be after the start."))
            elif (data["end"] - data["start"]).days > 3 * 366:
                self.add_error("end", _("Choose a period of at most three years."))
        return data
