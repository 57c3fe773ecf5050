"""Importing CBS areas and key figures, and the CBS postcode file."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest

from wijkbasis.areas.models import District, Municipality, Neighbourhood, PostcodeArea
from wijkbasis.areas.services import AreaImportError, import_areas, import_postcodes

ZUTPHEN = Path(__file__).parents[1] / "data" / "zutphen"
PROEFDORP = Path(__file__).parent / "data" / "proefdorp"

pytestmark = pytest.mark.django_db


def test_zutphen_import_has_all_six_wijken_with_real_key_figures() -> None:
    summary = import_areas(ZUTPHEN)

    assert summary.districts_created == 6
    assert summary.neighbourhoods_created == 31
    zutphen = Municipality.objects.get(code="GM0301")
    assert zutphen.name == "Zutphen"
    assert zutphen.key_figures["aantal_inwoners"] == 48752
    names = list(District.objects.order_by("code").values_list("name", flat=True))
    assert names == ["Centrum - De Hoven", "Waterkwartier", "Noordveen", "Zuidwijken", "Leesten", "Warnsveld"]
    waterkwartier = District.objects.get(code="WK030101")
    # From kerncijfers_2024_pdok.csv and kerncijfers_2024_cbs85984ned.csv
    assert waterkwartier.key_figures["aantal_inwoners"] == 9865
    assert waterkwartier.key_figures["aantal_huishoudens"] == 5105
    assert waterkwartier.key_figures["gem_huishoudensgrootte"] == 1.9
    assert waterkwartier.key_figures["woningvoorraad"] == 5146
    assert waterkwartier.key_figures_year == 2024
    assert waterkwartier.key_figures_source == "CBS, Kadaster"
    assert waterkwartier.boundary is not None and waterkwartier.boundary["type"] in ("Polygon", "MultiPolygon")
    assert waterkwartier.slug == "waterkwartier"
    assert Neighbourhood.objects.get(code="BU03010105").name == "Staatsliedenbuurt"
    assert Neighbourhood.objects.get(code="BU03010105").district == waterkwartier


def test_import_is_idempotent_and_keeps_slugs() -> None:
    import_areas(ZUTPHEN)
    District.objects.filter(code="WK030101").update(slug="het-waterkwartier")

    summary = import_areas(ZUTPHEN)

    assert (summary.districts_created, summary.districts_updated) == (0, 6)
    assert (summary.neighbourhoods_created, summary.neighbourhoods_updated) == (0, 31)
    assert District.objects.count() == 6
    assert Neighbourhood.objects.count() == 31
    assert District.objects.get(code="WK030101").slug == "het-waterkwartier"


def test_import_reports_progress() -> None:
    messages: list[str] = []
    import_areas(ZUTPHEN, progress=messages.append)
    assert any("Waterkwartier" in message for message in messages)
    assert any("31" in message for message in messages)


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "zutphen"
    shutil.copytree(ZUTPHEN, target)
    return target


@pytest.mark.parametrize(
    ("file", "content", "message"),
    [
        ("wijken_2024.geojson", "{not json", "is geen leesbare GeoJSON"),
        ("buurten_2024.csv", "buurtcode,buurtnaam,wijkcode\nBU0301,Kort,WK030100\n", "is geen CBS-buurtcode"),
        (
            "buurten_2024.csv",
            "buurtcode,buurtnaam,wijkcode\nBU03019999,Zwerfbuurt,WK030199\n",
            "staat niet in het wijkenbestand",
        ),
        (
            "kerncijfers_2024_pdok.csv",
            "niveau,code,naam,aantal_inwoners\nwijk,WK030100,Centrum,veel\n",
            "is geen getal",
        ),
    ],
)
def test_a_bad_file_gives_a_clear_error_and_changes_nothing(
    tmp_path: Path, file: str, content: str, message: str
) -> None:
    directory = _copy(tmp_path)
    (directory / file).write_text(content)

    with pytest.raises(AreaImportError, match=message):
        import_areas(directory)

    assert not Municipality.objects.exists()
    assert not District.objects.exists()


def test_a_bad_file_on_reimport_leaves_the_earlier_import_intact(tmp_path: Path) -> None:
    import_areas(ZUTPHEN)
    directory = _copy(tmp_path)
    figures = (directory / "kerncijfers_2024_pdok.csv").read_text().replace("9865", "9999")
    (directory / "kerncijfers_2024_pdok.csv").write_text(figures)
    (directory / "buurten_2024.csv").write_text("buurtcode,buurtnaam,wijkcode\nXX,Fout,WK030100\n")

    with pytest.raises(AreaImportError):
        import_areas(directory)

    assert District.objects.get(code="WK030101").key_figures["aantal_inwoners"] == 9865


def test_self_crossing_boundary_is_refused(tmp_path: Path) -> None:
    directory = _copy(tmp_path)
    collection = json.loads((directory / "wijken_2024.geojson").read_text())
    collection["features"][0]["geometry"] = {
        "type": "Polygon",
        "coordinates": [[[6.0, 52.0], [6.1, 52.1], [6.1, 52.0], [6.0, 52.1], [6.0, 52.0]]],
    }
    (directory / "wijken_2024.geojson").write_text(json.dumps(collection))

    with pytest.raises(AreaImportError, match="snijdt zichzelf"):
        import_areas(directory)


def test_folder_without_wijken_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(AreaImportError, match=r"geen bestand wijken_<jaar>\.geojson"):
        import_areas(tmp_path)


def test_second_municipality_from_its_own_files() -> None:
    import_areas(ZUTPHEN)
    import_areas(PROEFDORP)

    assert set(Municipality.objects.values_list("code", flat=True)) == {"GM0301", "GM9999"}
    dorpskern = District.objects.get(code="WK999900")
    assert dorpskern.municipality.name == "Proefdorp"
    assert dorpskern.name == "Dorpskern"
    assert dorpskern.key_figures["aantal_inwoners"] == 2500
    assert dorpskern.neighbourhoods.count() == 2
    assert District.objects.filter(municipality__code="GM0301").count() == 6


# --- CBS postcode file ------------------------------------------------------------

CBS_POSTCODES = (
    "PC6;Huisnummer;Buurt2024;Wijk2024;Gemeente2024\n"
    "7201AB;1;3010000;30100;301\n"
    "7201AB;3;3010000;30100;301\n"
    "7201AC;2;3010001;30100;301\n"
    "7203AA;10;3010101;30101;301\n"
    "7203AA;12;3010200;30102;301\n"
    "7411AB;5;1500000;15000;150\n"
    "7400AA;1;1500000;15000;150\n"
)


def test_postcode_file_import_keeps_our_postcodes_with_address_counts(tmp_path: Path) -> None:
    import_areas(ZUTPHEN)
    path = tmp_path / "pc6hnr20240801_gwb.csv"
    path.write_text(CBS_POSTCODES)

    summary = import_postcodes(path)

    assert summary.lines == 7
    assert summary.skipped_other_municipalities == 2
    stadskern = PostcodeArea.objects.get(postcode="7201AB")
    assert (stadskern.neighbourhood_code, stadskern.district_code, stadskern.address_count) == (
        "BU03010000",
        "WK030100",
        2,
    )
    assert stadskern.source == PostcodeArea.Source.CBS_FILE
    assert set(PostcodeArea.objects.filter(postcode="7203AA").values_list("district_code", flat=True)) == {
        "WK030101",
        "WK030102",
    }
    assert PostcodeArea.objects.filter(postcode="7201").count() == 2  # PC4 over two buurten
    assert not PostcodeArea.objects.filter(postcode__in=["7411AB", "7411", "7400"]).exists()


def test_postcode_file_import_reads_the_zip_cbs_publishes(tmp_path: Path) -> None:
    import_areas(ZUTPHEN)
    path = tmp_path / "2024-cbs-pc6huisnr20240801_buurt.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("pc6hnr20240801_gwb.csv", CBS_POSTCODES)

    import_postcodes(path)

    assert PostcodeArea.objects.filter(postcode="7201AC", neighbourhood_code="BU03010001").exists()


def test_postcode_file_import_replaces_earlier_answers_and_is_idempotent(tmp_path: Path) -> None:
    import_areas(ZUTPHEN)
    path = tmp_path / "pc6.csv"
    path.write_text(CBS_POSTCODES)
    import_postcodes(path)
    import_postcodes(path)
    assert PostcodeArea.objects.filter(postcode="7201AB").count() == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("postcode;huisnummer\n7201AB;1\n", "geen kolom"),
        (
            "PC6;Huisnummer;Buurt2024;Wijk2024;Gemeente2024\n7201AB;1;3010000;30100;301\nABCDEF;1;3010000;30100;301\n",
            "is geen postcode",
        ),
        ("PC6;Huisnummer;Buurt2024;Wijk2024;Gemeente2024\n7201AB;1;x;30100;301\n", "is geen CBS-code"),
    ],
)
def test_bad_postcode_file_changes_nothing(tmp_path: Path, content: str, message: str) -> None:
    import_areas(ZUTPHEN)
    path = tmp_path / "pc6.csv"
    path.write_text(content)
    with pytest.raises(AreaImportError, match=message):
        import_postcodes(path)
    assert not PostcodeArea.objects.exists()


def test_postcode_file_import_needs_areas_first(tmp_path: Path) -> None:
    path = tmp_path / "pc6.csv"
    path.write_text(CBS_POSTCODES)
    with pytest.raises(AreaImportError, match="import-areas"):
        import_postcodes(path)


def test_postcode_file_that_is_not_there(tmp_path: Path) -> None:
    import_areas(ZUTPHEN)
    with pytest.raises(AreaImportError, match="is geen bestand"):
        import_postcodes(tmp_path / "missing.csv")


def test_selectors_for_reports_give_plain_figures_and_teams(zutphen: Any) -> None:
    from wijkbasis.areas import selectors

    figures = selectors.district_figures("GM0301")
    assert [row.code for row in figures] == sorted(row.code for row in figures)
    waterkwartier = next(row for row in figures if row.code == "WK030101")
    assert waterkwartier.figures["aantal_inwoners"] > 0 and waterkwartier.year
    assert waterkwartier.team_names == ("Sociaal wijkteam Waterkwartier",)
    assert [team.slug for team in selectors.teams_serving("WK030105")] == ["zuidwijken-warnsveld-leesten"]
    assert selectors.teams_serving("WK999999") == []
