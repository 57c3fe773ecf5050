"""The municipality's figures page and its downloads: who sees what, the period, bad input,
suppression as the reader sees it, and CSV and XLSX holding exactly what the page shows."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest
import time_machine
from conftest import login, page_text
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import load_workbook

from wijkbasis.accounts.models import MunicipalityViewer, Resident, User
from wijkbasis.accounts.tests.factories import ResidentFactory, UserFactory, staff_user
from wijkbasis.areas.models import District, NeighbourhoodTeam, TeamMember
from wijkbasis.areas.tests.factories import DistrictFactory, MunicipalityFactory, TeamFactory
from wijkbasis.core.models import AccessLogEntry
from wijkbasis.reporting.tests.helpers import TODAY, column, moment, page_tables, respond, vacancy_in

pytestmark = pytest.mark.django_db


def nl(message: str) -> str:
    """A message as a Dutch reader gets it (the msgid until it is translated)."""
    with translation.override("nl"):
        return translation.gettext(message)


@pytest.fixture(autouse=True)
def today() -> Any:
    with time_machine.travel(TODAY, tick=False) as traveller:
        yield traveller


@pytest.fixture
def viewer(zutphen: Any) -> User:
    user = UserFactory()
    MunicipalityViewer.objects.create(user=user, municipality=zutphen)
    return user


def district(code: str) -> District:
    return District.objects.get(code=code)


WATERKWARTIER, NOORDVEEN, LEESTEN = "WK030101", "WK030102", "WK030104"


# ---------------------------------------------------------------------------
# Who sees what


def test_each_role_sees_the_municipalities_it_may_see(zutphen: Any, viewer: User) -> None:
    elsewhere = MunicipalityFactory(name="Proefstad")
    DistrictFactory(municipality=elsewhere, name="Proefwijk Noord")
    lead_elsewhere = staff_user(TeamFactory(municipality=elsewhere), role=TeamMember.Role.TEAM_LEAD)
    lead_here = staff_user(NeighbourhoodTeam.objects.get(slug="waterkwartier"), role=TeamMember.Role.TEAM_LEAD)
    administrator = UserFactory(is_staff=True, is_superuser=True)

    def headings(user: User) -> list[str]:
        html = login(Client(), user).get("/cijfers/").content.decode()
        return re.findall(r'<h2 class="utrecht-heading-2" id="gemeente-[^"]+">([^<]+)</h2>', html)

    assert headings(viewer) == ["Zutphen"]
    assert headings(lead_here) == ["Zutphen"]
    assert headings(lead_elsewhere) == ["Proefstad"]
    assert sorted(headings(administrator)) == ["Proefstad", "Zutphen"]

    broker = staff_user(NeighbourhoodTeam.objects.get(slug="waterkwartier"))
    for path in ("/cijfers/", "/cijfers/cijfers.csv", "/cijfers/cijfers.xlsx"):
        assert login(Client(), broker).get(path).status_code == 404
        assert login(Client(), UserFactory()).get(path).status_code == 404
        anonymous = Client().get(path)
        assert anonymous.status_code == 302 and anonymous["Location"].startswith("/account/login/")
        assert login(Client(), viewer).post(path).status_code == 405


def test_start_sends_a_municipality_viewer_to_the_figures(viewer: User) -> None:
    assert login(Client(), viewer).get("/start/")["Location"] == "/cijfers/"


def test_the_figures_write_nothing_to_the_access_log(client: Client, viewer: User) -> None:
    ResidentFactory.create_batch(6, district=district(LEESTEN))
    before = AccessLogEntry.objects.count()
    login(client, viewer)
    client.get("/cijfers/")
    client.get("/cijfers/cijfers.csv")
    assert AccessLogEntry.objects.count() == before  # counts only: nobody's data was seen


# ---------------------------------------------------------------------------
# What the page shows


def test_small_resident_counts_cannot_be_worked_out_from_the_total(client: Client, viewer: User) -> None:
    """The old page showed Waterkwartier <5 next to its total: 10 - 7 = 3."""
    Resident.objects.all().delete()
    ResidentFactory.create_batch(3, district=district(WATERKWARTIER), name="Geheime Naam")
    ResidentFactory.create_batch(7, district=district(LEESTEN), name="Geheime Naam")
    login(client, viewer)
    response = client.get("/cijfers/")
    residents = column(page_tables(response)[0], nl("Residents (today)"))
    assert residents["Waterkwartier"] == "<5"
    assert residents["Leesten"] == "x"  # hidden too, or 10 - 7 gives it away
    assert residents["Noordveen"] == "0"
    assert residents[nl("Total")] == "10"
    text = page_text(response)
    assert nl("<5 means 1 to 4 and x means hidden, so that small numbers cannot be worked out from the totals.") in text
    assert "Geheime Naam" not in text


@pytest.fixture
def volunteering(zutphen: Any) -> None:
    """Waterkwartier: one response in January. Leesten: 6 in January (5 contacted after two
    days, 2 of them placed) and 7 in February."""
    water = vacancy_in(district(WATERKWARTIER), published=moment(2026, 1, 2))
    leesten = vacancy_in(district(LEESTEN), published=moment(2026, 1, 2), title="Boodschappen doen")
    respond(water, moment(2026, 1, 10))
    for day in range(5):
        respond(leesten, moment(2026, 1, 5 + day), contact_after_days=2, placed=day < 2)
    respond(leesten, moment(2026, 1, 20))
    for day in range(7):
        respond(leesten, moment(2026, 2, 2 + day))


def test_volunteering_per_wijk_with_totals(client: Client, viewer: User, volunteering: None) -> None:
    login(client, viewer)
    per_wijk, over_time = page_tables(client.get("/cijfers/"))
    assert per_wijk["caption"].startswith("Zutphen")
    responses = column(per_wijk, nl("Responses"))
    # 1 + 13 = 14: Waterkwartier's <5 is protected by hiding Leesten's 13.
    assert (responses["Waterkwartier"], responses["Leesten"], responses[nl("Total")]) == ("<5", "x", "14")
    assert responses["Noordveen"] == "0"
    placed = column(per_wijk, nl("Placed"))
    assert (placed["Leesten"], placed[nl("Total")], placed["Waterkwartier"]) == ("<5", "<5", "0")
    vacancies = column(per_wijk, nl("Vacancies online"))
    assert (vacancies["Waterkwartier"], vacancies["Leesten"], vacancies[nl("Total")]) == ("<5", "<5", "<5")
    median = column(per_wijk, nl("Days to contact (median)"))
    assert median["Leesten"] == "2,0"  # 5 contacted, each after two days
    assert median["Waterkwartier"] == "–"  # fewer than 5 with contact: not shown
    assert median[nl("Total")] == "2,0"

    # Over time: per month of this year so far, the same total for the whole period.
    months = column(over_time, nl("Responses"))
    assert list(months)[:2] == ["januari 2026", "februari 2026"]
    assert list(months)[2].startswith("maart 2026 (1 maart") and list(months)[3] == nl("Whole period")
    assert list(months.values()) == ["7", "7", "0", "14"]
    assert list(column(over_time, nl("Placed")).values()) == ["<5", "0", "0", "<5"]
    assert list(column(over_time, nl("Vacancies online")).values()) == ["<5", "<5", "<5", "<5"]
    # Bars beside the shown monthly numbers (7 and 7: both full), hidden from screen readers.
    html = client.get("/cijfers/").content.decode()
    assert html.count('<rect y="1" width="64" height="10"') == 2
    assert html.count('aria-hidden="true" focusable="false"><rect') >= 2


def test_the_period_filter_and_its_presets(client: Client, viewer: User, volunteering: None) -> None:
    login(client, viewer)
    page = client.get("/cijfers/")
    text = page_text(page)
    assert "1 januari 2026" in text and "14 maart 2026" in text  # this year so far
    assert 'href="?van=01-01-2025&amp;tot=31-12-2025"' in page.content.decode()  # last year
    assert 'href="?van=15-03-2025&amp;tot=14-03-2026"' in page.content.decode()  # the last 12 months
    assert 'href="?van=01-01-2026&amp;tot=14-03-2026" aria-current="true"' in page.content.decode()

    february = client.get("/cijfers/", {"van": "1-2-2026", "tot": "28-2-2026"})
    per_wijk = page_tables(february)[0]
    assert column(per_wijk, nl("Responses"))[nl("Total")] == "7"
    assert len(page_tables(february)) == 1  # one month: no table over time
    assert nl("Choose a period longer than one month to see how the figures changed over time.") in page_text(february)
    assert 'value="1-2-2026"' in february.content.decode()  # what was typed stays

    last_year = client.get("/cijfers/", {"van": "01-01-2025", "tot": "31-12-2025"})
    assert column(page_tables(last_year)[0], nl("Responses"))[nl("Total")] == "0"
    assert len(page_tables(last_year)[1]["rows"]) == 13  # twelve months and the whole year

    # A last day after today counts up to today; ISO dates work too.
    later = client.get("/cijfers/", {"van": "2026-01-01", "tot": "2026-12-31"})
    assert "14 maart 2026" in page_text(later)
    assert column(page_tables(later)[0], nl("Responses"))[nl("Total")] == "14"

    years = client.get("/cijfers/", {"van": "1-1-2020", "tot": "14-3-2026"})
    assert [row[0] for row in page_tables(years)[1]["rows"]][:2] == ["2020", "2021"]
    quarters = client.get("/cijfers/", {"van": "1-1-2025", "tot": "14-3-2026"})
    assert len(page_tables(quarters)[1]["rows"]) == 6  # five quarters and the whole period


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"van": "abc", "tot": "31-12-2026"}, "Fill in a date as day-month-year, for example 1-1-2026."),
        ({"van": "31-02-2026", "tot": "31-12-2026"}, "Fill in a date as day-month-year, for example 1-1-2026."),
        ({"van": "1-3-2026", "tot": "1-1-2026"}, "This date is before the first day."),
        ({"van": "1-1-1999", "tot": "1-1-2026"}, "Choose a date from 1-1-2000."),
        ({"van": "1-1-2027", "tot": "1-2-2027"}, "This date is in the future: there are no figures yet."),
        ({"van": "", "tot": "1-2-2026"}, "Fill in the first day of the period."),
        ({"van": "1-1-2026"}, "Fill in the last day of the period."),
        ({"van": "1-1-2026", "tot": "99-99-99999"}, "Fill in a date as day-month-year, for example 31-12-2026."),
    ],
)
def test_bad_dates_get_a_clear_message_and_keep_what_was_typed(
    client: Client, viewer: User, query: dict[str, str], message: str
) -> None:
    login(client, viewer)
    response = client.get("/cijfers/", query)
    assert response.status_code == 200
    assert nl(message) in page_text(response)
    assert page_tables(response) == []  # no figures for a period that is not one
    for value in query.values():
        if value:
            assert f'value="{value}"' in response.content.decode()
    assert client.get("/cijfers/cijfers.csv", query).status_code == 400


@pytest.mark.parametrize("value", ["\x00", "0-0-0", "1-1-10000", "-1-1-2026", "2026-1-1T00:00", "1" * 400])
def test_odd_input_is_never_an_error_of_ours(client: Client, viewer: User, value: str) -> None:
    login(client, viewer)
    for path in ("/cijfers/", "/cijfers/cijfers.csv", "/cijfers/cijfers.xlsx"):
        assert client.get(path, {"van": value, "tot": value}).status_code in (200, 400)


# ---------------------------------------------------------------------------
# Downloads: exactly what the page shows


def _csv_tables(content: bytes) -> list[dict[str, Any]]:
    assert content.startswith(b"\xef\xbb\xbf")  # a byte-order mark, for spreadsheet programs
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    tables: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    for row in rows:
        if not row:
            current = None
        elif current is None:
            current = {"caption": row[0], "header": None, "rows": []}
            tables.append(current)
        elif current["header"] is None:
            current["header"] = row
        elif len(row) == len(current["header"]):
            current["rows"].append(row)
    return tables


def _same(value: Any) -> Any:
    """A cell as a number where it is one (the page's "2,0" is XLSX's 2.0), else its text."""
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value).replace(",", "."))
    except ValueError:
        return str(value)


def _normalised(tables: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**table, "rows": [[_same(cell) for cell in row] for row in table["rows"]]} for table in tables]


def test_csv_and_xlsx_hold_exactly_what_the_page_shows(client: Client, viewer: User, volunteering: None) -> None:
    ResidentFactory.create_batch(3, district=district(NOORDVEEN))
    login(client, viewer)
    page = page_tables(client.get("/cijfers/"))
    assert len(page) == 2

    csv_response = client.get("/cijfers/cijfers.csv", {"van": "01-01-2026", "tot": "14-03-2026"})
    assert csv_response["Content-Type"].startswith("text/csv")
    assert 'filename="cijfers-2026-01-01-2026-03-14.csv"' in csv_response["Content-Disposition"]
    assert _csv_tables(csv_response.content) == page

    xlsx_response = client.get("/cijfers/cijfers.xlsx", {"van": "01-01-2026", "tot": "14-03-2026"})
    workbook = load_workbook(io.BytesIO(xlsx_response.content))
    sheets = []
    for sheet in workbook.worksheets:
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        header = [str(cell) for cell in rows[1]]
        body = [list(row) for row in rows[2:] if row[0] is not None and row[1] is not None]  # not the notes
        sheets.append({"caption": rows[0][0], "header": header, "rows": body})
    assert _normalised(sheets) == _normalised(page)
    # Shown numbers are numbers, hidden ones text.
    first = workbook.worksheets[0]
    values = {row[0].value: row[2].value for row in first.iter_rows(min_row=3) if row[0].value}
    assert values[nl("Total")] == 14 and values["Waterkwartier"] == "<5" and values["Leesten"] == "x"


def test_a_download_with_a_bad_period_explains_itself(client: Client, viewer: User) -> None:
    login(client, viewer)
    response = client.get("/cijfers/cijfers.xlsx", {"van": "morgen", "tot": "1-1-2026"})
    assert response.status_code == 400
    assert nl("Fill in a date as day-month-year, for example 1-1-2026.") in page_text(response)


# ---------------------------------------------------------------------------
# Queries


def _queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_data(client: Client, viewer: User, zutphen: Any) -> None:
    login(client, viewer)
    water = vacancy_in(district(WATERKWARTIER), published=moment(2026, 1, 2))
    leesten = vacancy_in(district(LEESTEN), published=moment(2026, 1, 2))
    for day in range(3):
        respond(water, moment(2026, 1, 5 + day), contact_after_days=1, placed=True)
    ResidentFactory.create_batch(3, district=district(NOORDVEEN))
    client.get("/cijfers/")  # warm caches (content types, translations)
    small = {path: _queries(client, path) for path in ("/cijfers/", "/cijfers/cijfers.csv", "/cijfers/cijfers.xlsx")}

    for index in range(27):
        vacancy = vacancy_in(district((WATERKWARTIER, LEESTEN, NOORDVEEN)[index % 3]), published=moment(2026, 1, 3))
        respond(vacancy, moment(2026, 2, 1 + index % 20), contact_after_days=2, placed=index % 2 == 0)
        respond(leesten, moment(2026, 3, 1 + index % 10))
    ResidentFactory.create_batch(30, district=district(LEESTEN))
    large = {path: _queries(client, path) for path in small}
    assert large == small
