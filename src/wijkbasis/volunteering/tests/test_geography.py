"""Where vacancies are and how far (geography.py): one midpoint of a wijk for vacancies and postcodes."""

from __future__ import annotations

from typing import Any

import pytest

from wijkbasis.areas.models import District, Place
from wijkbasis.volunteering.geography import Centre, district_midpoint, vacancy_point
from wijkbasis.volunteering.models import Vacancy
from wijkbasis.volunteering.tests.factories import VacancyFactory

pytestmark = pytest.mark.django_db


def test_a_vacancy_without_an_address_is_at_the_middle_of_its_wijk(organisation: Any) -> None:
    waterkwartier = District.objects.get(code="WK030101")
    midpoint = district_midpoint([waterkwartier])
    assert midpoint is not None
    vacancy = VacancyFactory(organisation=organisation, districts=[waterkwartier])
    assert (vacancy.latitude, vacancy.longitude) == midpoint
    # The same point a postcode in that wijk is measured from: distance 0.
    centre = Centre(postcode="7201AB", latitude=midpoint[0], longitude=midpoint[1], km=1)
    assert centre.distance_km(vacancy.latitude, vacancy.longitude) == 0
    assert list(centre.within(Vacancy.objects.all())) == [vacancy]


def test_a_place_gives_its_own_point_and_work_from_home_none(organisation: Any) -> None:
    place = Place.objects.get(slug="buurthuis-t-nut")
    place.latitude, place.longitude = 52.12, 6.22
    place.save()
    at_place = VacancyFactory(organisation=organisation, where=Vacancy.Where.PLACE, place=place, districts=[])
    assert vacancy_point(at_place) == (52.12, 6.22)
    home = VacancyFactory(organisation=organisation, where=Vacancy.Where.FROM_HOME, districts=[])
    assert vacancy_point(home) is None and home.latitude is None


def test_two_wijken_have_one_point_inside_them_together(zutphen: Any) -> None:
    both = list(District.objects.filter(code__in=["WK030101", "WK030104"]))
    latitude, longitude = district_midpoint(both) or (0, 0)
    from shapely.geometry import Point, shape
    from shapely.ops import unary_union

    assert unary_union([shape(district.boundary) for district in both]).contains(Point(longitude, latitude))
    assert district_midpoint([District(name="Zonder grens")]) is None
