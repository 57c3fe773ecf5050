"""The staff workplace in a real browser: assisted intake by keyboard, axe on every page."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import assert_no_axe_violations, browser_login

from wijkbasis.accounts.models import MunicipalityViewer, OrganisationMembership, Resident
from wijkbasis.accounts.tests.factories import staff_user
from wijkbasis.areas.models import NeighbourhoodTeam, Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_assisted_intake_in_the_browser(page: Any, live_server: Any, zutphen: Any) -> None:
    broker = staff_user(NeighbourhoodTeam.objects.get(slug="waterkwartier"), name="Samira Test")
    browser_login(page, live_server, broker)

    page.goto(live_server.url + "/werkplek/")
    assert_no_axe_violations(page, label="werkplek")
    page.get_by_role("link", name="Iemand inschrijven").first.click()
    assert_no_axe_violations(page, label="intake form (empty)")

    # A first try without permission: errors in Dutch, input kept.
    page.get_by_role("textbox", name="Naam", exact=True).fill("Mevrouw Pieters")
    page.get_by_role("button", name="Inschrijven").click()
    assert "toestemming" in page.locator("main").inner_text().lower()
    assert page.get_by_role("textbox", name="Naam", exact=True).input_value() == "Mevrouw Pieters"
    assert_no_axe_violations(page, label="intake form with errors")

    page.get_by_role("textbox", name="Telefoon").fill("0575 000 888")
    page.get_by_role("checkbox", name="mag mijn gegevens bewaren").check()
    page.get_by_role("checkbox", name="contact met mij opnemen").check()
    page.get_by_role("radio", name="per telefoon").check()
    page.get_by_role("button", name="Inschrijven").click()
    page.wait_for_url("**/werkplek/inwoners/*/")
    assert "Mevrouw Pieters" in page.locator("h1").inner_text()
    assert_no_axe_violations(page, label="resident detail")
    resident = Resident.objects.get(name="Mevrouw Pieters")
    assert resident.consents.count() == 2

    page.goto(live_server.url + f"/werkplek/inwoners/{resident.pk}/wijzigen/")
    assert_no_axe_violations(page, label="resident edit")
    page.goto(live_server.url + "/werkplek/inwoners/?q=pieters")
    assert "Mevrouw Pieters" in page.locator("main").inner_text()
    assert_no_axe_violations(page, label="resident list")
    page.goto(live_server.url + "/werkplek/mijn-toegang/")
    assert_no_axe_violations(page, label="my accesses")


@pytest.mark.parametrize("width", [1280, 320])
def test_workplace_pages_have_no_axe_violations(page: Any, live_server: Any, zutphen: Any, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    lead = staff_user(NeighbourhoodTeam.objects.get(slug="waterkwartier"), role="team_lead")
    MunicipalityViewer.objects.create(user=lead, municipality=zutphen)
    organisation = Organisation.objects.create(municipality=zutphen, name="Voedselbank", slug="voedselbank")
    OrganisationMembership.objects.create(user=lead, organisation=organisation)
    resident = Resident.objects.create(
        name="Meneer Proef", phone="0575 000 999", source="assisted", district=zutphen.districts.get(code="WK030101")
    )
    browser_login(page, live_server, lead)
    for path in (
        "/werkplek/",
        "/werkplek/inwoners/",
        "/werkplek/inwoners/nieuw/",
        f"/werkplek/inwoners/{resident.pk}/",
        f"/werkplek/inwoners/{resident.pk}/wijzigen/",
        "/werkplek/mijn-toegang/",
        "/cijfers/",
        "/organisatie/",
    ):
        page.goto(live_server.url + path)
        assert_no_axe_violations(page, label=f"{path} at {width}px")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path


@pytest.mark.parametrize("width", [1280, 320])
def test_intake_warns_about_someone_already_known(page: Any, live_server: Any, zutphen: Any, width: int) -> None:
    import re
    import tempfile
    from pathlib import Path

    from wijkbasis.areas.models import District

    team = NeighbourhoodTeam.objects.get(slug="waterkwartier")
    broker = staff_user(team, name="Samira Test")
    known = Resident.objects.create(
        name="Hodan Ali", phone="0575 000 321", district=District.objects.get(code="WK030101"), source="assisted"
    )
    page.set_viewport_size({"width": width, "height": 900})
    browser_login(page, live_server, broker)
    page.goto(live_server.url + "/werkplek/inwoners/nieuw/")
    page.get_by_role("textbox", name="Naam", exact=True).fill("Hodan Ali")
    page.get_by_role("textbox", name="Telefoon").fill("0575 000 321")
    page.get_by_role("checkbox", name="mag mijn gegevens bewaren").check()
    page.get_by_role("radio", name="per telefoon").check()
    page.get_by_role("combobox", name="Wijk").select_option(label="Waterkwartier")
    page.get_by_role("button", name="Inschrijven").click()
    page.wait_for_load_state()
    shots = Path(tempfile.gettempdir()) / "werkplek-shots"
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / f"intake-look-alike-{width}.png"), full_page=True)
    assert_no_axe_violations(page, label=f"intake warning at {width}px")
    assert page.get_by_role("link", name="Hodan Ali").get_attribute("href") == f"/werkplek/inwoners/{known.pk}/"
    assert Resident.objects.count() == 1
    page.get_by_role("button", name=re.compile("Save anyway|Toch opslaan")).click()
    page.wait_for_url("**/werkplek/inwoners/*/")
    assert Resident.objects.count() == 2
