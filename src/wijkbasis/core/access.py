"""Who may see what, and proof of it: one rule per object kind, and helpers that fetch, check
and log in one call.

The rule. Every model with personal or team-scoped data has `objects.visible_to(user)` on
its QuerySet, written once for that kind (`Resident.objects.visible_to`). A kind that is visible
exactly when its parent is (a note on a response, a consent of a resident) names the lookup
to its parent, `visible_through = "response"`, and reuses the parent's rule (as Open Zaak's
authorisation QuerySets do).

The helpers (as Zulip's `access_*`). `access(queryset, user, purpose=..., pk=...)` fetches one
object through `visible_to`, logs the view and returns it; anything the user may not see is a
404, never a 403 that admits it exists. `access_page(...)` does the same for a page of a list.
Each app wraps them for its kinds in `<app>/access.py` (`access_resident(user, pk, purpose=)`);
views and selectors use those, and never filter personal data by hand.

Writes. `PersonalDataQuerySet.update()` is refused on a model whose rows are a resident's data:
`logged_update(queryset, actor=, purpose=, **values)` says who and why, and logs every row.
Deletes are logged by the receivers in signals.py (under `logged_delete` with who and why).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, Self, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Page
from django.db import models, transaction
from django.http import Http404

from wijkbasis.core.access_log import Action, Actor, acting_as, actor_for, log_access, log_accesses, subjects_of
from wijkbasis.core.pagination import CappedPaginator

M = TypeVar("M", bound=models.Model)


class UnloggedWriteError(Exception):
    """A bulk write of a resident's data that would leave no trace in the access log."""


class VisibleQuerySet(models.QuerySet[M]):
    """A QuerySet that knows who may see its rows. Subclasses write `visible_to`, or name the
    lookup to the parent kind whose rule they share in `visible_through`."""

    visible_through: str = ""

    def visible_to(self, user: Any) -> Self:
        if not self.visible_through:
            raise NotImplementedError(f"{self.model.__name__}: write visible_to() or set visible_through")
        visible = _visible(self._parent_model()._default_manager.all(), user)
        return self.filter(**{f"{self.visible_through}__in": visible.values("pk")})

    def _parent_model(self) -> type[models.Model]:
        model: Any = self.model
        for part in self.visible_through.split("__"):
            model = model._meta.get_field(part).related_model
        parent: type[models.Model] = model
        return parent


class PersonalDataQuerySet(VisibleQuerySet[M]):
    """For models whose rows are a resident's data: bulk updates must say who and why."""

    def update(self, **kwargs: Any) -> int:
        raise UnloggedWriteError(
            f"{self.model._meta.label}.objects.update() leaves no access-log entry: use "
            "core.access.logged_update(queryset, actor=..., purpose=..., **values)"
        )

    def _update_logged(self, values: dict[str, Any]) -> int:
        return super().update(**values)


@transaction.atomic
def logged_update(queryset: models.QuerySet[M], *, actor: Actor, purpose: str, **values: Any) -> int:
    """Update rows of a resident's data and log a change of each (three queries in all)."""
    pks = list(queryset.values_list("pk", flat=True))
    if not pks:
        return 0
    model = queryset.model
    rows = list(model._default_manager.filter(pk__in=pks).only("pk"))
    subjects = subjects_of(model, pks)
    from wijkbasis.core.access_log import _entry
    from wijkbasis.core.models import AccessLogEntry

    AccessLogEntry.objects.bulk_create(
        [_entry(actor, Action.CHANGE, row, purpose, subject=subjects.get(row.pk)) for row in rows]
    )
    updatable = model._default_manager.filter(pk__in=pks)
    if isinstance(updatable, PersonalDataQuerySet):
        updated = updatable._update_logged(values)
    else:
        updated = updatable.update(**values)
    from wijkbasis.core.signals import rows_updated

    rows_updated.send(sender=model, pks=pks)
    return updated


@contextmanager
def logged_delete_context(*, actor: Actor, purpose: str) -> Iterator[None]:
    from dataclasses import replace

    with acting_as(replace(actor, activity=purpose)):
        yield


def logged_delete(queryset: models.QuerySet[Any], *, actor: Actor, purpose: str) -> int:
    """Delete rows (and what cascades from them); each deleted row is logged with who and why."""
    with logged_delete_context(actor=actor, purpose=purpose):
        return queryset.delete()[0]


# ---------------------------------------------------------------------------
# Reading


def _visible(queryset: models.QuerySet[M], user: Any) -> models.QuerySet[M]:
    # The helpers take plain QuerySets, as `SomeModel.objects.filter(...)` is typed for a model
    # whose manager is a plain one; every kind with personal or team data has a VisibleQuerySet.
    if not isinstance(queryset, VisibleQuerySet):
        raise TypeError(f"{queryset.model.__name__} has no visible_to(): its QuerySet must be a VisibleQuerySet")
    return queryset.visible_to(user)


def access(queryset: models.QuerySet[M], user: Any, *, purpose: str, action: str = Action.VIEW, **lookup: Any) -> M:
    """The one object matching `lookup` that `user` may see, its view logged; else 404."""
    try:
        obj = _visible(queryset, user).get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404 from None
    log_access(action, obj, purpose=purpose, actor=actor_for(user))
    return obj


def access_list(objects: Iterable[M], user: Any, *, purpose: str) -> list[M]:
    """Log that `user` saw these rows in a list (one insert) and return them as a list."""
    rows = list(objects)
    log_accesses(Action.LIST, rows, purpose=purpose, actor=actor_for(user))
    return rows


def access_page(
    queryset: models.QuerySet[M],
    user: Any,
    number: Any,
    *,
    purpose: str,
    per_page: int = 25,
    count: int | None = None,
    by_id: bool = False,
) -> Page[M]:
    """A page of the rows `user` may see, each logged as seen in a list. Counted up to
    core.pagination's cap (`page.paginator.capped`: "more than 1,000"): counting all of a
    team's 30,000 residents would cost more than the page. `count`: see core.pagination;
    `by_id`: the page's ids are read through visible_to, then those rows from `queryset` (with
    what it selects) by id (core.pagination's `rows`)."""
    paginator = CappedPaginator(_visible(queryset, user), per_page, count=count, rows=queryset if by_id else None)
    page = paginator.get_page(number)
    page.object_list = access_list(page.object_list, user, purpose=purpose)
    return page


def get_or_404(queryset: models.QuerySet[M], **lookup: Any) -> M:
    """One object or 404, also for a malformed id (`abc`, a number too large for the database)."""
    try:
        return queryset.get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404 from None
