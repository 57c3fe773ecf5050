"""Processing activities of the vacancy bank (core/processing.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wijkbasis.core.processing import Confidentiality, LegalBasis, ProcessingActivity, register_activity

VOLUNTEER_MATCHING = register_activity(
    ProcessingActivity(
        code="volunteer_matching",
        name=_("Bringing volunteers and organisations together"),
        purpose=_(
            "A resident responds to a vacancy; the organisation and the sociaal makelaars of the wijk follow the "
            "response to a placement, with notes, reminders and a check six weeks later."
        ),
        legal_basis=LegalBasis.CONSENT,
        data=_("Name and how to reach the person as they gave it, message, steps, notes, placement"),
        retention=_("Two years after the response ended"),
        app="volunteering",
    )
)
TALENT_PROFILES = register_activity(
    ProcessingActivity(
        code="talent_profiles",
        name=_("Talent profiles"),
        purpose=_("What a resident can and would like to do, shown only to whom they chose, to suggest work."),
        legal_basis=LegalBasis.CONSENT,
        data=_("Talents, wishes, skills, interests, when and where"),
        retention=_("Two years after the last change"),
        app="volunteering",
    )
)
SAVED_SEARCHES = register_activity(
    ProcessingActivity(
        code="saved_searches",
        name=_("New vacancies by e-mail"),
        purpose=_("A weekly e-mail with new vacancies of a saved search, until the person stops it."),
        legal_basis=LegalBasis.CONSENT,
        data=_("E-mail address, the search"),
        retention=_("Until stopped; unconfirmed ones after a year"),
        confidentiality=Confidentiality.NORMAL,
        app="volunteering",
    )
)
VACANCY_CONTACTS = register_activity(
    ProcessingActivity(
        code="vacancy_contacts",
        name=_("Contact persons of vacancies"),
        purpose=_("Volunteers can reach the organisation's contact person for a vacancy."),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        data=_("Name, phone and e-mail address of the contact person"),
        retention=_("A year after the vacancy closed"),
        confidentiality=Confidentiality.NORMAL,
        app="volunteering",
    )
)
