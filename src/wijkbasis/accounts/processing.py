"""Processing activities of accounts, residents and the werkplek (core/processing.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wijkbasis.core.processing import Confidentiality, LegalBasis, ProcessingActivity, register_activity

RESIDENT_SUPPORT = register_activity(
    ProcessingActivity(
        code="resident_support",
        name=_("Helping residents in their neighbourhood"),
        purpose=_(
            "The neighbourhood team keeps a resident's details to help them with a question, an activity or a "
            "request, and contacts them about it; also when a team member takes someone in by phone or in person."
        ),
        legal_basis=LegalBasis.PUBLIC_TASK,
        data=_("Name, phone, e-mail address, address and wijk, languages, notes, consents given"),
        retention=_("Two years after the last change; with an account, as long as the account"),
        app="accounts",
    )
)
RECORD_LINKING = register_activity(
    ProcessingActivity(
        code="record_linking",
        name=_("Linking a record to an account, merging two records"),
        purpose=_(
            "One person is one record: a record taken in by the team is linked to the person's own account when "
            "they confirm it; two records of one person are merged by a team member."
        ),
        legal_basis=LegalBasis.PUBLIC_TASK,
        data=_("The resident's details, the account's e-mail address"),
        retention=_("As the resident's details"),
        app="accounts",
    )
)
SHARING = register_activity(
    ProcessingActivity(
        code="sharing",
        name=_("Sharing a record with another neighbourhood team"),
        purpose=_("When a resident moves or two teams help together, the other team may see the record."),
        legal_basis=LegalBasis.PUBLIC_TASK,
        data=_("The resident's details; which team and why"),
        retention=_("Two years after sharing"),
        app="accounts",
    )
)
OWN_DATA = register_activity(
    ProcessingActivity(
        code="own_data",
        name=_("Residents see, download and erase their own data"),
        purpose=_("The rights of access, rectification and erasure (AVG articles 15 to 17)."),
        legal_basis=LegalBasis.LEGAL_OBLIGATION,
        data=_("Everything held about the person"),
        retention=_("Not applicable: nothing is kept for this"),
        confidentiality=Confidentiality.NORMAL,
        app="accounts",
    )
)
ACCOUNTS = register_activity(
    ProcessingActivity(
        code="accounts",
        name=_("Accounts and logging in"),
        purpose=_("Logging in with a code by e-mail (or a password), two-step verification for staff, roles."),
        legal_basis=LegalBasis.CONTRACT,
        data=_("E-mail address, name, language, login times, authenticators, roles"),
        retention=_("Three years after the last login; unconfirmed sign-ups after a few days"),
        confidentiality=Confidentiality.NORMAL,
        app="accounts",
    )
)
FIGURES = register_activity(
    ProcessingActivity(
        code="figures",
        name=_("Figures for the municipality"),
        purpose=_("Counts per wijk and period for the municipality that commissions the work, small counts hidden."),
        legal_basis=LegalBasis.PUBLIC_TASK,
        data=_("Counts only: no names or details leave the team"),
        retention=_("Not applicable: figures are computed when they are asked for"),
        confidentiality=Confidentiality.NORMAL,
        app="accounts",
    )
)
ACCESS_LOG_REVIEW = register_activity(
    ProcessingActivity(
        code="access_log_review",
        name=_("Staff see what they opened"),
        purpose=_(
            "A member of staff sees which records they opened or changed, by the names of the residents, so they "
            "can account for it; seeing those names there is logged too."
        ),
        legal_basis=LegalBasis.LEGAL_OBLIGATION,
        data=_("The names of the residents whose records the member of staff opened"),
        retention=_("Not applicable: the access log keeps what happened"),
        app="accounts",
    )
)
