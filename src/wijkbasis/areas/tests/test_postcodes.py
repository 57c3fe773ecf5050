"""Postcode → wijk: normalising, Locatieserver (recorded answers), caching, offline."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from wijkbasis.areas.models import PostcodeArea
from wijkbasis.areas.postcodes import LookupStatus, format_postcode, lookup_postcode, normalise_postcode


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("7201AB", "7201AB"),
        ("7201 ab", "7201AB"),
        ("  7201  AB ", "7201AB"),
        ("7201-ab", "7201AB"),
        ("7201", "7201"),
        (" 7201 ", "7201"),
        ("0201AB", None),  # no postcode starts with 0
        ("720AB", None),
        ("72011AB", None),
        ("7201 A", None),
        ("7201 SS", None),  # SA, SD and SS are not used
        ("7201 SA", None),
        ("abc", None),
        ("", None),
        ("7201AB; DROP TABLE", None),
        ("٧٢٠١AB", None),  # Arabic-Indic digits are not a Dutch postcode
    ],
)
def test_normalise_postcode(raw: str, expected: str | None) -> None:
    assert normalise_postcode(raw) == expected


def test_format_postcode() -> None:
    assert format_postcode("7201AB") == "7201 AB"
    assert format_postcode("7201") == "7201"


pytestmark = pytest.mark.django_db


def test_recorded_locatieserver_answer_leads_to_the_right_wijk(zutphen: Any, locatieserver: Any) -> None:
    result = lookup_postcode("7201AB")

    assert result.status == LookupStatus.FOUND
    assert result.district is not None and result.district.code == "WK030100"
    assert [buurt.name for buurt in result.neighbourhoods] == ["Stadskern"]
    request = locatieserver.requests[0]
    assert request.url.params["q"] == "postcode:7201AB"
    assert request.url.params["fq"] == "type:postcode"


def test_answers_are_cached_in_the_database(zutphen: Any, locatieserver: Any) -> None:
    lookup_postcode("7232CD")
    stored = PostcodeArea.objects.get(postcode="7232CD")
    assert (stored.neighbourhood_code, stored.district_code, stored.municipality_code) == (
        "BU03010500",
        "WK030105",
        "GM0301",
    )
    assert stored.source == PostcodeArea.Source.LOCATIESERVER

    second = lookup_postcode("7232CD")

    assert second.district is not None and second.district.name == "Warnsveld"
    assert len(locatieserver.requests) == 1


def test_stale_answers_are_asked_again(zutphen: Any, locatieserver: Any) -> None:
    with time_machine.travel(timezone.now() - dt.timedelta(days=400)):
        lookup_postcode("7201AB")
    lookup_postcode("7201AB")
    assert len(locatieserver.requests) == 2
    assert PostcodeArea.objects.filter(postcode="7201AB").count() == 1


def test_pc4_in_two_wijken_offers_a_choice(zutphen: Any, locatieserver: Any) -> None:
    result = lookup_postcode("7203")

    assert result.status == LookupStatus.FOUND
    assert result.district is None
    assert [district.code for district in result.districts] == ["WK030101", "WK030102"]
    assert locatieserver.requests[0].url.params["q"] == "postcode:7203*"


def test_pc4_with_more_documents_than_one_page_reads_every_page(zutphen: Any, locatieserver: Any) -> None:
    result = lookup_postcode("7206")

    assert [district.name for district in result.districts] == ["Zuidwijken", "Leesten"]
    assert [request.url.params["start"] for request in locatieserver.requests] == ["0", "100"]


def test_postcode_in_another_municipality(zutphen: Any, locatieserver: Any) -> None:
    result = lookup_postcode("7411AB")
    assert result.status == LookupStatus.OUTSIDE
    assert result.other_municipalities == ["Deventer"]
    assert PostcodeArea.objects.get(postcode="7411AB").municipality_code == "GM0150"


def test_postcode_that_does_not_exist(zutphen: Any, locatieserver: Any) -> None:
    result = lookup_postcode("9999ZZ")
    assert result.status == LookupStatus.UNKNOWN
    assert PostcodeArea.objects.filter(postcode="9999ZZ", neighbourhood_code="").exists()


def test_offline_without_a_cached_answer_is_unavailable_not_a_guess(zutphen: Any) -> None:
    result = lookup_postcode("7201AB")
    assert result.status == LookupStatus.UNAVAILABLE
    assert result.districts == []
    assert not PostcodeArea.objects.exists()


def test_offline_with_a_stale_answer_uses_it(zutphen: Any, locatieserver: Any, monkeypatch: Any) -> None:
    with time_machine.travel(timezone.now() - dt.timedelta(days=400)):
        lookup_postcode("7201AB")
    monkeypatch.setattr("wijkbasis.areas.postcodes._transport", lambda: _broken_transport())

    result = lookup_postcode("7201AB")

    assert result.status == LookupStatus.FOUND


def _broken_transport() -> Any:
    import httpx

    return httpx.MockTransport(lambda request: httpx.Response(503, text="Service Unavailable"))


def test_unreadable_answer_counts_as_unavailable(zutphen: Any, monkeypatch: Any) -> None:
    import httpx

    monkeypatch.setattr(
        "wijkbasis.areas.postcodes._transport",
        lambda: httpx.MockTransport(lambda request: httpx.Response(200, text="<html>maintenance</html>")),
    )
    assert lookup_postcode("7201AB").status == LookupStatus.UNAVAILABLE


def test_lookup_switched_off_uses_only_the_database(zutphen: Any, locatieserver: Any, settings: Any) -> None:
    settings.POSTCODE_LOOKUP_ONLINE = False
    assert lookup_postcode("7201AB").status == LookupStatus.UNAVAILABLE
    assert locatieserver.requests == []


def test_a_stranger_cannot_make_us_ask_locatieserver_more_than_once_a_day(
    client: Any, zutphen: Any, monkeypatch: Any
) -> None:
    """Unknown and failed answers are kept for a day too: repeating a search with a postcode,
    anonymously, asks Locatieserver once per postcode per day."""
    import httpx

    asked: list[str] = []

    def down(request: httpx.Request) -> httpx.Response:
        asked.append(request.url.params["q"])
        raise httpx.ConnectError("down", request=request)

    monkeypatch.setattr("wijkbasis.areas.postcodes._transport", lambda: httpx.MockTransport(down))
    for _ in range(3):
        assert client.get("/vrijwilligerswerk/", {"postcode": "7206 AB"}).status_code == 200
    assert asked == ["postcode:7206AB"]
    with time_machine.travel(timezone.now() + dt.timedelta(days=1, minutes=1)):
        client.get("/vrijwilligerswerk/", {"postcode": "7206 AB"})
    assert len(asked) == 2


def test_no_such_postcode_is_asked_again_after_a_day_not_every_time(zutphen: Any, locatieserver: Any) -> None:
    lookup_postcode("9999ZZ")
    lookup_postcode("9999ZZ")
    assert len(locatieserver.requests) == 1
    with time_machine.travel(timezone.now() + dt.timedelta(days=1, minutes=1)):
        lookup_postcode("9999ZZ")
    assert len(locatieserver.requests) == 2
