"""Who may do what in Buurtservice (django-rules). Which requests, visits and workers they may do
it with is decided by the QuerySets' `visible_to` and the helpers in access.py."""

from __future__ import annotations

from typing import Any

import rules

from wijkbasis.accounts.selectors import access_of
from wijkbasis.core.roles import Role


@rules.predicate
def is_coordinator(user: Any) -> bool:
    """Team staff with the Buurtservice coordinator role coordinate requests, crews and visits."""
    return access_of(user).has_team_role(Role.COORDINATOR)


@rules.predicate
def is_administrator(user: Any) -> bool:
    return access_of(user).is_administrator


rules.add_perm("buurtservice.coordinate", is_coordinator)
#: The kinds of jobs are a managed list: the coordinators keep it, administrators may too.
rules.add_perm("buurtservice.manage_kinds", is_coordinator | is_administrator)
