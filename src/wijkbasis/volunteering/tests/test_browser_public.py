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
from conftest import browser_login
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from wijkbasis.accounts.models import OrganisationMembership
from wijkbasis.accounts.tests.factories import UserFactory
from wijkbasis.areas.models import District, Organisation, Place
from wijkbasis.volunteering import services, slots
from wijkbasis.volunteering.models import Response, SavedSearch, Skill, Suitability, Vacancy, organisation_url
from wijkbasis.volunteering.tests.browser import fits, screenshot
from wijkbasis.volunteering.tests.factories import VacancyFactory

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
    fits(page, 1280, "vacancy list")

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
    # The address is shareable: it holds the search, and only what the search says.
    assert re.search(r"wijk=leesten", page.url) and "dagdeel=ochtend" in page.url and "q=tuin" in page.url
    assert "afstand" not in page.url and "sorteer" not in page.url
    fits(page, 1280, "vacancy list after filtering (htmx)")

    # The shared address opens the same search as a full page.
    page.goto(page.url)
    assert _card_titles(page) == ["Tuinman voor de buurttuin"]
    assert page.locator('input[name="wijk"][value="leesten"]').is_checked()

    page.locator("#resultaten .wb-card__title a").first.click()
    page.wait_for_url(f"**{bank['tuinman'].get_absolute_url()}")
    fits(page, 1280, "vacancy page")

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
    fits(page, 1280, "response form with an error")
    page.locator('input[name="consent"]').check()
    page.locator('form[action$="/reageren/"] button[type="submit"]').click()
    page.wait_for_url("**/bedankt/")
    fits(page, 1280, "thank-you page")

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
    # Redirected to what the search says: no empty fields, no distance without a postcode.
    assert "afstand" not in page.url and "postcode" not in page.url and "uren" not in page.url
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
        organisation_url(bank["organisation"]),
        reverse("volunteering:search_saved") + "?status=bevestigen",
        reverse("volunteering:search_saved") + "?status=actief",
        reverse("volunteering:confirm_search", args=[saved.token]),
        reverse("volunteering:confirm_search", args=["bestaat-niet"]),
        reverse("volunteering:unsubscribe", args=[saved.token]),
    ]
    for path in pages:
        page.goto(live_server.url + path)
        fits(page, width, path)

    # The details open, as a resident would see them.
    page.goto(live_server.url + "/vrijwilligerswerk/")
    page.locator("#zoekfilters summary").click()
    fits(page, width, "vacancy list with the filters open")

    # Saving a search with a wrong address (the form page with an error).
    page.locator('input[name="email"]').fill("geen adres")
    page.locator('form[action="/vrijwilligerswerk/bewaren/"] button[type="submit"]').click()
    page.wait_for_url("**/vrijwilligerswerk/bewaren/")
    fits(page, width, "save search with an error")

    # Confirming and stopping (the pages after the buttons).
    page.goto(live_server.url + reverse("volunteering:confirm_search", args=[saved.token]))
    page.locator('main form button[type="submit"]').click()
    page.wait_for_load_state()
    fits(page, width, "search confirmed")
    page.goto(live_server.url + reverse("volunteering:unsubscribe", args=[saved.token]))
    page.locator('main form button[type="submit"]').click()
    page.wait_for_load_state()
    fits(page, width, "unsubscribed")
    assert not SavedSearch.objects.filter(pk=saved.pk).exists()

    # Signing up an organisation (logged in).
    user = UserFactory(email=f"voorzitter-{uuid.uuid4().hex[:6]}@example.org")
    browser_login(page, live_server, user)
    page.goto(live_server.url + reverse("volunteering:register_organisation"))
    fits(page, width, "organisation sign-up")
    page.locator('main form button[type="submit"]').click()
    page.wait_for_url("**/organisaties/aanmelden/")
    fits(page, width, "organisation sign-up with errors")
    page.locator('input[name="name"]').fill("Repair Café Zutphen")
    page.locator('main form button[type="submit"]').click()
    page.wait_for_url("**/organisaties/aanmelden/klaar/")
    fits(page, width, "organisation signed up")
    assert Organisation.objects.get(name="Repair Café Zutphen").status == Organisation.Status.PENDING


