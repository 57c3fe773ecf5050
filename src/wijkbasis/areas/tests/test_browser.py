"""The resident's journey in a real headless Chromium, checked with axe-core."""

from __future__ import annotations

from typing import Any

import pytest
import zxingcpp
from conftest import assert_no_axe_violations
from PIL import Image
from pypdf import PdfReader

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["/", "/wijk/waterkwartier/", "/team/waterkwartier/", "/plek/buurthuis-t-nut/"]


@pytest.mark.parametrize("width", [1280, 320])
def test_public_pages_have_no_axe_violations(page: Any, live_server: Any, zutphen: Any, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    for path in [*PAGES, "/team/waterkwartier/abdi-warsame/", "/gemeente/zutphen/", "/bestaat-niet/"]:
        page.goto(live_server.url + path)
        assert_no_axe_violations(page, label=f"{path} at {width}px")
        # Nothing sticks out sideways: no horizontal scrolling at 320 px.
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path


def test_postcode_errors_have_no_axe_violations(page: Any, live_server: Any, zutphen: Any) -> None:
    page.goto(live_server.url + "/postcode/?postcode=abc")
    assert_no_axe_violations(page, label="postcode error")
    page.goto(live_server.url + "/postcode/?postcode=7201AB")  # offline: pick the wijk
    assert_no_axe_violations(page, label="postcode offline")


def test_keyboard_only_reaches_and_submits_the_postcode_field(
    page: Any, live_server: Any, zutphen: Any, locatieserver: Any
) -> None:
    page.goto(live_server.url + "/")
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "postcode":
            break
    else:
        pytest.fail("the postcode field cannot be reached with Tab")
    page.keyboard.type("7232 cd")
    page.keyboard.press("Enter")
    page.wait_for_url("**/wijk/warnsveld/?postcode=7232CD")
    assert page.locator("h1").inner_text() == "Warnsveld"


def test_resident_journey_from_postcode_to_poster(
    page: Any, live_server: Any, zutphen: Any, locatieserver: Any
) -> None:
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "nl"

    # A typing error first: the message is Dutch and what was typed stays.
    page.get_by_role("textbox", name="Je postcode").fill("72O1 AB")
    page.get_by_role("button", name="Zoek mijn wijk").click()
    error = page.locator(".utrecht-form-field-error-message")
    error.wait_for()
    assert "Dit is geen Nederlandse postcode" in error.inner_text()
    assert page.get_by_role("textbox", name="Je postcode").input_value() == "72O1 AB"
    assert_no_axe_violations(page, label="home with a postcode error (htmx)")

    page.get_by_role("textbox", name="Je postcode").fill("7201 AB")
    page.get_by_role("button", name="Zoek mijn wijk").click()
    page.wait_for_url("**/wijk/centrum-de-hoven/?postcode=7201AB")
    assert "Postcode 7201 AB ligt in Stadskern" in page.locator("main").inner_text()
    assert_no_axe_violations(page, label="wijk page with postcode note")

    page.get_by_role("link", name="Eva Brouwer").first.click()
    page.wait_for_url("**/team/centrum-de-hoven-noordveen/eva-brouwer/")
    assert "Sociaal makelaar" in page.locator("main").inner_text()
    assert_no_axe_violations(page, label="team member page")

    page.go_back()
    with page.expect_download() as poster_download:
        page.get_by_role("link", name="Poster (pdf, A4)").click()
    poster = poster_download.value
    pdf = PdfReader(poster.path())
    assert "Eva Brouwer" in pdf.pages[0].extract_text()

    with page.expect_download() as qr_download:
        page.get_by_role("link", name="QR-code (png)").click()
    assert qr_download.value.suggested_filename == "qr-centrum-de-hoven.png"
    decoded = zxingcpp.read_barcodes(Image.open(qr_download.value.path()))
    assert decoded[0].text == live_server.url + "/wijk/centrum-de-hoven/"


def test_the_map_works_without_javascript(browser: Any, live_server: Any, zutphen: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.locator('a.wb-map__link[aria-label="Leesten"]').click()
    page.wait_for_url("**/wijk/leesten/")
    page.goto(live_server.url + "/")
    page.get_by_role("textbox", name="Je postcode").fill("abc")
    page.get_by_role("button", name="Zoek mijn wijk").click()
    page.wait_for_url("**/postcode/?postcode=abc")
    assert "Dit is geen Nederlandse postcode" in page.locator("main").inner_text()
    context.close()
