"""Personal data in Buurtservice (core/personal_data.py). Photos go with their job: a job's
rows (history, answers, photos, visits, feedback) are kept exactly as long as the job."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from wijkbasis.core.personal_data import OnErasure, PersonalData, Subject, declare_not_personal, register

YEAR = dt.timedelta(days=365)
#: A job that is over: done and evaluated, declined or cancelled (the date it closed counts).
CLOSED = Q(status__in=["done", "evaluated", "declined", "cancelled"])
RUNNING = ("requested", "intake", "accepted", "planned", "in_progress")


def _job_is_running(request: Any) -> Any:
    if request.status in RUNNING:
        return _("The job is still running; cancel it first, or ask the coordinator.")
    return None


register(
    PersonalData(
        "buurtservice.Request",
        fields=(
            "description",
            "street",
            "house_number",
            "postcode",
            "city",
            "phone",
            "decision_note",
            "wmo_reference",
            "priority_reason",
            "completion_notes",
        ),
        retention=2 * YEAR,
        retention_field="status_changed_at",
        expiry_filter=CLOSED,
        why=_("Your requests to Buurtservice and how they went. Kept two years after the job was over."),
        keep_reason=_job_is_running,
        activity="odd_jobs",
    )
)
for label, why in (
    ("buurtservice.RequestEvent", _("The steps of your request (accepted, planned, done…).")),
    ("buurtservice.EligibilityAnswer", _("Your answers at the intake of your request.")),
    ("buurtservice.Feedback", _("What you thought of the job.")),
):
    register(
        PersonalData(
            label,
            fields=("note",) if label.endswith("Event") else ("comment",) if label.endswith("Feedback") else (),
            retention=2 * YEAR,
            retention_field="request__status_changed_at",
            expiry_filter=Q(request__status__in=["done", "evaluated", "declined", "cancelled"]),
            why=why,
            subject_lookup="request__resident",
            activity="odd_jobs",
            shown_with="request",
            erased_with="buurtservice.Request",
        )
    )
register(
    PersonalData(
        "buurtservice.RequestPhoto",
        fields=("image",),
        retention=2 * YEAR,
        retention_field="request__status_changed_at",
        expiry_filter=Q(request__status__in=["done", "evaluated", "declined", "cancelled"]),
        why=_("Photos of your job. Kept as long as the job, then deleted with it."),
        subject_lookup="request__resident",
        activity="odd_jobs",
        erased_with="buurtservice.Request",
    )
)
register(
    PersonalData(
        "buurtservice.Visit",
        fields=("materials", "notes"),
        retention=2 * YEAR,
        retention_field="request__status_changed_at",
        expiry_filter=Q(request__status__in=["done", "evaluated", "declined", "cancelled"]),
        why=_("The visits of the crew for your job."),
        subject_lookup="request__resident",
        activity="odd_jobs",
        erased_with="buurtservice.Request",
    )
)
register(
    PersonalData(
        "buurtservice.Assignment",
        fields=(),
        retention=2 * YEAR,
        retention_field="visit__request__status_changed_at",
        expiry_filter=Q(visit__request__status__in=["done", "evaluated", "declined", "cancelled"]),
        why=_("Who of the crew came on a visit, and the hours they worked."),
        subject_lookup="worker__resident",
        activity="buurtservice_crew",
    )
)
register(
    PersonalData(
        "buurtservice.Worker",
        fields=("notes",),
        retention=2 * YEAR,
        retention_field="ended_on",
        expiry_filter=Q(ended_on__isnull=False),
        why=_("You work with Buurtservice: since when, your skills and when you can. Kept two years after you left."),
        activity="buurtservice_crew",
    )
)
register(
    PersonalData(
        "buurtservice.Certificate",
        fields=(),
        retention=2 * YEAR,
        retention_field="worker__ended_on",
        expiry_filter=Q(worker__ended_on__isnull=False),
        why=_("Your certificates and courses (such as a VOG)."),
        subject_lookup="worker__resident",
        activity="buurtservice_crew",
        shown_with="worker",
    )
)
for label, fields, why in (
    ("buurtservice.Development", ("outcome", "outcome_note"), _("Where you went when you left Buurtservice.")),
    ("buurtservice.LearningGoal", ("text",), _("Your learning goals at Buurtservice.")),
    ("buurtservice.CheckIn", ("notes",), _("Your conversations with the coordinator about how it goes.")),
    ("buurtservice.SkillGained", (), _("The skills you gained at Buurtservice.")),
):
    register(
        PersonalData(
            label,
            fields=fields,
            retention=2 * YEAR,
            retention_field="worker__ended_on",
            expiry_filter=Q(worker__ended_on__isnull=False),
            why=why,
            subject_lookup="worker__resident",
            activity="participant_development",
            erased_with="buurtservice.Worker",
            # Goals, check-ins and skills are shown on the participant's development page only,
            # fetched with access_development (logged there).
            shown_with="" if label.endswith("Development") else "worker",
        )
    )


def _queued_texts(subject: Subject) -> QuerySet[Any]:
    """Text messages to this person's phone numbers, waiting to be sent."""
    from wijkbasis.accounts.models import Resident
    from wijkbasis.buurtservice.models import OutgoingText

    phones = set(Resident.objects.filter(pk__in=subject.resident_ids).exclude(phone="").values_list("phone", flat=True))
    return OutgoingText.objects.filter(to__in=phones) if phones else OutgoingText.objects.none()


register(
    PersonalData(
        "buurtservice.OutgoingText",
        fields=("to", "body"),
        retention=dt.timedelta(days=7),
        why=_("Text messages to you waiting to be sent. Deleted as soon as they are sent."),
        subject_rows=_queued_texts,
        exported=False,
        on_erasure=OnErasure.DELETE,
        access_logged=False,
        not_logged_because="A text message waiting for the worker; it is deleted once sent.",
    )
)
declare_not_personal(
    "buurtservice.Service",
    reason="How a municipality's Buurtservice is reached: the service's own phone and e-mail, no person's.",
)
declare_not_personal(
    "buurtservice.Skill",
    "buurtservice.CertificateKind",
    "buurtservice.Origin",
    "buurtservice.JobCategory",
    "buurtservice.EligibilityCriterion",
    reason="Managed lists: skills, kinds of certificates, origins, kinds of jobs, intake questions.",
)
