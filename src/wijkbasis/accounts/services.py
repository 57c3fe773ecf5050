"""Writes about residents and accounts: the one assisted-intake path, consent, linking,
sharing, the resident's own profile, export and erasure."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, transaction
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkbasis.accounts.models import Consent, Resident, ResidentShare, User
from wijkbasis.areas.models import NeighbourhoodTeam
from wijkbasis.areas.postcodes import LookupStatus, lookup_postcode, normalise_postcode
from wijkbasis.core import personal_data
from wijkbasis.core.access import logged_update
from wijkbasis.core.access_log import SYSTEM, Action, acting_as, actor_for, for_activity, log_access, log_accesses
from wijkbasis.core.models import AccessLogEntry

# ---------------------------------------------------------------------------
# Residents


def place_by_postcode(resident: Resident) -> None:
    """Set the resident's buurt and wijk from the postcode, when the postcode says so clearly."""
    postcode = normalise_postcode(resident.postcode)
    if postcode is None:
        return
    resident.postcode = postcode
    result = lookup_postcode(postcode)
    if result.status == LookupStatus.FOUND and result.district is not None:
        resident.district = result.district
        buurten = [buurt for buurt in result.neighbourhoods if buurt.district_id == result.district.pk]
        resident.neighbourhood = buurten[0] if len(buurten) == 1 else None


def save_resident_edit(*, resident: Resident, changed: Iterable[str], districts: Any) -> Resident:
    """Save a record staff edited. A new postcode places the resident again (buurt, and the wijk
    unless staff chose one), within the wijken this member of staff works in, so the record
    does not slip out of their hands; a wijk elsewhere is for sharing, not for this form."""
    changed = set(changed)
    if "postcode" in changed:
        resident.neighbourhood = None
        chosen = resident.district
        place_by_postcode(resident)
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


@transaction.atomic
def take_in_resident(
    *,
    by: User,
    team: NeighbourhoodTeam,
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
) -> Resident:
    """Assisted intake: a team member records someone without e-mail or digital skills.

    Every module takes requests on someone's behalf through this function, so that a person
    taken in by phone is the same kind of record as one who signed up."""
    if not (phone or street or email):
        raise ValidationError(_("Fill in a phone number or an address, so the team can reach this person."))
    resident = Resident(
        name=name,
        phone=phone,
        email=email.lower(),
        street=street,
        house_number=house_number,
        postcode=postcode,
        city=city,
        languages=languages,
        preferred_contact=preferred_contact,
        district=district,
        notes=notes,
        source=Resident.Source.ASSISTED,
        created_by=by,
        intake_team=team,
    )
    if postcode and district is None:
        place_by_postcode(resident)
    resident.save()
    for purpose in consents:
        record_consent(resident=resident, purpose=purpose, method=consent_method, by=by)
    return resident


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


def withdraw_consent(*, resident: Resident, purpose: str, by: User) -> int:
    """The person (or a team member for them) withdraws a permission; the change is logged."""
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


@transaction.atomic
def link_resident_to_account(*, resident: Resident, email: str, by: User) -> tuple[Resident, User, bool]:
    """Connect a record taken in by staff to the person's own account.

    When the account does not exist yet it is made (no password: the person logs in with a
    code sent by e-mail). When the account already has its own resident record, the two are
    merged into that one, so the person stays one record. Returns (resident, user, created)."""
    email = email.strip().lower()
    resident = Resident.objects.select_for_update().get(pk=resident.pk)
    if resident.user_id is not None:
        raise LinkError(_("This person is already linked to an account."))
    user = User.objects.filter(email__iexact=email).first()
    created = user is None
    if user is None:
        user = User.objects.create_user(email=email, name=resident.name)
        from allauth.account.models import EmailAddress

        EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
    own = Resident.objects.select_for_update().filter(user=user).first()
    if own is not None:
        merge_residents(keep=own, absorb=resident)
        resident = own
    else:
        resident.user = user
        resident.email = resident.email or email
        resident.save()
    log_access(Action.LINK, resident, purpose="record_linking", actor=actor_for(by))
    return resident, user, created


