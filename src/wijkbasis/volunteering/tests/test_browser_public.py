"""The public vacancy bank in a real headless Chromium: a resident finds volunteer work with
the filters (htmx refreshes the list) and responds without an account; the organisation sees
the response. axe-core on every page, at 1280 and 320 px, and no sideways scrolling.

Selectors use names, values and addresses rather than visible text, so the tests do not
depend on the state of the Dutch translations."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from decimal import Decimal
from typing import Any

import pytest
from conftest import assert_no_axe_violations, browser_login
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from wijkbasis.accounts.models import OrganisationMembership
from wijkbasis.accounts.tests.factories import UserFactory
from wijkbasis.areas.models import District, Organisation, Place
from wijkbasis.volunteering import services, slots
from wijkbasis.volunteering.models import Response, SavedSearch, Skill, Suitability, Vacancy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def bank(zutphen: Any) -> dict[str, Any]:
    member = UserFactory(email="kinderboerderij@example.org", name="Mila Boer")
    organisation = Organisation.objects.create(
        municipality=zutphen,
        name="Kinderboerderij De Bult",
        slug="kinderboerderij-de-bult",
        description="Dieren, tuin en koffie.",
        phone="0575 000 555",
    )
    OrganisationMembership.objects.create(user=member, organisation=organisation)
    gardening = Skill.objects.create(
        name="Tuinieren", slug="tuinieren", category=Skill.Category.HANDS, search_terms="tuin, groen"
    )
    leesten, warnsveld = District.objects.get(slug="leesten"), District.objects.get(slug="warnsveld")

    def publish(
        title: str, *, skills: list[Skill] | None = None, districts: list[District] | None = None, **fields: Any
    ) -> Vacancy:
        fields.setdefault("description", "Help mee in de buurt.")
        vacancy = services.save_vacancy(
            vacancy=Vacancy(organisation=organisation, title=title, contact_name="Mila Boer", **fields),
            by=member,
            skills=skills or [],
            districts=districts or [],
        )
        return services.submit_vacancy(vacancy=vacancy, by=member)

    tuinman = publish(
        "Tuinman voor de buurttuin",
        where=Vacancy.Where.DISTRICTS,
        districts=[leesten],
        time_slots=slots.bit(1, 0),
        hours_per_week=Decimal("4"),
        skills=[gardening],
        suitable_for=Suitability.SENIORS | Suitability.LOW_LITERACY,
        expires_on=timezone.localdate() + dt.timedelta(days=30),
    )
    publish(
        "Koffie schenken in de middag",
        where=Vacancy.Where.DISTRICTS,
        districts=[leesten],
        time_slots=slots.bit(1, 1),
        hours_per_week=Decimal("2"),
    )
    publish(
        "Bloembakken in Warnsveld",
        description="Planten water geven, in de tuin van het buurthuis.",
        where=Vacancy.Where.PLACE,
        place=Place.objects.get(slug="buurthuis-t-nut"),
        districts=[warnsveld],
        time_slots=slots.bit(1, 0),
    )
    publish("Taalmaatje", where=Vacancy.Where.FROM_HOME, when=Vacancy.When.FLEXIBLE, suitable_for=Suitability.NEWCOMERS)
    return {"member": member, "organisation": organisation, "tuinman": tuinman}


def _fits(page: Any, width: int, label: str) -> None:
    assert_no_axe_violations(page, label=f"{label} at {width}px")
    # Nothing sticks out sideways: no horizontal scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= width, label


def _wait_for_results(page: Any) -> Any:
    return page.expect_response(
        lambda response: "/vrijwilligerswerk/" in response.url and response.request.headers.get("hx-request") == "true"
    )


def _card_titles(page: Any) -> list[str]:
    return [title.strip() for title in page.locator("#resultaten .wb-card__title").all_inner_texts()]


def test_resident_finds_volunteer_work_with_filters_and_responds_without_an_account(
    page: Any, live_server: Any, bank: dict[str, Any]
) -> None:
    page.goto(live_server.url + "/vrijwilligerswerk/")
    assert len(_card_titles(page)) == 4
    _fits(page, 1280, "vacancy list")

    # The filters: a wijk and a part of the day. With JavaScript, htmx refreshes the list.
    page.locator("#zoekfilters summary").click()
    with _wait_for_results(page):
        page.locator('input[name="wijk"][value="leesten"]').check()
    assert sorted(_card_titles(page)) == ["Koffie schenken in de middag", "Tuinman voor de buurttuin"]
    with _wait_for_results(page):
        page.locator('input[name="dagdeel"][value="ochtend"]').check()
    assert _card_titles(page) == ["Tuinman voor de buurttuin"]
    # A search word: the list follows the typing (after a short pause).
    with _wait_for_results(page):
        page.locator('input[name="q"]').fill("tuin")
    assert _card_titles(page) == ["Tuinman voor de buurttuin"]
    assert "1" in page.locator("#zoek-status").inner_text()
    # The address is shareable: it holds the search.
    assert re.search(r"wijk=leesten", page.url) and "dagdeel=ochtend" in page.url and "q=tuin" in page.url
    _fits(page, 1280, "vacancy list after filtering (htmx)")

    # The shared address opens the same search as a full page.
    page.goto(page.url)
    assert _card_titles(page) == ["Tuinman voor de buurttuin"]
    assert page.locator('input[name="wijk"][value="leesten"]').is_checked()

    page.locator("#resultaten .wb-card__title a").first.click()
    page.wait_for_url(f"**{bank['tuinman'].get_absolute_url()}")
    _fits(page, 1280, "vacancy page")

    # "Ik wil helpen" without an account: a mistake first, then right.
    form = page.locator(f'form[action="{reverse("volunteering:respond", args=[bank["tuinman"].slug])}"]')
    form.locator('input[name="name"]').fill("Sanne de Vries")
    form.locator('input[name="email"]').fill("sanne@example.org")
    form.locator('textarea[name="message"]').fill("Ik tuinier graag op dinsdag.")
    form.locator('button[type="submit"]').click()
    page.wait_for_url("**/reageren/")
    assert page.locator('input[name="name"]').input_value() == "Sanne de Vries"
    assert page.locator('textarea[name="message"]').input_value() == "Ik tuinier graag op dinsdag."
    assert page.locator(".utrecht-form-field-error-message").count() == 1  # the consent
    _fits(page, 1280, "response form with an error")
    page.locator('input[name="consent"]').check()
    page.locator('form[action$="/reageren/"] button[type="submit"]').click()
    page.wait_for_url("**/bedankt/")
    _fits(page, 1280, "thank-you page")

    response = Response.objects.get()
    assert response.vacancy == bank["tuinman"]
    assert response.resident.name == "Sanne de Vries"

    # The organisation sees the response on its own page (built in organisation.py).
    try:
        responses_url = reverse("volunteering:org_responses")
    except NoReverseMatch:  # pragma: no cover - the organisation's pages are not there yet
        pytest.skip("the organisation's response page (/organisatie/reacties/) does not exist yet")
    page.context.clear_cookies()
    browser_login(page, live_server, bank["member"])
    page.goto(live_server.url + responses_url)
    main = page.locator("main").inner_text()
    assert "Tuinman voor de buurttuin" in main
    assert "Sanne de Vries" in main


def test_the_search_works_without_javascript(browser: Any, live_server: Any, bank: dict[str, Any]) -> None:
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    page.goto(live_server.url + "/vrijwilligerswerk/")
    page.locator("#zoekfilters summary").click()
    page.locator('input[name="wijk"][value="leesten"]').check()
    page.locator('input[name="dagdeel"][value="ochtend"]').check()
    page.locator('input[name="q"]').fill("tuin")
    page.locator('input[name="q"]').press("Enter")
    page.wait_for_url("**/vrijwilligerswerk/?*q=tuin*")
    assert _card_titles(page) == ["Tuinman voor de buurttuin"]
    context.close()


@pytest.mark.parametrize("width", [1280, 320])
def test_every_public_vacancy_bank_page_has_no_axe_violations(
    page: Any, live_server: Any, bank: dict[str, Any], width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    tuinman = bank["tuinman"]
    saved = SavedSearch.objects.create(email="lezer@example.org", query="wijk=leesten", label="in Leesten")
    pages = [
        "/vrijwilligerswerk/",
        "/vrijwilligerswerk/?wijk=leesten&wijk=warnsveld&dag=di&dagdeel=ochtend&q=tuin&geschikt=ouderen&uren=4",
        "/vrijwilligerswerk/?wijk=leesten&dag=di&dagdeel=avond",  # nothing found: wider searches
        "/vrijwilligerswerk/?wijk=nergens&uren=veel&postcode=abc&sorteer=dichtbij",  # notices
        tuinman.get_absolute_url(),
        reverse("volunteering:respond", args=[tuinman.slug]),
        reverse("volunteering:respond_thanks", args=[tuinman.slug]),
        bank["organisation"].get_absolute_url(),
        reverse("volunteering:search_saved") + "?status=bevestigen",
        reverse("volunteering:search_saved") + "?status=actief",
        reverse("volunteering:confirm_search", args=[saved.token]),
        reverse("volunteering:confirm_search", args=["bestaat-niet"]),
        reverse("volunteering:unsubscribe", args=[saved.token]),
    ]
    for path in pages:
        page.goto(live_server.url + path)
        _fits(page, width, path)

    # The details open, as a resident would see them.
    page.goto(live_server.url + "/vrijwilligerswerk/")
    page.locator("#zoekfilters summary").click()
    _fits(page, width, "vacancy list with the filters open")

    # Saving a search with a wrong address (the form page with an error).
    page.locator('input[name="email"]').fill("geen adres")
    page.locator('form[action="/vrijwilligerswerk/bewaren/"] button[type="submit"]').click()
    page.wait_for_url("**/vrijwilligerswerk/bewaren/")
    _fits(page, width, "save search with an error")

    # Confirming and stopping (the pages after the buttons).
    page.goto(live_server.url + reverse("volunteering:confirm_search", args=[saved.token]))
    page.locator('main form button[type="submit"]').click()
    page.wait_for_load_state()
    _fits(page, width, "search confirmed")
    page.goto(live_server.url + reverse("volunteering:unsubscribe", args=[saved.token]))
    page.locator('main form button[type="submit"]').click()
    page.wait_for_load_state()
    _fits(page, width, "unsubscribed")
    assert not SavedSearch.objects.filter(pk=saved.pk).exists()

    # Signing up an organisation (logged in).
    user = UserFactory(email=f"voorzitter-{uuid.uuid4().hex[:6]}@example.org")
    browser_login(page, live_server, user)
    page.goto(live_server.url + reverse("volunteering:register_organisation"))
    _fits(page, width, "organisation sign-up")
    page.locator('main form button[type="submit"]').click()
    page.wait_for_url("**/organisaties/aanmelden/")
    _fits(page, width, "organisation sign-up with errors")
    page.locator('input[name="name"]').fill("Repair Café Zutphen")
    page.locator('main form button[type="submit"]').click()
    page.wait_for_url("**/organisaties/aanmelden/klaar/")
    _fits(page, width, "organisation signed up")
    assert Organisation.objects.get(name="Repair Café Zutphen").status == Organisation.Status.PENDING
