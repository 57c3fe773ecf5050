"""The public vacancy bank through the test client, on real templates: search and filters,
the vacancy page, "Ik wil helpen", saved searches and organisations.

Pages are requested in English (the language switch's cookie), so the assertions read the
English message ids and keep passing when the Dutch translations are added."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
import uuid
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from conftest import login, page_text
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wijkbasis.accounts.models import Consent, OrganisationMembership, PossibleDuplicate, Resident, User
from wijkbasis.accounts.tests.factories import UserFactory, staff_user
from wijkbasis.areas.models import District, NeighbourhoodTeam, Organisation, Place
from wijkbasis.areas.tests.factories import OrganisationFactory
from wijkbasis.core.models import SubmittedForm
from wijkbasis.volunteering import services, slots
from wijkbasis.volunteering.models import (
    FollowUp,
    Response,
    SavedSearch,
    Skill,
    Suitability,
    Vacancy,
    organisation_url,
)
from wijkbasis.volunteering.selectors import search_vacancies
from wijkbasis.volunteering.tests.factories import SavedSearchFactory, SkillFactory, VacancyFactory

pytestmark = pytest.mark.django_db

VACANCIES = reverse("volunteering:vacancies")


def titles(response: Any) -> list[str]:
    """The titles of the vacancy cards, in page order."""
    found = re.findall(
        r'<h3 class="utrecht-heading-3 wb-card__title"><a [^>]*>([^<]+)</a></h3>', response.content.decode()
    )
    return [html_lib.unescape(title) for title in found]


@pytest.fixture
def client() -> Client:
    english = Client()
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return english


class Bank:
    """The test vacancy bank: an approved organisation with published vacancies in several
    wijken, and vacancies the public must not see."""

    # Set by the `bank` fixture.
    tuinman: Vacancy
    koken: Vacancy
    taalmaatje: Vacancy
    schuur: Vacancy
    maatje: Vacancy
    voorlezen: Vacancy
    draft: Vacancy
    expired: Vacancy
    pending: Vacancy
    pending_organisation: Organisation

    def __init__(self, zutphen: Any, run_on_commit: Callable[..., Any]) -> None:
        self.zutphen = zutphen
        self.run_on_commit = run_on_commit
        self.member = UserFactory(email="kinderboerderij@example.org", name="Mila Boer")
        self.organisation = Organisation.objects.create(
            municipality=zutphen,
            name="Kinderboerderij De Bult",
            slug="kinderboerderij-de-bult",
            kind=Organisation.Kind.FOUNDATION,
            description="Dieren, tuin en koffie.",
            email="info@debult.example.org",
            phone="0575 000 555",
        )
        OrganisationMembership.objects.create(user=self.member, organisation=self.organisation)
        self.skills = {
            skill.slug: skill
            for skill in [
                SkillFactory(name="Tuinieren", name_en="Gardening", search_terms="tuin, groen, planten"),
                SkillFactory(name="Koken", search_terms="eten, maaltijd"),
                SkillFactory(name="Taal", category="head", search_terms="nederlands, lezen"),
            ]
        }
        self.district = {district.slug: district for district in District.objects.all()}
        self.minutes = 0

    def vacancy(
        self,
        title: str,
        *,
        organisation: Organisation | None = None,
        skills: tuple[str, ...] = (),
        districts: tuple[str, ...] = (),
        publish: bool = True,
        **fields: Any,
    ) -> Vacancy:
        """Create through the services (so the search index is built) and publish; each
        vacancy is published a minute after the one before."""
        fields.setdefault("description", "Help mee.")
        fields.setdefault("contact_name", "Mila Boer")
        with self.run_on_commit(execute=True):
            vacancy = VacancyFactory(
                organisation=organisation or self.organisation,
                title=title,
                by=self.member,
                publish=publish,
                skills=[self.skills[slug] for slug in skills],
                districts=[self.district[slug] for slug in districts],
                **fields,
            )
        if publish:
            self.minutes += 1
            published_at = timezone.now() - dt.timedelta(days=1) + dt.timedelta(minutes=self.minutes)
            Vacancy.objects.filter(pk=vacancy.pk).update(published_at=published_at)
            vacancy.refresh_from_db()
        return vacancy


@pytest.fixture
def bank(zutphen: Any, django_capture_on_commit_callbacks: Any) -> Bank:
    bank = Bank(zutphen, django_capture_on_commit_callbacks)
    today = timezone.localdate()
    bank.tuinman = bank.vacancy(
        "Tuinman voor de buurttuin",
        where=Vacancy.Where.DISTRICTS,
        districts=("leesten",),
        when=Vacancy.When.REGULAR,
        time_slots=slots.bit(1, 0),  # Tuesday morning
        hours_per_week=Decimal("4"),
        skills=("tuinieren",),
        suitable_for=Suitability.SENIORS | Suitability.NEWCOMERS,
        expires_on=today + dt.timedelta(days=30),
        contact_phone="06 00000001",
        contact_email="mila@debult.example.org",
    )
    bank.koken = bank.vacancy(
        "Koken in buurthuis 't Nut",
        where=Vacancy.Where.PLACE,
        place=Place.objects.get(slug="buurthuis-t-nut"),  # Warnsveld
        when=Vacancy.When.REGULAR,
        time_slots=slots.bit(3, 2),  # Thursday evening
        hours_per_week=Decimal("3"),
        skills=("koken",),
        suitable_for=Suitability.YOUNG_PEOPLE,
    )
    bank.taalmaatje = bank.vacancy(
        "Taalmaatje",
        where=Vacancy.Where.FROM_HOME,
        when=Vacancy.When.FLEXIBLE,
        hours_per_week=Decimal("2"),
        skills=("taal",),
        suitable_for=Suitability.NEWCOMERS,
        language_level=Vacancy.LanguageLevel.GOOD,
    )
    bank.schuur = bank.vacancy(
        "Schuur opruimen",
        description="Samen de schuur en de tuin opruimen.",
        where=Vacancy.Where.DISTRICTS,
        districts=("waterkwartier",),
        when=Vacancy.When.ONE_OFF,
        starts_at=timezone.now() + dt.timedelta(days=10),
        time_slots=slots.bit(5, 0),  # Saturday morning
    )
    bank.maatje = bank.vacancy(
        "Maatje voor ouderen",
        where=Vacancy.Where.CITY_WIDE,
        when=Vacancy.When.REGULAR,
        time_slots=slots.bit(0, 1) | slots.bit(2, 1),  # Monday and Wednesday afternoon
        hours_per_week=Decimal("6"),
        vog_required=True,
        expires_on=today + dt.timedelta(days=3),
    )
    bank.voorlezen = bank.vacancy(
        "Voorlezen aan kinderen",
        where=Vacancy.Where.PLACE,
        place=Place.objects.get(slug="buurthuis-mulderskamp"),  # Centrum - De Hoven
        when=Vacancy.When.REGULAR,
        time_slots=slots.bit(2, 1),  # Wednesday afternoon
        hours_per_week=Decimal("1.5"),
        skills=("taal",),
        expires_on=today + dt.timedelta(days=10),
    )
    # Never public: a draft, an expired one and one of an organisation still waiting for review.
    bank.draft = bank.vacancy("Concept", where=Vacancy.Where.DISTRICTS, districts=("leesten",), publish=False)
    bank.expired = bank.vacancy(
        "Verlopen tuinklus", where=Vacancy.Where.DISTRICTS, districts=("leesten",), expires_on=today
    )
    Vacancy.objects.filter(pk=bank.expired.pk).update(expires_on=today - dt.timedelta(days=1))
    bank.pending_organisation = Organisation.objects.create(
        municipality=zutphen, name="Nieuw", slug="nieuw", status=Organisation.Status.PENDING
    )
    bank.pending = bank.vacancy(
        "Van een nieuwe organisatie",
        organisation=bank.pending_organisation,
        where=Vacancy.Where.DISTRICTS,
        districts=("leesten",),
    )
    return bank


ALL_PUBLIC = {
    "Tuinman voor de buurttuin",
    "Koken in buurthuis 't Nut",
    "Taalmaatje",
    "Schuur opruimen",
    "Maatje voor ouderen",
    "Voorlezen aan kinderen",
}


# ---------------------------------------------------------------------------
# The list and its filters


def test_list_shows_the_published_vacancies_newest_first_as_cards(client: Client, bank: Bank) -> None:
    response = client.get(VACANCIES)

    assert response.status_code == 200
    assert titles(response) == [
        "Voorlezen aan kinderen",
        "Maatje voor ouderen",
        "Schuur opruimen",
        "Taalmaatje",
        "Koken in buurthuis 't Nut",
        "Tuinman voor de buurttuin",
    ]
    page = page_text(response)
    assert "6 vacancies" in page
    # A card: title, organisation, where, when in words, hours, suitable for.
    assert "Kinderboerderij De Bult" in page
    assert "Regularly: Tuesday morning" in page
    assert "4 hours a week" in page
    assert "Leesten" in page
    assert "Buurthuis 't Nut, Warnsveld" in page
    assert "Anywhere in Zutphen" in page
    assert "From home" in page
    assert "Whenever it suits you" in page
    assert "seniors" in page and "newcomers and people learning Dutch" in page
    # The filter form works without JavaScript (GET to the same page) and with htmx.
    html = response.content.decode()
    assert 'method="get" action="/vrijwilligerswerk/"' in html
    assert 'hx-get="/vrijwilligerswerk/"' in html
    assert 'hx-trigger="change, input changed delay:400ms from:input[type=search]' in html
    assert 'hx-target="#resultaten"' in html and 'hx-push-url="true"' in html
    # Shareable values: "thuis=ja", not "thuis=on".
    assert re.search(r'<input type="checkbox" name="thuis" value="ja"', html)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=tuin", {"Tuinman voor de buurttuin", "Schuur opruimen"}),
        ("q=koken", {"Koken in buurthuis 't Nut"}),
        ("wijk=leesten", {"Tuinman voor de buurttuin", "Maatje voor ouderen"}),
        (
            "wijk=leesten&wijk=warnsveld",
            {"Tuinman voor de buurttuin", "Koken in buurthuis 't Nut", "Maatje voor ouderen"},
        ),
        ("soort=one_off", {"Schuur opruimen"}),
        ("soort=one_off&soort=flexible", {"Schuur opruimen", "Taalmaatje"}),
        ("uren=3", {"Koken in buurthuis 't Nut", "Taalmaatje", "Schuur opruimen", "Voorlezen aan kinderen"}),
        ("dag=di", {"Tuinman voor de buurttuin", "Taalmaatje"}),
        ("dagdeel=avond", {"Koken in buurthuis 't Nut", "Taalmaatje"}),
        ("dag=wo&dagdeel=middag", {"Maatje voor ouderen", "Voorlezen aan kinderen", "Taalmaatje"}),
        ("dag=di&dagdeel=avond", {"Taalmaatje"}),
        ("vaardigheid=taal", {"Taalmaatje", "Voorlezen aan kinderen"}),
        ("vaardigheid=koken&vaardigheid=tuinieren", {"Koken in buurthuis 't Nut", "Tuinman voor de buurttuin"}),
        ("geschikt=jongeren", {"Koken in buurthuis 't Nut"}),
        ("geschikt=nieuwkomers", {"Tuinman voor de buurttuin", "Taalmaatje"}),
        ("geschikt=jongeren&geschikt=ouderen", {"Koken in buurthuis 't Nut", "Tuinman voor de buurttuin"}),
        ("thuis=ja", {"Taalmaatje"}),
        # Together: every filter narrows further.
        ("wijk=leesten&dag=di&dagdeel=ochtend", {"Tuinman voor de buurttuin"}),
        ("q=tuin&wijk=waterkwartier&soort=one_off", {"Schuur opruimen"}),
        ("geschikt=nieuwkomers&uren=2", {"Taalmaatje"}),
    ],
)
def test_each_filter_narrows_the_results(client: Client, bank: Bank, query: str, expected: set[str]) -> None:
    response = client.get(f"{VACANCIES}?{query}")
    assert response.status_code == 200
    assert set(titles(response)) == expected
    # The selector other modules use (the weekly e-mail) finds the same.
    assert {vacancy.title for vacancy in search_vacancies(QueryDict(query))} == expected


def test_an_empty_form_submitted_without_javascript_shows_everything_at_a_tidy_address(
    client: Client, bank: Bank
) -> None:
    sent = {"q": "", "postcode": "", "afstand": "2", "uren": "", "sorteer": "relevant", "dag": "di"}
    response = client.get(VACANCIES, sent, follow=True)
    # Empty fields, the distance without a postcode and the default order are left out.
    assert response.redirect_chain == [(f"{VACANCIES}?dag=di", 302)]
    assert set(titles(response)) == {"Tuinman voor de buurttuin", "Taalmaatje"}
    assert "alert" not in response.content.decode()
    assert titles(client.get(VACANCIES, {"q": "", "afstand": "2"}, follow=True)) != []
    # With a postcode the distance stays.
    assert client.get(VACANCIES, {"postcode": "7201AB", "afstand": "2"}).status_code == 200


def test_htmx_puts_the_tidy_address_in_the_address_bar(client: Client, bank: Bank) -> None:
    sent = {"q": "tuin", "postcode": "", "afstand": "2", "uren": "", "sorteer": "relevant", "pagina": "1"}
    response = client.get(VACANCIES, sent, headers={"hx-request": "true"})
    assert response.status_code == 200
    assert response["HX-Push-Url"] == f"{VACANCIES}?q=tuin"
    newest = client.get(VACANCIES, {"q": "tuin", "sorteer": "nieuw", "afstand": "5"}, headers={"hx-request": "true"})
    assert newest["HX-Push-Url"] == f"{VACANCIES}?q=tuin&sorteer=nieuw"


def test_postcode_and_distance_use_the_middle_of_the_postcodes_wijk(
    client: Client, bank: Bank, locatieserver: Any
) -> None:
    near = client.get(VACANCIES, {"postcode": "7201 AB", "afstand": "1"})  # Centrum - De Hoven
    assert titles(near) == ["Voorlezen aan kinderen"]
    assert "within 1 km of 7201 AB" in page_text(near)
    assert "(0 km away)" in page_text(near)

    wide = client.get(VACANCIES, {"postcode": "7201AB", "afstand": "10", "sorteer": "dichtbij"})
    # Everything with a location; not city-wide or from-home work, which has none.
    assert set(titles(wide)) == ALL_PUBLIC - {"Maatje voor ouderen", "Taalmaatje"}
    assert titles(wide)[0] == "Voorlezen aan kinderen"
    distances = [float(km) for km in re.findall(r"\(([\d.]+) km away\)", page_text(wide))]
    assert distances == sorted(distances)


def test_unknown_or_unreachable_postcode_gives_a_message_not_an_error(
    client: Client, bank: Bank, locatieserver: Any
) -> None:
    unknown = client.get(VACANCIES, {"postcode": "9999ZZ", "afstand": "2"})
    assert unknown.status_code == 200
    assert "We cannot find postcode 9999 ZZ" in page_text(unknown)
    assert set(titles(unknown)) == ALL_PUBLIC

    outside = client.get(VACANCIES, {"postcode": "7411AB"})
    assert "Postcode 7411 AB is in Deventer" in page_text(outside)


def test_postcode_while_offline_asks_to_choose_a_neighbourhood(client: Client, bank: Bank) -> None:
    response = client.get(VACANCIES, {"postcode": "7201AB", "afstand": "2"})
    assert response.status_code == 200
    assert "We cannot look up postcode 7201 AB right now" in page_text(response)
    assert set(titles(response)) == ALL_PUBLIC


@pytest.mark.parametrize(
    ("query", "expected", "message"),
    [
        ("wijk=bestaat-niet&wijk=leesten", {"Tuinman voor de buurttuin", "Maatje voor ouderen"}, "“bestaat-niet”"),
        ("dag=maandag", ALL_PUBLIC, "“maandag”"),
        ("soort=vaak&soort=one_off", {"Schuur opruimen"}, "“vaak”"),
        ("geschikt=iedereen", ALL_PUBLIC, "“iedereen”"),
        ("vaardigheid=vliegen", ALL_PUBLIC, "“vliegen”"),
        ("uren=veel", ALL_PUBLIC, "At most this many hours a week"),
        ("uren=-4", ALL_PUBLIC, "At most this many hours a week"),
        ("afstand=3&postcode=7201AB", ALL_PUBLIC, "Distance"),
        ("sorteer=duur", ALL_PUBLIC, "Sort"),
        ("sorteer=dichtbij", ALL_PUBLIC, "needs a postcode"),
        ("postcode=abc", ALL_PUBLIC, "is not a Dutch postcode"),
        ("q=" + "tuin" * 100, ALL_PUBLIC, "Search words"),
        # Control characters are taken out before anything reads the query (core.middleware).
        ("q=tuin%00", {"Tuinman voor de buurttuin", "Schuur opruimen"}, ""),
        ("pagina=abc", ALL_PUBLIC, ""),
        ("pagina=99", ALL_PUBLIC, ""),
    ],
)
def test_values_that_cannot_be_used_are_left_out_with_a_message(
    client: Client, bank: Bank, query: str, expected: set[str], message: str
) -> None:
    response = client.get(f"{VACANCIES}?{query}", follow=True)
    assert response.status_code == 200
    assert set(titles(response)) == expected
    if message:
        assert 'class="utrecht-alert utrecht-alert--warning" role="status"' in response.content.decode()
        assert message in page_text(response)


def test_sort_newest_closing_soonest_and_best_match(client: Client, bank: Bank) -> None:
    closing = titles(client.get(VACANCIES, {"sorteer": "sluit"}))
    assert closing[:3] == ["Maatje voor ouderen", "Voorlezen aan kinderen", "Tuinman voor de buurttuin"]
    assert set(closing[3:]) == {"Taalmaatje", "Schuur opruimen", "Koken in buurthuis 't Nut"}  # no end date: last

    # With search words the best match comes first: "Schuur opruimen" is newer, but the Tuinman
    # has the word in its title. Newest first only when asked for.
    assert titles(client.get(VACANCIES, {"q": "tuin"})) == ["Tuinman voor de buurttuin", "Schuur opruimen"]
    assert titles(client.get(VACANCIES, {"q": "tuin", "sorteer": "nieuw"})) == [
        "Schuur opruimen",
        "Tuinman voor de buurttuin",
    ]
    # Without search words "best match" is simply the newest first, without a notice.
    default = client.get(VACANCIES, {"sorteer": "relevant"}, follow=True)
    assert titles(default)[0] == "Voorlezen aan kinderen" and "alert" not in default.content.decode()


def test_pagination_has_20_per_page_and_keeps_the_query_string(client: Client, bank: Bank) -> None:
    for number in range(22):
        bank.vacancy(f"Extra klus {number:02d}", where=Vacancy.Where.DISTRICTS, districts=("warnsveld",))

    first = client.get(VACANCIES, {"wijk": ["leesten", "warnsveld"], "dag": ["di", "do"], "sorteer": "nieuw"})
    # 22 extra (no times: regular without slots do not match a day) → only those with the days.
    assert len(titles(first)) == 2

    first = client.get(VACANCIES, {"wijk": ["leesten", "warnsveld"], "sorteer": "sluit"})
    assert "25 vacancies" in page_text(first)
    assert len(titles(first)) == 20
    html = first.content.decode()
    next_link = re.search(r'<a class="utrecht-link" rel="next" href="([^"]+)"', html)
    assert next_link is not None
    href = next_link.group(1).replace("&amp;", "&")
    assert QueryDict(href.lstrip("?")).getlist("wijk") == ["leesten", "warnsveld"]
    assert QueryDict(href.lstrip("?"))["sorteer"] == "sluit"
    second = client.get(VACANCIES + href)
    assert len(titles(second)) == 5
    assert not set(titles(first)) & set(titles(second))
    assert "Page 2 of 2" in page_text(second)


def test_htmx_gets_only_the_results_and_the_count(client: Client, bank: Bank) -> None:
    full = client.get(VACANCIES, {"wijk": "leesten"})
    partial = client.get(VACANCIES, {"wijk": "leesten"}, headers={"hx-request": "true"})

    assert "<html" in full.content.decode()
    html = partial.content.decode()
    assert "<html" not in html and "zoekfilters" not in html
    assert '<p id="zoek-status" hx-swap-oob="innerHTML">' in html
    assert '<section id="resultaten"' in html
    assert set(titles(partial)) == set(titles(full)) == {"Tuinman voor de buurttuin", "Maatje voor ouderen"}
    assert "2 vacancies in Leesten" in page_text(partial)
    # Full page and fragment share the address: caches keep them apart.
    assert "HX-Request" in partial["Vary"] and "HX-Request" in full["Vary"]
    # Going back in the browser history asks htmx for the whole page again.
    restore = client.get(
        VACANCIES, {"wijk": "leesten"}, headers={"hx-request": "true", "hx-history-restore-request": "true"}
    )
    assert "<html" in restore.content.decode()


def test_no_results_says_which_filter_to_widen(client: Client, bank: Bank) -> None:
    response = client.get(VACANCIES, {"wijk": "leesten", "dag": "di", "dagdeel": "avond"})

    assert titles(response) == []
    page = page_text(response)
    assert "There are no vacancies in Leesten, on Tuesday evening." in page
    assert "At any part of the day: 1 vacancy" in page  # the Tuinman, on Tuesday morning
    assert "In every neighbourhood: 1 vacancy" in page  # the Taalmaatje, whenever it suits you
    assert "On any day" not in page  # in Leesten in the evening: nothing either
    html = response.content.decode()
    assert 'href="?wijk=leesten&amp;dag=di"' in html
    assert 'href="?dag=di&amp;dagdeel=avond"' in html


def test_no_results_at_all_without_filters(client: Client, zutphen: Any) -> None:
    page = page_text(client.get(VACANCIES))
    assert "There are no vacancies at the moment." in page
    assert "0 vacancies" in page


def _queries(client: Client, url: str, **kwargs: Any) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **kwargs)
    assert response.status_code == 200
    return len(queries)


def test_list_detail_and_organisation_pages_use_a_constant_number_of_queries(client: Client, bank: Bank) -> None:
    search = f"{VACANCIES}?wijk=leesten&wijk=warnsveld&vaardigheid=tuinieren&vaardigheid=koken&q=tuin&dag=di"
    empty = f"{VACANCIES}?wijk=leesten&dag=di&dagdeel=avond&vaardigheid=koken&uren=2&geschikt=ouderen&q=klus"
    urls = [VACANCIES, search, empty, bank.tuinman.get_absolute_url(), organisation_url(bank.organisation)]
    for url in urls:  # the search form is rendered once and then read from the cache
        client.get(url)
    before = [_queries(client, url) for url in urls]
    for number in range(60):
        bank.vacancy(
            f"Tuinklus {number}",
            where=Vacancy.Where.DISTRICTS,
            districts=("leesten", "warnsveld"),
            time_slots=slots.bit(1, 0) | slots.bit(3, 2),
            skills=("tuinieren", "koken"),
            suitable_for=Suitability.SENIORS,
        )
    after = [_queries(client, url) for url in urls]
    assert after == before
    assert _queries(client, search, headers={"hx-request": "true"}) <= before[1]


def test_the_search_form_is_kept_rendered_per_selection_until_skills_or_wijken_change(
    client: Client, bank: Bank
) -> None:
    url = f"{VACANCIES}?vaardigheid=koken"
    first = _queries(client, url)
    again = _queries(client, url)
    assert again < first  # the form (with its choices of wijken and skills) from the cache
    assert re.search(r'value="koken"[^>]*checked', client.get(url).content.decode()) is not None
    # Another selection is its own fragment: nothing of the first one's choice shows.
    other = client.get(f"{VACANCIES}?vaardigheid=tuinieren").content.decode()
    assert re.search(r'value="koken"[^>]*checked', other) is None
    assert re.search(r'value="tuinieren"[^>]*checked', other) is not None

    skill = Skill.objects.get(slug="koken")
    skill.name = "Koken voor buren"
    skill.save()
    assert "Koken voor buren" in page_text(client.get(url))

    district = District.objects.get(slug="leesten")
    district.name = "Leesten-Oost"
    district.save()
    assert "Leesten-Oost" in page_text(client.get(url))


# ---------------------------------------------------------------------------
# One vacancy


def test_vacancy_page_tells_everything_in_plain_words(client: Client, bank: Bank) -> None:
    response = client.get(bank.tuinman.get_absolute_url())

    assert response.status_code == 200
    page = page_text(response)
    html = response.content.decode()
    assert "Tuinman voor de buurttuin" in page
    assert f'href="{organisation_url(bank.organisation)}">Kinderboerderij De Bult</a>' in html
    assert 'href="/wijk/leesten/">Leesten</a>' in html
    assert "Regularly: Tuesday morning" in page
    assert "4 hours a week" in page
    assert "Gardening" in page and "Tuinieren" not in page  # the skill's English name
    assert "seniors" in page
    assert "A little Dutch" in page
    assert "Not needed" in page  # no VOG
    assert "Your contact person at Kinderboerderij De Bult is Mila Boer." in page
    # The organisation's own contact details are public; the contact person's are not.
    assert "0575 000 555" in page and "info@debult.example.org" in page
    assert "06 00000001" not in page and "mila@debult.example.org" not in page
    assert 'action="/vrijwilligerswerk/' + bank.tuinman.slug + '/reageren/"' in html
    assert 'name="consent"' in html


def test_vacancy_page_shows_place_vog_and_one_off_date(client: Client, bank: Bank) -> None:
    koken = page_text(client.get(bank.koken.get_absolute_url()))
    assert "buurthuis 't Nut" in koken and "Warnsveld" in koken
    assert "Needed. The organisation tells you how to apply for it." in page_text(
        client.get(bank.maatje.get_absolute_url())
    )
    assert "Once: " in page_text(client.get(bank.schuur.get_absolute_url()))


@pytest.mark.parametrize("which", ["draft", "pending"])
def test_vacancies_that_were_never_public_are_not_found(client: Client, bank: Bank, which: str) -> None:
    vacancy = getattr(bank, which)
    assert client.get(vacancy.get_absolute_url()).status_code == 404
    assert client.get(reverse("volunteering:respond", args=[vacancy.slug])).status_code == 404
    assert client.post(reverse("volunteering:respond", args=[vacancy.slug]), {"name": "x"}).status_code == 404
    # A logged-in resident or a member of another organisation does not see it either.
    outsider = UserFactory()
    OrganisationMembership.objects.create(user=outsider, organisation=Organisation.objects.get(slug="nieuw"))
    if which != "pending":  # the outsider is a member of the pending organisation
        assert login(Client(), outsider).get(vacancy.get_absolute_url()).status_code == 404


def test_own_organisation_and_staff_see_a_preview_without_response_form(client: Client, bank: Bank) -> None:
    member = login(Client(), bank.member)
    member.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    preview = member.get(bank.draft.get_absolute_url())
    assert preview.status_code == 200
    assert "Preview: this vacancy is not public" in page_text(preview)
    assert 'name="consent"' not in preview.content.decode()

    broker = staff_user(NeighbourhoodTeam.objects.get(slug="waterkwartier"))
    staff = login(Client(), broker)
    staff.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert staff.get(bank.draft.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(("status", "says"), [("filled", "This vacancy is filled."), ("closed", "is closed.")])
def test_a_filled_or_closed_vacancy_says_so_with_similar_open_work(
    client: Client, bank: Bank, status: str, says: str
) -> None:
    services.close_vacancy(vacancy=bank.voorlezen, by=bank.member, status=status)
    for url in (bank.voorlezen.get_absolute_url(), _respond_url(bank.voorlezen)):
        response = client.get(url)
        assert response.status_code == 410  # search engines drop it; people read why
        page = page_text(response)
        assert says in page
        assert "Kinderboerderij De Bult is not looking for volunteers for this work any more." in page
        assert titles(response) == ["Taalmaatje"]  # also about language, and open
        assert '<meta name="robots" content="noindex">' in response.content.decode()
    assert client.post(_respond_url(bank.voorlezen), {"name": "Sanne", "consent": "on"}).status_code == 410
    assert not Response.objects.exists()
    # Its organisation still sees its own page, as a preview.
    member = login(Client(), bank.member)
    assert member.get(bank.voorlezen.get_absolute_url()).status_code == 200


def test_an_expired_vacancy_is_closed_and_one_never_published_not_found(client: Client, bank: Bank) -> None:
    expired = client.get(bank.expired.get_absolute_url())
    assert expired.status_code == 410 and "This vacancy is closed." in page_text(expired)
    services.close_vacancy(vacancy=bank.draft, by=bank.member)
    assert client.get(bank.draft.get_absolute_url()).status_code == 404


def test_organisations_find_the_way_to_put_their_vacancy_on_the_site(client: Client, bank: Bank) -> None:
    page = client.get(VACANCIES)
    assert "Are you an organisation?" in page_text(page)
    assert f'href="{reverse("volunteering:register_organisation")}"' in page.content.decode()
    member = login(Client(), bank.member)
    member.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    own = member.get(VACANCIES)
    assert "Put a new vacancy on the site" in page_text(own)
    assert f'href="{reverse("volunteering:org_vacancy_new")}"' in own.content.decode()


# ---------------------------------------------------------------------------
# "Ik wil helpen"


def _respond_url(vacancy: Vacancy) -> str:
    return reverse("volunteering:respond", args=[vacancy.slug])


@pytest.fixture
def respond(client: Client, django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    def post(vacancy: Vacancy, data: dict[str, Any], on: Client | None = None) -> Any:
        data = {"form_key": str(uuid.uuid4()), **data}
        with django_capture_on_commit_callbacks(execute=True):
            return (on or client).post(_respond_url(vacancy), data)

    return post


def test_respond_without_an_account(client: Client, bank: Bank, respond: Callable[..., Any]) -> None:
    form = client.get(_respond_url(bank.tuinman))
    assert form.status_code == 200
    assert (
        "I agree that my name, e-mail address or phone number and my message go to Kinderboerderij De Bult"
        in page_text(form)
    )

    response = respond(
        bank.tuinman,
        {
            "name": "Sanne de Vries",
            "email": "Sanne@example.org",
            "phone": "",
            "postcode": "7201 ab",
            "message": "Ik tuinier graag.",
            "consent": "on",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("volunteering:respond_thanks", args=[bank.tuinman.slug])
    answer = Response.objects.get()
    assert answer.vacancy == bank.tuinman
    assert answer.channel == Response.Channel.FORM
    assert answer.message == "Ik tuinier graag."
    resident = answer.resident
    assert (resident.name, resident.email, resident.user) == ("Sanne de Vries", "sanne@example.org", None)
    assert resident.source == Resident.Source.FORM
    purposes = set(resident.consents.filter(withdrawn_at__isnull=True).values_list("purpose", flat=True))
    assert {"share_with_organisation", "keep_details"} <= purposes
    assert resident.consents.get(purpose="share_with_organisation").method == Consent.Method.ONLINE
    # Brokers of the vacancy's wijk (Leesten) follow it up.
    follow_up = FollowUp.objects.get(response=answer)
    assert follow_up.kind == FollowUp.Kind.NO_CONTACT
    assert follow_up.team.slug == "zuidwijken-warnsveld-leesten"
    assert Vacancy.objects.get(pk=bank.tuinman.pk).responses.count() == 1
    # The organisation hears of it, without the person's details in the e-mail.
    assert {address for message in mail.outbox for address in message.to} == {
        "kinderboerderij@example.org",
        "mila@debult.example.org",
    }
    for message in mail.outbox:
        assert "Tuinman voor de buurttuin" in message.body
        assert "Sanne" not in message.body

    thanks = page_text(client.get(response["Location"]))
    days = settings.RESPONSE_CONTACT_REMINDER_DAYS
    assert (
        f"Kinderboerderij De Bult or a sociaal makelaar of the neighbourhood team contacts you within {days} days"
        in thanks
    )
    assert "0575 000 100" in thanks  # the team of Leesten, for when nobody calls


def test_respond_by_phone_only(client: Client, bank: Bank, respond: Callable[..., Any]) -> None:
    response = respond(bank.koken, {"name": "Ali", "phone": "06 12345678", "consent": "on"})
    assert response.status_code == 302
    assert Response.objects.get().resident.phone == "06 12345678"


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"name": "Sanne", "email": "sanne@example.org"}, "Tick this box"),
        ({"name": "Sanne", "consent": "on"}, "Fill in your e-mail address or phone number"),
        ({"email": "sanne@example.org", "consent": "on"}, "Fill in your name."),
        ({"name": "Sanne", "email": "geen-adres", "consent": "on"}, "valid email address"),
        ({"name": "Sanne", "email": "sanne@example.org", "postcode": "72O1", "consent": "on"}, "like 7201 AB"),
    ],
)
def test_respond_errors_keep_what_was_typed(
    client: Client, bank: Bank, respond: Callable[..., Any], data: dict[str, str], error: str
) -> None:
    response = respond(bank.tuinman, {"message": "Ik wil graag helpen!", **data})

    assert response.status_code == 200
    assert error in page_text(response)
    html = response.content.decode()
    assert "Ik wil graag helpen!" in html
    for field in ("name", "email", "postcode"):
        if data.get(field):
            assert f'value="{data[field]}"' in html
    assert 'aria-invalid="true"' in html or "utrecht-form-field--invalid" in html
    assert not Response.objects.exists()


def test_double_submit_creates_one_response(client: Client, bank: Bank, respond: Callable[..., Any]) -> None:
    data = {"form_key": str(uuid.uuid4()), "name": "Sanne", "email": "sanne@example.org", "consent": "on"}
    first = respond(bank.tuinman, data)
    second = respond(bank.tuinman, data)
    assert first.status_code == second.status_code == 302
    assert Response.objects.count() == 1
    assert Resident.objects.filter(email="sanne@example.org").count() == 1
    assert SubmittedForm.objects.filter(key=data["form_key"]).count() == 1
    assert len(mail.outbox) == 2  # one response, its two organisation members told once each
    # A new form (another key) with the same address is not joined to the first: a new record,
    # flagged for the broker as maybe the same person.
    assert respond(bank.tuinman, {**data, "form_key": str(uuid.uuid4())}).status_code == 302
    assert Resident.objects.filter(email="sanne@example.org").count() == 2
    assert PossibleDuplicate.objects.filter(reason="same_email").count() == 1


def test_respond_with_an_account(bank: Bank, respond: Callable[..., Any]) -> None:
    user = UserFactory(email="jan@example.org", name="Jan Jansen")
    browser = login(Client(), user)
    browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    form = browser.get(_respond_url(bank.tuinman))
    html = form.content.decode()
    assert 'name="message"' in html and 'name="email"' not in html and 'name="consent"' not in html
    assert "we pass your name, e-mail address and message on to Kinderboerderij De Bult" in page_text(form)

    response = respond(bank.tuinman, {"message": "Ik heb tijd."}, on=browser)

    assert response.status_code == 302
    answer = Response.objects.get()
    assert answer.channel == Response.Channel.ACCOUNT
    assert answer.resident.user == user
    assert answer.resident.consents.filter(purpose="share_with_organisation").exists()
    assert answer.message == "Ik heb tijd."
    assert FollowUp.objects.filter(response=answer, team__slug="zuidwijken-warnsveld-leesten").exists()
    # The vacancy page now says they responded, instead of the form.
    page = browser.get(bank.tuinman.get_absolute_url())
    assert "You responded on" in page_text(page)
    assert 'name="message"' not in page.content.decode()


# ---------------------------------------------------------------------------
# Saved searches


def test_save_search_confirm_and_unsubscribe_in_one_click(
    client: Client, bank: Bank, django_capture_on_commit_callbacks: Any
) -> None:
    results = client.get(VACANCIES, {"wijk": "leesten", "dag": "di", "pagina": "1", "q": ""}, follow=True)
    html = results.content.decode()
    assert 'action="/vrijwilligerswerk/bewaren/"' in html
    assert 'name="query" value="wijk=leesten&amp;dag=di"' in html

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("volunteering:save_search"),
            {"email": "Lezer@Example.org", "query": "wijk=leesten&dag=di", "form_key": str(uuid.uuid4())},
        )

    assert response.status_code == 302
    assert response["Location"] == reverse("volunteering:search_saved") + "?status=bevestigen"
    assert "Check your e-mail" in page_text(client.get(response["Location"]))
    saved = SavedSearch.objects.get()
    assert (saved.email, saved.query, saved.label) == (
        "lezer@example.org",
        "wijk=leesten&dag=di",
        "in Leesten, on Tuesday",
    )
    assert saved.confirmed_at is None
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    confirm_url = reverse("volunteering:confirm_search", args=[saved.token])
    stop_url = reverse("volunteering:unsubscribe", args=[saved.token])
    assert confirm_url in body and stop_url in body

    # Opening the link (a mail provider's link checker does too) only shows the button.
    assert "Yes, send me new volunteer work" in page_text(client.get(confirm_url))
    saved.refresh_from_db()
    assert saved.confirmed_at is None
    confirmed = client.post(confirm_url)
    assert "Confirmed." in page_text(confirmed)
    saved.refresh_from_db()
    assert saved.confirmed_at is not None

    # The weekly e-mail: new vacancies of this search, with one-click unsubscribe headers.
    with django_capture_on_commit_callbacks(execute=True):
        bank.vacancy(
            "Nieuwe tuinklus", where=Vacancy.Where.DISTRICTS, districts=("leesten",), time_slots=slots.bit(1, 2)
        )
    saved.confirmed_at = timezone.now() - dt.timedelta(hours=1)
    saved.save(update_fields=["confirmed_at"])
    Vacancy.objects.filter(title="Nieuwe tuinklus").update(published_at=timezone.now())
    assert services.send_weekly_digests() == 1
    digest = mail.outbox[-1]
    assert "Nieuwe tuinklus" in digest.body and "Tuinman" not in digest.body
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert stop_url in digest.extra_headers["List-Unsubscribe"]

    # GET shows a button; a mail program's one-click POST (no session, no CSRF token) stops it.
    assert "Stop these e-mails" in page_text(client.get(stop_url))
    assert SavedSearch.objects.filter(pk=saved.pk).exists()
    mail_program = Client(enforce_csrf_checks=True)
    one_click = mail_program.post(
        stop_url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert one_click.status_code == 200
    assert not SavedSearch.objects.filter(pk=saved.pk).exists()
    # Again: nothing left, and it says so.
    assert client.get(stop_url).status_code == 404
    assert client.post(stop_url).status_code == 200


def test_unsubscribe_button_on_the_page(client: Client, bank: Bank) -> None:
    saved = SavedSearchFactory()
    response = Client(enforce_csrf_checks=True).post(reverse("volunteering:unsubscribe", args=[saved.token]))
    assert response.status_code == 200
    assert not SavedSearch.objects.exists()


def test_save_search_when_logged_in_with_that_address_is_confirmed_at_once(
    bank: Bank, django_capture_on_commit_callbacks: Any
) -> None:
    user = UserFactory(email="jan@example.org")
    browser = login(Client(), user)
    page = browser.get(VACANCIES, {"wijk": "leesten"})
    assert 'value="jan@example.org"' in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(
            reverse("volunteering:save_search"),
            {"email": "jan@example.org", "query": "wijk=leesten", "form_key": str(uuid.uuid4())},
        )
    assert response["Location"].endswith("?status=actief")
    assert SavedSearch.objects.get().confirmed_at is not None
    assert mail.outbox == []


def test_save_search_with_a_wrong_address_shows_the_form_again(client: Client, bank: Bank) -> None:
    response = client.post(
        reverse("volunteering:save_search"), {"email": "geen adres", "query": "wijk=leesten&wijk=nergens"}
    )
    assert response.status_code == 200
    assert "valid email address" in page_text(response)
    assert "in Leesten" in page_text(response)
    assert not SavedSearch.objects.exists()


def test_unknown_confirmation_link(client: Client, zutphen: Any) -> None:
    response = client.get(reverse("volunteering:confirm_search", args=["bestaat-niet"]))
    assert response.status_code == 404
    assert "This link is not valid" in page_text(response)


# ---------------------------------------------------------------------------
# Organisations


def test_organisation_page_shows_its_published_vacancies(client: Client, bank: Bank) -> None:
    response = client.get(organisation_url(bank.organisation))
    assert response.status_code == 200
    assert set(titles(response)) == ALL_PUBLIC
    page = page_text(response)
    assert "Dieren, tuin en koffie." in page
    assert "0575 000 555" in page


@pytest.mark.parametrize("status", [Organisation.Status.PENDING, Organisation.Status.REJECTED])
def test_organisations_that_are_not_approved_are_not_found(client: Client, zutphen: Any, status: str) -> None:
    organisation = OrganisationFactory(municipality=zutphen, status=status)
    assert client.get(organisation_url(organisation)).status_code == 404


def test_signing_up_an_organisation_needs_an_account(client: Client, zutphen: Any) -> None:
    """A visitor without an account is told why to log in first, with a way back here."""
    response = client.get(reverse("volunteering:register_organisation"))
    assert response.status_code == 200
    page = page_text(response)
    assert "First log in, with your own e-mail address" in page
    assert "With it you can later put vacancies on the site" in page
    html = response.content.decode()
    assert 'href="/account/login/?next=/organisaties/aanmelden/"' in html
    assert 'href="/account/signup/?next=/organisaties/aanmelden/"' in html
    assert 'name="name"' not in html  # no form yet
    # A form sent without a session (it expired) goes to the login page and saves nothing.
    posted = client.post(reverse("volunteering:register_organisation"), {"name": "Buurtclub", "kind": "other"})
    assert posted.status_code == 302 and posted["Location"].startswith(reverse("account_login"))
    assert not Organisation.objects.filter(name="Buurtclub").exists()


def test_sign_up_an_organisation_waits_for_review(zutphen: Any) -> None:
    user = UserFactory(email="voorzitter@example.org")
    browser = login(Client(), user)
    browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    form = browser.get(reverse("volunteering:register_organisation"))
    assert form.status_code == 200
    assert 'name="municipality"' not in form.content.decode()  # only Zutphen: nothing to choose

    data = {
        "form_key": str(uuid.uuid4()),
        "name": "Repair Café Zutphen",
        "kind": Organisation.Kind.INITIATIVE,
        "description": "Samen repareren.",
        "website": "repaircafe.example.org",
        "email": "info@repaircafe.example.org",
        "phone": "",
    }
    response = browser.post(reverse("volunteering:register_organisation"), data)
    again = browser.post(reverse("volunteering:register_organisation"), data)  # double click

    assert response.status_code == again.status_code == 302
    assert response["Location"] == reverse("volunteering:organisation_registered")
    organisation = Organisation.objects.get(name="Repair Café Zutphen")
    assert organisation.status == Organisation.Status.PENDING
    assert organisation.municipality == zutphen
    assert organisation.website == "https://repaircafe.example.org"
    assert organisation.registered_by == user
    assert OrganisationMembership.objects.filter(user=user, organisation=organisation).exists()
    assert "The neighbourhood team checks your sign-up" in page_text(browser.get(response["Location"]))
    assert browser.get(organisation_url(organisation)).status_code == 404

    duplicate = browser.post(reverse("volunteering:register_organisation"), {**data, "form_key": str(uuid.uuid4())})
    assert duplicate.status_code == 200
    assert "is already signed up" in page_text(duplicate)
    assert Organisation.objects.filter(name="Repair Café Zutphen").count() == 1


def test_sign_up_asks_the_municipality_when_there_are_several(zutphen: Any) -> None:
    from wijkbasis.areas.models import Municipality

    other = Municipality.objects.create(code="GM0150", name="Deventer", slug="deventer")
    browser = login(Client(), UserFactory())
    assert 'name="municipality"' in browser.get(reverse("volunteering:register_organisation")).content.decode()
    browser.post(
        reverse("volunteering:register_organisation"),
        {"form_key": str(uuid.uuid4()), "name": "Buurtvereniging", "kind": "association", "municipality": other.pk},
    )
    assert Organisation.objects.get(name="Buurtvereniging").municipality == other


# ---------------------------------------------------------------------------
# E-mails to organisations (templates of services.run_daily)


def test_expiry_reminder_mail(bank: Bank, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.run_daily()
    bodies = [message.body for message in mail.outbox]
    assert any("Maatje voor ouderen" in body and "/organisatie/vacatures/" in body for body in bodies)


def test_no_user_can_be_subscribed_by_someone_else(client: Client, bank: Bank) -> None:
    """Saving a search for another person's address sends them a confirmation, nothing more."""
    User.objects.create_user(email="ander@example.org", name="Ander")
    client.post(
        reverse("volunteering:save_search"),
        {"email": "ander@example.org", "query": "thuis=ja", "form_key": str(uuid.uuid4())},
    )
    assert SavedSearch.objects.get().confirmed_at is None


def test_responses_without_account_beyond_the_limit_get_429(bank: Bank) -> None:
    cache.clear()
    anonymous = Client()
    statuses = [
        anonymous.post(
            _respond_url(bank.tuinman), {"name": f"Persoon {i}", "email": f"p{i}@example.org", "consent": "on"}
        ).status_code
        for i in range(22)
    ]
    assert statuses[0] in (200, 302)
    assert statuses[-1] == 429


def test_saving_searches_beyond_the_limit_gets_429(zutphen: Any) -> None:
    cache.clear()
    anonymous = Client()
    statuses = [
        anonymous.post(
            reverse("volunteering:save_search"), {"email": f"z{i}@example.org", "query": "q=tuin"}
        ).status_code
        for i in range(12)
    ]
    assert 429 in statuses
    assert statuses[0] != 429
