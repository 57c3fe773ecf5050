"""Writing the access log: one call per view, export or change of personal data.

Views call `log_access(request, action, obj)` (or `log_access_many` for a list, one insert
for all rows). Changes made anywhere (forms, admin, services, commands) are logged by the
signal handlers in `signals.py`, which read the actor from the context this module keeps
per request, task or command.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.http import HttpRequest

from wijkbasis.core.models import AccessLogEntry

Action = AccessLogEntry.Action


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    role: str
    origin: str


SYSTEM = Actor(user_id=None, role="system", origin="system")
_current: contextvars.ContextVar[Actor] = contextvars.ContextVar("wijkbasis_actor", default=SYSTEM)

#: Returns the role a user acts in (e.g. "community_broker"); installed by the accounts app.
role_of: Callable[[Any], str] = lambda user: "user" if getattr(user, "is_authenticated", False) else "anonymous"  # noqa: E731

#: How to find whose data an object is: model label → function(obj) → resident id or None.
_SUBJECTS: dict[str, Callable[[Any], int | None]] = {}


def register_subject(model_label: str, resident_id_of: Callable[[Any], int | None]) -> None:
    """Declare whose data a model's rows are; from then on their changes are logged too."""
    from wijkbasis.core import signals

    _SUBJECTS[model_label.lower()] = resident_id_of
    signals.connect(model_label.lower())


def subject_of(obj: models.Model) -> int | None:
    finder = _SUBJECTS.get(obj._meta.label_lower)
    return finder(obj) if finder else None


def actor_from_request(request: HttpRequest) -> Actor:
    user = getattr(request, "user", None)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[0].strip()
    address = forwarded or request.META.get("REMOTE_ADDR", "")
    return Actor(
        user_id=user.pk if user is not None and user.is_authenticated else None,
        role=role_of(user),
        origin=f"web {address} {request.method} {request.path}"[:200],
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


def _entry(actor: Actor, action: str, obj: models.Model, purpose: str) -> AccessLogEntry:
    return AccessLogEntry(
        actor_id=actor.user_id,
        actor_role=actor.role[:40],
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        subject_resident_id=subject_of(obj),
        purpose=str(purpose)[:200],
        origin=actor.origin,
    )


def actor_for(user: Any) -> Actor:
    """The given user as actor, from where the current request, task or command comes from."""
    return Actor(user_id=user.pk, role=role_of(user), origin=current_actor().origin)


def log_access(
    request: HttpRequest | None, action: str, obj: models.Model, *, purpose: str = "", actor: Actor | None = None
) -> AccessLogEntry:
    """Log one access; the actor is `actor`, else the request's user, else whoever the context says acts."""
    if actor is None:
        actor = actor_from_request(request) if request is not None else current_actor()
    entry = _entry(actor, action, obj, purpose)
    entry.save()
    return entry


def log_access_many(
    request: HttpRequest | None, action: str, objects: Iterable[models.Model], *, purpose: str = ""
) -> int:
    actor = actor_from_request(request) if request is not None else current_actor()
    entries = [_entry(actor, action, obj, purpose) for obj in objects]
    AccessLogEntry.objects.bulk_create(entries)
    return len(entries)
