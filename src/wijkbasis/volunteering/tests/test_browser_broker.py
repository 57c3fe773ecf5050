"""Organisation members and brokers in a real browser; axe on every page at two widths."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import assert_no_axe_violations, browser_login

from wijkbasis.accounts.tests.factories import UserFactory, staff_user
from wijkbasis.areas.models import District, NeighbourhoodTeam
from wijkbasis.volunteering import services
from wijkbasis.volunteering.models import Response, TalentProfile

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_broker_moves_a_response_to_placed(page: Any, live_server: Any, vacancy: Any, reason: Any) -> None:
    response, _ = services.respond(
        vacancy=vacancy, respondent=services.Respondent(name="Mila Vrijwilliger", phone="0575 000 321")
    )
    broker = staff_user(NeighbourhoodTeam.objects.get(slug="waterkwartier"), name="Sam Makelaar")
    browser_login(page, live_server, broker)

    page.goto(live_server.url + "/werkplek/vrijwilligerswerk/")
    assert_no_axe_violations(page, label="pipeline")
    page.get_by_role("link", name="Mila Vrijwilliger").click()
    page.wait_for_url(f"**/werkplek/vrijwilligerswerk/reacties/{response.pk}/")
    assert_no_axe_violations(page, label="response detail (broker)")

    page.get_by_role("radio", name="gecontacteerd").check()
    page.get_by_role("button", name="Stap opslaan").click()
    page.wait_for_load_state()
    page.get_by_role("radio", name="geplaatst").check()
    page.get_by_label("Uren per week").fill("3")
    page.get_by_role("button", name="Stap opslaan").click()
    page.wait_for_load_state()
    assert_no_axe_violations(page, label="response detail after placement")
    response.refresh_from_db()
    assert response.status == Response.Status.PLACED
    assert response.placement.hours_per_week == 3


@pytest.mark.parametrize("width", [1280, 320])
def test_organisation_and_broker_pages_have_no_axe_violations(
    page: Any, live_server: Any, vacancy: Any, member: Any, gardening: Any, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    response, _ = services.respond(vacancy=vacancy, respondent=services.Respondent(name="Kim", email="kim@example.org"))
    waterkwartier = District.objects.get(code="WK030101")
    from wijkbasis.accounts.models import Resident

    resident = Resident.objects.create(name="Groene Vinger", source="form", district=waterkwartier)
    services.save_talent_profile(
        resident=resident,
        skills=[gardening],
        interests=[],
        districts=[waterkwartier],
        visibility=TalentProfile.Visibility.BROKERS,
    )
    services.register_organisation(
        by=UserFactory(), municipality=vacancy.organisation.municipality, name="Nieuwe Club", kind="association"
    )

    browser_login(page, live_server, member)
    for path in (
        "/organisatie/vacatures/",
        "/organisatie/vacatures/nieuw/",
        f"/organisatie/vacatures/{vacancy.pk}/",
        "/organisatie/reacties/",
        f"/organisatie/reacties/{response.pk}/",
    ):
        page.goto(live_server.url + path)
        assert_no_axe_violations(page, label=f"{path} at {width}px")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
    page.context.clear_cookies()

    broker = staff_user(NeighbourhoodTeam.objects.get(slug="waterkwartier"), role="team_lead")
    browser_login(page, live_server, broker)
    for path in (
        "/werkplek/vrijwilligerswerk/",
        f"/werkplek/vrijwilligerswerk/reacties/{response.pk}/",
        f"/werkplek/vrijwilligerswerk/vacatures/{vacancy.pk}/kandidaten/",
        f"/werkplek/inwoners/{resident.pk}/vacatures/",
        "/werkplek/vrijwilligerswerk/beoordelen/",
        "/werkplek/taken/",
    ):
        page.goto(live_server.url + path)
        assert_no_axe_violations(page, label=f"{path} at {width}px")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
    page.context.clear_cookies()

    browser_login(page, live_server, UserFactory())
    page.goto(live_server.url + "/mijn/talenten/")
    assert_no_axe_violations(page, label=f"talents at {width}px")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
