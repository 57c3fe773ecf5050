"""Reads about areas, teams and places, for pages and for other modules' reports.

Page selectors fetch everything a page shows in a fixed number of queries, however many
buurten, members or places there are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from wijkbasis.areas.maps import MapFeature, SvgMap, build_map
from wijkbasis.areas.models import (
    District,
    Municipality,
    Neighbourhood,
    NeighbourhoodTeam,
    Place,
    TeamMember,
    WalkInHours,
)


def public_members() -> QuerySet[TeamMember]:
    """Members shown on public pages, with their walk-in hours and places."""
    return TeamMember.objects.filter(is_public=True).prefetch_related(
        Prefetch("walk_in_hours", WalkInHours.objects.select_related("place"))
    )


def _places() -> QuerySet[Place]:
    return Place.objects.prefetch_related("opening_hours")


# ---------------------------------------------------------------------------
# Pages


def home_municipalities() -> list[Municipality]:
    """Every municipality with its wijken, the configured default first."""
    municipalities = list(
        Municipality.objects.prefetch_related(Prefetch("districts", District.objects.order_by("code"))).order_by("name")
    )
    default = settings.DEFAULT_MUNICIPALITY
    municipalities.sort(key=lambda municipality: municipality.code != default)
    return municipalities


#: Big JSON a page's header and breadcrumbs never show: not read for them (decoding a boundary
#: costs more than the rest of the row).
AREA_JSON = ("boundary", "key_figures")


def _without_json(queryset: QuerySet[Any], *relations: str) -> QuerySet[Any]:
    fields = [*AREA_JSON] if queryset.model in (Municipality, District) else []
    fields += [f"{relation}__{name}" for relation in relations for name in AREA_JSON]
    return queryset.defer(*fields)


def municipality_page_queryset() -> QuerySet[Municipality]:
    """What the page around a municipality's cached part needs."""
    return _without_json(Municipality.objects.all())


def municipality_queryset() -> QuerySet[Municipality]:
    return Municipality.objects.prefetch_related(Prefetch("districts", District.objects.order_by("code")))


def district_page_queryset() -> QuerySet[District]:
    """What the page around a wijk's cached part needs (title, breadcrumbs, the postcode note)."""
    return _without_json(District.objects.select_related("municipality"), "municipality")


def team_page_queryset() -> QuerySet[NeighbourhoodTeam]:
    return _without_json(NeighbourhoodTeam.objects.select_related("municipality"), "municipality")


def place_page_queryset() -> QuerySet[Place]:
    return _without_json(Place.objects.select_related("municipality"), "municipality")


def municipality_map(municipality: Municipality, *, highlight: District | None = None) -> SvgMap | None:
    """The municipality's wijken as one map; uses the prefetched districts."""
    features = [
        MapFeature(
            key=district.code,
            name=district.name,
            geometry=district.boundary,
            url=district.get_absolute_url(),
            highlighted=highlight is not None and district.pk == highlight.pk,
        )
        for district in municipality.districts.all()
    ]
    return build_map(features, outline=municipality.boundary)


def district_map(district: District) -> SvgMap | None:
    """The wijk with its buurten; uses the prefetched neighbourhoods."""
    features = [
        MapFeature(key=buurt.code, name=buurt.name, geometry=buurt.boundary) for buurt in district.neighbourhoods.all()
    ]
    if not any(feature.geometry for feature in features):
        features = [MapFeature(key=district.code, name=district.name, geometry=district.boundary)]
    return build_map(features, outline=district.boundary)


def district_queryset() -> QuerySet[District]:
    """A wijk with everything its page shows (its own boundary and figures, not its municipality's)."""
    municipality_json = [f"municipality__{name}" for name in AREA_JSON]
    return (
        District.objects.select_related("municipality")
        .defer(*municipality_json)
        .prefetch_related(
            Prefetch("neighbourhoods", Neighbourhood.objects.order_by("name")),
            Prefetch(
                "teams",
                NeighbourhoodTeam.objects.prefetch_related(Prefetch("members", public_members())),
            ),
            Prefetch("places", _places()),
        )
    )


def poster_district_queryset() -> QuerySet[District]:
    """What the poster shows: the teams and their public members (with walk-in hours)."""
    return District.objects.prefetch_related(
        Prefetch("teams", NeighbourhoodTeam.objects.prefetch_related(Prefetch("members", public_members())))
    )


def team_queryset() -> QuerySet[NeighbourhoodTeam]:
    return _without_json(NeighbourhoodTeam.objects.select_related("municipality"), "municipality").prefetch_related(
        Prefetch("districts", _without_json(District.objects.order_by("code"))),
        Prefetch("members", public_members()),
        Prefetch("managed_places", _places()),
    )


def team_member_queryset() -> QuerySet[TeamMember]:
    return public_members().select_related("team", "team__municipality").prefetch_related("team__districts")


def place_queryset() -> QuerySet[Place]:
    return _without_json(
        Place.objects.select_related("municipality", "district", "managing_team", "managing_organisation"),
        "municipality",
        "district",
    ).prefetch_related(
        "opening_hours",
        "also_used_by",
        Prefetch(
            "walk_in_hours",
            WalkInHours.objects.filter(member__is_public=True).select_related("member", "member__team"),
        ),
    )


# ---------------------------------------------------------------------------
# For reports and other modules: plain data


@dataclass(frozen=True)
class DistrictFigures:
    code: str
    name: str
    municipality_code: str
    year: int | None
    source: str
    figures: dict[str, Any]
    team_names: tuple[str, ...]


def district_figures(municipality_code: str) -> list[DistrictFigures]:
    """CBS key figures and serving teams per wijk of one municipality, in code order."""
    districts = (
        District.objects.filter(municipality__code=municipality_code)
        .select_related("municipality")
        .prefetch_related("teams")
        .order_by("code")
    )
    return [
        DistrictFigures(
            code=district.code,
            name=district.name,
            municipality_code=district.municipality.code,
            year=district.key_figures_year,
            source=district.key_figures_source,
            figures=dict(district.key_figures),
            team_names=tuple(team.name for team in district.teams.all()),
        )
        for district in districts
    ]


def teams_serving(district_code: str) -> list[NeighbourhoodTeam]:
    """The team(s) responsible for a wijk: used to route requests and scope staff access."""
    return list(NeighbourhoodTeam.objects.filter(districts__code=district_code).order_by("name"))
