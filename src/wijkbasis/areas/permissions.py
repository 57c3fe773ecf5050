"""Who may open the public pages of areas, teams and places: everyone (core/permissions.py)."""

from __future__ import annotations

from typing import Any

from wijkbasis.core.permissions import Rule, public

ROWS: dict[str, Rule] = {
    "areas:home": public(),
    "areas:postcode": public(),
    "areas:municipality": public(),
    "areas:district": public(),
    "areas:district_qr_svg": public(),
    "areas:district_qr_png": public(),
    "areas:district_poster": public(),
    "areas:team": public(),
    "areas:team_member": public(),
    "areas:place": public(),
}


def samples(world: Any) -> None:
    """The demo's Waterkwartier: its wijk, team, a member and a place."""
    world.add("areas:municipality", slug="zutphen")
    for name in ("areas:district", "areas:district_qr_svg", "areas:district_qr_png", "areas:district_poster"):
        world.add(name, slug="waterkwartier")
    world.add("areas:team", slug="waterkwartier")
    world.add("areas:team_member", team_slug="waterkwartier", slug="abdi-warsame")
    world.add("areas:place", slug="hopwoning-waterkwartier")
