"""Organisation members and brokers in a real browser; axe on every page at two widths."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import browser_login

from wijkbasis.accounts.tests.factories import UserFactory, staff_user
from wijkbasis.areas.models import District, NeighbourhoodTeam
from wijkbasis.volunteering import services
from wijkbasis.volunteering.models import Response, TalentProfile
from wijkbasis.volunteering.tests.browser import fits, screenshot
from wijkbasis.volunteering.tests.factories import ResponseFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check(page: Any, width: int, name: str) -> None:
    fits(page, width, name)
    screenshot(page, name, width)


def _step_fields(page: Any) -> list[str]:
    form = page.locator('#volgende-stap form[method="post"]')
    if not form.count():
        return []
    return sorted(
        name
        for name in form.locator("input:not([type=hidden]), select, textarea").evaluate_all(
            "els => els.map(e => e.name)"
        )
        if name
    )


def _save_step(page: Any, response: Any) -> None:
    page.locator('#volgende-stap form[method="post"] button[type="submit"]').click()
    page.wait_for_url(f"**/werkplek/vrijwilligerswerk/reacties/{response.pk}/")


def _choose(page: Any, step: str) -> None:
    """Tick a step; htmx fetches its fields and swaps them in."""
    with page.expect_response(lambda answer: answer.request.headers.get("hx-request") == "true"):
        page.locator(f'input[name="stap"][value="{step}"]').check()
    page.locator(f'#volgende-stap input[name="to_status"][value="{step}"]').wait_for(state="attached")


@pytest.mark.parametrize("width", [1280, 320])
def test_the_broker_places_someone_in_one_save_and_goes_one_step_back(
    page: Any, live_server: Any, vacancy: Any, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    response = ResponseFactory(vacancy=vacancy, name="Mila Vrijwilliger", phone="0575 000 321", email="")
    broker = staff_user(NeighbourhoodTeam.objects.get(slug="waterkwartier"), name="Sam Makelaar")
    browser_login(page, live_server, broker)

    page.goto(live_server.url + "/werkplek/vrijwilligerswerk/")
    page.get_by_role("link", name="Mila Vrijwilliger").click()
    page.wait_for_url(f"**/werkplek/vrijwilligerswerk/reacties/{response.pk}/")
    # Tap to call the volunteer.
    call = page.locator('main a[href="tel:+31575000321"]')
    assert call.is_visible() and call.inner_text() == "0575 000 321"
    assert _step_fields(page) == []  # nothing asked before a step is chosen
    _check(page, width, "response-broker")

    # With htmx, choosing a step shows just its fields at once.
    _choose(page, "placed")
    assert _step_fields(page) == ["hours_per_week", "start_date"]
    _choose(page, "not_matched")
    assert _step_fields(page) == ["not_matched_reason"]
    _choose(page, "placed")
    _check(page, width, "response-broker-step-placed")
    page.locator('#volgende-stap input[name="hours_per_week"]').fill("2,5")
    _save_step(page, response)
    response.refresh_from_db()
    assert response.status == Response.Status.PLACED
    assert str(response.placement.hours_per_week) == "2.5"
    assert list(response.events.values_list("to_status", flat=True)) == ["new", "contacted", "placed"]

    # One step back, with a reason; first without one.
    _choose(page, "contacted")
    assert _step_fields(page) == ["reason"]
    page.locator('#volgende-stap form[method="post"] button[type="submit"]').click()
    page.wait_for_load_state()
    assert page.locator(".utrecht-form-field-error-message").count() == 1
    _check(page, width, "response-broker-step-back-error")
    page.locator('textarea[name="reason"]').fill("Toch nog niet begonnen")
    _save_step(page, response)
    response.refresh_from_db()
    assert response.status == Response.Status.CONTACTED
    assert "Toch nog niet begonnen" in page.locator("main").inner_text()  # in the history
    _check(page, width, "response-broker-after-step-back")


def test_without_javascript_the_step_is_chosen_first_then_saved(
    browser: Any, live_server: Any, vacancy: Any, reason: Any
) -> None:
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    response = ResponseFactory(vacancy=vacancy, name="Mila Vrijwilliger", email="mila@example.org")
    browser_login(page, live_server, staff_user(NeighbourhoodTeam.objects.get(slug="waterkwartier")))
    page.goto(live_server.url + f"/werkplek/vrijwilligerswerk/reacties/{response.pk}/")
    page.locator('input[name="stap"][value="not_matched"]').check()
    page.locator('#volgende-stap form[method="get"] button[type="submit"]').click()
    page.wait_for_url("**?stap=not_matched*")
    assert _step_fields(page) == ["not_matched_reason"]
    page.locator('select[name="not_matched_reason"]').select_option(str(reason.pk))
    page.locator('#volgende-stap form[method="post"] button[type="submit"]').click()
    page.wait_for_load_state()
    response.refresh_from_db()
    assert response.status == Response.Status.NOT_MATCHED and response.not_matched_reason == reason
    context.close()


@pytest.mark.parametrize("width", [1280, 320])
def test_the_vacancy_form_is_filled_in_for_the_contact_and_asks_only_what_it_needs(
    page: Any, live_server: Any, member: Any, organisation: Any, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    organisation.phone, organisation.email = "0575 000 777", "info@klimop.example.org"
    organisation.save()
    browser_login(page, live_server, member)
    page.goto(live_server.url + "/organisatie/vacatures/nieuw/")
    assert page.locator('input[name="contact_name"]').input_value() == "Els van de Boerderij"
    assert page.locator('input[name="contact_phone"]').input_value() == "0575 000 777"
    # Needed only for a one-off task: says so, and is not marked "(niet verplicht)".
    starts = page.locator('label[for="id_starts_at"]')
    assert "niet verplicht" not in starts.inner_text()
    page.locator('input[name="title"]').fill("Wijkfeest opbouwen")
    page.locator('textarea[name="description"]').fill("Tenten opzetten.")
    page.locator('input[name="where"][value="city_wide"]').check()
    page.locator('input[name="when"][value="one_off"]').check()
    page.locator('button[name="publish"]').click()
    page.wait_for_load_state()
    errors = page.locator(".utrecht-form-field-error-message")
    assert errors.count() == 1 and page.locator("#id_starts_at_error").is_visible()
    for marked in page.locator(".wb-optional").all():  # no field marked optional has an error
        block = marked.locator("xpath=ancestor::*[contains(@class, 'wb-form-field')][1]")
        assert block.locator(".utrecht-form-field-error-message").count() == 0
    _check(page, width, "vacancy-form-one-off-error")


@pytest.mark.parametrize("width", [1280, 320])
def test_the_review_queue_says_who_applied_and_how_to_reach_them(
    page: Any, live_server: Any, zutphen: Any, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    services.register_organisation(
        by=UserFactory(name="Joke Visser", email="joke@nieuweclub.example.org"),
        municipality=zutphen,
        name="Nieuwe Club",
        kind="association",
        phone="0575 000 888",
        description="Een nieuwe buurtclub.",
    )
    browser_login(page, live_server, staff_user(NeighbourhoodTeam.objects.get(slug="waterkwartier")))
    page.goto(live_server.url + "/werkplek/vrijwilligerswerk/beoordelen/")
    queue = page.locator("main")
    assert "Joke Visser" in queue.inner_text()
    assert queue.locator('a[href="mailto:joke@nieuweclub.example.org"]').is_visible()
    assert queue.locator('a[href="tel:+31575000888"]').is_visible()
    _check(page, width, "review-queue")


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
        fits(page, width, path)
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
        fits(page, width, path)
    page.context.clear_cookies()

    browser_login(page, live_server, UserFactory())
    page.goto(live_server.url + "/mijn/talenten/")
    fits(page, width, "talents")
