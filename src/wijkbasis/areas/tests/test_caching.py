"""The public pages' cached parts (core/fragments.py): read from the cache while nothing changes,
rendered again after a change to what they show, per language, never with anyone's account."""

from __future__ import annotations

import gzip
from typing import Any

import pytest
from conftest import login, page_text
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wijkbasis.accounts.tests.factories import UserFactory
from wijkbasis.areas.models import District, NeighbourhoodTeam
from wijkbasis.areas.tests.factories import DistrictFactory, PlaceFactory, TeamFactory, TeamMemberFactory
from wijkbasis.core import fragments

pytestmark = pytest.mark.django_db


def _queries(client: Any, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def _team_and_its_first_wijk() -> tuple[NeighbourhoodTeam, District]:
    team = NeighbourhoodTeam.objects.filter(districts__isnull=False)[0]
    return team, team.districts.all()[0]


@pytest.mark.parametrize("page", ["home", "district", "team", "place", "municipality"])
def test_a_public_page_is_rendered_once_and_then_read_from_the_cache(client: Any, zutphen: Any, page: str) -> None:
    team, district = _team_and_its_first_wijk()
    paths = {
        "home": "/",
        "district": district.get_absolute_url(),
        "team": team.get_absolute_url(),
        "place": PlaceFactory(municipality=zutphen, district=district).get_absolute_url(),
        "municipality": zutphen.get_absolute_url(),
    }
    first = _queries(client, paths[page])
    again = _queries(client, paths[page])

    # The page itself (title, breadcrumbs, header) and two cache reads (version, part).
    assert again < first
    assert again <= 4


def test_a_change_to_a_team_shows_at_once_on_the_pages_that_name_it(client: Any, zutphen: Any) -> None:
    team, district = _team_and_its_first_wijk()
    assert team.name in page_text(client.get(district.get_absolute_url()))

    team.name = "Wijkteam Nieuwe Naam"
    team.save()

    assert "Wijkteam Nieuwe Naam" in page_text(client.get(district.get_absolute_url()))
    assert "Wijkteam Nieuwe Naam" in page_text(client.get(team.get_absolute_url()))


def test_a_new_wijk_a_new_member_and_a_changed_link_show_at_once(client: Any, zutphen: Any) -> None:
    client.get("/")
    team = TeamFactory(municipality=zutphen)
    client.get(team.get_absolute_url())

    DistrictFactory(municipality=zutphen, name="Gloednieuwe Wijk")
    TeamMemberFactory(team=team, name="Nieuwe Makelaar", is_public=True)
    team.districts.add(District.objects.get(name="Gloednieuwe Wijk"))  # many-to-many: its own signal

    assert "Gloednieuwe Wijk" in page_text(client.get("/"))
    team_page = page_text(client.get(team.get_absolute_url()))
    assert "Nieuwe Makelaar" in team_page and "Gloednieuwe Wijk" in team_page


def test_a_deleted_member_disappears(client: Any, zutphen: Any) -> None:
    team = TeamFactory(municipality=zutphen)
    member = TeamMemberFactory(team=team, name="Vertrekkende Makelaar", is_public=True)
    assert "Vertrekkende Makelaar" in page_text(client.get(team.get_absolute_url()))

    member.delete()

    assert "Vertrekkende Makelaar" not in page_text(client.get(team.get_absolute_url()))


def test_each_language_has_its_own_part(client: Any, zutphen: Any) -> None:
    district = District.objects.filter(teams__isnull=False)[0]
    dutch = page_text(client.get(district.get_absolute_url()))
    client.post("/taal/", {"language": "en", "next": "/"})
    english = page_text(client.get(district.get_absolute_url()))

    assert "Feiten en cijfers" in dutch
    assert "Facts and figures" in english and "Feiten en cijfers" not in english


def test_a_part_cached_for_a_visitor_leaves_the_header_personal(client: Any, zutphen: Any) -> None:
    district = District.objects.filter(teams__isnull=False)[0]
    anonymous = client.get(district.get_absolute_url()).content.decode()
    assert "Log out" not in page_text(client.get("/")) and "Uitloggen" not in anonymous

    login(client, UserFactory(name="Iemand Ingelogd"))
    logged_in = client.get(district.get_absolute_url()).content.decode()

    assert "Uitloggen" in logged_in
    # The cached part is the same for both: nothing of the account in it.
    part = anonymous[anonymous.index('id="team-titel"') : anonymous.index('id="poster-titel"')]
    assert part in logged_in


@pytest.fixture
def own_kinds(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test's kinds are declared in a copy of the registry, forgotten after the test."""
    monkeypatch.setattr(fragments, "_FOLLOWERS", {kind: set(f) for kind, f in fragments._FOLLOWERS.items()})


def _counting_render() -> tuple[list[int], Any]:
    renders: list[int] = []

    def render() -> str:
        renders.append(1)
        return f"<p>{len(renders)}</p>"

    return renders, render


def test_bump_makes_every_part_of_its_kind_render_again(own_kinds: None) -> None:
    fragments.declare("test")
    renders, render = _counting_render()

    assert fragments.cached_fragment("test", ["one"], render) == "<p>1</p>"
    assert fragments.cached_fragment("test", ["one"], render) == "<p>1</p>"
    fragments.bump("test")
    assert fragments.cached_fragment("test", ["one"], render) == "<p>2</p>"
    assert len(renders) == 2


def test_a_kind_that_follows_others_is_bumped_with_each_of_them_and_only_them(own_kinds: None) -> None:
    fragments.follows("test-both", "test-left", "test-right")
    fragments.declare("test-other")
    renders, render = _counting_render()

    assert fragments.cached_fragment("test-both", ["x"], render) == "<p>1</p>"
    fragments.bump("test-other")
    assert fragments.cached_fragment("test-both", ["x"], render) == "<p>1</p>"
    fragments.bump("test-left")
    assert fragments.cached_fragment("test-both", ["x"], render) == "<p>2</p>"
    fragments.bump("test-right")
    assert fragments.cached_fragment("test-both", ["x"], render) == "<p>3</p>"
    fragments.bump_all()
    assert fragments.cached_fragment("test-both", ["x"], render) == "<p>4</p>"


def test_an_undeclared_kind_is_refused_rather_than_kept_without_invalidation() -> None:
    with pytest.raises(ImproperlyConfigured):
        fragments.cached_fragment("misspelt", ["x"], lambda: "<p>never</p>")


def test_pages_are_compressed_with_gzip(client: Any, zutphen: Any) -> None:
    response = client.get("/", HTTP_ACCEPT_ENCODING="gzip, br")

    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content).decode()
    assert "De wijken van Zutphen" in html
    assert len(response.content) < len(html) / 2


def test_the_favicon_is_served_at_the_root(client: Any) -> None:
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
