"""Scale data for areas: the real Zutphen (CBS areas and the demo teams) plus a generated region.

Generated municipalities have CBS-shaped codes that no real area has (GM9000 and up; CBS
municipality codes stay below 2000), synthetic Dutch-sounding names, and rectangular wijken and
buurten on a grid east of Zutphen (near it, never overlapping it). Each generated municipality
has a welfare organisation, a team per few wijken with members and walk-in hours, and a few
places per wijk. Every wijk gets synthetic postcodes (a PC4 per wijk from 7240 up, PC6 codes per
buurt), stored in the postcode table, so postcode searches never need Locatieserver. In a
throw-away scale database these may coincide with real postcodes elsewhere; that is harmless.
"""

from __future__ import annotations

import math
import string
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.text import slugify

from wijkbasis.areas.models import (
    District,
    Municipality,
    Neighbourhood,
    NeighbourhoodTeam,
    OpeningHours,
    Place,
    PostcodeArea,
    TeamMember,
    WalkInHours,
)
from wijkbasis.core.scale import BenchPage, ScaleContext
from wijkbasis.core.slugs import unique_slug

REQUIRES: tuple[str, ...] = ()

GENERATED_CODE_FROM = 9000
ZUTPHEN_CODE = "GM0301"
FIRST_PC4 = 7240
KEY_FIGURES_SOURCE = "Synthetic (wijkbasis generate-scale-data)"

# The generated region: a grid of municipalities east of Zutphen (which lies within
# longitude 6.14 to 6.33, latitude 52.09 to 52.17).
REGION_WEST, REGION_NORTH = 6.40, 52.20
MUNICIPALITY_WIDTH, MUNICIPALITY_HEIGHT = 0.16, 0.10
MUNICIPALITIES_PER_ROW = 6

_STARTS = [
    "Berk", "Eik", "Es", "Heg", "Lin", "Mol", "Ros", "Wil", "Vos", "Bree", "Dorn", "Els", "Gans", "Klaver",
    "Hazel", "Brem", "Hulst", "Lijster", "Reiger", "Beuk", "Iep", "Wolf", "Otter", "Kievit", "Zand", "Veen",
    "Klei", "Moer", "Ruisch", "Holt", "Bos", "Dal", "Ooster", "Wester", "Noorder", "Zuider", "Hoog", "Laag",
]  # fmt: skip
_ENDS = [
    "veld", "hof", "kamp", "brink", "weide", "haven", "broek", "beek", "hoek", "dijk", "hout", "meer", "wijk",
    "horst", "donk", "laar", "rade", "lo", "sloot", "hage", "berg", "dam", "stede", "wolde", "heuvel", "acker",
]  # fmt: skip
_PREFIXES = ["", "", "", "", "Nieuw-", "Oud-", "Groot-", "Klein-"]
_BUURT_PATTERNS = ["{street} en omgeving", "{district}-{side}", "{start}{end}", "Rond de {start}{end}", "{street}"]
_SIDES = ["Noord", "Zuid", "Oost", "West", "Midden", "Centrum"]
_PLACE_KINDS = [
    (Place.Kind.COMMUNITY_CENTRE, "Buurthuis {name}", 5),
    (Place.Kind.INFORMATION_CENTRE, "Wijkinformatiecentrum {district}", 2),
    (Place.Kind.LIBRARY, "Bibliotheek {district}", 1),
    (Place.Kind.MEETING_PLACE, "Ontmoetingsplek {name}", 2),
    (Place.Kind.HOP_HOUSE, "Hopwoning {street}", 1),
    (Place.Kind.OUTDOOR, "Buurttuin {name}", 1),
]
_ROLES = [
    (TeamMember.Role.COMMUNITY_BROKER, 5),
    (TeamMember.Role.SOCIAL_WORKER, 3),
    (TeamMember.Role.CENTRE_MANAGER, 1),
    (TeamMember.Role.COORDINATOR, 1),
]
_LANGUAGES = ["Nederlands", "Nederlands", "Nederlands, Engels", "Nederlands, Arabisch", "Nederlands, Turks"]


def _name(ctx: ScaleContext, used: set[str]) -> str:
    for _attempt in range(1000):
        name = ctx.random.choice(_PREFIXES) + ctx.random.choice(_STARTS) + ctx.random.choice(_ENDS)
        if name not in used:
            used.add(name)
            return name
    raise CommandError("Ran out of synthetic names; generate fewer municipalities or wijken.")


