"""Processing activities of Buurtservice (core/processing.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wijkbasis.core.processing import Confidentiality, LegalBasis, ProcessingActivity, register_activity

ODD_JOBS = register_activity(
    ProcessingActivity(
        code="odd_jobs",
        name=_("Odd jobs for residents (Buurtservice)"),
        purpose=_(
            "A resident who cannot do a job in or around the house asks Buurtservice; the coordinator takes the "
            "request in, decides, puts it on the waiting list, plans visits with a crew and tells the resident how "
            "it goes; the crew sees the address, phone and photos of the jobs they do."
        ),
        legal_basis=LegalBasis.CONSENT,
        data=_(
            "Name, address, phone and e-mail of the resident and of whoever asked for them, the job, photos, "
            "answers at intake, WMO decision, priority, visits, hours, materials, feedback"
        ),
        retention=_("Two years after the job was done, declined or cancelled"),
        app="buurtservice",
    )
)
CREW = register_activity(
    ProcessingActivity(
        code="buurtservice_crew",
        name=_("Crews of Buurtservice"),
        purpose=_(
            "The coordinator plans participants, volunteers, interns and staff on jobs by their skills, "
            "certificates and availability; a crew member sees their own day."
        ),
        legal_basis=LegalBasis.CONTRACT,
        data=_("Name and how to reach the person, kind, origin, dates, skills, certificates, availability, hours"),
        retention=_("Two years after the person left"),
        app="buurtservice",
    )
)
PARTICIPANT_DEVELOPMENT = register_activity(
    ProcessingActivity(
        code="participant_development",
        name=_("Development of participants on a work-experience place"),
        purpose=_(
            "The coordinator and the participant keep the participant's learning goals, check-ins, skills gained "
            "and where they went on leaving; nobody else sees it."
        ),
        legal_basis=LegalBasis.CONTRACT,
        data=_("Learning goals, check-ins, skills gained, outcome on leaving"),
        retention=_("Two years after the participant left"),
        app="buurtservice",
    )
)
TEXT_MESSAGES = register_activity(
    ProcessingActivity(
        code="text_messages",
        name=_("Text messages about a job"),
        purpose=_("A resident hears by text message that their job was accepted, planned or done."),
        legal_basis=LegalBasis.CONSENT,
        data=_("Phone number and the message"),
        retention=_("Until sent; at most a week"),
        confidentiality=Confidentiality.NORMAL,
        app="buurtservice",
    )
)
