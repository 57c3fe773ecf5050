"""Processing activities of areas and teams (core/processing.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wijkbasis.core.processing import Confidentiality, LegalBasis, ProcessingActivity, register_activity

TEAM_PROFILES = register_activity(
    ProcessingActivity(
        code="team_profiles",
        name=_("Public profiles of team members"),
        purpose=_("Residents find their sociaal makelaars: name, role, photo, how to reach them, walk-in hours."),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        data=_("Name, role, photo, work phone and e-mail, introduction, languages"),
        retention=_("While the person works in the team; a year after it is taken off the public site"),
        confidentiality=Confidentiality.NORMAL,
        app="areas",
    )
)