def _unique_slug(text: str, used: set[str]) -> str:
    slug = unique_slug(text, taken=used.__contains__)
    used.add(slug)
    return slug


def _rectangle(west: float, south: float, east: float, north: float) -> dict[str, Any]:
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [[[round(x, 5), round(y, 5)] for x, y in ring]]}


def _split(count: int) -> tuple[int, int]:
    columns = math.ceil(math.sqrt(count))
    return columns, math.ceil(count / columns)


def _district_counts(total: int, ctx: ScaleContext) -> list[int]:
    """Generated wijken per generated municipality: 4 to 14, the last one taking the rest."""
    counts: list[int] = []
    remaining = total
    while remaining > 0:
        count = min(remaining, ctx.random.randint(4, 14))
        if 0 < remaining - count < 3:
            count = remaining
        counts.append(count)
        remaining -= count
    return counts


def _key_figures(ctx: ScaleContext, inhabitants: int, area_ha: float) -> dict[str, Any]:
    young = ctx.random.randint(10, 20)
    teens = ctx.random.randint(8, 14)
    adults = ctx.random.randint(17, 27)
    older = ctx.random.randint(24, 32)
    household_size = round(ctx.random.uniform(1.6, 2.6), 1)
    return {
        "aantal_inwoners": inhabitants,
        "aantal_huishoudens": round(inhabitants / household_size),
        "gem_huishoudensgrootte": household_size,
        "pct_0_15_jaar": young,
        "pct_15_25_jaar": teens,
        "pct_25_45_jaar": adults,
        "pct_45_65_jaar": older,
        "pct_65_plus": max(5, 100 - young - teens - adults - older),
        "bevolkingsdichtheid_per_km2": round(inhabitants / max(area_ha / 100, 0.1)),
        "oppervlakte_land_ha": round(area_ha),
        "personenautos": round(inhabitants * ctx.random.uniform(0.4, 0.55)),
    }


def _ensure_zutphen(ctx: ScaleContext) -> None:
    from wijkbasis import bootstrap
    from wijkbasis.areas.services import import_areas
    from wijkbasis.demo.services import load_demo

    if not Municipality.objects.filter(code=ZUTPHEN_CODE).exists():
        ctx.say("  importing Zutphen's CBS areas")
        import_areas(Path(bootstrap.PACKAGE_DIR) / "areas" / "data" / "zutphen")
    if not NeighbourhoodTeam.objects.filter(municipality__code=ZUTPHEN_CODE).exists():
        ctx.say("  loading the demo teams, members and places")
        load_demo(with_accounts=False, with_volunteering=False)


