"""The municipality overview and the place page in a real browser at 320 and 1280 px: on a phone
the list of wijken comes before the map (also for the keyboard); side by side, the map takes the
wide first column. A place always says how to reach it or its team. Screenshots go to
/tmp/areas-shots/ (to look at, not compared)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from conftest import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(tempfile.gettempdir()) / "areas-shots"


def _box(page: Any, selector: str) -> dict[str, float]:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return box


@pytest.mark.parametrize("width", [1280, 320])
def test_the_list_of_wijken_comes_before_the_map_for_the_keyboard(
    page: Any, live_server: Any, zutphen: Any, width: int
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/gemeente/zutphen/")
    page.screenshot(path=str(SHOTS / f"municipality-{width}.png"), full_page=True)
    assert_no_axe_violations(page, label=f"municipality at {width}px")
    # Tabbing from the section's heading: a wijk in the list before any link on the map.
    first = page.evaluate(
        """() => {
            const section = document.querySelector('.wb-two-columns');
            const links = [...section.querySelectorAll('a[href]')];
            return links[0].closest('.wb-map') ? 'map' : 'list';
        }"""
    )
    assert first == "list"
    page.locator(".wb-district-list a").first.focus()
    page.keyboard.press("Shift+Tab")
    assert not page.evaluate("!!document.activeElement.closest('.wb-map')")
    listed, drawn = _box(page, ".wb-district-list"), _box(page, ".wb-map")
    if width == 320:
        assert listed["y"] + listed["height"] <= drawn["y"] + 1  # the list above the map
    else:
        assert drawn["x"] + drawn["width"] <= listed["x"] + 1  # the map left, in the wide column
        assert drawn["width"] > listed["width"]


@pytest.mark.parametrize("width", [1280, 320])
def test_a_place_says_how_to_reach_it(page: Any, live_server: Any, zutphen: Any, width: int) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/plek/kinderboerderij-waterkwartier/")
    page.screenshot(path=str(SHOTS / f"place-{width}.png"), full_page=True)
    assert_no_axe_violations(page, label=f"place at {width}px")
    contact = page.locator("#contact-titel + *, #contact-titel ~ *")
    assert contact.locator("a[href^='tel:'], a[href^='mailto:']").count() >= 1
    assert page.evaluate("document.documentElement.scrollWidth") <= width
