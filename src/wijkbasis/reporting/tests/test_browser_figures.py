"""The figures page in a real browser, on a laptop and on a 320 px phone: axe on every state,
nothing wider than the screen, the period form by keyboard."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
import time_machine
from conftest import assert_no_axe_violations, browser_login
from django.utils import translation

from wijkbasis.accounts.models import MunicipalityViewer
from wijkbasis.accounts.tests.factories import ResidentFactory, UserFactory
from wijkbasis.areas.models import District
from wijkbasis.reporting.tests.helpers import TODAY, moment, respond, vacancy_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: Set REPORTING_SCREENSHOTS to a folder to keep a picture of each state.
SHOTS = os.environ.get("REPORTING_SCREENSHOTS", "")


def nl(message: str) -> str:
    with translation.override("nl"):
        return translation.gettext(message)


def shoot(page: Any, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("width", [1280, 320])
def test_the_figures_page_in_the_browser(page: Any, live_server: Any, zutphen: Any, width: int) -> None:
    with time_machine.travel(TODAY):  # 14 March 2026, for the server too
        check_the_figures_page(page, live_server, zutphen, width)


def check_the_figures_page(page: Any, live_server: Any, zutphen: Any, width: int) -> None:
    waterkwartier, leesten = District.objects.get(code="WK030101"), District.objects.get(code="WK030104")
    start = moment(2026, 1, 1, 9)
    water = vacancy_in(waterkwartier, published=start)
    other = vacancy_in(leesten, published=start, title="Boodschappen doen")
    respond(water, start + dt.timedelta(days=3))
    for day in range(20):
        respond(other, start + dt.timedelta(days=4 + day * 2), contact_after_days=1.5, placed=day % 3 == 0)
    ResidentFactory.create_batch(3, district=waterkwartier)
    ResidentFactory.create_batch(8, district=leesten)
    viewer = UserFactory()
    MunicipalityViewer.objects.create(user=viewer, municipality=zutphen)

    page.set_viewport_size({"width": width, "height": 900})
    browser_login(page, live_server, viewer)
    page.goto(live_server.url + "/cijfers/")
    main = page.locator("main")
    assert "Zutphen" in main.inner_text()
    assert "<5" in main.inner_text()
    assert_no_axe_violations(page, label=f"figures at {width}px")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shoot(page, f"figures-{width}")

    # A preset by keyboard-reachable link, then a wrong date typed in the form.
    page.get_by_role("link", name=nl("Last 12 months")).click()
    page.wait_for_url("**/cijfers/?van=*")
    assert_no_axe_violations(page, label=f"last 12 months at {width}px")

    page.get_by_role("textbox", name=nl("From")).fill("31-2-2026")
    page.get_by_role("button", name=nl("Show figures")).press("Enter")
    page.wait_for_load_state()
    assert nl("Fill in a date as day-month-year, for example 1-1-2026.") in main.inner_text()
    assert page.get_by_role("textbox", name=nl("From")).input_value() == "31-2-2026"
    assert_no_axe_violations(page, label=f"bad date at {width}px")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shoot(page, f"figures-error-{width}")

    with page.expect_download() as download:
        page.goto(live_server.url + "/cijfers/")
        page.get_by_role("link", name=nl("Download as CSV")).click()
    assert download.value.suggested_filename.endswith(".csv")
