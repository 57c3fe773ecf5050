""" "Mijn gegevens", "Wie keek naar mijn gegevens", "Verwijder mijn account" and the staff's
"Wat ik opende" in a real browser at 320 and 1280 px, with axe, for a resident with a typical
history. Screenshots go to /tmp/my-data-shots/ (to look at, not compared), with the PDF's
pages drawn by the browser from the same print template."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from conftest import assert_no_axe_violations, browser_login
from django.template.loader import render_to_string

from wijkbasis.accounts import services
from wijkbasis.accounts.models import User
from wijkbasis.accounts.tests.factories import staff_user
from wijkbasis.accounts.tests.test_my_data import _typical_resident
from wijkbasis.areas.models import NeighbourhoodTeam, Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(tempfile.gettempdir()) / "my-data-shots"


@pytest.mark.parametrize("width", [1280, 320])
def test_my_data_pages_read_well(page: Any, live_server: Any, zutphen: Any, width: int) -> None:
    team = NeighbourhoodTeam.objects.get(slug="waterkwartier")
    broker = staff_user(team, name="Abdi Warsame")
    organisation = Organisation.objects.create(municipality=zutphen, name="Buurtkeuken De Pan", slug="de-pan")
    user: User = _typical_resident(team, broker, organisation)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})

    browser_login(page, live_server, user)
    for name, path in {
        "my-data": "/mijn/gegevens/",
        "who-looked": "/mijn/wie-keek/",
        "erase": "/mijn/verwijderen/",
    }.items():
        page.goto(live_server.url + path)
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
        assert_no_axe_violations(page, label=f"{path} at {width}px")
        # Nothing is wider than the screen.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    main = page.locator("main").inner_text()
    assert "Wat we moeten bewaren" in main or "What we must keep" in main

    page.goto(live_server.url + "/mijn/wie-keek/")
    text = page.locator("main").inner_text()
    assert "Abdi Warsame" in text and "Buurtkeuken De Pan" in text
    assert "volunteering." not in text and "127.0.0.1" not in text

    if width == 1280:
        # The PDF's template, drawn by the browser at A4 width, to look at.
        html = render_to_string("accounts/my_data_print.html", {"export": services.export_personal_data(user=user)})
        page.set_viewport_size({"width": 794, "height": 1123})
        page.set_content(html)
        page.screenshot(path=str(SHOTS / "pdf-template.png"), full_page=True)

    page.context.clear_cookies()
    browser_login(page, live_server, broker)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/werkplek/mijn-toegang/")
    page.screenshot(path=str(SHOTS / f"my-accesses-{width}.png"), full_page=True)
    assert_no_axe_violations(page, label=f"my accesses at {width}px")
    assert "Hodan Ali" in page.locator("main").inner_text()


@pytest.mark.parametrize("width", [1280, 320])
def test_offline_the_profile_asks_for_the_wijk(page: Any, live_server: Any, zutphen: Any, width: int) -> None:
    from wijkbasis.accounts.tests.factories import UserFactory

    user = UserFactory(name="Hodan Ali")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    browser_login(page, live_server, user)
    page.goto(live_server.url + "/mijn/")
    page.get_by_role("textbox", name="Postcode").fill("7201 AB")
    page.get_by_role("button", name="Opslaan").click()
    # Offline (as every test): the same form asks for the wijk, with what was typed.
    wijk = page.get_by_role("combobox")
    assert page.get_by_role("textbox", name="Postcode").input_value() == "7201 AB"
    page.screenshot(path=str(SHOTS / f"profile-asks-wijk-{width}.png"), full_page=True)
    assert_no_axe_violations(page, label=f"profile asking for the wijk at {width}px")
    wijk.select_option(label="Waterkwartier")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url("**/mijn/")
    text = page.locator("main").inner_text()
    assert "Waterkwartier" in text
    page.screenshot(path=str(SHOTS / f"profile-saved-wijk-{width}.png"), full_page=True)
    assert_no_axe_violations(page, label=f"profile with its wijk at {width}px")
