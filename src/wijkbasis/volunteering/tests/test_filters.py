"""The public search (filters/): its address, the order, and the search in words. The pages that
use it are in test_views_public.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import pytest
from django.http import QueryDict
from django.utils.translation import override

from wijkbasis.demo.volunteering import load_volunteering
from wijkbasis.volunteering.filters import VacancyFilter
from wijkbasis.volunteering.filters.filterset import without_noise
from wijkbasis.volunteering.filters.params import slot_mask
from wijkbasis.volunteering.filters.summary import empty_text, summary
from wijkbasis.volunteering.models import Vacancy
from wijkbasis.volunteering.selectors import search_vacancies

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(zutphen: Any, django_capture_on_commit_callbacks: Any) -> None:
    """The demo's vacancy bank (demo/volunteering_data.py), indexed as the demo indexes it."""
    with django_capture_on_commit_callbacks(execute=True):
        load_volunteering(zutphen, progress=lambda _message: None, with_people=False)


@pytest.mark.parametrize(
    ("words", "best", "not_before"),
    [
        # The organisation "Moestuin Buurtbongerd" also offers "Kookvrijwilliger buurtmaaltijd":
        # a match on the organisation's name ranks below every title and skill.
        ("tuin", {"Hulp in de moestuin"}, "Kookvrijwilliger buurtmaaltijd"),
        ("koken", {"Kookvrijwilliger buurtmaaltijd"}, "Koffie schenken bij de inloop"),
        ("taal", {"Taalmaatje", "Begeleider taalcafé"}, "Voorlezen op school"),
        ("geiten", {"Dieren verzorgen op zaterdag"}, "Hulp in de moestuin"),
    ],
)
def test_with_search_words_the_obviously_best_vacancy_comes_first(
    demo: None, words: str, best: set[str], not_before: str
) -> None:
    found = [vacancy.title for vacancy in search_vacancies(QueryDict(f"q={words}"))]
    assert found[0] in best, found
    assert found.index(not_before) > max(found.index(title) for title in best), found


def test_newest_first_when_asked_and_without_search_words(demo: None) -> None:
    newest = _published_at(search_vacancies(QueryDict("q=tuin&sorteer=nieuw")))
    assert newest == sorted(newest, reverse=True)
    everything = _published_at(search_vacancies(QueryDict("")))
    assert everything[0] == max(everything)


def _published_at(vacancies: Iterable[Vacancy]) -> list[dt.datetime]:
    """When each was published (every vacancy a search finds is)."""
    moments = []
    for vacancy in vacancies:
        assert vacancy.published_at is not None, vacancy
        moments.append(vacancy.published_at)
    return moments


@pytest.mark.parametrize(
    ("sent", "tidy"),
    [
        ("q=tuin&postcode=&afstand=2&uren=&sorteer=relevant", "q=tuin"),
        ("postcode=7201AB&afstand=2", "postcode=7201AB&afstand=2"),
        ("q=&wijk=leesten&wijk=&sorteer=nieuw&pagina=2", "wijk=leesten&sorteer=nieuw&pagina=2"),
        ("dag=maandag", "dag=maandag"),  # a value it cannot use stays: the page says why it left it out
        ("afstand=5", ""),
    ],
)
def test_a_form_sent_without_javascript_is_tidied_to_what_it_says(sent: str, tidy: str) -> None:
    assert without_noise(QueryDict(sent)).urlencode() == tidy


def test_the_query_string_leaves_out_the_default_order_and_a_distance_without_postcode(zutphen: Any) -> None:
    assert VacancyFilter(QueryDict("q=tuin&sorteer=relevant&afstand=5")).query_string() == "q=tuin"
    assert VacancyFilter(QueryDict("q=tuin&sorteer=sluit")).query_string() == "q=tuin&sorteer=sluit"


def test_the_search_in_words_uses_the_languages_numbers(zutphen: Any) -> None:
    search = VacancyFilter(QueryDict("wijk=leesten&dag=di&dagdeel=ochtend&uren=2.5&thuis=ja"))
    with override("nl"):
        assert summary(search) == "in Leesten, hoogstens 2,5 uur per week, op dinsdagochtend, vanuit huis"
    with override("en"):
        assert summary(search) == "in Leesten, at most 2.5 hours a week, on Tuesday morning, from home"
        assert empty_text(VacancyFilter(QueryDict())) == "There are no vacancies at the moment."


def test_days_and_parts_of_the_day_as_one_bit_set() -> None:
    assert slot_mask([], []) == 0
    assert slot_mask(["ma"], ["ochtend"]) == 1
    assert slot_mask(["di"], []) == 0b111 << 3
    assert bin(slot_mask([], ["avond"])).count("1") == 7
