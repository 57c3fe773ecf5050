"""Who may do what: the predicates every module's views and templates use (django-rules).

Object-level decisions about personal data go through QuerySets (`Resident.objects.visible_to`),
so a record of another team is simply not found (404)."""

from __future__ import annotations

from typing import Any

import rules

from wijkbasis.accounts.selectors import access_of
from wijkbasis.core.roles import Role


@rules.predicate
def is_team_staff(user: Any) -> bool:
    return access_of(user).is_team_staff


@rules.predicate
def is_administrator(user: Any) -> bool:
    return access_of(user).is_administrator


@rules.predicate
def is_municipality_viewer(user: Any) -> bool:
    return bool(access_of(user).municipality_ids)


@rules.predicate
def is_organisation_member(user: Any) -> bool:
    return bool(access_of(user).organisation_ids)


@rules.predicate
def is_team_lead(user: Any) -> bool:
    return access_of(user).has_team_role(Role.TEAM_LEAD)


@rules.predicate
def is_resident(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


rules.add_perm("werkplek.open", is_team_staff | is_administrator)
rules.add_perm("werkplek.take_in_resident", is_team_staff)
rules.add_perm("werkplek.see_figures", is_municipality_viewer | is_team_lead | is_administrator)
rules.add_perm("organisation.open", is_organisation_member)
rules.add_perm("mijn.open", is_resident)
