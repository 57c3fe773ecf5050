"""Public pages, through the test client, on real templates."""

from __future__ import annotations

import io
import re
from typing import Any

import pypdfium2
import pytest
import zxingcpp
from conftest import found, page_text
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from wijkbasis.areas.models import District, Place, TeamMember
from wijkbasis.areas.tests.factories import (
    DistrictFactory,
    NeighbourhoodFactory,
    OpeningHoursFactory,
    PlaceFactory,
    TeamFactory,
    TeamMemberFactory,
    WalkInHoursFactory,
)

pytestmark = pytest.mark.django_db


def test_home_shows_a_map_with_every_wijk_as_a_named_link_and_a_list(client: Any, zutphen: Any) -> None:
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    for district in District.objects.all():
        url = district.get_absolute_url()
        assert f'<a class="wb-map__link" href="{url}" aria-label="{district.name}">' in html
        assert f'href="{url}">{district.name}</a></li>' in html
    assert html.count('<path class="wb-map__area') == 6
    assert "Perspectief Zutphen" in html
    assert 'name="postcode"' in html
    assert "Bron: CBS, Kadaster" in page_text(response)


def test_home_is_dutch_by_default_even_for_an_english_browser(client: Any, zutphen: Any) -> None:
    response = client.get("/", headers={"accept-language": "en-GB,en;q=0.9"})
    assert '<html lang="nl"' in response.content.decode()
    assert "Vul je postcode in" in page_text(response)


def test_language_switch_to_english_and_back(client: Any, zutphen: Any) -> None:
    response = client.post(reverse("set_language"), {"language": "en", "next": "/wijk/waterkwartier/"})
    assert response.status_code == 302
    assert response["Location"] == "/wijk/waterkwartier/"
    page = client.get("/wijk/waterkwartier/")
    assert '<html lang="en"' in page.content.decode()
    assert "Facts and figures" in page_text(page)
    client.post(reverse("set_language"), {"language": "nl", "next": "/"})
    assert "Feiten en cijfers" in page_text(client.get("/wijk/waterkwartier/"))


def test_postcode_leads_to_its_wijk(client: Any, zutphen: Any, locatieserver: Any) -> None:
    response = client.get("/postcode/", {"postcode": "7201 ab"})

    assert response.status_code == 302
    assert response["Location"] == "/wijk/centrum-de-hoven/?postcode=7201AB"
    page = client.get(response["Location"])
    assert "Postcode 7201 AB ligt in Stadskern" in page_text(page)
    assert len(locatieserver.requests) == 1  # the wijk page repeats the stored answer


def test_a_postcode_in_a_link_to_a_wijk_page_is_never_looked_up(client: Any, zutphen: Any, locatieserver: Any) -> None:
    page = client.get("/wijk/centrum-de-hoven/", {"postcode": "7201AB"})
    assert page.status_code == 200
    assert "Postcode 7201 AB ligt" not in page_text(page)
    assert locatieserver.requests == []


def test_postcode_with_htmx_redirects_the_browser(client: Any, zutphen: Any, locatieserver: Any) -> None:
    response = client.get("/postcode/", {"postcode": "7232CD"}, headers={"hx-request": "true"})
    assert response.status_code == 200
    assert response["HX-Redirect"] == "/wijk/warnsveld/?postcode=7232CD"


@pytest.mark.parametrize("postcode", ["abc", "0201AB", "7201 SS", "x" * 500, "7201ABX\x00"])
def test_malformed_postcode_gets_a_dutch_message_and_keeps_the_input(client: Any, zutphen: Any, postcode: str) -> None:
    response = client.get("/postcode/", {"postcode": postcode})

    assert response.status_code == 200
    page = page_text(response)
    html = response.content.decode()
    if len(postcode) <= 12 and "\x00" not in postcode:
        assert "Dit is geen Nederlandse postcode" in page
        assert f'value="{postcode}"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_postcode_helptext id_postcode_error"' in html


def test_empty_postcode_asks_for_one(client: Any, zutphen: Any) -> None:
    response = client.get("/postcode/", {"postcode": ""})
    assert "Vul je postcode in." in page_text(response)


