"""Writes about residents and accounts: the one assisted-intake path, consent, linking,
sharing, the resident's own profile, export and erasure."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkbasis.accounts.models import (
    AccountLink,
    Consent,
    PossibleDuplicate,
    Resident,
    ResidentMerge,
    ResidentShare,
    User,
)
from wijkbasis.areas.models import NeighbourhoodTeam
from wijkbasis.areas.postcodes import LookupResult, LookupStatus, lookup_postcode, normalise_postcode
from wijkbasis.core import personal_data
from wijkbasis.core.access import logged_update
from wijkbasis.core.access_log import SYSTEM, Action, acting_as, actor_for, for_activity, log_access, log_accesses
from wijkbasis.core.models import AccessLogEntry

# ---------------------------------------------------------------------------
# Residents


def locate_postcode(postcode: str) -> LookupResult | None:
    """Where a postcode lies (None for no usable postcode). It may ask Locatieserver, for up to
    POSTCODE_LOOKUP_TIMEOUT seconds: call it before a transaction starts, never inside one."""
    normalised = normalise_postcode(postcode or "")
    return lookup_postcode(normalised) if normalised else None


def place_by_postcode(resident: Resident, located: LookupResult | None) -> None:
    """Set the resident's buurt and wijk from a postcode lookup, when it says so clearly."""
    postcode = normalise_postcode(resident.postcode)
    if postcode is None:
        return
    resident.postcode = postcode
    if located is not None and located.status == LookupStatus.FOUND and located.district is not None:
        resident.district = located.district
        buurten = [buurt for buurt in located.neighbourhoods if buurt.district_id == located.district.pk]
        resident.neighbourhood = buurten[0] if len(buurten) == 1 else None


def save_resident_edit(
    *, resident: Resident, changed: Iterable[str], districts: Any, located: LookupResult | None = None
) -> Resident:
    """Save a record staff edited. A new postcode places the resident again (buurt, and the wijk
    unless staff chose one), within the wijken this member of staff works in, so the record
    does not slip out of their hands; a wijk elsewhere is for sharing, not for this form.
    `located`: the lookup of the new postcode, made before (see locate_postcode)."""
    changed = set(changed)
    if "postcode" in changed:
        resident.neighbourhood = None
        chosen = resident.district
        place_by_postcode(resident, located)
        if "district" in changed or not districts.filter(pk=resident.district_id).exists():
            resident.district = chosen
        if resident.neighbourhood is not None and resident.neighbourhood.district_id != resident.district_id:
            resident.neighbourhood = None
    resident.save()
    return resident


def ensure_resident_for_user(*, user: User) -> Resident:
    """The resident record of an account, created at sign-up. Safe to call twice."""
    try:
        return user.resident
    except Resident.DoesNotExist:
        pass
    try:
        with transaction.atomic():
            return Resident.objects.create(user=user, name=user.name, email=user.email, source=Resident.Source.SIGN_UP)
    except IntegrityError:
        return Resident.objects.get(user=user)


def new_resident(
    *,
    name: str,
    source: str,
    consents: Iterable[str],
    consent_method: str,
    by: User | None = None,
    team: NeighbourhoodTeam | None = None,
    located: LookupResult | None = None,
    **details: Any,
) -> Resident:
    """The one way a record of someone without an account is made: by a team member (assisted
    intake, by phone or in person) or by a form without an account (a response to a vacancy, a
    job request). The consents given are recorded with how and by whom. A record that may be the
    same person as an existing one is flagged for the team (never joined: nobody is who they say
    they are just because they typed a known e-mail address or phone number).

    `located`: the lookup of the postcode, made before the transaction (locate_postcode)."""
    resident = Resident(name=name, source=source, created_by=by, intake_team=team, **details)
    resident.email = resident.email.strip().lower()
    if resident.postcode and resident.district_id is None:
        place_by_postcode(resident, located)
    resident.save()
    for purpose in consents:
        record_consent(resident=resident, purpose=purpose, method=consent_method, by=by)
    flag_possible_duplicates(resident)
    return resident


