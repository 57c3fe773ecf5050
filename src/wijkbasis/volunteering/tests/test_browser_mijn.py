""" "Mijn reacties" and "Mijn zoekopdrachten" in a real browser at 320 and 1280 px, with axe:
withdrawing a response by keyboard, and stopping a saved search. Screenshots go to
/tmp/mijn-shots/ (to look at, not compared)."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from conftest import assert_no_axe_violations, browser_login

from wijkbasis.accounts.tests.factories import UserFactory
from wijkbasis.areas.models import Organisation
from wijkbasis.volunteering import services
from wijkbasis.volunteering.models import Response, SavedSearch
from wijkbasis.volunteering.tests.conftest import make_vacancy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(tempfile.gettempdir()) / "mijn-shots"


@pytest.mark.parametrize("width", [1280, 320])
def test_my_responses_and_searches(page: Any, live_server: Any, zutphen: Any, width: int) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    user = UserFactory(name="Hodan Ali")
    organisation = Organisation.objects.create(municipality=zutphen, name="Kinderboerderij De Klimop", slug="klimop")
    response, _created = services.respond(vacancy=make_vacancy(organisation, title="Dieren verzorgen"), user=user)
    services.respond(vacancy=make_vacancy(organisation, title="Kookvrijwilliger buurtmaaltijd"), user=user)
    services.save_search(email=user.email, query="q=koken", label="koken", user=user, language="nl")
    page.set_viewport_size({"width": width, "height": 900})
    browser_login(page, live_server, user)

    page.goto(live_server.url + "/mijn/")
    page.locator("nav.wb-subnav").get_by_role("link", name=re.compile("My responses|Mijn reacties")).click()
    page.wait_for_url("**/mijn/reacties/")
    page.screenshot(path=str(SHOTS / f"responses-{width}.png"), full_page=True)
    assert_no_axe_violations(page, label=f"my responses at {width}px")
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    # Withdraw one by keyboard: open the question, then the button.
    summary = page.locator("tr", has_text="Dieren verzorgen").locator("summary")
    summary.focus()
    page.keyboard.press("Enter")
    button = page.get_by_role("button", name=re.compile("Dieren verzorgen"))
    button.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    response.refresh_from_db()
    assert response.status == Response.Status.NOT_MATCHED
    assert_no_axe_violations(page, label=f"my responses after withdrawing at {width}px")

    page.goto(live_server.url + "/mijn/zoekopdrachten/")
    page.screenshot(path=str(SHOTS / f"searches-{width}.png"), full_page=True)
    assert_no_axe_violations(page, label=f"my searches at {width}px")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("koken")).click()
    assert not SavedSearch.objects.filter(user=user).exists()
    assert_no_axe_violations(page, label=f"my searches, none left, at {width}px")