def test_malformed_postcode_with_htmx_returns_the_finder_only(client: Any, zutphen: Any) -> None:
    response = client.get("/postcode/", {"postcode": "abc"}, headers={"hx-request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith("<section")
    assert "Dit is geen Nederlandse postcode" in html
    assert "autofocus" in html


def test_postcode_offline_asks_to_pick_the_wijk(client: Any, zutphen: Any) -> None:
    response = client.get("/postcode/", {"postcode": "7201AB"})
    assert response.status_code == 200
    page = page_text(response)
    assert "We kunnen postcode 7201 AB nu niet opzoeken" in page
    assert "Kies je wijk op de kaart of in de lijst" in page
    assert 'value="7201AB"' in response.content.decode()
    assert 'aria-label="Waterkwartier"' in response.content.decode()


def test_postcode_outside_the_municipality(client: Any, zutphen: Any, locatieserver: Any) -> None:
    response = client.get("/postcode/", {"postcode": "7411AB"})
    assert "Postcode 7411 AB ligt in Deventer" in page_text(response)


def test_postcode_that_does_not_exist(client: Any, zutphen: Any, locatieserver: Any) -> None:
    response = client.get("/postcode/", {"postcode": "9999ZZ"})
    assert "We kunnen postcode 9999 ZZ niet vinden" in page_text(response)


def test_pc4_in_two_wijken_lists_both(client: Any, zutphen: Any, locatieserver: Any) -> None:
    response = client.get("/postcode/", {"postcode": "7203"})
    page = page_text(response)
    assert "Postcode 7203 ligt in meer dan één wijk" in page
    assert 'href="/wijk/waterkwartier/"' in response.content.decode()
    assert 'href="/wijk/noordveen/"' in response.content.decode()


def test_postcode_page_without_a_query_shows_the_empty_form(client: Any, zutphen: Any) -> None:
    response = client.get("/postcode/")
    assert response.status_code == 200
    assert "aria-invalid" not in response.content.decode()


def test_wijk_page_shows_figures_team_members_and_places(client: Any, zutphen: Any) -> None:
    response = client.get("/wijk/waterkwartier/")

    assert response.status_code == 200
    page = page_text(response)
    assert "Waterkwartier" in page
    assert "Inwoners 9.865" in page
    assert "Huishoudens 5.105" in page
    assert "65 jaar en ouder 21%" in page
    assert "Cijfers over 2024. Bron: CBS, Kadaster." in page
    for buurt in ("Zeeheldenbuurt", "Staatsliedenbuurt", "Helbergen"):
        assert buurt in page
    assert "Sociaal wijkteam Waterkwartier" in page
    assert "Abdi Warsame" in page
    assert "Sociaal makelaar" in page
    assert "tel:+31575000409" in response.content.decode()
    assert "dinsdag 10:00–12:00" in page or "woensdag 10:00–12:00" in page
    assert "Hopwoning Waterkwartier" in page
    assert "Adres nog niet gecontroleerd (demodata)" in page


def test_wijk_page_unknown_slug_is_404(client: Any, zutphen: Any) -> None:
    response = client.get("/wijk/bestaat-niet/")
    assert response.status_code == 404
    assert "We kunnen deze pagina niet vinden" in page_text(response)


def test_wijk_page_ignores_a_bad_postcode_parameter(client: Any, zutphen: Any) -> None:
    response = client.get("/wijk/waterkwartier/", {"postcode": "<script>"})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<body", 1)[1]


def test_team_page(client: Any, zutphen: Any) -> None:
    response = client.get("/team/zuidwijken-warnsveld-leesten/")
    page = page_text(response)
    assert response.status_code == 200
    for name in ("Zuidwijken", "Leesten", "Warnsveld", "Noor Bakker", "Daan Visser", "Fleur de Wit"):
        assert name in page
    assert "Buurthuis 't Nut" in page or "Buurthuis &#x27;t Nut" in response.content.decode()


def test_team_member_page(client: Any, zutphen: Any) -> None:
    member = TeamMember.objects.get(slug="abdi-warsame")
    response = client.get(member.get_absolute_url())
    page = page_text(response)
    assert response.status_code == 200
    assert "Abdi Warsame" in page
    assert "Somalisch" in page
    assert "zaterdag 13:00–16:00" in page
    assert "Hopwoning Waterkwartier" in page


def test_hidden_team_member_is_not_public(client: Any, zutphen: Any) -> None:
    member = TeamMember.objects.get(slug="abdi-warsame")
    member.is_public = False
    member.save()
    assert client.get(member.get_absolute_url()).status_code == 404
    assert "Abdi Warsame" not in page_text(client.get("/wijk/waterkwartier/"))
    assert "Abdi Warsame" not in page_text(client.get("/plek/hopwoning-waterkwartier/"))


def test_place_page(client: Any, zutphen: Any) -> None:
    response = client.get("/plek/buurthuis-t-nut/")
    page = page_text(response)
    assert response.status_code == 200
    assert "Buurtuis" not in page
    assert "Warnsveld" in page
    assert "Openingstijden" in page
    assert "Daan Visser" in page  # walks in here


def test_place_with_a_checked_address(client: Any, zutphen: Any) -> None:
    place = PlaceFactory(municipality=zutphen, street="Houtmarkt", house_number="1", postcode="7201 KL")
    page = page_text(client.get(place.get_absolute_url()))
    assert "Houtmarkt 1, 7201 KL Zutphen" in page
    assert "niet gecontroleerd" not in page


def test_municipality_page(client: Any, zutphen: Any) -> None:
    response = client.get("/gemeente/zutphen/")
    assert response.status_code == 200
    assert page_text(response).count("Waterkwartier") >= 1


def test_qr_code_decodes_to_the_absolute_wijk_url(client: Any, zutphen: Any) -> None:
    response = client.get("/wijk/leesten/qr.png")
    assert response["Content-Type"] == "image/png"

    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(response.content)))

    assert [code.text for code in decoded] == ["http://testserver/wijk/leesten/"]