def take_in_resident(
    *,
    by: User,
    team: NeighbourhoodTeam | None,
    name: str,
    phone: str = "",
    email: str = "",
    street: str = "",
    house_number: str = "",
    postcode: str = "",
    city: str = "",
    languages: str = "",
    preferred_contact: str = Resident.Contact.PHONE,
    district: Any = None,
    notes: str = "",
    consents: list[str],
    consent_method: str,
    located: LookupResult | None = None,
) -> Resident:
    """Assisted intake: a team member records someone without e-mail or digital skills.

    Every module takes requests on someone's behalf through this function (or `new_resident`),
    so that a person taken in by phone is the same kind of record as one who signed up."""
    if not (phone or street or email):
        raise ValidationError(_("Fill in a phone number or an address, so the team can reach this person."))
    if postcode and district is None and located is None:
        located = locate_postcode(postcode)
    with transaction.atomic():
        return new_resident(
            name=name,
            source=Resident.Source.ASSISTED,
            consents=consents,
            consent_method=consent_method,
            by=by,
            team=team,
            located=located,
            phone=phone,
            email=email,
            street=street,
            house_number=house_number,
            postcode=postcode,
            city=city,
            languages=languages,
            preferred_contact=preferred_contact,
            district=district,
            notes=notes,
        )


def record_consent(*, resident: Resident, purpose: str, method: str, by: User | None) -> Consent:
    """Record permission; recording it twice keeps the first (one active consent per purpose)."""
    existing = resident.consents.filter(purpose=purpose, withdrawn_at__isnull=True).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Consent.objects.create(resident=resident, purpose=purpose, method=method, recorded_by=by)
    except IntegrityError:
        return resident.consents.get(purpose=purpose, withdrawn_at__isnull=True)


def withdraw_consent(*, resident: Resident, purpose: str, by: User | None) -> int:
    """The person (or a team member for them) withdraws a permission; the change is logged.
    `by` None (no one signed in, as for `record_consent`): logged without a user."""
    return logged_update(
        resident.consents.filter(purpose=purpose, withdrawn_at__isnull=True),
        actor=actor_for(by),
        purpose="resident_support",
        withdrawn_at=timezone.now(),
    )


@transaction.atomic
def share_resident(*, resident: Resident, team: NeighbourhoodTeam, by: User, reason: str) -> ResidentShare:
    share, created = ResidentShare.objects.get_or_create(
        resident=resident, team=team, defaults={"reason": reason, "shared_by": by}
    )
    if created:
        log_access(Action.SHARE, resident, purpose="sharing", actor=actor_for(by))
    return share


class LinkError(Exception):
    pass


#: How long the link in the e-mail asking someone to confirm a link to their account works.
ACCOUNT_LINK_DAYS = 14


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def request_account_link(*, resident: Resident, email: str, by: User, team: NeighbourhoodTeam | None) -> AccountLink:
    """A team member asks to link a record to the account of an e-mail address. The person with
    that address gets an e-mail with a link; nothing changes until they confirm it themselves
    (`confirm_account_link`). Another team's records are never touched: this only ever links
    this record."""
    resident = Resident.objects.select_for_update().get(pk=resident.pk)
    if resident.user_id is not None:
        raise LinkError(_("This person is already linked to an account."))
    email = email.strip().lower()
    token = secrets.token_urlsafe(32)
    link = AccountLink.objects.create(
        resident=resident,
        email=email,
        token_hash=_token_hash(token),
        requested_by=by,
        team=team,
        expires_at=timezone.now() + dt.timedelta(days=ACCOUNT_LINK_DAYS),
    )
    log_access(Action.LINK, resident, purpose="record_linking", actor=actor_for(by))
    from wijkbasis.core.links import absolute_url
    from wijkbasis.core.mail import send_templated_mail

    municipality = team.municipality if team is not None else None
    transaction.on_commit(
        lambda: send_templated_mail(
            "accounts/email/link_request",
            to=[User.objects.filter(email__iexact=email).first() or email],
            context={
                "team_name": team.name if team is not None else "",
                "confirm_url": absolute_url(reverse("accounts:confirm_link", args=[token])),
                "days": ACCOUNT_LINK_DAYS,
            },
            municipality=municipality,
            limit="account_link",
        )
    )
    return link


