"""The roles of wijkbasis. Who has which role is decided in accounts.selectors.access_of."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ANONYMOUS = "anonymous"
    RESIDENT = "resident"
    ORGANISATION_MEMBER = "organisation_member"
    COMMUNITY_BROKER = "community_broker"
    SOCIAL_WORKER = "social_worker"
    CENTRE_MANAGER = "centre_manager"
    COORDINATOR = "coordinator"
    TEAM_LEAD = "team_lead"
    MUNICIPALITY_VIEWER = "municipality_viewer"
    ADMINISTRATOR = "administrator"


#: Roles of team members (the values of areas.TeamMember.Role).
STAFF_ROLES = (
    Role.TEAM_LEAD,
    Role.COMMUNITY_BROKER,
    Role.SOCIAL_WORKER,
    Role.COORDINATOR,
    Role.CENTRE_MANAGER,
)