def generate(ctx: ScaleContext) -> None:
    if Municipality.objects.filter(code__gte=f"GM{GENERATED_CODE_FROM}").exists():
        raise CommandError("This database already has generated areas: generate scale data into a fresh database.")
    _ensure_zutphen(ctx)
    real_districts = list(District.objects.select_related("municipality").order_by("code"))
    generated_count = max(0, ctx.sizes.districts - len(real_districts))
    used_names = set(Municipality.objects.values_list("name", flat=True)) | {d.name for d in real_districts}
    used_slugs = {
        "municipality": set(Municipality.objects.values_list("slug", flat=True)),
        "district": {district.slug for district in real_districts},
        "team": set(NeighbourhoodTeam.objects.values_list("slug", flat=True)),
        "place": set(Place.objects.values_list("slug", flat=True)),
    }
    now = timezone.now()

    # Municipalities and their wijken: geometry first, rows after.
    municipalities: list[Municipality] = []
    district_plans: list[tuple[int, District, tuple[float, float, float, float]]] = []
    for number, count in enumerate(_district_counts(generated_count, ctx)):
        name = _name(ctx, used_names)
        column, row = number % MUNICIPALITIES_PER_ROW, number // MUNICIPALITIES_PER_ROW
        west = REGION_WEST + column * (MUNICIPALITY_WIDTH + 0.01)
        north = REGION_NORTH - row * (MUNICIPALITY_HEIGHT + 0.01)
        columns, rows = _split(count)
        cell_w, cell_h = MUNICIPALITY_WIDTH / columns, MUNICIPALITY_HEIGHT / rows
        code = f"{GENERATED_CODE_FROM + number:04d}"
        filled_rows = math.ceil(count / columns)
        outline = _rectangle(west, north - filled_rows * cell_h, west + MUNICIPALITY_WIDTH, north)
        if count % columns:  # the last row is not full: the outline steps in
            last = count % columns
            bottom = north - filled_rows * cell_h
            ring = [
                [west, bottom],
                [west + last * cell_w, bottom],
                [west + last * cell_w, bottom + cell_h],
                [west + MUNICIPALITY_WIDTH, bottom + cell_h],
                [west + MUNICIPALITY_WIDTH, north],
                [west, north],
                [west, bottom],
            ]
            outline = {"type": "Polygon", "coordinates": [[[round(x, 5), round(y, 5)] for x, y in ring]]}
        municipality = Municipality(
            code=f"GM{code}",
            name=name,
            slug=_unique_slug(name, used_slugs["municipality"]),
            organisation_name=f"Welzijn {name}",
            organisation_url=f"https://welzijn-{slugify(name)}.example.org/",
            brand_colour=f"#{ctx.random.randrange(20, 120):02x}{ctx.random.randrange(40, 120):02x}75",
            boundary=outline,
            key_figures_year=2024,
            key_figures_source=KEY_FIGURES_SOURCE,
        )
        municipalities.append(municipality)
        for index in range(count):
            cell_west = west + (index % columns) * cell_w
            cell_north = north - (index // columns) * cell_h
            box = (cell_west, cell_north - cell_h, cell_west + cell_w, cell_north)
            district_name = _name(ctx, used_names)
            district = District(
                code=f"WK{code}{index:02d}",
                cbs_name=f"Wijk {index:02d} {district_name}",
                name=district_name,
                slug=_unique_slug(district_name, used_slugs["district"]),
                boundary=_rectangle(*box),
                key_figures_year=2024,
                key_figures_source=KEY_FIGURES_SOURCE,
            )
            district_plans.append((number, district, box))

    # Inhabitants: real figures for Zutphen, a skewed spread for generated wijken (a few big
    # ones, many middling, some small); the municipality's are the sum of its wijken.
    inhabitants_of_municipality = [0] * len(municipalities)
    for number, district, (west, south, east, north) in district_plans:
        inhabitants = int(1_500 + 6_000 * ctx.random.lognormvariate(0, 0.55))
        area_ha = (east - west) * 111.32 * math.cos(math.radians(north)) * (north - south) * 111.32 * 100
        district.key_figures = _key_figures(ctx, inhabitants, area_ha)
        inhabitants_of_municipality[number] += inhabitants
    for municipality, inhabitants in zip(municipalities, inhabitants_of_municipality, strict=True):
        municipality.key_figures = {"aantal_inwoners": inhabitants}
    municipality_ids = ctx.insert(
        Municipality, municipalities, label="generated municipalities", total=len(municipalities)
    )
    for number, district, _box in district_plans:
        district.municipality_id = municipality_ids[number]
    district_ids = ctx.insert(
        District, (district for _n, district, _b in district_plans), label="generated wijken", total=len(district_plans)
    )
    generated = [district for _n, district, _b in district_plans]
    boxes = {district_id: box for district_id, (_n, _d, box) in zip(district_ids, district_plans, strict=True)}

    # Buurten: each generated wijk cut into 2 to 8 rectangles.
    neighbourhoods: list[Neighbourhood] = []
    for district, district_id in zip(generated, district_ids, strict=True):
        west, south, east, north = boxes[district_id]
        count = ctx.random.randint(2, 8)
        columns, rows = _split(count)
        cell_w, cell_h = (east - west) / columns, (north - south) / rows
        for index in range(count):
            cell_west = west + (index % columns) * cell_w
            cell_north = north - (index // columns) * cell_h
            pattern = ctx.random.choice(_BUURT_PATTERNS)
            name = pattern.format(
                street=ctx.faker.street_name(),
                district=district.name,
                side=_SIDES[index % len(_SIDES)],
                start=ctx.random.choice(_STARTS),
                end=ctx.random.choice(_ENDS),
            )
            neighbourhoods.append(
                Neighbourhood(
                    district_id=district_id,
                    code=f"BU{district.code[2:]}{index:02d}",
                    name=name,
                    boundary=_rectangle(cell_west, cell_north - cell_h, cell_west + cell_w, cell_north),
                )
            )
    ctx.insert(Neighbourhood, neighbourhoods, label="generated buurten", total=len(neighbourhoods))

    # Facts for the other apps, real and generated areas alike.
    all_districts = list(District.objects.select_related("municipality").order_by("code"))
    ctx.ids["municipalities"] = list(Municipality.objects.order_by("code").values_list("pk", flat=True))
    ctx.ids["districts"] = [district.pk for district in all_districts]
    ctx.facts["district_weights"] = {
        district.pk: int(district.key_figures.get("aantal_inwoners") or 5_000) for district in all_districts
    }
    ctx.facts["district_municipality"] = {district.pk: district.municipality_id for district in all_districts}
    ctx.facts["municipality_names"] = dict(Municipality.objects.values_list("pk", "name"))
    ctx.facts["district_names"] = {district.pk: district.name for district in all_districts}
    ctx.facts["district_points"] = _district_points(all_districts)
    neighbourhoods_of: dict[int, list[tuple[int, str]]] = {}
    for pk, district_id, name in Neighbourhood.objects.order_by("code").values_list("pk", "district_id", "name"):
        neighbourhoods_of.setdefault(district_id, []).append((pk, name))
    ctx.facts["neighbourhoods_of"] = neighbourhoods_of
    ctx.ids["neighbourhoods"] = [pk for items in neighbourhoods_of.values() for pk, _name in items]

    _generate_postcodes(ctx, all_districts, neighbourhoods_of, now)
    _generate_teams(ctx, municipalities, municipality_ids, generated, district_ids, boxes, used_slugs)
    ctx.ids["teams"] = list(NeighbourhoodTeam.objects.order_by("pk").values_list("pk", flat=True))
    district_teams: dict[int, int] = {}
    for team_id, district_id in NeighbourhoodTeam.districts.through.objects.order_by("pk").values_list(
        "neighbourhoodteam_id", "district_id"
    ):
        district_teams.setdefault(district_id, team_id)
    ctx.facts["district_team"] = district_teams
    places_of: dict[int | None, list[int]] = {}
    place_points: dict[int, tuple[float, float]] = {}
    for pk, district_id, latitude, longitude in Place.objects.order_by("pk").values_list(
        "pk", "district_id", "latitude", "longitude"
    ):
        places_of.setdefault(district_id, []).append(pk)
        if latitude is not None and longitude is not None:
            place_points[pk] = (float(latitude), float(longitude))
    ctx.facts["places_of"] = places_of
    ctx.facts["place_points"] = place_points
    ctx.facts["place_district"] = {pk: district_id for district_id, pks in places_of.items() for pk in pks}


def _district_points(districts: list[District]) -> dict[int, tuple[float, float]]:
    """(latitude, longitude) of a point inside each wijk: where vacancies without a place are put,
    the same point the application computes (services._locate)."""
    from shapely.geometry import shape

    points = {}
    for district in districts:
        if district.boundary:
            point = shape(district.boundary).representative_point()
            points[district.pk] = (point.y, point.x)
    return points


def _generate_postcodes(
    ctx: ScaleContext,
    districts: list[District],
    neighbourhoods_of: dict[int, list[tuple[int, str]]],
    now: Any,
) -> None:
    """A PC4 per wijk, 3 to 10 PC6 codes per buurt, stored as the postcode table's answers."""
    known = set(PostcodeArea.objects.values_list("postcode", flat=True))
    codes = dict(Neighbourhood.objects.values_list("pk", "code"))
    letters = [a + b for a in string.ascii_uppercase for b in string.ascii_uppercase if a + b not in ("SA", "SD", "SS")]
    rows: list[PostcodeArea] = []
    postcodes_of: dict[int, list[str]] = {}
    district_pc4: dict[int, str] = {}
    pc4 = FIRST_PC4
    for district in districts:
        while str(pc4) in known:
            pc4 += 1
        district_pc4[district.pk] = str(pc4)
        free = list(letters)
        ctx.random.shuffle(free)
        for neighbourhood_id, _name in neighbourhoods_of.get(district.pk, []):
            postcodes = sorted(f"{pc4}{free.pop()}" for _ in range(ctx.random.randint(3, 10)))
            postcodes_of[neighbourhood_id] = postcodes
            for postcode in [str(pc4), *postcodes]:
                rows.append(
                    PostcodeArea(
                        postcode=postcode,
                        neighbourhood_code=codes[neighbourhood_id],
                        district_code=district.code,
                        municipality_code=district.municipality.code,
                        municipality_name=district.municipality.name,
                        address_count=ctx.random.randint(10, 60) if len(postcode) == 6 else None,
                        source=PostcodeArea.Source.MANUAL,
                        retrieved_at=now,
                    )
                )
        pc4 += 1
    ctx.insert(PostcodeArea, rows, label="postcodes", total=len(rows))
    ctx.facts["postcodes_of"] = postcodes_of
    ctx.facts["district_pc4"] = district_pc4


def _generate_teams(
    ctx: ScaleContext,
    municipalities: list[Municipality],
    municipality_ids: list[int],
    districts: list[District],
    district_ids: list[int],
    boxes: dict[int, tuple[float, float, float, float]],
    used_slugs: dict[str, set[str]],
) -> None:
    """A team per 2 to 4 wijken of each generated municipality, 3 to 7 members each with walk-in
    hours; 1 to 3 places per wijk with opening hours."""
    by_municipality: dict[int, list[tuple[int, District]]] = {}
    for district, district_id in zip(districts, district_ids, strict=True):
        by_municipality.setdefault(district.municipality_id, []).append((district_id, district))
    teams: list[NeighbourhoodTeam] = []
    team_districts: list[list[int]] = []
    places: list[Place] = []
    place_team: list[int] = []  # index into teams
    kinds, patterns, weights = zip(*[(kind, pattern, weight) for kind, pattern, weight in _PLACE_KINDS], strict=True)
    for municipality, municipality_id in zip(municipalities, municipality_ids, strict=True):
        items = by_municipality.get(municipality_id, [])
        start = 0
        while start < len(items):
            size = ctx.random.randint(2, 4)
            if 0 < len(items) - start - size < 2:
                size = len(items) - start
            group = items[start : start + size]
            start += size
            names = "/".join(district.name for _pk, district in group)
            slug = _unique_slug(f"{municipality.name} {group[0][1].name}", used_slugs["team"])
            teams.append(
                NeighbourhoodTeam(
                    municipality_id=municipality_id,
                    name=f"Sociaal wijkteam {names}"[:150],
                    slug=slug,
                    description=(
                        f"Wij zijn er voor iedereen in {names.replace('/', ', ')}. Kom langs met een idee voor "
                        "de buurt, als je iets wilt doen voor een ander, of als je een vraag hebt."
                    ),
                    email=f"{slug}@welzijn.example.org",
                    phone=ctx.phone(),
                )
            )
            team_districts.append([pk for pk, _district in group])
            for district_id, district in group:
                west, south, east, north = boxes[district_id]
                for _ in range(ctx.random.randint(1, 3)):
                    kind_index = ctx.random.choices(range(len(kinds)), weights=weights)[0]
                    street = ctx.faker.street_name()
                    name = patterns[kind_index].format(
                        name=ctx.faker.last_name(), district=district.name, street=street
                    )
                    places.append(
                        Place(
                            municipality_id=municipality_id,
                            district_id=district_id,
                            name=name[:150],
                            slug=_unique_slug(name, used_slugs["place"]),
                            kind=kinds[kind_index],
                            description=f"{name} in {district.name}: koffie, activiteiten en een luisterend oor.",
                            street=street,
                            house_number=str(ctx.random.randint(1, 180)),
                            city=municipality.name,
                            latitude=round(ctx.random.uniform(south, north), 6),
                            longitude=round(ctx.random.uniform(west, east), 6),
                            phone=ctx.phone(),
                            address_verified=False,
                        )
                    )
                    place_team.append(len(teams) - 1)
    team_ids = ctx.insert(NeighbourhoodTeam, teams, label="generated teams", total=len(teams))
    NeighbourhoodTeam.districts.through.objects.bulk_create(
        NeighbourhoodTeam.districts.through(neighbourhoodteam_id=team_id, district_id=district_id)
        for team_id, pks in zip(team_ids, team_districts, strict=True)
        for district_id in pks
    )
    for place, team_index in zip(places, place_team, strict=True):
        place.managing_team_id = team_ids[team_index]
    place_ids = ctx.insert(Place, places, label="generated places", total=len(places))
    opening_hours = []
    for place_id in place_ids:
        for weekday in sorted(ctx.random.sample(range(6), ctx.random.randint(2, 5))):
            opens = ctx.random.choice([9, 9, 10, 13])
            opening_hours.append(
                OpeningHours(
                    place_id=place_id,
                    weekday=weekday,
                    opens=f"{opens:02d}:00",
                    closes=f"{opens + ctx.random.choice([3, 4, 8]):02d}:00",
                )
            )
    ctx.insert(OpeningHours, opening_hours, label="opening hours", total=len(opening_hours))

    places_of_team: dict[int, list[int]] = {}
    for place_id, team_index in zip(place_ids, place_team, strict=True):
        places_of_team.setdefault(team_ids[team_index], []).append(place_id)
    members: list[TeamMember] = []
    member_places: list[int] = []
    role_names, role_weights = zip(*_ROLES, strict=True)
    for team_id in team_ids:
        slugs: set[str] = set()
        count = ctx.random.randint(3, 7)
        for order in range(count):
            first, last = ctx.faker.first_name(), ctx.faker.last_name()
            name = f"{first} {last}"
            role = TeamMember.Role.TEAM_LEAD if order == count - 1 else ctx.random.choices(role_names, role_weights)[0]
            members.append(
                TeamMember(
                    team_id=team_id,
                    name=name,
                    slug=_unique_slug(name, slugs),
                    role=role,
                    phone=ctx.phone(),
                    email=f"{slugify(first)}.{slugify(last)}@welzijn.example.org".replace("-", "."),
                    introduction=f"Ik ben {first} en ik werk als {TeamMember.Role(role).label} in de wijk.",
                    languages=ctx.random.choice(_LANGUAGES),
                    sort_order=order,
                )
            )
            member_places.append(ctx.random.choice(places_of_team[team_id]))
    member_ids = ctx.insert(TeamMember, members, label="generated team members", total=len(members))
    walk_in = []
    for member_id, place_id in zip(member_ids, member_places, strict=True):
        for weekday in ctx.random.sample(range(5), ctx.random.randint(1, 2)):
            opens = ctx.random.choice([9, 10, 13, 14])
            walk_in.append(
                WalkInHours(
                    member_id=member_id,
                    place_id=place_id,
                    weekday=weekday,
                    opens=f"{opens:02d}:00",
                    closes=f"{opens + 2:02d}:00",
                )
            )
    ctx.insert(WalkInHours, walk_in, label="walk-in hours", total=len(walk_in))
    ctx.ids["team_members"] = list(TeamMember.objects.order_by("pk").values_list("pk", flat=True))


# ---------------------------------------------------------------------------
# Pages worth measuring


def bench_pages(ctx: ScaleContext) -> list[BenchPage]:
    from django.db.models import Count

    pages = [BenchPage("home", "/", groups=("load", "lighthouse"))]
    districts = list(District.objects.exclude(boundary=None).only("slug", "key_figures", "code"))
    if districts:
        biggest = max(districts, key=lambda d: (d.key_figures.get("aantal_inwoners") or 0, d.code))
        pages.append(BenchPage("wijk (most inhabitants)", f"/wijk/{biggest.slug}/", groups=("load", "lighthouse")))
    zutphen_wijk = District.objects.filter(code="WK030101").first()
    if zutphen_wijk is not None:
        pages.append(BenchPage("wijk (Waterkwartier, real)", f"/wijk/{zutphen_wijk.slug}/"))
    team = NeighbourhoodTeam.objects.annotate(size=Count("districts")).order_by("-size", "slug").first()
    if team is not None:
        pages.append(BenchPage("team (most wijken)", f"/team/{team.slug}/", groups=("load",)))
    municipality = Municipality.objects.annotate(size=Count("districts")).order_by("-size", "code").first()
    if municipality is not None:
        pages.append(BenchPage("municipality (most wijken)", f"/gemeente/{municipality.slug}/"))
    place = Place.objects.order_by("slug").first()
    if place is not None:
        pages.append(BenchPage("place", f"/plek/{place.slug}/"))
    return pages
