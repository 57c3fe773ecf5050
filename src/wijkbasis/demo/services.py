"""Loading the demo content. Idempotent: run it as often as you like."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.utils.text import slugify

from wijkbasis.areas.models import (
    District,
    Municipality,
    NeighbourhoodTeam,
    OpeningHours,
    Place,
    TeamMember,
    WalkInHours,
)
from wijkbasis.demo import data


def _noop(_message: str) -> None:
    pass


def _email_for(name: str) -> str:
    return f"{slugify(name).replace('-', '.')}@perspectief.example.org"


@transaction.atomic
def load_demo(*, progress: Callable[[str], None] = _noop) -> None:
    """Teams, members, walk-in hours and places for Zutphen (areas must be imported first)."""
    municipality = Municipality.objects.get(code=data.MUNICIPALITY["code"])
    municipality.organisation_name = data.MUNICIPALITY["organisation_name"]
    municipality.brand_colour = data.MUNICIPALITY["brand_colour"]
    municipality.save(update_fields=["organisation_name", "brand_colour", "updated_at"])
    districts = {district.code: district for district in District.objects.filter(municipality=municipality)}

    teams: dict[str, NeighbourhoodTeam] = {}
    for spec in data.TEAMS:
        team, _created = NeighbourhoodTeam.objects.update_or_create(
            slug=spec["slug"],
            defaults={
                "municipality": municipality,
                "name": spec["name"],
                "description": spec["description"],
                "email": spec["email"],
                "phone": spec["phone"],
            },
        )
        team.districts.set([districts[code] for code in spec["districts"]])
        teams[spec["slug"]] = team
    progress(f"{len(teams)} teams")

    places: dict[str, Place] = {}
    for spec in data.PLACES:
        place, _created = Place.objects.update_or_create(
            slug=spec["slug"],
            defaults={
                "municipality": municipality,
                "name": spec["name"],
                "kind": spec["kind"],
                "district": districts.get(spec["district"]) if spec["district"] else None,
                "city": spec["city"],
                "description": spec["description"],
                "managing_team": teams.get(spec["team"]) if spec["team"] else None,
                "address_verified": False,
            },
        )
        place.opening_hours.all().delete()
        OpeningHours.objects.bulk_create(
            OpeningHours(place=place, weekday=day, opens=opens, closes=closes) for day, opens, closes in spec["hours"]
        )
        places[spec["slug"]] = place
    progress(f"{len(places)} places")

    for order, (team_slug, name, role, languages, introduction, hours) in enumerate(data.MEMBERS):
        member, _created = TeamMember.objects.update_or_create(
            team=teams[team_slug],
            slug=slugify(name),
            defaults={
                "name": name,
                "role": role,
                "languages": languages,
                "introduction": introduction,
                "email": _email_for(name),
                "phone": f"0575 000 {400 + order}",
                "sort_order": order,
            },
        )
        member.walk_in_hours.all().delete()
        WalkInHours.objects.bulk_create(
            WalkInHours(member=member, weekday=day, opens=opens, closes=closes, place=places[place_slug])
            for day, opens, closes, place_slug in hours
        )
    progress(f"{len(data.MEMBERS)} team members")
