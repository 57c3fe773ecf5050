"""Personal data in the vacancy bank."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wijkbasis.core.personal_data import OnExpiry, PersonalData, SubjectKind, declare_not_personal, register

YEAR = dt.timedelta(days=365)
CLOSED = Q(status__in=["filled", "expired", "closed"])

register(
    PersonalData(
        "volunteering.Response",
        fields=("message", "contact_name", "contact_email", "contact_phone"),
        retention=2 * YEAR,
        retention_field="status_changed_at",
        expiry_filter=Q(status__in=["ended", "not_matched"]),
        why=_("Your responses to vacancies and how they went. Kept two years after they ended."),
        activity="volunteer_matching",
    )
)
register(
    PersonalData(
        "volunteering.ResponseEvent",
        fields=(),
        retention=2 * YEAR,
        retention_field="at",
        why=_("The steps of your responses (contacted, placed…)."),
        subject_lookup="response__resident",
        activity="volunteer_matching",
        shown_with="response",
    )
)
register(
    PersonalData(
        "volunteering.ResponseNote",
        fields=("text",),
        retention=2 * YEAR,
        why=_("Notes the sociaal makelaar wrote about your response."),
        subject_lookup="response__resident",
        activity="volunteer_matching",
        shown_with="response",
    )
)
register(
    PersonalData(
        "volunteering.Placement",
        fields=("end_reason",),
        retention=2 * YEAR,
        retention_field="end_date",
        expiry_filter=Q(end_date__isnull=False),
        why=_("Where you volunteer, since when and how many hours."),
        subject_lookup="response__resident",
        activity="volunteer_matching",
        shown_with="response",
    )
)
register(
    PersonalData(
        "volunteering.FollowUp",
        fields=(),
        retention=YEAR,
        retention_field="done_at",
        expiry_filter=Q(done_at__isnull=False),
        why=_("Reminders for the sociaal makelaar about your response."),
        subject_lookup="response__resident",
        activity="volunteer_matching",
    )
)
register(
    PersonalData(
        "volunteering.TalentProfile",
        fields=("talents", "wishes"),
        retention=2 * YEAR,
        retention_field="updated_at",
        why=_("Your talent profile. Removed two years after your last change."),
        activity="talent_profiles",
    )
)
register(
    PersonalData(
        "volunteering.SavedSearch",
        fields=("email", "label", "query"),
        retention=YEAR,
        retention_field="created_at",
        expiry_filter=Q(confirmed_at__isnull=True),
        why=_("Searches you get new vacancies for by e-mail. Unconfirmed ones go after a year."),
        subject_kind=SubjectKind.USER,
        subject_lookup="user",
        email_lookup="email",
        activity="saved_searches",
    )
)
register(
    PersonalData(
        "volunteering.Vacancy",
        fields=("contact_name", "contact_phone", "contact_email"),
        retention=YEAR,
        retention_field="updated_at",
        expiry_filter=CLOSED,
        on_expiry=OnExpiry.ANONYMISE,
        why=_("The contact person of a vacancy. Emptied a year after the vacancy closed."),
        subject_kind=SubjectKind.NONE,
        activity="vacancy_contacts",
        access_logged=False,
        not_logged_because="The contact person of an organisation, shown publicly on the vacancy.",
    )
)
declare_not_personal(
    "volunteering.Skill",
    "volunteering.NotMatchedReason",
    reason="Managed lists: skills, interests and reasons, not about a person.",
)
declare_not_personal(
    "volunteering.VacancySearchRow",
    reason="The words of a published vacancy, stemmed for search; a vacancy's contact details are not in it.",
)
