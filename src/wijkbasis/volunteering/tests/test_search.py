"""Vacancy search: the same matches in the same order on SQLite and on PostgreSQL.

Run both ways (the second with DATABASE_URL=postgres://postgres@127.0.0.1:5432/wijkbasis):
    uv run pytest src/wijkbasis/volunteering/tests/test_search.py
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import unicodedata
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wijkbasis.areas.models import District, Municipality, Organisation, Place
from wijkbasis.volunteering.models import Skill, Vacancy
from wijkbasis.volunteering.search import (
    MAX_QUERY_WORDS,
    STOP_WORDS,
    apply_text_search,
    build_vocabulary,
    compound_parts,
    index_vacancies,
    index_vacancy,
    lexeme,
    parse_query,
    remove_from_index,
    vacancy_document,
    words,
)

postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="compares with PostgreSQL itself")

VOCABULARY = build_vocabulary([("Tuinieren", "tuin, groen, planten"), ("Taal en lezen", "voorlezen, taalmaatje")])


# Words and queries, without a database ------------------------------------------------------


def test_words_are_letters_and_digits_in_lower_case() -> None:
    assert words("Ideeën: café-bezoek & ½ liter, CO2!") == ["ideeën", "café", "bezoek", "1", "2", "liter", "co2"]
    assert words("৴৵ tuin") == ["tuin"]  # "other numbers" separate words, as in PostgreSQL
    assert words("🌱 \x00 \ud800") == []
    assert words("a" * 150) == ["a" * 100]


def test_lexemes_are_stems_without_stop_words() -> None:
    assert lexeme("vrijwilligers") == lexeme("vrijwilliger") == "vrijwilliger"
    assert lexeme("koken") == lexeme("kok") == "kok"
    assert lexeme("tuinieren") == "tuinier"
    assert lexeme("tuin") == "tuin"
    assert lexeme("de") is None
    assert lexeme("co2") == "co2"  # with a digit: kept as it is
    assert {"de", "en", "van", "het", "een", "niet"} <= STOP_WORDS


def test_parse_query_widens_words_through_the_vocabulary() -> None:
    assert parse_query("tuinieren", VOCABULARY) == [["tuinieren*", "tuin", "groen", "planten"]]
    assert parse_query("Tuin in de stad", VOCABULARY) == [["tuin", "tuinieren", "groen", "planten"], ["stad*"]]
    # A name of several words is an alternative; it is not a key itself.
    assert parse_query("voorlezen", VOCABULARY) == [["voorlezen*", "taal lezen", "taalmaatje"]]
    assert parse_query("taal", VOCABULARY) == [["taal*"]]


def test_parse_query_prefix_only_for_the_last_word_of_three_letters_or_more() -> None:
    assert parse_query("kinderboer", {}) == [["kinderboer*"]]
    assert parse_query("kinderboer hulp", {}) == [["kinderboer"], ["hulp*"]]
    assert parse_query("hulp bij", {}) == [["hulp*"]]  # "bij" is a stop word
    assert parse_query("tuin ab", {}) == [["tuin"], ["ab"]]


def test_parse_query_of_text_without_words() -> None:
    for text in ["", "   ", "de en van het", "🌱🌻", "- * ^ : ( ) \" '", "৴ ৵"]:
        assert parse_query(text, VOCABULARY) == []


def test_parse_query_treats_operators_as_words_and_limits_their_number() -> None:
    assert parse_query('"tuin" OR kok* NEAR(x)', {}) == [["tuin"], ["or"], ["kok"], ["near"], ["x"]]
    many = " ".join(f"woord{number}" for number in range(20))
    groups = parse_query(many, {})
    assert len(groups) == MAX_QUERY_WORDS
    assert not any(alternative.endswith("*") for group in groups for alternative in group)
    assert parse_query("tuin " * 300, VOCABULARY) == [["tuin", "tuinieren", "groen", "planten"]]


# The database ---------------------------------------------------------------------------------


@dataclass
class Bank:
    garden: Vacancy
    gardening: Vacancy
    cook: Vacancy
    cooking: Vacancy
    farm: Vacancy
    reading: Vacancy
    draft: Vacancy
    district: District

    @property
    def published(self) -> list[Vacancy]:
        """Newest first, as the queryset orders them."""
        return [self.garden, self.gardening, self.cook, self.cooking, self.farm, self.reading]


def make_vacancy(organisation: Organisation, title: str, description: str, days_ago: int, **fields: Any) -> Vacancy:
    skills = fields.pop("skills", [])
    districts = fields.pop("districts", [])
    vacancy = Vacancy.objects.create(
        organisation=organisation,
        title=title,
        slug=f"vacature-{Vacancy.objects.count()}",
        description=description,
        contact_name="Els",
        status=fields.pop("status", Vacancy.Status.PUBLISHED),
        published_at=timezone.now() - dt.timedelta(days=days_ago),
        **fields,
    )
    vacancy.skills.set(skills)
    vacancy.districts.set(districts)
    return vacancy


@pytest.fixture
def bank(zutphen: Municipality) -> Bank:
    green = Organisation.objects.create(
        municipality=zutphen, name="Stichting Buurtkracht", slug="buurtkracht", status="approved"
    )
    library = Organisation.objects.create(
        municipality=zutphen, name="Bibliotheek Zutphen", slug="bieb", status="approved"
    )
    Skill.objects.create(
        name="Tuinieren", slug="tuinieren", category=Skill.Category.HANDS, search_terms="tuin, groen, planten"
    )
    reading_skill = Skill.objects.create(
        name="Taal en lezen", slug="taal", category=Skill.Category.HEAD, search_terms="voorlezen, taalmaatje"
    )
    Skill.objects.create(
        name="Koken", slug="koken", category=Skill.Category.HANDS, search_terms="eten, maaltijd", is_active=False
    )
    district = District.objects.filter(municipality=zutphen).get(name="Waterkwartier")
    bank = Bank(
        garden=make_vacancy(
            green,
            "Helpende handen in de tuin",
            "Onkruid wieden en bloemen water geven bij het buurthuis.",
            1,
            districts=[district],
        ),
        gardening=make_vacancy(
            green, "Tuinieren met ouderen", "Elke week tuinieren met bewoners van het verzorgingshuis.", 2
        ),
        cook=make_vacancy(green, "Kok voor de buurtmaaltijd", "Elke vrijdag een warme maaltijd voor de buurt.", 3),
        cooking=make_vacancy(
            green,
            "Samen koken",
            "Wij zoeken een vrijwilliger die graag voor tien buren kookt.",
            4,
            place=Place.objects.get(name="Odensehuis"),
        ),
        farm=make_vacancy(green, "Vrijwilligers gezocht voor de kinderboerderij", "Dieren voeren en stallen.", 5),
        reading=make_vacancy(library, "Voorlezen op school", "Kinderen helpen met lezen.", 6, skills=[reading_skill]),
        draft=make_vacancy(green, "Tuinhulp", "Nog niet klaar.", 0, status=Vacancy.Status.DRAFT),
        district=district,
    )
    assert index_vacancies(Vacancy.objects.all()) == 7
    return bank


def search(text: str, queryset: Any = None) -> list[Vacancy]:
    return list(apply_text_search(Vacancy.objects.published() if queryset is None else queryset, text))


def ranks(text: str, queryset: Any = None) -> list[int]:
    found: Any = apply_text_search(Vacancy.objects.published() if queryset is None else queryset, text)
    return list(found.values_list("search_rank", flat=True))


def indexed_ids() -> set[int]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT vacancy_id FROM volunteering_vacancy_search")
        else:
            cursor.execute("SELECT rowid FROM volunteering_vacancy_fts")
        return {row[0] for row in cursor.fetchall()}


def test_vacancy_document_has_three_weighted_parts(bank: Bank) -> None:
    reading = Vacancy.objects.prefetch_related("skills", "districts").get(pk=bank.reading.pk)
    assert vacancy_document(reading) == (
        "Voorlezen op school",
        "Taal en lezen\nvoorlezen\ntaalmaatje",
        "Kinderen helpen met lezen.\nBibliotheek Zutphen",
    )
    garden = Vacancy.objects.prefetch_related("skills", "districts").get(pk=bank.garden.pk)
    assert vacancy_document(garden).other.endswith("\nStichting Buurtkracht\nWaterkwartier")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The vocabulary: tuinieren ↔ tuin; "groen" is in neither vacancy.
        # The word as typed in the title ranks above a word it stands for: tuinieren ↔ tuin.
        ("tuinieren", ["gardening", "garden"]),
        ("tuin", ["garden", "gardening"]),
        ("groen", ["garden", "gardening"]),
        # Stems: plural and singular, verb and noun.
        ("vrijwilligers", ["farm", "cooking"]),
        ("vrijwilliger", ["farm", "cooking"]),
        ("koken", ["cook", "cooking"]),
        ("kok", ["cook", "cooking"]),
        # Every word must match.
        ("tuin ouderen", ["gardening"]),
        ("ouderen tuin", ["gardening"]),
        ("tuin kinderboerderij", []),
        # The last word is a prefix.
        ("kinderboer", ["farm"]),
        ("Kinderboe", ["farm"]),
        ("taal", ["reading"]),
        # Skills, organisation, place and wijk are searched too.
        ("taalmaatje", ["reading"]),
        ("bibliotheek", ["reading"]),
        ("odensehuis", ["cooking"]),
        ("waterkwartier", ["garden"]),
        # An inactive skill widens nothing: "eten" is only one of its terms.
        ("eten", []),
        ("onbekendwoord", []),
    ],
)
def test_search_finds_exactly(bank: Bank, text: str, expected: list[str]) -> None:
    assert search(text) == [getattr(bank, name) for name in expected]


def test_prefix_as_typed_and_alternatives_of_several_words(bank: Bank) -> None:
    # "taal" stems to "tal", which is no prefix of "taalcaf" (from "Taalcafé").
    cafe = make_vacancy(bank.reading.organisation, "Taalcafé", "Praten over taal en lezen.", 7)
    index_vacancy(cafe)
    assert search("taal") == [cafe, bank.reading]  # in the title, in the skills
    # "taalmaatje" is a term of the skill "Taal en lezen", whose name needs both words.
    assert search("taalmaatje") == [bank.reading, cafe]
    assert ranks("taalmaatje") == [3, 1]  # "voorlezen", a word it stands for, in the title


def test_title_match_ranks_above_skills_and_description(bank: Bank) -> None:
    # "cooking" is newer than "farm" but mentions a volunteer only in its description.
    assert search("vrijwilliger") == [bank.farm, bank.cooking]
    assert ranks("vrijwilliger") == [4, 1]
    assert ranks("taal voorlezen") == [4 + 2]
    assert ranks("kinderen voorlezen") == [1 + 4]


@pytest.mark.parametrize("text", ["", "   ", "de en van het", "🌱🌻", "!!!", "- * ^ : ( )", "৴", "\x00"])
def test_text_without_words_does_not_filter(bank: Bank, text: str) -> None:
    assert search(text) == bank.published
    assert set(ranks(text)) == {0}


HOSTILE = [
    ('"tuin"', ["garden", "gardening"]),
    ("tuin*", ["garden", "gardening"]),
    ("(tuin)", ["garden", "gardening"]),
    ("-tuin", ["garden", "gardening"]),
    ("^tuin", ["garden", "gardening"]),
    ("tuin:", ["garden", "gardening"]),
    ("tuin\x00", ["garden", "gardening"]),
    ("tuin\ud800", ["garden", "gardening"]),
    ("TUIN", ["garden", "gardening"]),
    ("tuin OR kok", []),
    ("tuin AND kok", []),
    ("NOT tuin", []),
    ("NEAR(tuin kok)", []),
    ("title:tuin", []),
    ("{title} : tuin", []),
    ("'; DROP TABLE volunteering_vacancy; --", []),
    ("tuin' OR '1'='1", []),
    ('tuin" OR "1"="1', []),
    ("tuin\\", ["garden", "gardening"]),
    ("tuin:*A | kok & !x <-> y", []),
    ("ideeën café 東京 Ω ß", []),
    ("x" * 1000, []),
    ("tuin " * 200, ["garden", "gardening"]),
    ("🌱" * 1000, ["garden", "gardening", "cook", "cooking", "farm", "reading"]),
    ("東" * 1000, []),
    ("𝐓𝐮𝐢𝐧", ["garden", "gardening"]),  # NFKC: mathematical bold letters are letters
]


@pytest.mark.parametrize(("text", "expected"), HOSTILE)
def test_any_input_is_safe(bank: Bank, text: str, expected: list[str]) -> None:
    queryset = apply_text_search(Vacancy.objects.published(), text)
    assert list(queryset) == [getattr(bank, name) for name in expected]
    assert queryset.count() == len(expected)
    assert Vacancy.objects.count() == 7


def _index_rows() -> int:
    table = "volunteering_vacancy_search" if connection.vendor == "postgresql" else "volunteering_vacancy_fts"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table}")  # a fixed name
        return int(cursor.fetchone()[0])


def test_only_published_vacancies_are_in_the_index(bank: Bank) -> None:
    # Even searching every vacancy: the draft has no index row.
    assert search("tuin", Vacancy.objects.all()) == [bank.garden, bank.gardening]
    assert _index_rows() == 6
    bank.draft.status = Vacancy.Status.PUBLISHED
    bank.draft.save()
    index_vacancy(bank.draft)
    assert search("tuin") == [bank.draft, bank.garden, bank.gardening]
    assert _index_rows() == 7
    bank.garden.status = Vacancy.Status.FILLED
    bank.garden.save()
    index_vacancy(bank.garden)
    assert search("tuin", Vacancy.objects.all()) == [bank.draft, bank.gardening]
    assert _index_rows() == 6


def test_composes_with_filters_ordering_count_and_slicing(bank: Bank) -> None:
    assert search("tuin") == [bank.garden, bank.gardening]  # the draft is not published
    found = apply_text_search(Vacancy.objects.published(), "tuin")
    assert found.count() == 2
    assert list(found[:1]) == [bank.garden]
    assert list(found[1:2]) == [bank.gardening]
    assert list(found.filter(title__startswith="Tuin")) == [bank.gardening]
    assert list(found.order_by("title")) == [bank.garden, bank.gardening]
    assert list(found.order_by("-title")) == [bank.gardening, bank.garden]
    library = bank.reading.organisation
    assert search("lezen", Vacancy.objects.filter(organisation=library)) == [bank.reading]
    assert search("lezen", Vacancy.objects.exclude(organisation=library)) == []
    # The caller's ordering breaks ties between equal ranks.
    assert search("tuin", Vacancy.objects.published().order_by("published_at")) == [bank.gardening, bank.garden]
    # As a subquery of another query.
    assert list(Vacancy.objects.filter(pk__in=found.values("pk")).order_by("pk")) == [bank.garden, bank.gardening]
    # ... ordered by rank inside it, where the tables get other aliases.
    best = apply_text_search(Vacancy.objects.published(), "vrijwilliger").values("pk")[:1]
    assert list(Vacancy.objects.filter(pk__in=best)) == [bank.farm]


def test_search_again_after_an_edit(bank: Bank) -> None:
    bank.cook.title = "Chauffeur voor de boodschappenbus"
    bank.cook.save()
    assert search("chauffeur") == []
    index_vacancy(bank.cook)
    assert search("chauffeur") == [bank.cook]
    assert search("kok") == [bank.cooking]


def test_deleted_vacancy_leaves_the_index(bank: Bank) -> None:
    garden_pk = bank.garden.pk
    bank.garden.delete()
    assert garden_pk not in indexed_ids()
    assert search("tuin") == [bank.gardening]
    Vacancy.objects.filter(organisation__slug="buurtkracht").delete()
    assert indexed_ids() == {bank.reading.pk}


def test_remove_from_index(bank: Bank) -> None:
    remove_from_index(bank.gardening.pk)
    assert search("tuin") == [bank.garden]
    assert bank.gardening.pk not in indexed_ids()


def test_reindex_command(bank: Bank) -> None:
    remove_from_index(bank.gardening.pk)
    output = io.StringIO()
    call_command("reindex_vacancies", "--batch-size", "3", stdout=output)
    assert "Indexed 3 of 7 vacancies" in output.getvalue()
    assert "Done: 7 vacancies indexed." in output.getvalue()
    assert search("tuin") == [bank.garden, bank.gardening]


def test_one_query_for_a_page_of_results_at_any_size(bank: Bank, django_assert_num_queries: Any) -> None:
    organisation = bank.farm.organisation
    for size in (25, 250):
        for number in range(size):
            make_vacancy(organisation, f"Vrijwilliger {size}-{number}", "Helpen in de wijk.", 10 + number)
        index_vacancies(Vacancy.objects.all())
        with django_assert_num_queries(1):  # the vocabulary
            queryset = apply_text_search(Vacancy.objects.published(), "vrijwilliger")
        with django_assert_num_queries(1):
            page = list(queryset[:20])
        assert len(page) == 20
        assert page[0] == bank.farm
        assert page[1].title == f"Vrijwilliger {size}-0"


def test_indexing_takes_the_same_queries_per_batch(bank: Bank) -> None:
    counts = []
    for extra in (0, 30):
        for number in range(extra):
            make_vacancy(bank.farm.organisation, f"Extra {number}", "Meer werk.", 20)
        with CaptureQueriesContext(connection) as queries:
            index_vacancies(Vacancy.objects.all(), batch_size=1000)
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_index() -> None:
    town = Municipality.objects.create(code="GM9301", name="Proefstad", slug="proefstad")
    organisation = Organisation.objects.create(municipality=town, name="Club", slug="club")
    vacancy = make_vacancy(organisation, "Tuinhulp", "Helpen.", 1)
    index_vacancy(vacancy)
    assert indexed_ids() == {vacancy.pk}
    call_command("flush", interactive=False, verbosity=0)
    assert indexed_ids() == set()


# PostgreSQL does the same as Python ----------------------------------------------------------------


def _postgres_lexemes(texts: list[str]) -> list[set[str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tsvector_to_array(to_tsvector('dutch', t)) FROM unnest(%s::text[]) WITH ORDINALITY AS u (t, n)"
            " ORDER BY n",
            [[" ".join(words(text)) for text in texts]],
        )
        return [set(row[0]) for row in cursor.fetchall()]


def _python_lexemes(text: str) -> set[str]:
    return {found for word in words(text) if (found := lexeme(word))}


@postgresql_only
@pytest.mark.django_db
def test_postgresql_finds_the_same_lexemes_in_every_kind_of_text() -> None:
    texts = [
        "Vrijwilligers gezocht voor de kinderboerderij in het Waterkwartier!",
        "Ideeën, cafés, reünie, één, privé, coördinator, naïef, ziekenhuizen, bakkerij",
        "e-mail: info@example.nl, https://wijkbasis.nl/vacatures?q=tuin 12:30 3,5 uur CO2 2e 1e5 x²",
        "Straße ĳs İstanbul ǅ ſ µ ª Ⅻ ٣ привет 東京 العربية हिन्दी 🌱",
        "\"; DROP TABLE x; -- <b>&amp;</b> \\ ' NEAR(a b) tuin:*A | !kok",
        " ".join(sorted(STOP_WORDS)),
    ]
    for text, postgres in zip(texts, _postgres_lexemes(texts), strict=True):
        assert postgres == _python_lexemes(text), text


@postgresql_only
@pytest.mark.django_db
def test_postgresql_sees_characters_as_python_does() -> None:
    """Characters Python keeps in a word, alone and between others, give the same lexemes: all
    of them except "other letters" (mostly CJK and Hangul: 120,000, of which every 50th)."""
    characters = [chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code <= 0xDFFF]
    characters = [
        char
        for char in characters
        if words(char) == [char] and (unicodedata.category(char) != "Lo" or ord(char) % 50 == 0)
    ]
    assert len(characters) > 5_000
    for start in range(0, len(characters), 5_000):
        texts = [form.format(c) for c in characters[start : start + 5_000] for form in ("a{}b", "1{}", "{}")]
        for text, postgres in zip(texts, _postgres_lexemes(texts), strict=True):
            assert postgres == _python_lexemes(text), (text, unicodedata.name(text[-1], "?"))


def test_a_compound_in_the_title_is_found_by_its_managed_part() -> None:
    managed = ["groen", "lezen", "maaltijd", "tuin", "eten"]
    assert compound_parts("Hulp in de moestuin", managed) == ["tuin"]
    assert compound_parts("Kok voor de buurtmaaltijd", managed) == ["maaltijd"]
    assert compound_parts("Voorlezen op school", managed) == ["lezen"]
    # Not a word itself, not a part too short, not a rest too short ("w|eten").
    assert compound_parts("Tuin en groen", managed) == []
    assert compound_parts("Weten wat je wilt", managed) == []


def test_the_word_as_typed_in_a_compound_of_the_title_ranks_first(bank: Bank) -> None:
    moestuin = make_vacancy(bank.reading.organisation, "Hulp in de moestuin", "Zaaien en oogsten.", 8)
    snoeien = make_vacancy(bank.reading.organisation, "Snoeien in de boomgaard", "Fruitbomen.", 0)
    Skill.objects.filter(name="Tuinieren").update(search_terms="tuin, groen, planten, snoeien")
    index_vacancies(Vacancy.objects.all())
    found = search("tuin")
    # "Helpende handen in de tuin" and "moestuin" have the word in the title, "Tuinieren"
    # begins with it; "snoeien" is only a word it stands for (and newest).
    assert found.index(moestuin) < found.index(snoeien)
    assert dict(zip(found, ranks("tuin"), strict=True))[moestuin] == 4
    assert dict(zip(found, ranks("tuin"), strict=True))[snoeien] == 3
