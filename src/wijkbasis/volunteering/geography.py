"""Where a vacancy is, and how far: for "within 2 km of my postcode".

A vacancy's point is its place's coordinates, or else the middle of its wijk
(`district_midpoint`); a postcode's point is the middle of its wijk too, so "near" compares
like with like without storing an address for every resident. Distances use the flat-earth
approximation, exact enough within a municipality.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import ExpressionWrapper, F, FloatField, Q, QuerySet, Value

from wijkbasis.areas.models import District
from wijkbasis.volunteering.models import Vacancy

KM_PER_DEGREE_LATITUDE = 111.32

Point = tuple[float, float]


def district_midpoint(districts: Sequence[District]) -> Point | None:
    """(latitude, longitude) of a point inside the wijk (or inside all of them together): the
    boundary's representative point, which, unlike the centroid, is never outside a bent shape.
    None without a boundary."""
    from shapely.geometry import shape
    from shapely.ops import unary_union

    shapes = [shape(district.boundary) for district in districts if district.boundary]
    if not shapes:
        return None
    point = (shapes[0] if len(shapes) == 1 else unary_union(shapes)).representative_point()
    return point.y, point.x


def vacancy_point(vacancy: Vacancy) -> Point | None:
    """The place's coordinates; else the middle of the place's wijk, or of the vacancy's first
    wijk (by code); None for city-wide and from-home work with no place."""
    place = vacancy.place if vacancy.place_id else None
    if place is not None and place.latitude is not None and place.longitude is not None:
        return float(place.latitude), float(place.longitude)
    district = place.district if place is not None and place.district_id else None
    district = district or vacancy.districts.order_by("code").first()
    return district_midpoint([district]) if district is not None else None


@dataclass(frozen=True)
class Centre:
    """Where "within … km" is measured from: the middle of the postcode's wijk."""

    postcode: str
    latitude: float
    longitude: float
    km: float

    def distance_km(self, latitude: float | None, longitude: float | None) -> float | None:
        if latitude is None or longitude is None:
            return None
        dy = (latitude - self.latitude) * KM_PER_DEGREE_LATITUDE
        dx = (longitude - self.longitude) * KM_PER_DEGREE_LATITUDE * math.cos(math.radians(self.latitude))
        return math.hypot(dx, dy)

    def distance_sq(self) -> ExpressionWrapper:
        """The squared distance in degrees of latitude, with longitude scaled for the latitude."""
        scale = math.cos(math.radians(self.latitude))
        dlat = F("latitude") - Value(self.latitude)
        dlon = (F("longitude") - Value(self.longitude)) * Value(scale)
        return ExpressionWrapper(dlat * dlat + dlon * dlon, output_field=FloatField())

    def within(self, queryset: QuerySet[Vacancy]) -> QuerySet[Vacancy]:
        """The vacancies within `km`: a box first (cheap, on the coordinates), then the circle."""
        lat_delta = self.km / KM_PER_DEGREE_LATITUDE
        lon_delta = self.km / (KM_PER_DEGREE_LATITUDE * math.cos(math.radians(self.latitude)))
        return (
            queryset.filter(
                latitude__range=(self.latitude - lat_delta, self.latitude + lat_delta),
                longitude__range=(self.longitude - lon_delta, self.longitude + lon_delta),
            )
            .alias(distance_sq=self.distance_sq())
            .filter(Q(distance_sq__lte=lat_delta * lat_delta))
        )

    def nearest_first(self, queryset: QuerySet[Vacancy]) -> QuerySet[Vacancy]:
        return queryset.alias(distance_order=self.distance_sq()).order_by(
            F("distance_order").asc(nulls_last=True), "-published_at", "-pk"
        )