def merge_residents(*, keep: Resident, absorb: Resident) -> Resident:
    """Move everything that points at `absorb` to `keep`, fill `keep`'s empty fields, delete `absorb`.

    Works for every module: it follows all relations to Resident, including ones added later."""
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
    keep.district = keep.district or absorb.district
    keep.neighbourhood = keep.neighbourhood or absorb.neighbourhood
    keep.intake_team = keep.intake_team or absorb.intake_team
    keep.save()
    absorb.delete()
    return keep


@transaction.atomic
def update_own_profile(*, resident: Resident, **values: Any) -> Resident:
    for name, value in values.items():
        setattr(resident, name, value)
    if "postcode" in values:
        resident.district = None
        resident.neighbourhood = None
        place_by_postcode(resident)
    resident.save()
    if resident.user is not None and "name" in values:
        resident.user.name = values["name"]
        resident.user.save(update_fields=["name"])
    return resident


# ---------------------------------------------------------------------------
# "Mijn gegevens": export and erasure


def _row(obj: models.Model) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for model_field in obj._meta.concrete_fields:
        if model_field.name in ("password",):
            continue
        value = getattr(obj, model_field.attname)
        if model_field.name in ("secret", "data") and obj._meta.label_lower == "mfa.authenticator":
            continue  # the authenticator's secret is not "data about you" and must never leave
        if isinstance(value, FieldFile):
            value = value.name or ""
        data[model_field.name] = value
    return data


def export_personal_data(*, user: User, logged: bool = False) -> dict[str, Any]:
    """Everything the platform holds linked to this account, as plain data (JSON-ready). With
    `logged`, a download: every exported row of a resident's data is logged as exported."""
    resident = Resident.objects.filter(user=user).first()
    sections: dict[str, Any] = {}
    for registration in personal_data.registrations():
        rows = list(registration.of_subject(resident=resident, user=user))
        if logged and registration.access_logged:
            log_accesses(Action.EXPORT, rows, purpose="own_data", actor=actor_for(user))
        items = [_row(obj) for obj in rows]
        if items:
            sections[registration.model_label.lower()] = {
                "what": str(registration.why),
                "kept_for_days": registration.retention.days,
                "records": items,
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
    """What erasing this account removes, and what must be kept and why (shown before erasing)."""
    resident = Resident.objects.filter(user=user).first()
    plan = ErasurePlan()
    for registration in personal_data.registrations():
        label = str(registration.model._meta.verbose_name_plural)
        if registration.on_erasure == personal_data.OnErasure.KEEP:
            plan.kept.append((label, str(registration.why)))
            continue
        rows = list(registration.of_subject(resident=resident, user=user))
        for obj in rows:
            reason = registration.keep_reason(obj) if registration.keep_reason else None
            if reason:
                plan.kept.append((str(obj), str(reason)))
        if rows:
            plan.erased.append(label)
    return plan


@transaction.atomic
def erase_account(*, user: User) -> ErasurePlan:
    """Erase or anonymise everything personal of this account; keep only what must be kept."""
    plan = erasure_plan(user=user)
    resident = Resident.objects.filter(user=user).first()
    actor = actor_for(user)
    if resident is not None:
        log_access(Action.ERASE, resident, purpose="own_data", actor=actor)
    with acting_as(actor), for_activity("own_data"):
        for registration in personal_data.registrations():
            if registration.on_erasure == personal_data.OnErasure.KEEP or registration.erased_with:
                continue
            rows = registration.of_subject(resident=resident, user=user)
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


def send_account_invitation(*, request: Any, email_address: Any) -> None:
    """Tell someone whose account a team member made how to log in (with a code, no password)."""
    from allauth.account.adapter import get_adapter

    login_url = request.build_absolute_uri(reverse("account_login"))
    get_adapter(request).send_mail(
        "accounts/email/invitation", email_address.email, {"user": email_address.user, "login_url": login_url}
    )
