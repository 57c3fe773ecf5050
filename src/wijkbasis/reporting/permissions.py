"""Who may open the municipality's figures: municipality viewers (their municipality), team
leads (the municipality of their teams) and administrators (all). Everyone else: 404."""

from __future__ import annotations

from typing import Any

from wijkbasis.core.permissions import Rule
from wijkbasis.core.roles import Role

FIGURE_READERS = frozenset({Role.MUNICIPALITY_VIEWER, Role.TEAM_LEAD, Role.ADMINISTRATOR})
WHY = "counts only, small counts suppressed; each sees the municipalities they may see"

ROWS: dict[str, Rule] = {
    "reporting:figures": Rule(allowed=FIGURE_READERS, why=WHY),
    "reporting:figures_csv": Rule(allowed=FIGURE_READERS, why=WHY),
    "reporting:figures_xlsx": Rule(allowed=FIGURE_READERS, why=WHY),
}


def samples(world: Any) -> None:
    """Nothing to add: the pages take no URL arguments and the world's municipality, Zutphen,
    is the one every allowed role may see."""
