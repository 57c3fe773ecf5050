"""Test data for the figures: vacancies and responses at given moments, and the page's tables read back."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser
from typing import Any

import time_machine
from django.utils import timezone

from wijkbasis.accounts.tests.factories import UserFactory
from wijkbasis.areas.models import District, Organisation
from wijkbasis.volunteering import services
from wijkbasis.volunteering.models import Response, Vacancy
from wijkbasis.volunteering.tests.conftest import make_vacancy

TODAY = dt.datetime(2026, 3, 14, 12, 0, tzinfo=dt.UTC)


def moment(year: int, month: int, day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=timezone.get_current_timezone())


def organisation_of(municipality: Any) -> Organisation:
    organisation, _created = Organisation.objects.get_or_create(
        slug=f"buurtvereniging-{municipality.slug}",
        defaults={"municipality": municipality, "name": f"Buurtvereniging {municipality.name}"},
    )
    return organisation


def vacancy_in(district: District, *, published: dt.datetime, title: str = "Koffie schenken") -> Vacancy:
    with time_machine.travel(published, tick=False):
        return make_vacancy(
            organisation_of(district.municipality), title=title, districts=[district], volunteers_needed=100
        )


def respond(
    vacancy: Vacancy, at: dt.datetime, *, contact_after_days: float | None = None, placed: bool = False
) -> Response:
    with time_machine.travel(at, tick=False):
        response, _created = services.respond(
            vacancy=vacancy, respondent=services.Respondent(name="Iemand", phone="0575 000 321")
        )
    if contact_after_days is not None:
        broker = UserFactory()
        with time_machine.travel(at + dt.timedelta(days=contact_after_days), tick=False):
            services.move_response(response=response, to_status=Response.Status.CONTACTED, by=broker)
            if placed:
                services.move_response(response=response, to_status=Response.Status.PLACED, by=broker)
    return response


class _Tables(HTMLParser):
    """Every <table> of a page: its caption, header cells and rows of cell texts (bars left out)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict[str, Any]] = []
        self._text: list[str] | None = None
        self._in_svg = 0
        self._row: list[str] | None = None
        self._in_head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "svg":
            self._in_svg += 1
        elif tag == "table":
            self.tables.append({"caption": "", "header": [], "rows": []})
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr":
            self._row = []
        elif tag in ("th", "td", "caption"):
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self._in_svg -= 1
        elif tag == "thead":
            self._in_head = False
        elif tag == "caption" and self._text is not None:
            self.tables[-1]["caption"] = " ".join("".join(self._text).split())
            self._text = None
        elif tag in ("th", "td") and self._text is not None and self._row is not None:
            self._row.append(" ".join("".join(self._text).split()))
            self._text = None
        elif tag == "tr" and self._row is not None:
            if self._in_head:
                self.tables[-1]["header"] = self._row
            else:
                self.tables[-1]["rows"].append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._text is not None and not self._in_svg:
            self._text.append(data)


def page_tables(response: Any) -> list[dict[str, Any]]:
    parser = _Tables()
    parser.feed(response.content.decode())
    return parser.tables


def column(table: dict[str, Any], name: str) -> dict[str, str]:
    """One column of a page table by its header: row label → text."""
    index = table["header"].index(name)
    return {row[0]: row[index] for row in table["rows"]}
