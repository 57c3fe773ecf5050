"""A place always says how to reach it or its team: its own phone and e-mail, else the team that
runs it, else the team of its wijk (else of its municipality)."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import page_text
from django.test import Client

from wijkbasis.areas.models import District, NeighbourhoodTeam, Place

pytestmark = pytest.mark.django_db


def test_the_kinderboerderij_says_how_to_reach_it(client: Client, zutphen: Any) -> None:
    """The finding: 'Bel of mail om het te vragen' with no phone, e-mail or team on the page."""
    place = Place.objects.get(slug="kinderboerderij-waterkwartier")
    response = client.get(place.get_absolute_url())
    html = response.content.decode()
    assert 'href="tel:' in html or 'href="mailto:' in html


def _place(zutphen: Any, **values: Any) -> Place:
    return Place.objects.create(
        municipality=zutphen, name="Proefplek", slug="proefplek", kind="meeting_place", **values
    )


def test_a_place_with_its_own_phone_shows_it(client: Client, zutphen: Any) -> None:
    place = _place(zutphen, phone="0575 000 777", district=District.objects.get(code="WK030101"))
    html = client.get(place.get_absolute_url()).content.decode()
    assert 'href="tel:+31575000777"' in html
    assert "no phone number or e-mail address of its own" not in page_text(client.get(place.get_absolute_url()))


def test_without_its_own_the_team_that_runs_it_then_the_wijks_team(client: Client, zutphen: Any) -> None:
    runs_it = NeighbourhoodTeam.objects.get(slug="zuidwijken-warnsveld-leesten")
    runs_it.phone, runs_it.email = "0575 000 555", "zuid@example.org"
    runs_it.save()
    waterkwartier = District.objects.get(code="WK030101")
    place = _place(zutphen, district=waterkwartier, managing_team=runs_it)
    html = client.get(place.get_absolute_url()).content.decode()
    assert 'href="tel:+31575000555"' in html and runs_it.get_absolute_url() in html

    place.managing_team = None
    place.save()
    wijk_team = NeighbourhoodTeam.objects.get(slug="waterkwartier")
    wijk_team.phone, wijk_team.email = "0575 000 444", ""
    wijk_team.save()
    html = client.get(place.get_absolute_url()).content.decode()
    assert 'href="tel:+31575000444"' in html and wijk_team.get_absolute_url() in html


def test_a_place_without_a_wijk_points_to_a_team_of_its_municipality(client: Client, zutphen: Any) -> None:
    place = _place(zutphen)
    html = client.get(place.get_absolute_url()).content.decode()
    team_urls = [team.get_absolute_url() for team in NeighbourhoodTeam.objects.filter(municipality=zutphen)]
    assert any(url in html for url in team_urls)
