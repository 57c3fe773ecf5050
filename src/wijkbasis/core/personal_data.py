"""The one registry of personal data: which models hold it, in which fields, for how long,
and what happens to it on expiry and when the person asks to be forgotten.

Every model of every installed app is either registered here or declared free of personal
data (`declare_not_personal`); a test fails for a model that is neither, so a new module
cannot forget. Apps register in their `personal_data.py`, imported by `ready()`.

Used by:
- `wijkbasis purge-expired` (retention),
- `export_personal_data()` ("Mijn gegevens" download),
- `erase_personal_data()` ("Verwijder mijn account"),
- the erasure scan test, which reads `fields`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.functional import Promise


class OnExpiry(StrEnum):
    DELETE = "delete"
    ANONYMISE = "anonymise"


class OnErasure(StrEnum):
    DELETE = "delete"
    ANONYMISE = "anonymise"
    KEEP = "keep"  # kept for a stated reason (law, a running job); expires by retention


class SubjectKind(StrEnum):
    RESIDENT = "resident"  # the row belongs to a Resident (accounts.Resident)
    USER = "user"  # the row belongs to a User account
    NONE = "none"  # cannot be linked to one person (expires by retention only)


@dataclass(frozen=True)
class Subject:
    """One person, as the registry finds their rows: their resident records (the one of their
    account, and records made by a form with an address they have verified since), their account,
    and those verified addresses."""

    resident_ids: tuple[int, ...] = ()
    user_id: int | None = None
    verified_emails: tuple[str, ...] = ()


@dataclass(frozen=True)
class PersonalData:
    model_label: str
    fields: tuple[str, ...]
    retention: dt.timedelta
    why: str | Promise
    retention_field: str = "created_at"
    on_expiry: OnExpiry = OnExpiry.DELETE
    on_erasure: OnErasure = OnErasure.DELETE
    subject_kind: SubjectKind = SubjectKind.RESIDENT
    subject_lookup: str = "resident"
    #: Extra condition on what may expire (e.g. only finished jobs).
    expiry_filter: Q = field(default_factory=Q)
    #: Why a row must be kept at erasure (None: it may go). Shown to the resident.
    keep_reason: Callable[[Any], str | Promise | None] | None = None
    #: For OnExpiry/OnErasure.ANONYMISE: how. Default: personal fields emptied.
    anonymise: Callable[[QuerySet[Any]], int] | None = None
    #: For rows erased by another registration (cascade), nothing to do here.
    erased_with: str = ""
    #: When a simple lookup cannot say which rows are the person's: a function (Subject) → rows.
    subject_rows: Callable[[Subject], QuerySet[Any]] | None = None
    #: When one date field cannot say what has expired (the last sign of life of an account is the
    #: latest of several): a function (now) → the expired rows, instead of retention_field.
    expired_rows: Callable[[dt.datetime], QuerySet[Any]] | None = None
    #: A field holding an e-mail address typed in before the person had an account (a saved
    #: search): rows with an address the person verified are theirs too.
    email_lookup: str = ""
    #: The processing activity (core/processing.py) this data serves; changes are logged under it.
    activity: str = ""
    #: Every create, change, view and delete of a row is in the access log (core/access_log.py).
    #: False only with a reason in `not_logged_because` (rows that are not about what a
    #: resident told us: sessions, task records, the log itself).
    access_logged: bool = True
    not_logged_because: str = ""
    #: In the person's download of their data. False for records that are the system's, not the
    #: person's (a mail waiting to be sent): these are erased, never exported.
    exported: bool = True
    #: A kind only ever shown on its parent's pages (consents on the resident's page): views of
    #: the parent are the views of this data too. The lookup to the parent.
    shown_with: str = ""

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_label)

    @property
    def resident_lookup(self) -> str | None:
        """The lookup from a row to the id of the resident it is about (None: no resident)."""
        if self.subject_rows is not None:
            return None
        if self.subject_kind == SubjectKind.RESIDENT:
            return "pk" if self.subject_lookup == "pk" else f"{self.subject_lookup}_id"
        if self.subject_kind == SubjectKind.USER:
            return "resident__pk" if self.subject_lookup == "pk" else f"{self.subject_lookup}__resident__pk"
        return None

    def expired(self, now: dt.datetime) -> QuerySet[Any]:
        if self.expired_rows is not None:
            return self.expired_rows(now).filter(self.expiry_filter)
        cutoff = now - self.retention
        return self.model._default_manager.filter(self.expiry_filter, **{f"{self.retention_field}__lt": cutoff})

    def of_subject(self, subject: Subject) -> QuerySet[Any]:
        """The rows that are this person's: by their records and account, and rows that carry an
        e-mail address of theirs that they verified (made before they had an account)."""
        if self.subject_rows is not None:
            return self.subject_rows(subject)
        manager = self.model._default_manager
        condition = Q(pk__in=[])
        if self.subject_kind == SubjectKind.RESIDENT and subject.resident_ids:
            lookup = "pk" if self.subject_lookup == "pk" else f"{self.subject_lookup}_id"
            condition |= Q(**{f"{lookup}__in": subject.resident_ids})
        if self.subject_kind == SubjectKind.USER and subject.user_id is not None:
            condition |= Q(**{self.subject_lookup: subject.user_id})
        if self.email_lookup:
            for email in subject.verified_emails:
                condition |= Q(**{f"{self.email_lookup}__iexact": email})
        return manager.filter(condition)

    def empty_fields(self, queryset: QuerySet[Any], *, actor: Any, purpose: str) -> int:
        """Default anonymisation: every personal field emptied (blank, or NULL where allowed),
        each row's change logged when this is a resident's data."""
        if self.anonymise is not None:
            return self.anonymise(queryset)
        values: dict[str, Any] = {}
        for name in self.fields:
            model_field = self.model._meta.get_field(name)
            values[name] = None if model_field.null else ""
        if self.access_logged:
            from wijkbasis.core.access import logged_update

            return logged_update(queryset, actor=actor, purpose=purpose, **values)
        return queryset.update(**values)


_REGISTRY: dict[str, PersonalData] = {}
_NOT_PERSONAL: dict[str, str] = {}


def register(entry: PersonalData) -> PersonalData:
    if entry.access_logged and not entry.activity:
        raise ValueError(f"{entry.model_label}: name the processing activity its data serves (activity=...)")
    if not entry.access_logged and not entry.not_logged_because:
        raise ValueError(f"{entry.model_label}: say why its access is not logged (not_logged_because=...)")
    _REGISTRY[entry.model_label.lower()] = entry
    if entry.access_logged:
        from wijkbasis.core import signals

        signals.connect(entry.model_label.lower())
    return entry


def logged_registrations() -> list[PersonalData]:
    return [entry for entry in _REGISTRY.values() if entry.access_logged]


def declare_not_personal(*model_labels: str, reason: str) -> None:
    for label in model_labels:
        _NOT_PERSONAL[label.lower()] = reason


def registrations() -> list[PersonalData]:
    return list(_REGISTRY.values())


def registration_for(model: type[models.Model]) -> PersonalData | None:
    return _REGISTRY.get(model._meta.label_lower)


def unclassified_models() -> list[str]:
    """Models that are neither registered as personal data nor declared free of it."""
    return sorted(
        model._meta.label_lower
        for model in apps.get_models()
        if model._meta.label_lower not in _REGISTRY and model._meta.label_lower not in _NOT_PERSONAL
    )


def _declare_core() -> None:
    declare_not_personal("core.SubmittedForm", reason="One-time keys of handled forms and the id of what they created.")


_declare_core()