def test_qr_code_uses_the_configured_base_url(client: Any, zutphen: Any, settings: Any) -> None:
    settings.BASE_URL = "https://wijkbasis.example.nl"
    response = client.get("/wijk/leesten/qr.png?download")
    assert response["Content-Disposition"] == 'attachment; filename="qr-leesten.png"'
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(response.content)))
    assert decoded[0].text == "https://wijkbasis.example.nl/wijk/leesten/"


def test_qr_svg_is_an_svg_that_decodes(client: Any, zutphen: Any) -> None:
    response = client.get("/wijk/leesten/qr.svg")
    assert response["Content-Type"] == "image/svg+xml"
    svg = response.content.decode()
    assert svg.startswith("<?xml") and "<svg" in svg and "<title>Leesten</title>" in svg
    # Render the SVG through the same library WeasyPrint uses for the poster, then decode.
    import weasyprint

    png = weasyprint.HTML(string=f'<img src="data:image/svg+xml;utf8,{svg}">').write_pdf()
    assert png.startswith(b"%PDF")


def test_poster_pdf_names_the_team_members_and_carries_the_qr_code(client: Any, zutphen: Any) -> None:
    response = client.get("/wijk/waterkwartier/poster.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) >= 1
    assert abs(float(reader.pages[0].mediabox.width) - 595.28) < 1  # A4
    content = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert "Dit zijn jouw sociaal makelaars" in content
    for name in ("Samira El Amrani", "Thijs van Dijk", "Abdi Warsame"):
        assert name in content
    assert "http://testserver/wijk/waterkwartier/" in content


def test_qr_and_poster_read_only_what_they_show(client: Any, zutphen: Any) -> None:
    with CaptureQueriesContext(connection) as qr_queries:
        assert client.get("/wijk/waterkwartier/qr.svg").status_code == 200
    with CaptureQueriesContext(connection) as poster_queries:
        assert client.get("/wijk/waterkwartier/poster.pdf").status_code == 200
    tables = " ".join(query["sql"] for query in [*qr_queries.captured_queries, *poster_queries.captured_queries])
    assert 'FROM "areas_neighbourhood"' not in tables and "areas_openinghours" not in tables  # buurten, places
    assert len(qr_queries) == 1  # only the wijk


def test_the_qr_code_printed_on_the_poster_decodes_to_the_wijk_url(client: Any, zutphen: Any) -> None:
    response = client.get("/wijk/zuidwijken/poster.pdf")
    document = pypdfium2.PdfDocument(response.content)
    assert len(document) == 1, "the poster is one A4 page"
    page_image = document[0].render(scale=2).to_pil()

    decoded = zxingcpp.read_barcodes(page_image)

    assert [code.text for code in decoded] == ["http://testserver/wijk/zuidwijken/"]


@pytest.mark.parametrize("team_size", [8, 14, 22])
def test_a_big_team_still_fits_one_poster_page(client: Any, zutphen: Any, team_size: int) -> None:
    """Smaller type and more columns for bigger teams; e-mail addresses wrap at @ and dots only."""
    team = District.objects.get(code="WK030101").teams.get()
    for number in range(team_size - team.members.count()):
        member = TeamMemberFactory(
            team=team,
            name=f"Wilhelmina Oosterhuis-Vermeulen {number}",
            email=f"wilhelmina.oosterhuis{number}@perspectief.example.org",
        )
        WalkInHoursFactory(member=member)
    response = client.get("/wijk/waterkwartier/poster.pdf")
    document = pypdfium2.PdfDocument(response.content)
    assert len(document) == 1
    lines = document[0].get_textpage().get_text_range().splitlines()
    text = " ".join(lines)
    assert "Wilhelmina" in text and f"Vermeulen {team_size - 6}" in text
    assert not [line for line in lines if line.endswith(("perspectief.exa", "exampl", "perspecti"))]


def _member_card_counts(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_query_counts_do_not_grow_with_members_places_and_buurten(client: Any, zutphen: Any) -> None:
    district = District.objects.get(code="WK030101")
    team = district.teams.get()
    home_before = _member_card_counts(client, "/")
    wijk_before = _member_card_counts(client, district.get_absolute_url())
    team_before = _member_card_counts(client, team.get_absolute_url())

    for _ in range(10):
        member = TeamMemberFactory(team=team)
        place = PlaceFactory(municipality=zutphen, district=district, managing_team=team)
        WalkInHoursFactory(member=member, place=place)
        OpeningHoursFactory(place=place)
        NeighbourhoodFactory(district=district)
        DistrictFactory(municipality=zutphen)
    TeamFactory(municipality=zutphen, districts=[district])

    assert _member_card_counts(client, "/") == home_before
    assert _member_card_counts(client, district.get_absolute_url()) == wijk_before
    assert _member_card_counts(client, team.get_absolute_url()) == team_before
    assert Place.objects.filter(district=district).count() >= 12


def test_member_and_place_pages_query_counts_do_not_grow(client: Any, zutphen: Any) -> None:
    member = TeamMember.objects.get(slug="abdi-warsame")
    place = Place.objects.get(slug="hopwoning-waterkwartier")
    member_before = _member_card_counts(client, member.get_absolute_url())
    place_before = _member_card_counts(client, place.get_absolute_url())
    for _ in range(10):
        WalkInHoursFactory(member=member, place=place)
        WalkInHoursFactory(member=TeamMemberFactory(team=member.team), place=place)
        OpeningHoursFactory(place=place)
        member.team.districts.add(DistrictFactory(municipality=zutphen))
    assert _member_card_counts(client, member.get_absolute_url()) == member_before
    assert _member_card_counts(client, place.get_absolute_url()) == place_before


def test_two_municipalities_side_by_side_without_code_changes(client: Any, zutphen: Any) -> None:
    from pathlib import Path

    from wijkbasis.areas.models import Municipality, NeighbourhoodTeam
    from wijkbasis.areas.services import import_areas

    import_areas(Path(__file__).parent / "data" / "proefdorp")
    proefdorp = Municipality.objects.get(code="GM9999")
    proefdorp.organisation_name = "Welzijn Proefdorp"
    proefdorp.brand_colour = "#7a1f5c"
    proefdorp.save()
    team = NeighbourhoodTeam.objects.create(municipality=proefdorp, name="Dorpsteam", slug="dorpsteam")
    team.districts.set(proefdorp.districts.all())
    TeamMemberFactory(team=team, name="Dorp Makelaar", slug="dorp-makelaar")

    home = client.get("/")
    html = home.content.decode()
    assert "De wijken van Proefdorp" in page_text(home)
    assert "De wijken van Zutphen" in page_text(home)
    assert html.count('class="wb-map__link"') == 6 + 2

    dorpskern = client.get("/wijk/dorpskern/")
    page = page_text(dorpskern)
    assert "Welzijn Proefdorp" in page  # the header carries that municipality's organisation
    assert "#7a1f5c" in dorpskern.content.decode()
    assert "Dorp Makelaar" in page and "Inwoners 2.500" in page
    assert "Perspectief Zutphen" in page_text(client.get("/wijk/waterkwartier/"))
    assert client.get("/gemeente/proefdorp/").status_code == 200


def test_map_labels_sit_inside_the_map_in_any_language(client: Any, zutphen: Any) -> None:
    html = client.get("/").content.decode()
    width, height = map(float, found(r'class="wb-map__svg" viewBox="0 0 (\d+) (\d+)"', html).groups())
    labelled = found(r'<g class="wb-map__labels" aria-hidden="true">(.*?)</g>', html).group(1)
    labels = re.findall(r'<text x="([^"]+)" y="([^"]+)"', labelled)
    assert len(labels) == 6
    for x, y in labels:
        # Dutch number formatting would write 183,5 and break the SVG.
        assert 0 < float(x) < width and 0 < float(y) < height
