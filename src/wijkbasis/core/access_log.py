"""Writing the access log: one entry per view, list, export, change or deletion of a record
holding a resident's data — who, what, whose, why (the processing activity), when, from where.

Reads go through the `access_*` helpers of core/access.py, which log as they fetch; changes
anywhere (forms, admin, services, commands) are logged by the receivers in `signals.py`, which
read the actor and the activity from the context this module keeps per request, task or
command; `logged_update()` logs a bulk update. Whose data a row is, is declared once: the
personal-data registry's `subject_lookup` (core/personal_data.py).
"""

from __future__ import annotations

import contextvars
import ipaddress
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from django.conf import settings
from django.db import models
from django.http import HttpRequest

from wijkbasis.core.models import AccessLogEntry
from wijkbasis.core.processing import activity as processing_activity

Action = AccessLogEntry.Action


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    role: str
    origin: str
    #: The processing activity the actor is busy with (a code of core/processing.py), if known.
    activity: str = ""


SYSTEM = Actor(user_id=None, role="system", origin="system")
_current: contextvars.ContextVar[Actor] = contextvars.ContextVar("wijkbasis_actor", default=SYSTEM)


def _anonymous_or_user(user: Any) -> str:
    return "user" if getattr(user, "is_authenticated", False) else "anonymous"


_role_resolver: Callable[[Any], str] = _anonymous_or_user


def register_role_resolver(resolver: Callable[[Any], str]) -> None:
    """The accounts app says which role a user acts in (e.g. "community_broker")."""
    global _role_resolver
    _role_resolver = resolver


def role_of(user: Any) -> str:
    return _role_resolver(user)


# ---------------------------------------------------------------------------
# Who and from where


def _trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(network, strict=False) for network in settings.TRUSTED_PROXIES)


def client_address(request: HttpRequest) -> str:
    """The visitor's IP address. X-Forwarded-For counts only when the request came from a
    configured proxy (TRUSTED_PROXIES), and then only the hops those proxies added: anyone else
    can write anything in that header."""
    address: str = request.META.get("REMOTE_ADDR", "")
    if not _trusted(address):
        return address
    forwarded: str = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _trusted(hop):
            return hop
        address = hop
    return address


def actor_from_request(request: HttpRequest) -> Actor:
    user = getattr(request, "user", None)
    return Actor(
        user_id=user.pk if user is not None and user.is_authenticated else None,
        role=role_of(user),
        origin=f"web {client_address(request)} {request.method} {request.path}"[:200],
    )


def current_actor() -> Actor:
    return _current.get()


@contextmanager
def acting_as(actor: Actor) -> Iterator[None]:
    token = _current.set(actor)
    try:
        yield
    finally:
        _current.reset(token)


@contextmanager
def for_activity(code: str) -> Iterator[None]:
    """Changes logged inside this block are logged as part of this processing activity."""
    processing_activity(code)
    with acting_as(replace(current_actor(), activity=code)):
        yield


def actor_for(user: Any) -> Actor:
    """The given user as actor, from where the current request, task or command comes from."""
    if user is None or not getattr(user, "is_authenticated", False):
        return replace(current_actor(), user_id=None, role=role_of(user))
    return replace(current_actor(), user_id=user.pk, role=role_of(user))


# ---------------------------------------------------------------------------
# Whose data


def _registration(obj_or_model: Any) -> Any:
    from wijkbasis.core.personal_data import registration_for

    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    return registration_for(model)


def subject_of(obj: models.Model) -> int | None:
    """The id of the resident this row is about, by the registry's `subject_lookup`."""
    registration = _registration(obj)
    lookup = registration.resident_lookup if registration is not None else None
    if lookup is None:
        return None
    value: Any = obj
    for part in lookup.split("__"):
        try:
            value = getattr(value, part)
        except models.ObjectDoesNotExist:
            return None
        if value is None:
            return None
    return int(value)


def subjects_of(model: type[models.Model], pks: Iterable[Any]) -> dict[Any, int | None]:
    """Whose data each of these rows is, in one query."""
    pks = list(pks)
    registration = _registration(model)
    lookup = registration.resident_lookup if registration is not None else None
    if lookup is None or not pks:
        return dict.fromkeys(pks)
    if lookup == "pk":
        return {pk: int(pk) for pk in pks}
    return dict(model._default_manager.filter(pk__in=pks).values_list("pk", lookup))


# ---------------------------------------------------------------------------
# Writing entries


def _purpose_of(obj_or_model: Any, actor: Actor, purpose: str) -> str:
    if not purpose:
        purpose = actor.activity
    if not purpose:
        registration = _registration(obj_or_model)
        purpose = registration.activity if registration is not None else ""
    return purpose


_FIND = object()  # "work out whose data it is"


def _entry(actor: Actor, action: str, obj: models.Model, purpose: str, subject: Any = _FIND) -> AccessLogEntry:
    purpose = _purpose_of(obj, actor, purpose)
    confidentiality = str(processing_activity(purpose).confidentiality) if purpose else ""
    return AccessLogEntry(
        actor_id=actor.user_id,
        actor_role=actor.role[:40],
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        subject_resident_id=subject_of(obj) if subject is _FIND else subject,
        purpose=purpose,
        confidentiality=confidentiality,
        origin=actor.origin,
    )


def log_access(action: str, obj: models.Model, *, purpose: str = "", actor: Actor | None = None) -> AccessLogEntry:
    """Log one access. `purpose` is a processing activity (core/processing.py); without it, the
    activity of the context, else the one the registry names for this kind of data."""
    entry = _entry(actor or current_actor(), action, obj, purpose)
    entry.save()
    return entry


def log_accesses(action: str, objects: Iterable[models.Model], *, purpose: str = "", actor: Actor | None = None) -> int:
    """Log the same access of many rows (a list on a page), in two queries whatever their number."""
    objects = list(objects)
    if not objects:
        return 0
    actor = actor or current_actor()
    entries = []
    by_model: dict[type[models.Model], list[models.Model]] = {}
    for obj in objects:
        by_model.setdefault(type(obj), []).append(obj)
    for model, rows in by_model.items():
        subjects = subjects_of(model, [row.pk for row in rows])
        entries += [_entry(actor, action, row, purpose, subject=subjects.get(row.pk)) for row in rows]
    AccessLogEntry.objects.bulk_create(entries)
    return len(entries)
