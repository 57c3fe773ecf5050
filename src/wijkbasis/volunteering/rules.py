"""Who may do what in the vacancy bank (django-rules). Which objects they may do it with is
decided by the QuerySets' `visible_to` and the helpers in access.py."""

from __future__ import annotations

from typing import Any

import rules

from wijkbasis.accounts.rules import is_organisation_member
from wijkbasis.accounts.selectors import access_of
from wijkbasis.core.roles import Role


@rules.predicate
def is_reviewer(user: Any) -> bool:
    """Sociaal makelaars and team leads review new organisations and vacancies of their municipality."""
    return access_of(user).has_team_role(Role.COMMUNITY_BROKER, Role.TEAM_LEAD)


rules.add_perm("volunteering.act_for_organisation", is_organisation_member)
rules.add_perm("volunteering.review", is_reviewer)