@pytest.mark.parametrize("width", [1280, 320])
def test_cards_say_what_a_vacancy_asks_in_the_pages_language(
    page: Any, live_server: Any, bank: dict[str, Any], width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    member, organisation = bank["member"], bank["organisation"]
    start = timezone.now().replace(hour=10, minute=0, second=0, microsecond=0) + dt.timedelta(days=12)
    VacancyFactory(
        organisation=organisation,
        by=member,
        title="Opbouwhulp wijkfeest",
        where=Vacancy.Where.CITY_WIDE,
        when=Vacancy.When.ONE_OFF,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=5),
        hours_per_week=Decimal("5"),
        districts=[],
    )
    Vacancy.objects.filter(title="Koffie schenken in de middag").update(hours_per_week=Decimal("2.5"))
    Skill.objects.filter(slug="tuinieren").update(name_en="Gardening")

    page.goto(live_server.url + "/vrijwilligerswerk/")
    cards = {card.locator(".wb-card__title").inner_text().strip(): card for card in page.locator(".wb-card").all()}
    one_off = cards["Opbouwhulp wijkfeest"].inner_text()
    # How long it takes, not every week ("5 uur"; the Dutch of this new text follows with the translations).
    assert re.search(r"\b5 (uur|hours)\b", one_off) and "per week" not in one_off
    assert "2,5 uur per week" in cards["Koffie schenken in de middag"].inner_text()  # Dutch numbers
    tuinman = cards["Tuinman voor de buurttuin"]
    tags = tuinman.locator(".wb-card__tags")
    assert tags.locator("strong", has_text="Geschikt voor").is_visible()  # the tags have a label everyone sees
    assert "ouderen" in tags.inner_text()
    fits(page, width, "vacancy cards (nl)")
    screenshot(page, "vacancy-cards-nl", width)

    # An English page is English throughout, the managed lists too.
    page.locator('.wb-language button[value="en"]').click()
    page.wait_for_load_state()
    page.goto(live_server.url + bank["tuinman"].get_absolute_url())
    facts = page.locator(".wb-facts").first.inner_text()
    assert "Gardening" in facts and "Tuinieren" not in facts
    assert "4 hours a week" in facts and "Suitable for" in facts
    fits(page, width, "vacancy page (en)")
    screenshot(page, "vacancy-page-en", width)


@pytest.mark.parametrize("width", [1280, 320])
def test_a_filled_vacancy_says_so_and_shows_similar_work(
    page: Any, live_server: Any, bank: dict[str, Any], width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    tuinman = bank["tuinman"]
    VacancyFactory(
        organisation=bank["organisation"],
        title="Bloemen water geven",
        where=Vacancy.Where.CITY_WIDE,
        districts=[],
        skills=[Skill.objects.get(slug="tuinieren")],
    )
    services.close_vacancy(vacancy=tuinman, by=bank["member"], status=Vacancy.Status.FILLED)
    answer = page.goto(live_server.url + tuinman.get_absolute_url())
    assert answer is not None and answer.status == 410
    assert page.locator("h1").inner_text() == "Tuinman voor de buurttuin"
    assert page.locator('main [role="status"]').is_visible()
    similar = [title.strip() for title in page.locator(".wb-card__title").all_inner_texts()]
    # Gardening first, then other work in Leesten; not work that is only alike in time.
    assert similar == ["Bloemen water geven", "Koffie schenken in de middag"]
    fits(page, width, "filled vacancy")
    screenshot(page, "vacancy-filled", width)


@pytest.mark.parametrize("width", [1280, 320])
def test_an_organisation_finds_how_to_put_its_vacancy_on_the_site(
    page: Any, live_server: Any, bank: dict[str, Any], width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/vrijwilligerswerk/")
    entry = page.locator('aside[aria-labelledby="organisaties-titel"]')
    assert entry.is_visible()
    screenshot(page, "vacancies-with-organisation-entry", width)
    entry.locator("a").click()
    page.wait_for_url("**/organisaties/aanmelden/")
    # Not a bare login page: why to log in first, and the ways to do it.
    assert page.locator("h1").inner_text() == "Meld je organisatie aan"
    assert page.locator('main a[href="/account/login/?next=/organisaties/aanmelden/"]').is_visible()
    assert page.locator('main a[href="/account/signup/?next=/organisaties/aanmelden/"]').is_visible()
    fits(page, width, "sign-up explained to a visitor")
    screenshot(page, "register-organisation-anonymous", width)
