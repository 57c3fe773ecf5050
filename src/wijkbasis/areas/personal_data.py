"""Personal data in areas: the public profiles of team members."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wijkbasis.core.personal_data import PersonalData, SubjectKind, declare_not_personal, register

register(
    PersonalData(
        "areas.TeamMember",
        fields=("name", "phone", "email", "introduction", "languages", "photo"),
        retention=dt.timedelta(days=365),
        retention_field="updated_at",
        # Profiles stay while the person works in the team; one taken off the public site is
        # removed a year later.
        expiry_filter=Q(is_public=False),
        why=_("Your public profile as a team member."),
        subject_kind=SubjectKind.USER,
        subject_lookup="user",
        activity="team_profiles",
        access_logged=False,
        not_logged_because="A public profile that the team member keeps up to date with their team.",
    )
)
declare_not_personal(
    "areas.Municipality",
    "areas.District",
    "areas.Neighbourhood",
    "areas.PostcodeArea",
    "areas.NeighbourhoodTeam",
    "areas.Place",
    "areas.OpeningHours",
    "areas.WalkInHours",
    "areas.Organisation",
    reason="Areas, teams, places and organisations: public facts, not about one person. Contact details "
    "of places and organisations are the organisation's, not a person's.",
)
