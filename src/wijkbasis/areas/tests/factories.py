from __future__ import annotations

import datetime as dt
from typing import Any

import factory

from wijkbasis.areas.models import (
    District,
    Municipality,
    Neighbourhood,
    NeighbourhoodTeam,
    OpeningHours,
    Organisation,
    Place,
    TeamMember,
    WalkInHours,
)
from wijkbasis.core.tests.factories import ModelFactory


def square(lon: float, lat: float, size: float = 0.01) -> dict[str, Any]:
    """A small square polygon as GeoJSON geometry."""
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


class MunicipalityFactory(ModelFactory[Municipality]):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"GM{9000 + n:04d}")
    name = factory.Sequence(lambda n: f"Proefgemeente {n}")
    slug = factory.Sequence(lambda n: f"proefgemeente-{n}")
    organisation_name = "Welzijn Proef"
    boundary = factory.LazyFunction(lambda: square(6.0, 52.0, 0.1))


class DistrictFactory(ModelFactory[District]):
    class Meta:
        model = District

    municipality = factory.SubFactory(MunicipalityFactory)
    code = factory.Sequence(lambda n: f"WK{900000 + n:06d}")
    name = factory.Sequence(lambda n: f"Proefwijk {n}")
    cbs_name = factory.LazyAttribute(lambda o: f"Wijk 00 {o.name}")
    slug = factory.Sequence(lambda n: f"proefwijk-{n}")
    boundary = factory.Sequence(lambda n: square(6.0 + (n % 10) * 0.01, 52.0, 0.01))
    key_figures = factory.LazyFunction(lambda: {"aantal_inwoners": 1200, "pct_0_15_jaar": 15})
    key_figures_year = 2024
    key_figures_source = "CBS, Kadaster"


class NeighbourhoodFactory(ModelFactory[Neighbourhood]):
    class Meta:
        model = Neighbourhood

    district = factory.SubFactory(DistrictFactory)
    code = factory.Sequence(lambda n: f"BU{90000000 + n:08d}")
    name = factory.Sequence(lambda n: f"Proefbuurt {n}")
    boundary = factory.Sequence(lambda n: square(6.0 + (n % 10) * 0.001, 52.0, 0.001))


class TeamFactory(ModelFactory[NeighbourhoodTeam]):
    class Meta:
        model = NeighbourhoodTeam
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Wijkteam {n}")
    slug = factory.Sequence(lambda n: f"wijkteam-{n}")

    @factory.post_generation
    def districts(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.districts.set(extracted)


class TeamMemberFactory(ModelFactory[TeamMember]):
    class Meta:
        model = TeamMember

    team = factory.SubFactory(TeamFactory)
    name = factory.Sequence(lambda n: f"Mede Werker {n}")
    slug = factory.Sequence(lambda n: f"mede-werker-{n}")
    role = TeamMember.Role.COMMUNITY_BROKER
    phone = "0575 000 999"
    email = factory.Sequence(lambda n: f"werker{n}@example.org")


class PlaceFactory(ModelFactory[Place]):
    class Meta:
        model = Place

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Buurthuis {n}")
    slug = factory.Sequence(lambda n: f"buurthuis-{n}")
    kind = Place.Kind.COMMUNITY_CENTRE
    street = "Voorbeeldstraat"
    house_number = "1"
    postcode = "7201 AB"
    city = "Zutphen"


class OpeningHoursFactory(ModelFactory[OpeningHours]):
    class Meta:
        model = OpeningHours

    place = factory.SubFactory(PlaceFactory)
    weekday = 0
    opens = dt.time(9)
    closes = dt.time(17)


class WalkInHoursFactory(ModelFactory[WalkInHours]):
    class Meta:
        model = WalkInHours

    member = factory.SubFactory(TeamMemberFactory)
    weekday = 1
    opens = dt.time(10)
    closes = dt.time(12)


class OrganisationFactory(ModelFactory[Organisation]):
    class Meta:
        model = Organisation

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Vereniging {n}")
    slug = factory.Sequence(lambda n: f"vereniging-{n}")
    kind = Organisation.Kind.ASSOCIATION
    status = Organisation.Status.APPROVED
