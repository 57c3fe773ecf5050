"""The shared UI pieces in a real headless Chromium, on a 320 px phone and a 1280 px screen.

Every page here is opened at both widths with the full demo data: axe-core finds nothing, the
page never scrolls sideways, no word in a table is broken in the middle, the page title is
larger than the section headings, the header stays small on a phone, "I want to help" is on
the first screen of a vacancy, and errors are styled only after the server reported them.
Screenshots of every page go to /tmp/ui-shots/ (to look at, not compared).

Selectors use roles, names and addresses rather than Dutch text where they can, so the
tests do not depend on the state of the translations."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from conftest import assert_no_axe_violations, browser_login
from django.urls import reverse

from wijkbasis.accounts.models import Resident, User
from wijkbasis.core.models import AccessLogEntry
from wijkbasis.demo import data
from wijkbasis.demo.services import load_demo
from wijkbasis.volunteering.models import Response, Vacancy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(tempfile.gettempdir()) / "ui-shots"
WIDTHS = (320, 1280)
BROKER_EMAIL = "abdi.warsame@perspectief.example.org"
ORGANISATION_EMAIL = "kinderboerderij@example.org"

# Words split across two lines inside any element matching `selector`: for every text node,
# the rectangles of each word; a word drawn on more than one line is broken.
BROKEN_WORDS_JS = """
(selector) => {
  const broken = [];
  for (const element of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement.checkVisibility()) continue;
      for (const match of node.data.matchAll(/[^\\s\\u00ad]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}
"""


@pytest.fixture
def demo(zutphen: Any) -> dict[str, Any]:
    """The whole demo (log-ins, organisations, vacancies, responses) and someone who looked."""
    load_demo()
    broker = User.objects.get(email=BROKER_EMAIL)
    resident = Resident.objects.get(user__email=data.DEMO_RESIDENT_EMAIL)
    for action in (AccessLogEntry.Action.VIEW, AccessLogEntry.Action.CHANGE, AccessLogEntry.Action.EXPORT):
        AccessLogEntry.objects.create(
            actor_id=broker.pk,
            actor_role="community_broker",
            action=action,
            object_type="accounts.resident",
            object_id=str(resident.pk),
            subject_resident_id=resident.pk,
            purpose="Vrijwilligerswerk bij de Kinderboerderij",
        )
    return {
        "broker": broker,
        "organisation": User.objects.get(email=ORGANISATION_EMAIL),
        "resident": User.objects.get(email=data.DEMO_RESIDENT_EMAIL),
        "viewer": User.objects.get(email=data.DEMO_VIEWER_EMAIL),
        "vacancy": Vacancy.objects.filter(status=Vacancy.Status.PUBLISHED).order_by("pk").first(),
        "response": Response.objects.filter(resident__district__slug="waterkwartier").order_by("pk").first(),
    }


def _shoot(page: Any, name: str, width: int) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)


def _check_page(page: Any, name: str, width: int) -> None:
    label = f"{name} at {width}px"
    _shoot(page, name, width)
    assert_no_axe_violations(page, label=label)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{label} scrolls sideways"
    assert page.evaluate(BROKEN_WORDS_JS, "table") == [], f"{label}: words broken in a table"
    assert page.evaluate(BROKEN_WORDS_JS, "main h1, main h2, main h3") == [], f"{label}: words broken in a heading"
    sizes = page.evaluate(
        """() => ['h1', 'h2', 'h3'].map((tag) => {
             const probe = document.createElement(tag);
             probe.className = 'utrecht-heading-' + tag[1];
             document.querySelector('main').append(probe);
             const size = parseFloat(getComputedStyle(probe).fontSize);
             probe.remove();
             return size;
           })"""
    )
    assert sizes[0] > sizes[1] > sizes[2], f"{label}: headings h1, h2, h3 are {sizes} px"
    header = page.locator("header").bounding_box()
    assert header is not None
    assert width > 320 or header["height"] <= 120, f"{label}: header is {header['height']} px high"


PUBLIC_PAGES = ("/", "/gemeente/zutphen/", "/wijk/waterkwartier/", "/vrijwilligerswerk/")


@pytest.mark.parametrize("width", WIDTHS)
def test_public_pages(page: Any, live_server: Any, demo: dict[str, Any], width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    for path in PUBLIC_PAGES:
        page.goto(live_server.url + path)
        _check_page(page, path.strip("/").replace("/", "-") or "home", width)


@pytest.mark.parametrize("width", WIDTHS)
def test_pages_with_tables(page: Any, live_server: Any, demo: dict[str, Any], width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    for who, paths in (
        ("organisation", ("/organisatie/reacties/", "/organisatie/vacatures/")),
        ("broker", ("/werkplek/vrijwilligerswerk/", "/werkplek/inwoners/", "/werkplek/mijn-toegang/")),
        ("viewer", ("/cijfers/",)),
        ("resident", ("/mijn/wie-keek/",)),
    ):
        page.context.clear_cookies()
        browser_login(page, live_server, demo[who])
        for path in paths:
            page.goto(live_server.url + path)
            assert page.locator("main table").count() >= 1, path
            _check_page(page, path.strip("/").replace("/", "-"), width)
            # Stacked as cards or not, screen readers get a table with column headers
            # (Chromium's own accessibility tree, not Playwright's reading of the markup).
            tree = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
            roles = {node["role"]["value"] for node in tree if "role" in node}
            assert {"table", "row", "columnheader"} <= roles, f"{path} at {width}px"
            assert "cell" in roles or "gridcell" in roles, f"{path} at {width}px"


@pytest.mark.parametrize("width", WIDTHS)
def test_vacancy_page(page: Any, live_server: Any, demo: dict[str, Any], width: int) -> None:
    page.set_viewport_size({"width": width, "height": 640})
    page.goto(live_server.url + demo["vacancy"].get_absolute_url())
    _check_page(page, "vacancy", width)
    jump = page.locator('main a[href="#helpen"]')
    if width == 320:
        # On a phone the form comes after the whole description: the action is on the first screen.
        assert jump.is_visible()
        assert _bottom_on_page(page, 'main a[href="#helpen"]') <= 640
        jump.click()
        assert page.evaluate("location.hash") == "#helpen"
    else:
        # Beside the description the form is on the first screen already.
        assert not jump.is_visible()
        assert page.evaluate("document.querySelector('#helpen').getBoundingClientRect().top + scrollY") < 640


def _bottom_on_page(page: Any, selector: str) -> float:
    return float(page.evaluate(f"document.querySelector('{selector}').getBoundingClientRect().bottom + scrollY"))


# The look of a form control compared with the same control when it is not required: the
# browser's :invalid must not paint an empty required field before the server said anything.
LOOKS_AS_IF_NOT_REQUIRED_JS = """
(selector) => {
  const controls = [...document.querySelectorAll(selector)];  // a radio group is required as a whole
  const look = () => {
    const style = getComputedStyle(controls[0]);
    return [style.borderColor, style.borderWidth, style.backgroundColor, style.color].join(" ");
  };
  const shown = look();
  controls.forEach((control) => { control.required = false; });
  const plain = look();
  controls.forEach((control) => { control.required = true; });
  return shown === plain;
}
"""


def test_errors_are_styled_only_after_the_server_reported_them(
    page: Any, live_server: Any, demo: dict[str, Any]
) -> None:
    browser_login(page, live_server, demo["broker"])
    url = live_server.url + reverse("volunteering:broker_response", args=[demo["response"].pk])
    answer = page.goto(url)
    assert answer is not None
    assert answer.status == 200
    radio, note = 'input[name="stap"]', 'textarea[name="text"]'  # the choice of the next step
    assert page.locator(radio).first.get_attribute("required") is not None
    assert page.evaluate(LOOKS_AS_IF_NOT_REQUIRED_JS, radio), "a required radio button looks wrong before any input"
    assert page.evaluate(LOOKS_AS_IF_NOT_REQUIRED_JS, note), "the empty note looks wrong before any input"

    page.locator(note).fill("Gebeld, ze komt zaterdag kijken.")
    page.locator(note).locator("xpath=ancestor::form").locator('button[type="submit"]').click()
    page.wait_for_url(url)
    assert "Gebeld, ze komt zaterdag kijken." in page.locator("main").inner_text()
    assert page.locator(note).input_value() == ""
    assert page.evaluate(LOOKS_AS_IF_NOT_REQUIRED_JS, note), "the empty note looks wrong after a successful save"
    _shoot(page, "response-after-note", 1280)


@pytest.mark.parametrize("width", WIDTHS)
def test_error_summary_links_every_error_to_its_field(
    page: Any, live_server: Any, demo: dict[str, Any], width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 640})
    vacancy = demo["vacancy"]
    page.goto(live_server.url + vacancy.get_absolute_url())
    page.locator(f'form[action="{reverse("volunteering:respond", args=[vacancy.slug])}"] button[type="submit"]').click()
    page.wait_for_url("**/reageren/")

    summary = page.locator(".wb-error-summary")
    assert summary.get_attribute("role") == "alert"
    # The summary has the focus, not the first wrong field: one autofocus on the page.
    assert page.evaluate("document.activeElement.classList.contains('wb-error-summary')")
    assert page.locator("[autofocus]").count() == 1
    links = summary.locator("a")
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == [
        "#reactie_name",
        "#reactie_email",
        "#reactie_consent",
    ]
    # The e-mail address is asked for (or a phone number): no longer marked as optional.
    assert page.locator('label[for="reactie_email"] .wb-optional').count() == 0
    assert page.locator('label[for="reactie_phone"] .wb-optional').count() == 1
    # Only now is the field styled as wrong: the class set for server-reported errors.
    assert "utrecht-textbox--invalid" in (page.locator("#reactie_name").get_attribute("class") or "")
    _check_page(page, "response-form-with-errors", width)

    links.nth(1).click()
    assert page.evaluate("document.activeElement.id") == "reactie_email"


def test_favicon_is_served_from_the_root_and_linked(page: Any, live_server: Any, client: Any) -> None:
    answer = client.get("/favicon.ico")
    assert answer.status_code == 200
    assert answer["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    page.goto(live_server.url + "/")
    icons = page.locator('link[rel="icon"]')
    assert icons.count() == 2
    for i in range(icons.count()):
        href = icons.nth(i).get_attribute("href")
        answer = page.request.get(live_server.url + href)
        assert answer.status == 200, href
