"""The roles of wijkbasis. Who has which role is decided in accounts.selectors.access_of."""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy as _


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

    @property
    def label(self) -> str:
        return str(ROLE_LABELS[self])


#: Roles of team members (the values of areas.TeamMember.Role).
STAFF_ROLES = (
    Role.TEAM_LEAD,
    Role.COMMUNITY_BROKER,
    Role.SOCIAL_WORKER,
    Role.COORDINATOR,
    Role.CENTRE_MANAGER,
)

ROLE_LABELS = {
    Role.ANONYMOUS: _("visitor"),
    Role.RESIDENT: _("resident"),
    Role.ORGANISATION_MEMBER: _("organisation member"),
    Role.COMMUNITY_BROKER: _("community broker"),
    Role.SOCIAL_WORKER: _("social worker"),
    Role.CENTRE_MANAGER: _("community centre manager"),
    Role.COORDINATOR: _("Buurtservice coordinator"),
    Role.TEAM_LEAD: _("team lead"),
    Role.MUNICIPALITY_VIEWER: _("municipality viewer"),
    Role.ADMINISTRATOR: _("administrator"),
}
