"""Personal data held by accounts and by the libraries it uses (allauth, sessions, tasks, admin)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from wijkbasis.core.guards import ACCESS_LOG_RETENTION_DAYS
from wijkbasis.core.personal_data import (
    OnErasure,
    PersonalData,
    Subject,
    SubjectKind,
    declare_not_personal,
    register,
)

YEAR = dt.timedelta(days=365)


def _admin_log_rows(subject: Subject) -> QuerySet[Any]:
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    from wijkbasis.accounts.models import Resident, User

    condition = Q(pk__in=[])
    if subject.resident_ids:
        condition |= Q(
            content_type=ContentType.objects.get_for_model(Resident),
            object_id__in=[str(pk) for pk in subject.resident_ids],
        )
    if subject.user_id is not None:
        condition |= Q(content_type=ContentType.objects.get_for_model(User), object_id=str(subject.user_id))
    return LogEntry.objects.filter(condition)


def _access_log_rows(subject: Subject) -> QuerySet[Any]:
    from wijkbasis.core.models import AccessLogEntry

    return AccessLogEntry.objects.filter(subject_resident_id__in=subject.resident_ids)


def _queued_mail_rows(subject: Subject) -> QuerySet[Any]:
    """E-mails to this person waiting to be sent (their address is in `to`)."""
    from django.db.models import TextField
    from django.db.models.functions import Cast

    from wijkbasis.accounts.models import Resident, User
    from wijkbasis.core.models import OutgoingMail

    addresses = set(subject.verified_emails)
    if subject.user_id is not None:
        addresses |= set(User.objects.filter(pk=subject.user_id).values_list("email", flat=True))
    addresses |= set(
        Resident.objects.filter(pk__in=subject.resident_ids).exclude(email="").values_list("email", flat=True)
    )
    if not addresses:
        return OutgoingMail.objects.none()
    condition = Q(pk__in=[])
    for address in addresses:
        condition |= Q(to_text__icontains=f'"{address}"')
    return OutgoingMail.objects.annotate(to_text=Cast("to", TextField())).filter(condition)


def _blank_admin_log(rows: QuerySet[Any]) -> int:
    return rows.update(object_repr="—", change_message="")


# ---------------------------------------------------------------------------
# When an account has expired: its last sign of life, and sign-ups never confirmed


def last_sign_of_life() -> Any:
    """The latest sign that the person uses their account: their last login (else when they
    joined), or the last thing they did that the access log holds (looking at their own data,
    a response, a change), whichever is later. Django sets last_login only at a login, and a
    remembered device may use the site for a long time without one."""
    from django.db.models import Max, OuterRef, Subquery
    from django.db.models.functions import Coalesce, Greatest

    from wijkbasis.core.models import AccessLogEntry

    own_actions = (
        AccessLogEntry.objects.filter(actor_id=OuterRef("pk"))
        .order_by()
        .values("actor_id")
        .annotate(last=Max("occurred_at"))
        .values("last")
    )
    return Greatest(Coalesce("last_login", "date_joined"), Coalesce(Subquery(own_actions), "date_joined"))


def unconfirmed_sign_ups(now: dt.datetime) -> QuerySet[Any]:
    """Accounts made at /account/signup/ whose address was never confirmed (anyone can type any
    address there), older than UNVERIFIED_SIGNUP_DAYS: never logged in, an unconfirmed address
    and no confirmed one, and no role an administrator gave."""
    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.db.models import Exists, OuterRef

    from wijkbasis.accounts.models import MunicipalityViewer, OrganisationMembership, User
    from wijkbasis.areas.models import TeamMember

    def of_account(model: Any, **extra: Any) -> Exists:
        return Exists(model.objects.filter(user=OuterRef("pk"), **extra))

    return (
        User.objects.filter(
            last_login__isnull=True,
            is_staff=False,
            is_superuser=False,
            date_joined__lt=now - dt.timedelta(days=settings.UNVERIFIED_SIGNUP_DAYS),
        )
        .filter(of_account(EmailAddress, verified=False))
        .exclude(of_account(EmailAddress, verified=True))
        .exclude(of_account(TeamMember))
        .exclude(of_account(OrganisationMembership))
        .exclude(of_account(MunicipalityViewer))
    )


def expired_accounts(now: dt.datetime) -> QuerySet[Any]:
    """Accounts without a sign of life for three years, and sign-ups never confirmed."""
    from wijkbasis.accounts.models import User

    stale = User.objects.alias(last_sign_of_life=last_sign_of_life()).filter(last_sign_of_life__lt=now - 3 * YEAR)
    return User.objects.filter(Q(pk__in=stale.values("pk")) | Q(pk__in=unconfirmed_sign_ups(now).values("pk")))


def _rows_of_expired_accounts(model_label: str, now: dt.datetime) -> QuerySet[Any]:
    from django.apps import apps

    return apps.get_model(model_label)._default_manager.filter(user__in=expired_accounts(now).values("pk"))


def _expired_residents(now: dt.datetime) -> QuerySet[Any]:
    """Records without an account two years after their last change, and the record made at a
    sign-up that was never confirmed (it holds only the typed address)."""
    from wijkbasis.accounts.models import Resident

    return Resident.objects.filter(
        Q(user__isnull=True, updated_at__lt=now - 2 * YEAR)
        | Q(source=Resident.Source.SIGN_UP, user__in=unconfirmed_sign_ups(now).values("pk"))
    )


# Before accounts.User: the purge follows this order, and a record made at a sign-up that was never
# confirmed is found through its account, which is removed next.
register(
    PersonalData(
        "accounts.Resident",
        fields=("name", "email", "phone", "street", "house_number", "postcode", "city", "languages", "notes"),
        retention=2 * YEAR,
        retention_field="updated_at",
        expired_rows=lambda now: _expired_residents(now),
        why=_(
            "Your details as a resident: name, how to reach you, address, languages. Without an account they are "
            "removed two years after the last change."
        ),
        subject_lookup="pk",
        activity="resident_support",
    )
)
register(
    PersonalData(
        "accounts.User",
        fields=("email", "name"),
        retention=3 * YEAR,
        retention_field="last_login",
        expired_rows=lambda now: expired_accounts(now),
        why=_(
            "Your account: your e-mail address to log in and your name. Removed three years after you last logged "
            "in or used the site; an account whose e-mail address was never confirmed, after a few days."
        ),
        subject_kind=SubjectKind.USER,
        subject_lookup="pk",
        erased_with="the account itself is deleted last",
        activity="accounts",
        access_logged=False,
        not_logged_because=(
            "The account row changes at every login; what administrators change is in the management site's history."
        ),
    )
)
register(
    PersonalData(
        "accounts.Consent",
        fields=(),
        retention=2 * YEAR,
        retention_field="withdrawn_at",
        expiry_filter=Q(withdrawn_at__isnull=False),
        why=_("What you gave permission for, how and when. Withdrawn permissions are kept two years as proof."),
        activity="resident_support",
        shown_with="resident",
    )
)
register(
    PersonalData(
        "accounts.ResidentShare",
        fields=("reason",),
        retention=2 * YEAR,
        retention_field="shared_at",
        why=_("Which other neighbourhood team may see your details, and why."),
        activity="sharing",
        shown_with="resident",
    )
)
register(
    PersonalData(
        "accounts.PossibleDuplicate",
        fields=(),
        retention=2 * YEAR,
        retention_field="found_at",
        why=_("When we thought two records might both be you, and what a team member decided."),
        activity="record_linking",
        shown_with="resident",
    )
)
register(
    PersonalData(
        "accounts.ResidentMerge",
        fields=("merged_name",),
        retention=2 * YEAR,
        retention_field="merged_at",
        why=_("When two records of you were made one, and by whom."),
        subject_lookup="kept",
        activity="record_linking",
        shown_with="kept",
    )
)
register(
    PersonalData(
        "accounts.AccountLink",
        fields=("email",),
        retention=dt.timedelta(days=90),
        retention_field="requested_at",
        why=_("A team's request to link your details to an account, and whether you confirmed it."),
        activity="record_linking",
        shown_with="resident",
    )
)
register(
    PersonalData(
        "accounts.OrganisationMembership",
        fields=(),
        retention=3 * YEAR,
        why=_("The organisations you act for."),
        subject_kind=SubjectKind.USER,
        subject_lookup="user",
        activity="accounts",
        access_logged=False,
        not_logged_because="A role given by an administrator, not data about the person; see the admin's history.",
    )
)
register(
    PersonalData(
        "accounts.MunicipalityViewer",
        fields=(),
        retention=3 * YEAR,
        why=_("The municipality whose figures you may see."),
        subject_kind=SubjectKind.USER,
        subject_lookup="user",
        activity="accounts",
        access_logged=False,
        not_logged_because="A role given by an administrator, not data about the person; see the admin's history.",
    )
)
register(
    PersonalData(
        "core.AccessLogEntry",
        fields=("origin",),
        retention=dt.timedelta(days=ACCESS_LOG_RETENTION_DAYS),
        retention_field="occurred_at",
        why=_(
            "Who looked at or changed your details, and when. We must be able to show this, so it is kept for "
            "two years, also after you leave; it holds no names or details, only numbers."
        ),
        on_erasure=OnErasure.KEEP,
        subject_rows=lambda subject: _access_log_rows(subject),
        access_logged=False,
        not_logged_because="It is the access log.",
    )
)
register(
    PersonalData(
        "account.EmailAddress",
        fields=("email",),
        retention=3 * YEAR,
        why=_("Your e-mail address and whether you confirmed it."),
        subject_kind=SubjectKind.USER,
        subject_lookup="user",
        retention_field="user__last_login",
        expired_rows=lambda now: _rows_of_expired_accounts("account.EmailAddress", now),
        activity="accounts",
        access_logged=False,
        not_logged_because="allauth's copy of the account's address; changes are the person's own.",
    )
)
register(
    PersonalData(
        "account.EmailConfirmation",
        fields=(),
        retention=dt.timedelta(days=7),
        why=_("Pending e-mail confirmations."),
        subject_kind=SubjectKind.USER,
        subject_lookup="email_address__user",
        retention_field="created",
        activity="accounts",
        access_logged=False,
        not_logged_because="A pending confirmation code, gone within days.",
        # Its content is the code itself: a secret, not data about the person.
        exported=False,
    )
)
register(
    PersonalData(
        "mfa.Authenticator",
        fields=(),
        retention=3 * YEAR,
        retention_field="user__last_login",
        expired_rows=lambda now: _rows_of_expired_accounts("mfa.Authenticator", now),
        why=_("Your two-step verification (authenticator app, recovery codes, passkeys)."),
        subject_kind=SubjectKind.USER,
        subject_lookup="user",
        activity="accounts",
        access_logged=False,
        not_logged_because="The person's own second factor; only they set it up or remove it.",
    )
)
register(
    PersonalData(
        "sessions.Session",
        fields=("session_data",),
        retention=dt.timedelta(0),
        retention_field="expire_date",
        why=_("Your login on a device. Removed when it expires."),
        subject_kind=SubjectKind.NONE,
        access_logged=False,
        not_logged_because="Login state of a device.",
    )
)
register(
    PersonalData(
        "admin.LogEntry",
        fields=("object_repr", "change_message"),
        retention=YEAR,
        retention_field="action_time",
        why=_("Changes administrators made in the management site."),
        on_erasure=OnErasure.ANONYMISE,
        subject_rows=_admin_log_rows,
        anonymise=_blank_admin_log,
        activity="management",
        access_logged=False,
        not_logged_because="It is the management site's own history of changes.",
    )
)
register(
    PersonalData(
        "core.OutgoingMail",
        fields=("to", "subject", "body", "html"),
        retention=dt.timedelta(days=7),
        why=_("E-mails to you waiting to be sent. Deleted as soon as they are sent."),
        subject_rows=_queued_mail_rows,
        exported=False,
        access_logged=False,
        not_logged_because="A mail waiting for the worker; it is deleted once sent.",
    )
)
declare_not_personal(
    "django_tasks_database.DBTaskResult",
    reason="Task records hold only ids (of the mail to send, of the daily run), never addresses or codes.",
)

declare_not_personal(
    "auth.Permission",
    "auth.Group",
    "contenttypes.ContentType",
    reason="Django's own bookkeeping of permissions and model types.",
)
