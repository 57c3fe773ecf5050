"""Fetch, check and log in one call: the access helpers for residents (core/access.py).

Every view and selector that reads a resident's record goes through these; another team's
resident is a 404.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page
from django.db.models import QuerySet

from wijkbasis.accounts.models import PossibleDuplicate, Resident
from wijkbasis.accounts.processing import OWN_DATA, RECORD_LINKING, RESIDENT_SUPPORT
from wijkbasis.core.access import access, access_page
from wijkbasis.core.access_log import Action, actor_for, log_access


def residents() -> QuerySet[Resident]:
    return Resident.objects.select_related("district", "neighbourhood", "intake_team", "user")


def access_resident(user: Any, pk: Any, *, purpose: str = RESIDENT_SUPPORT.code) -> Resident:
    """The resident `pk` if `user` may see them (their view logged), else 404."""
    return access(residents(), user, purpose=purpose, pk=pk)


def access_resident_page(
    user: Any, residents_shown: QuerySet[Resident], number: Any, *, per_page: int
) -> Page[Resident]:
    return access_page(residents_shown, user, number, purpose=RESIDENT_SUPPORT.code, per_page=per_page)


def access_own_resident(user: Any, *, action: str = Action.VIEW, logged: bool = True) -> Resident:
    """The record of the logged-in person themselves (made when missing). Their own views are
    logged too, so the log is complete; "who looked at my data" leaves them out."""
    from wijkbasis.accounts.services import ensure_resident_for_user

    resident = ensure_resident_for_user(user=user)
    if logged:
        log_access(action, resident, purpose=OWN_DATA.code, actor=actor_for(user))
    return resident


def access_duplicate(user: Any, pk: Any) -> PossibleDuplicate:
    """An open question "same person?" that `user` sees one of the records of; else 404."""
    return access(
        PossibleDuplicate.objects.filter(resolved_at__isnull=True).select_related("resident", "other"),
        user,
        purpose=RECORD_LINKING.code,
        pk=pk,
    )