def open_account_link(token: str) -> AccountLink | None:
    """The link request of this token, if it is still open."""
    link = (
        AccountLink.objects.select_related("resident", "team")
        .filter(token_hash=_token_hash(token or ""), confirmed_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    return link


@dataclass(frozen=True)
class LinkOutcome:
    resident: Resident
    user: User
    account_created: bool
    #: The account had its own record already: the two wait for a team member to merge them.
    duplicate: PossibleDuplicate | None = None


@transaction.atomic
def confirm_account_link(*, link: AccountLink, user: User | None) -> LinkOutcome:
    """The person confirms, through the link in their e-mail: the record is linked to their
    account (made now when there is none, the address confirmed by the click). When their account
    already has its own record, the two are not merged here: the team that asked may now see it
    (the person agreed), and a team member merges them as a separate, logged step."""
    link = AccountLink.objects.select_for_update().get(pk=link.pk)
    if not link.is_open:
        raise LinkError(_("This link is no longer valid."))
    created = False
    if user is None:
        if User.objects.filter(email__iexact=link.email).exists():
            raise LinkError(_("Log in first with %(email)s.") % {"email": link.email})
        user = User.objects.create_user(email=link.email, name=link.resident.name)
        from allauth.account.models import EmailAddress

        EmailAddress.objects.create(user=user, email=link.email, primary=True, verified=True)
        created = True
    elif user.email.lower() != link.email:
        raise LinkError(_("This link is for %(email)s. Log out and log in with that address.") % {"email": link.email})
    resident = Resident.objects.select_for_update().get(pk=link.resident_id)
    link.confirmed_at = timezone.now()
    link.user = user
    link.save(update_fields=["confirmed_at", "user"])
    actor = actor_for(user)
    own = Resident.objects.select_for_update().filter(user=user).first()
    if resident.user_id == user.pk:
        return LinkOutcome(resident=resident, user=user, account_created=created)
    if resident.user_id is not None:
        raise LinkError(_("This record is linked to another account in the meantime."))
    if own is None:
        resident.user = user
        resident.email = resident.email or link.email
        resident.save()
        log_access(Action.LINK, resident, purpose="record_linking", actor=actor)
        return LinkOutcome(resident=resident, user=user, account_created=created)
    if link.team is not None:
        ResidentShare.objects.get_or_create(
            resident=own, team=link.team, defaults={"reason": _("the person confirmed the link"), "shared_by": user}
        )
    duplicate, _created = PossibleDuplicate.objects.get_or_create(
        resident=resident, other=own, defaults={"reason": PossibleDuplicate.Reason.CONFIRMED_BY_PERSON}
    )
    log_access(Action.LINK, own, purpose="record_linking", actor=actor)
    return LinkOutcome(resident=own, user=user, account_created=created, duplicate=duplicate)


# ---------------------------------------------------------------------------
# Possible duplicates and merging


def flag_possible_duplicates(resident: Resident) -> list[PossibleDuplicate]:
    """Mark the records this one may be the same person as (same e-mail, same phone, or same
    name and postcode), for a team member to decide. Nothing is joined."""
    from wijkbasis.accounts.selectors import possible_duplicates_of

    found = [
        PossibleDuplicate(resident=resident, other=other, reason=reason)
        for other, reason in possible_duplicates_of(resident)
    ]
    return PossibleDuplicate.objects.bulk_create(found, ignore_conflicts=True)


def decide_not_duplicate(*, duplicate: PossibleDuplicate, by: User) -> PossibleDuplicate:
    duplicate.resolved_at = timezone.now()
    duplicate.resolved_by = by
    duplicate.resolution = PossibleDuplicate.Resolution.DIFFERENT
    duplicate.save(update_fields=["resolved_at", "resolved_by", "resolution"])
    return duplicate


def _teams_seeing(resident: Resident) -> set[int]:
    teams = set(resident.shares.values_list("team_id", flat=True))
    if resident.intake_team_id:
        teams.add(resident.intake_team_id)
    if resident.district_id:
        teams.update(NeighbourhoodTeam.objects.filter(districts=resident.district_id).values_list("pk", flat=True))
    return teams


@transaction.atomic
def merge_residents(*, keep: Resident, absorb: Resident, by: User, reason: str = "") -> ResidentMerge:
    """A team member makes two records of one person one: everything that points at `absorb`
    moves to `keep`, `keep`'s empty fields are filled, `absorb` is deleted. `keep` keeps its wijk
    and intake team (it never moves out of the scope of the team that holds it); the teams that
    saw `absorb` keep seeing the person (a share), and every team involved sees the merge.

    Works for every module: it follows all relations to Resident, including ones added later."""
    keep = Resident.objects.select_for_update().get(pk=keep.pk)
    absorb = Resident.objects.select_for_update().get(pk=absorb.pk)
    if keep.pk == absorb.pk:
        raise LinkError(_("A record cannot be merged with itself."))
    if keep.user_id and absorb.user_id:
        raise LinkError(_("Both records have their own account: they cannot be merged."))
    if absorb.user_id:
        keep, absorb = absorb, keep  # the record with the account stays
    teams = _teams_seeing(keep) | _teams_seeing(absorb)
    absorbed_teams = _teams_seeing(absorb) - _teams_seeing(keep)
    actor = actor_for(by)
    with acting_as(actor), for_activity("record_linking"):
        for relation in Resident._meta.related_objects:
            if relation.one_to_many and relation.field.model is not Resident:
                related_model = relation.related_model
                lookup = relation.field.name
                for obj in related_model._default_manager.filter(**{lookup: absorb}):
                    setattr(obj, lookup, keep)
                    try:
                        with transaction.atomic():
                            obj.save()
                    except IntegrityError:
                        # The kept record already has this (same consent, same share): drop the copy.
                        obj.delete()
        for name in ("name", "email", "phone", "street", "house_number", "postcode", "city", "languages", "notes"):
            if not getattr(keep, name) and getattr(absorb, name):
                setattr(keep, name, getattr(absorb, name))
        if keep.district_id is None:
            keep.district, keep.neighbourhood = absorb.district, absorb.neighbourhood
        keep.intake_team = keep.intake_team or absorb.intake_team
        keep.save()
        for team_id in absorbed_teams:
            ResidentShare.objects.get_or_create(
                resident=keep, team_id=team_id, defaults={"reason": _("merged record"), "shared_by": by}
            )
        merge = ResidentMerge.objects.create(
            kept=keep, merged_record_id=absorb.pk, merged_name=absorb.name, reason=reason, merged_by=by
        )
        merge.teams.set(teams)
        log_access(Action.LINK, keep, purpose="record_linking", actor=actor)
        absorb.delete()
    return merge


def needs_wijk_choice(located: LookupResult | None) -> bool:
    """Whether a postcode's lookup leaves the wijk to the person: it could not be asked, the
    postcode is not known, or it lies in several wijken. (A postcode in another municipality
    needs no wijk here.)"""
    if located is None:
        return False
    if located.status == LookupStatus.FOUND:
        return located.district is None
    return located.status in (LookupStatus.UNKNOWN, LookupStatus.UNAVAILABLE)


def update_own_profile(
    *, resident: Resident, located: LookupResult | None = None, district: Any = None, **values: Any
) -> Resident:
    """The person changes their own details; a new postcode places them again (`located`: its
    lookup, else made here, before the transaction). `district`: the wijk they chose themselves
    (when the postcode could not say), which wins."""
    if "postcode" in values and located is None:
        located = locate_postcode(values["postcode"])
    with transaction.atomic():
        for name, value in values.items():
            setattr(resident, name, value)
        if "postcode" in values:
            resident.district = None
            resident.neighbourhood = None
            place_by_postcode(resident, located)
        if district is not None:
            resident.district = district
            if resident.neighbourhood is not None and resident.neighbourhood.district_id != district.pk:
                resident.neighbourhood = None
        resident.save()
        if resident.user is not None and "name" in values:
            resident.user.name = values["name"]
            resident.user.save(update_fields=["name"])
    return resident


# ---------------------------------------------------------------------------
# "Mijn gegevens": export and erasure


def subject_of_account(user: User) -> personal_data.Subject:
    """Everything that is this person's: their account, their own record, and records made
    by a form before they had an account with an address they have verified since (a response,
    a saved search). Only verified addresses count: typing someone's address proves nothing."""
    from allauth.account.models import EmailAddress

    emails = tuple(
        sorted(
            {
                address.lower()
                for address in EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
            }
        )
    )
    residents = (
        Resident.objects.filter(Q(user=user) | Q(user__isnull=True, email__in=emails))
        if emails
        else Resident.objects.filter(user=user)
    )
    return personal_data.Subject(
        resident_ids=tuple(residents.order_by("pk").values_list("pk", flat=True)),
        user_id=user.pk,
        verified_emails=emails,
    )


#: Fields that are never "data about you": codes, keys, hashes and secrets, the password, where
#: a request came from. Never exported, whatever model they are in.
SECRET_FIELDS = frozenset(
    {"password", "token", "token_hash", "key", "secret", "session_key", "session_data", "origin", "is_superuser"}
)
#: Per model, fields holding secrets under an ordinary name (the authenticator's `data` is its
#: TOTP secret or the seed of the recovery codes).
SECRET_FIELDS_OF = {"mfa.authenticator": frozenset({"data"})}


def _field_label(model_field: Any) -> str:
    """The field's translated verbose name; fields Django named from their attribute (no
    verbose_name given) by words of ours."""
    from django.utils.functional import Promise

    if isinstance(model_field.verbose_name, Promise):
        return str(model_field.verbose_name)
    labels = {
        "team": _("team"),
        "organisation": _("organisation"),
        "municipality": _("municipality"),
        "response": _("response"),
        "by": _("by"),
        "author": _("written by"),
        "shared_by": _("shared by"),
        "requested_by": _("asked by"),
        "resolved_by": _("decided by"),
        "merged_by": _("merged by"),
        "done_by": _("done by"),
        "user": _("account"),
        "kind": _("kind"),
        # allauth's authenticator names neither
        "created_at": _("created at"),
        "last_used_at": _("last used"),
    }
    return str(labels.get(model_field.name, model_field.verbose_name))


def value_in_words(value: Any) -> str:
    """A value as a person reads it: dates in words in the active language, yes/no, numbers
    with a decimal comma in Dutch and no trailing zeros."""
    import decimal

    from django.template.defaultfilters import floatformat
    from django.utils.formats import date_format

    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")  # Django's own words, translated everywhere
    if isinstance(value, dt.datetime):
        return date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "j F Y, H:i")
    if isinstance(value, dt.date):
        return date_format(value, "j F Y")
    if isinstance(value, (decimal.Decimal, float)):
        return str(floatformat(value, -2))
    if isinstance(value, FieldFile):
        return value.name or ""
    return str(value)


#: The hook each app may offer in its selectors.py for fields only it can put in words (a bit set
#: of time slots): `exported_fields_in_words() -> dict[model_label, dict[field_name, Callable[[obj], str]]]`.
EXPORT_WORDS_HOOK = "exported_fields_in_words"


def _export_words() -> dict[str, dict[str, Any]]:
    from wijkbasis.accounts.selectors import app_hooks

    words: dict[str, dict[str, Any]] = {"admin.logentry": {"change_message": lambda obj: obj.get_change_message()}}
    for hook in app_hooks(EXPORT_WORDS_HOOK):
        for label, fields in hook().items():
            words.setdefault(label, {}).update(fields)
    return words


def _record(obj: models.Model, subject: personal_data.Subject, words: dict[str, Any]) -> dict[str, str]:
    """One row as {label: value in words}: the person's own data, never a secret, a number only
    the system uses, or a pointer to themselves."""
    label = obj._meta.label_lower
    hidden = SECRET_FIELDS | SECRET_FIELDS_OF.get(label, frozenset())
    own_words = words.get(label, {})
    record: dict[str, str] = {}
    fields = [*obj._meta.concrete_fields, *obj._meta.many_to_many]
    # What the record says first; when it was made and changed last.
    fields.sort(key=lambda model_field: model_field.name in ("created_at", "updated_at"))
    for model_field in fields:
        name = model_field.name
        if model_field.primary_key or name in hidden:
            continue
        if name in own_words:
            value = own_words[name](obj)
        elif model_field.many_to_many:
            value = ", ".join(str(item) for item in getattr(obj, name).all())
        elif model_field.is_relation:
            related_id = getattr(obj, model_field.attname)
            related = model_field.related_model
            if related_id is None:
                continue
            if (related is Resident and related_id in subject.resident_ids) or (
                related is User and related_id == subject.user_id
            ):
                continue  # it is the person themselves
            value = str(getattr(obj, name))
        elif model_field.choices or hasattr(obj, f"get_{name}_display"):
            value = str(getattr(obj, f"get_{name}_display")())
        else:
            value = value_in_words(getattr(obj, model_field.attname))
        if value:
            record[_field_label(model_field)[:1].upper() + _field_label(model_field)[1:]] = value
    return record


def _access_log_records(subject: personal_data.Subject, user: User) -> list[dict[str, str]]:
    """Who looked at or changed the person's data, when and why, in words (accounts.selectors.
    describe_accesses); their own actions left out, and never anyone's IP address."""
    from django.utils.translation import ngettext

    from wijkbasis.accounts.selectors import describe_accesses

    entries = AccessLogEntry.objects.filter(subject_resident_id__in=subject.resident_ids).exclude(actor_id=user.pk)
    # The same thing done by the same person on one day is one line ("3 times"): a list a
    # broker opens every morning should not fill pages.
    days: dict[tuple[Any, ...], list[Any]] = {}
    for described in describe_accesses(entries.order_by("-occurred_at", "-id"), reader="subject"):
        day = timezone.localtime(described.when).date()
        days.setdefault((day, described.who, described.did, described.why), []).append(described)
    records = []
    for (_day, who, did, why), same in days.items():
        if len(same) > 1:
            did = ngettext("%(what)s (%(count)s time)", "%(what)s (%(count)s times)", len(same)) % {
                "what": did,
                "count": len(same),
            }
        records.append({_("When"): value_in_words(same[0].when), _("Who"): who, _("What"): did, _("Why"): why})
    return records


#: Sections about the person themselves, named for them rather than by the kind of record.
OWN_TITLES = {
    "accounts.resident": gettext_lazy("Your details"),
    "accounts.user": gettext_lazy("Your account"),
    "mfa.authenticator": gettext_lazy("Two-step verification"),
}


def retention_in_words(retention: dt.timedelta) -> str:
    """The words "Kept for 2 years at most.": in years or months where it is a whole number of them."""
    from django.utils.translation import ngettext

    days = retention.days
    if days <= 0:
        return _("Removed when it is no longer needed.")
    if days % 365 == 0:
        count = days // 365
        return ngettext("Kept for %(count)s year at most.", "Kept for %(count)s years at most.", count) % {
            "count": count
        }
    if days % 30 == 0:
        count = days // 30
        return ngettext("Kept for %(count)s month at most.", "Kept for %(count)s months at most.", count) % {
            "count": count
        }
    return ngettext("Kept for %(count)s day at most.", "Kept for %(count)s days at most.", days) % {"count": days}


def export_personal_data(*, user: User, logged: bool = False) -> dict[str, Any]:
    """Everything the platform holds linked to this account, as plain data (JSON-ready): per kind
    of record its name, what it is for and how long it is kept, and each record as labels and
    values in words. The person's data only: no codes, keys or secrets, no records of the system's
    own (a mail waiting to be sent), and who looked at their data in words, without addresses.
    With `logged`, a download: every exported row of a resident's data is logged as exported."""
    subject = subject_of_account(user)
    words = _export_words()
    sections: dict[str, Any] = {}
    for registration in sorted(personal_data.registrations(), key=lambda item: item.model is AccessLogEntry):
        if not registration.exported:
            continue
        rows = list(registration.of_subject(subject))
        if logged and registration.access_logged:
            log_accesses(Action.EXPORT, rows, purpose="own_data", actor=actor_for(user))
        if registration.model is AccessLogEntry:
            records = _access_log_records(subject, user)
            title = _("Who looked at or changed your details")
        else:
            records = [record for record in (_record(obj, subject, words) for obj in rows) if record]
            title = str(OWN_TITLES.get(registration.model_label.lower(), registration.model._meta.verbose_name_plural))
        if records:
            sections[registration.model_label.lower()] = {
                "title": title[:1].upper() + title[1:],
                "what": str(registration.why),
                "kept_for_days": registration.retention.days,
                "kept_for": retention_in_words(registration.retention),
                "records": records,
                # A list of like rows (the access log) reads best as a table.
                "columns": list(records[0]) if registration.model is AccessLogEntry else [],
            }
    return {
        "exported_at": timezone.now(),
        "account": {"email": user.email, "name": user.name, "joined": user.date_joined},
        "data": sections,
    }


def export_as_json(*, user: User, logged: bool = False) -> str:
    return json.dumps(
        export_personal_data(user=user, logged=logged), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False
    )


@dataclass
class ErasurePlan:
    erased: list[str] = field(default_factory=list)
    kept: list[tuple[str, str]] = field(default_factory=list)  # (what, why)


def erasure_plan(*, user: User) -> ErasurePlan:
    """What erasing this account removes, and what must be kept and why (shown before erasing):
    kinds of records in words, and a record that must stay by what it is ("your response to …")."""
    from wijkbasis.accounts.selectors import objects_in_words

    subject = subject_of_account(user)
    plan = ErasurePlan()
    kept_rows: list[tuple[models.Model, str]] = []
    for registration in personal_data.registrations():
        label = str(registration.model._meta.verbose_name_plural)
        label = label[:1].upper() + label[1:]
        if registration.on_erasure == personal_data.OnErasure.KEEP:
            # Always: the erasure itself is one of these (the access log keeps that it happened).
            plan.kept.append((label, str(registration.why)))
            continue
        rows = list(registration.of_subject(subject))
        if not rows:
            continue
        for obj in rows:
            reason = registration.keep_reason(obj) if registration.keep_reason else None
            if reason:
                kept_rows.append((obj, str(reason)))
        plan.erased.append(label)
    named = objects_in_words([(obj._meta.label_lower, str(obj.pk)) for obj, _reason in kept_rows])
    for obj, reason in kept_rows:
        words = named.get((obj._meta.label_lower, str(obj.pk)))
        plan.kept.append((words.own if words else str(obj._meta.verbose_name), reason))
    return plan


@transaction.atomic
def erase_account(*, user: User) -> ErasurePlan:
    """Erase or anonymise everything personal of this account; keep only what must be kept."""
    plan = erasure_plan(user=user)
    subject = subject_of_account(user)
    actor = actor_for(user)
    for resident in Resident.objects.filter(pk__in=subject.resident_ids):
        log_access(Action.ERASE, resident, purpose="own_data", actor=actor)
    with acting_as(actor), for_activity("own_data"):
        for registration in personal_data.registrations():
            if registration.on_erasure == personal_data.OnErasure.KEEP or registration.erased_with:
                continue
            rows = registration.of_subject(subject)
            if registration.keep_reason is not None:
                keep = [obj.pk for obj in rows if registration.keep_reason(obj)]
                rows = rows.exclude(pk__in=keep)
            if registration.on_erasure == personal_data.OnErasure.ANONYMISE:
                registration.empty_fields(rows, actor=actor, purpose="own_data")
            else:
                rows.delete()
        user.delete()
    return plan


def purge_expired(*, now: dt.datetime | None = None, dry_run: bool = False) -> dict[str, int]:
    """Delete or anonymise what is past its retention period. Returns counts per model."""
    now = now or timezone.now()
    counts: dict[str, int] = {}
    with transaction.atomic(), acting_as(SYSTEM), for_activity("retention"):
        for registration in personal_data.registrations():
            expired = registration.expired(now)
            if registration.model is AccessLogEntry:
                total = expired.count()
                if not dry_run and total:
                    AccessLogEntry.objects.filter(pk__in=expired.values("pk"))._purge_expired(
                        now - registration.retention
                    )
            elif registration.on_expiry == personal_data.OnExpiry.ANONYMISE:
                total = expired.count()
                if not dry_run:
                    registration.empty_fields(expired, actor=SYSTEM, purpose="retention")
            else:
                total = expired.count()
                if not dry_run:
                    expired.delete()
            counts[registration.model_label] = total
    return counts
