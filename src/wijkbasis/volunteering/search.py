"""Full-text search in the vacancy bank, with the same results on SQLite and PostgreSQL.

PostgreSQL searches with its built-in `dutch` text search configuration. SQLite searches with
FTS5; there the words are stemmed in Python by the same Snowball algorithm ("dutch_porter" is
the Dutch stemmer of PostgreSQL 15) and PostgreSQL's Dutch stop-word list (data/dutch.stop).

Why the results are the same on both:

- Python cuts every text into words, for both databases (`words`): NFKC, lower case, runs of
  letters and digits; "other numbers" such as ½ or Bengali fractions are separators, because
  PostgreSQL's parser does not see them as part of a word. PostgreSQL is only ever given these
  words separated by spaces, so its parser finds exactly the same words (checked for every
  Unicode character by a test on PostgreSQL). A word longer than 100 characters is cut there.
- A word with an ASCII digit is kept as it is (PostgreSQL's `dutch` configuration sends
  "numword"/"uint" tokens to the `simple` dictionary); any other word is dropped when it is a
  stop word and stemmed otherwise (`lexeme`), as PostgreSQL's `dutch_stem` dictionary does.
- A query is parsed once, in Python (`parse_query`), into groups of alternatives; the two
  databases only translate that structure into their own syntax. Every group must match
  (AND), one alternative of a group is enough (OR); an alternative of several words needs all
  of them. There are no phrase or proximity operators, so word positions never matter.
- The rank is not bm25 or ts_rank (which differ): it is a small integer both compute the same
  way. Per group of the query: 4 when the word as typed is in the title, 3 when a word it
  stands for (the vocabulary) is, else 2 when in the skills, else 1 (it matched somewhere else,
  such as the organisation's name). Ties keep the order of the queryset (newest first).

How each database answers fast: SQLite looks the ids up in FTS5 (`_matching_ids`); PostgreSQL
joins each vacancy's index row once (the unmanaged model `VacancySearchRow`) and tests the
tsqueries on it (`_TsMatch`), for the filter and the rank alike. bench/bench_search.py measures both.

What a query can do:

- A word finds the words with the same stem: vrijwilligers ↔ vrijwilliger, koken ↔ kok.
- The managed vocabulary widens a word: a query word with the stem of a skill's name or one of
  its `search_terms` also finds the skill's name and all its terms (tuinieren ↔ tuin, groen).
- The last word is also a prefix (from 3 letters): "kinderboer" finds "kinderboerderij". Both
  its stem and the word as typed are prefixes, because the stem is not always a prefix of the
  stems of longer words ("taal" stems to "tal", "taalmaatje" to "taalmaatj").
- A title word made of a managed word and more ("moestuin", "buurtmaaltijd", "taalcafé") is
  also indexed as that word ("tuin", "maaltijd", "taal"), so "tuin" finds "Hulp in de moestuin"
  by its title (`compound_parts`): Dutch writes compounds as one word.
- Stop words are dropped; quotes, operators and other punctuation are just separators. A text
  without words (empty, only stop words, only emoji) does not filter at all. Only the first
  8 words count.

Keeping the index current: `services.save_vacancy` (and every change of status) calls
`index_vacancy` after the commit; only published vacancies have an index row. A
database trigger removes the index row of a deleted vacancy (on PostgreSQL a trigger, not a
foreign key, because Django's test flush truncates the vacancy table without CASCADE).
Renaming a skill (or its terms), organisation, place or wijk changes documents too: index those vacancies
again (`index_vacancies(Vacancy.objects.filter(skills=skill))`), or run
`wijkbasis reindex-vacancies`, which also repairs the trigger and drops stray rows.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

import snowballstemmer
from django.db import NotSupportedError, connections, transaction
from django.db.models import BooleanField, Case, Expression, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import Combinable, RawSQL

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.models.sql.compiler import SQLCompiler, _AsSqlType

from wijkbasis.core.vendor_sql import VendorSQL
from wijkbasis.volunteering.models import Skill, Vacancy

STOP_WORDS = frozenset((Path(__file__).parent / "data" / "dutch.stop").read_text(encoding="utf-8").split())
MAX_WORD_LENGTH = 100
MAX_QUERY_WORDS = 8
MIN_PREFIX_LENGTH = 3
BATCH_SIZE = 500
# Rank points of a query group by where it matches best.
TYPED_TITLE_POINTS, TITLE_POINTS, SKILLS_POINTS, OTHER_POINTS = 4, 3, 2, 1
#: A managed word counts as a part of a longer title word when it has this many letters, and
#: the rest of the word at least MIN_COMPOUND_REST ("moes|tuin"; not "w|eten").
MIN_COMPOUND_PART, MIN_COMPOUND_REST = 4, 3

Vocabulary = Mapping[str, Sequence[str]]
VacancyQuerySetT = TypeVar("VacancyQuerySetT", bound="QuerySet[Vacancy]")

_WORD = re.compile(r"[^\W_]+")
_ASCII_DIGIT = re.compile(r"[0-9]")
_stemmers = threading.local()


# ---------------------------------------------------------------------------
# Words


def words(text: str) -> list[str]:
    """The words of a text, as both databases see them."""
    found: list[str] = []
    for word in _WORD.findall(unicodedata.normalize("NFKC", text).lower()):
        if not word.isascii():
            word = "".join(" " if unicodedata.category(char) == "No" else char for char in word)
        found.extend(part[:MAX_WORD_LENGTH] for part in word.split())
    return found


@lru_cache(maxsize=100_000)
def _stem(word: str) -> str:
    # Snowball stemmers keep state while they work: one per thread.
    stemmer = getattr(_stemmers, "dutch", None)
    if stemmer is None:
        stemmer = _stemmers.dutch = snowballstemmer.stemmer("dutch_porter")
    return str(stemmer.stemWord(word))


def lexeme(word: str) -> str | None:
    """What PostgreSQL's `dutch` configuration stores for one word; None for a stop word."""
    if _ASCII_DIGIT.search(word):
        return word
    if word in STOP_WORDS:
        return None
    return _stem(word)


def _lexemes(text: str) -> str:
    return " ".join(found for word in words(text) if (found := lexeme(word)))


def _phrase(text: str) -> str:
    """The words of a text without stop words, as one alternative of a query group."""
    return " ".join(word for word in words(text) if lexeme(word))


# ---------------------------------------------------------------------------
# Documents


class SearchDocument(NamedTuple):
    """The text of a vacancy that the search looks in, in three parts by weight."""

    title: str  # weight A
    skills: str  # weight B: the skills' names and the words they are also found by
    other: str  # weight C: description, organisation, place and wijken


def _terms(search_terms: str) -> list[str]:
    return [term.strip() for term in search_terms.split(",") if term.strip()]


def compound_parts(text: str, managed: Iterable[str]) -> list[str]:
    """The managed words that a word of `text` begins or ends with: "Hulp in de moestuin" and
    "tuin" → ["tuin"]."""
    found: list[str] = []
    for word in words(text):
        for part in managed:
            if (
                len(part) >= MIN_COMPOUND_PART
                and len(word) - len(part) >= MIN_COMPOUND_REST
                and (word.startswith(part) or word.endswith(part))
            ):
                found.append(part)
    return list(dict.fromkeys(found))


def load_managed_words(*, using: str = "default") -> tuple[str, ...]:
    """The words of the skills in use (names and search terms), for compound_parts; one query."""
    texts = Skill.objects.using(using).filter(is_active=True).values_list("name", "search_terms")
    return tuple(sorted({word for name, terms in texts for word in words(f"{name} {terms}") if lexeme(word)}))


def vacancy_document(vacancy: Vacancy) -> SearchDocument:
    """Uses the vacancy's organisation, place, skills and districts: load them with it."""
    skills = [text for skill in vacancy.skills.all() for text in (skill.name, *_terms(skill.search_terms))]
    other = [vacancy.description, vacancy.organisation.name]
    if vacancy.place is not None:
        other.append(vacancy.place.name)
    other.extend(district.name for district in vacancy.districts.all())
    return SearchDocument(title=vacancy.title, skills="\n".join(skills), other="\n".join(other))


# ---------------------------------------------------------------------------
# The index: tables, writes


SQLITE_CREATE = [
    # Documents are stored as lexemes separated by spaces; the ascii tokenizer cuts at the
    # spaces only (all non-ASCII is part of a token) and does not remove diacritics.
    """CREATE VIRTUAL TABLE IF NOT EXISTS volunteering_vacancy_fts
        USING fts5(title, skills, other, tokenize = 'ascii', detail = 'column')""",
    """CREATE TRIGGER IF NOT EXISTS volunteering_vacancy_fts_forget AFTER DELETE ON volunteering_vacancy
        BEGIN DELETE FROM volunteering_vacancy_fts WHERE rowid = OLD.id; END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS volunteering_vacancy_fts_forget",
    "DROP TABLE IF EXISTS volunteering_vacancy_fts",
]

POSTGRES_CREATE = [
    """CREATE TABLE IF NOT EXISTS volunteering_vacancy_search (
        vacancy_id bigint PRIMARY KEY,
        document tsvector NOT NULL
    )""",
    """CREATE INDEX IF NOT EXISTS volunteering_vacancy_search_document
        ON volunteering_vacancy_search USING gin (document)""",
    """CREATE OR REPLACE FUNCTION volunteering_vacancy_search_forget() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          DELETE FROM volunteering_vacancy_search WHERE vacancy_id IN (SELECT id FROM gone);
          RETURN NULL;
        END; $$""",
    """CREATE OR REPLACE TRIGGER volunteering_vacancy_search_forget AFTER DELETE ON volunteering_vacancy
        REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION volunteering_vacancy_search_forget()""",
    """CREATE OR REPLACE FUNCTION volunteering_vacancy_search_forget_all() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          DELETE FROM volunteering_vacancy_search;
          RETURN NULL;
        END; $$""",
    """CREATE OR REPLACE TRIGGER volunteering_vacancy_search_forget_all AFTER TRUNCATE ON volunteering_vacancy
        FOR EACH STATEMENT EXECUTE FUNCTION volunteering_vacancy_search_forget_all()""",
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS volunteering_vacancy_search_forget_all ON volunteering_vacancy",
    "DROP TRIGGER IF EXISTS volunteering_vacancy_search_forget ON volunteering_vacancy",
    "DROP FUNCTION IF EXISTS volunteering_vacancy_search_forget_all()",
    "DROP FUNCTION IF EXISTS volunteering_vacancy_search_forget()",
    "DROP TABLE IF EXISTS volunteering_vacancy_search",
]


#: Installed by migration 0002, repaired after every migrate (a rebuild of the vacancy table on
#: SQLite drops its trigger) and by `wijkbasis reindex-vacancies`; see core.vendor_sql.
SEARCH_INDEX = VendorSQL(
    name="vacancy search index",
    table="volunteering_vacancy",
    create={"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE},
    drop={"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP},
)


def _vendor(alias: str) -> str:
    vendor = connections[alias].vendor
    if vendor not in ("sqlite", "postgresql"):
        raise NotSupportedError(f"Vacancy search needs SQLite or PostgreSQL, not {vendor}.")
    return str(vendor)


def _with_compound_parts(document: SearchDocument, managed: Sequence[str]) -> SearchDocument:
    parts = compound_parts(document.title, managed)
    return document._replace(title="\n".join([document.title, *parts])) if parts else document


def _write(alias: str, documents: dict[int, SearchDocument], managed: Sequence[str] = ()) -> None:
    documents = {pk: _with_compound_parts(document, managed) for pk, document in documents.items()}
    with connections[alias].cursor() as cursor:
        if _vendor(alias) == "postgresql":
            # PostgreSQL gets the words as Python cut them; its `dutch` configuration stems them.
            columns = ([" ".join(words(part)) for part in parts] for parts in zip(*documents.values(), strict=True))
            cursor.execute(
                """INSERT INTO volunteering_vacancy_search (vacancy_id, document)
                SELECT t.id, setweight(to_tsvector('dutch', t.title), 'A')
                    || setweight(to_tsvector('dutch', t.skills), 'B')
                    || setweight(to_tsvector('dutch', t.other), 'C')
                FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[]) AS t (id, title, skills, other)
                ON CONFLICT (vacancy_id) DO UPDATE SET document = EXCLUDED.document""",
                [list(documents), *columns],
            )
        else:
            cursor.executemany("DELETE FROM volunteering_vacancy_fts WHERE rowid = %s", [[pk] for pk in documents])
            cursor.executemany(
                "INSERT INTO volunteering_vacancy_fts (rowid, title, skills, other) VALUES (%s, %s, %s, %s)",
                [(pk, *(_lexemes(part) for part in document)) for pk, document in documents.items()],
            )


def index_vacancies(
    queryset: QuerySet[Vacancy], *, batch_size: int = BATCH_SIZE, progress: Callable[[int], None] | None = None
) -> int:
    """(Re)index the vacancies of an unsliced queryset, in batches of a fixed number of queries
    (read with skills and districts, then a few writes); returns how many were brought up to date.

    Only published vacancies are in the index (the public search finds nothing else); the rows
    of the others are removed. A vacancy bank keeps its filled, closed and expired vacancies for
    years: searching only the published ones keeps the index a fraction of the table."""
    alias = queryset.db
    _vendor(alias)
    # Through the ids: the queryset may join rows twice or be distinct, which locking refuses.
    vacancies = (
        Vacancy.objects.using(alias)
        .filter(pk__in=queryset.values("pk"))
        .select_related("organisation", "place")
        .prefetch_related("skills", "districts")
        .order_by("pk")
    )
    managed = load_managed_words(using=alias)
    done, last_pk = 0, 0
    while True:
        with transaction.atomic(using=alias):
            # Locked, so a vacancy deleted meanwhile cannot leave a row behind (PostgreSQL;
            # SQLite's write transactions are serial anyway).
            batch = list(vacancies.filter(pk__gt=last_pk).select_for_update(of=("self",), no_key=True)[:batch_size])
            if not batch:
                return done
            listed = {vacancy.pk: vacancy_document(vacancy) for vacancy in batch if _listed(vacancy)}
            if listed:
                _write(alias, listed, managed)
            _remove(alias, [vacancy.pk for vacancy in batch if vacancy.pk not in listed])
        done += len(batch)
        last_pk = batch[-1].pk
        if progress is not None:
            progress(done)


def _listed(vacancy: Vacancy) -> bool:
    """In the index: published (the search's own filter decides on expiry and the organisation)."""
    return vacancy.status == Vacancy.Status.PUBLISHED


def index_vacancy(vacancy: Vacancy) -> None:
    """Index one vacancy as it is in the database now (with its current skills and wijken)."""
    index_vacancies(Vacancy.objects.filter(pk=vacancy.pk))


def remove_from_index(vacancy_id: int, *, using: str = "default") -> None:
    """Not needed after deleting a vacancy (a trigger does that); for taking one out of search."""
    _remove(using, [vacancy_id])


def _remove(alias: str, vacancy_ids: list[int]) -> None:
    if not vacancy_ids:
        return
    with connections[alias].cursor() as cursor:
        if _vendor(alias) == "postgresql":
            cursor.execute("DELETE FROM volunteering_vacancy_search WHERE vacancy_id = ANY(%s)", [vacancy_ids])
        else:
            cursor.executemany("DELETE FROM volunteering_vacancy_fts WHERE rowid = %s", [[pk] for pk in vacancy_ids])


def forget_deleted_vacancies(*, using: str = "default") -> int:
    """Remove index rows without a vacancy (left by a lost trigger or a race); returns how many."""
    with connections[using].cursor() as cursor:
        if _vendor(using) == "postgresql":
            cursor.execute(
                """DELETE FROM volunteering_vacancy_search
                WHERE vacancy_id NOT IN (SELECT id FROM volunteering_vacancy)"""
            )
        else:
            cursor.execute(
                "DELETE FROM volunteering_vacancy_fts WHERE rowid NOT IN (SELECT id FROM volunteering_vacancy)"
            )
        return int(cursor.rowcount)


# ---------------------------------------------------------------------------
# Queries


def build_vocabulary(skills: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """From (name, search_terms) pairs: the lexeme of every one-word name or term → the names
    and terms of the skills it belongs to."""
    vocabulary: dict[str, list[str]] = {}
    for name, search_terms in skills:
        alternatives = list(dict.fromkeys(filter(None, map(_phrase, [name, *_terms(search_terms)]))))
        for alternative in alternatives:
            key = lexeme(alternative)
            if " " not in alternative and key:
                known = vocabulary.setdefault(key, [])
                known.extend(other for other in alternatives if other not in known)
    return vocabulary


def load_vocabulary(*, using: str = "default") -> dict[str, list[str]]:
    """The vocabulary of the skills in use, in one query."""
    return build_vocabulary(Skill.objects.using(using).filter(is_active=True).values_list("name", "search_terms"))


def parse_query(text: str, vocabulary: Vocabulary) -> list[list[str]]:
    """The groups of a search text: each group is a list of alternatives, every group must match.

    An alternative is one or more words separated by spaces (all of them must be found), or one
    word ending in "*": a prefix (the word's stem or the word as typed begins a word)."""
    found = [word for word in words(text) if lexeme(word)]
    prefix_allowed = len(found) <= MAX_QUERY_WORDS
    found = found[:MAX_QUERY_WORDS]
    groups: list[list[str]] = []
    for position, word in enumerate(found):
        stem = lexeme(word) or word
        is_prefix = prefix_allowed and position == len(found) - 1 and len(word) >= MIN_PREFIX_LENGTH
        group = [f"{word}*" if is_prefix else word]
        # The word's own stem is covered by the word (and by its prefix).
        seen = {stem}
        for alternative in vocabulary.get(stem, ()):
            key = " ".join(filter(None, map(lexeme, alternative.split())))
            if key and key not in seen:
                seen.add(key)
                group.append(alternative)
        if group not in groups:
            groups.append(group)
    return groups


def _prefix_stems(word: str) -> list[str]:
    """The prefixes a typed prefix stands for: its stem, and the word itself when the stem is
    not a prefix of it ("taal" → "tal", which misses "taalmaatje")."""
    stem = lexeme(word) or word
    return [stem] if word.startswith(stem) else [stem, word]


def _fts5_query(groups: list[list[str]], column: str = "") -> str:
    sql_groups = []
    for group in groups:
        alternatives: list[str] = []
        for phrase in group:
            if phrase.endswith("*"):
                alternatives.extend(f'"{prefix}"*' for prefix in _prefix_stems(phrase[:-1]))
            elif " " in phrase:
                alternatives.append("(" + " AND ".join(f'"{lexeme(word)}"' for word in phrase.split()) + ")")
            else:
                alternatives.append(f'"{lexeme(phrase)}"')
        sql_groups.append("(" + " OR ".join(alternatives) + ")")
    query = " AND ".join(sql_groups)
    return f"{{{column}}} : ({query})" if column else query


def _tsquery_parts(group: list[str], weight: str) -> list[tuple[str, str]]:
    """One group as (configuration, to_tsquery text) parts to be joined with OR. The `dutch`
    configuration stems; a prefix as typed goes through `simple`, which does not."""
    stemmed: list[str] = []
    parts: list[tuple[str, str]] = []
    for phrase in group:
        if phrase.endswith("*"):
            word = phrase[:-1]
            stemmed.append(f"'{word}':*{weight}")
            if len(_prefix_stems(word)) > 1:
                parts.append(("simple", f"'{word}':*{weight}"))
        else:
            terms = [f"'{word}'" + (f":{weight}" if weight else "") for word in phrase.split()]
            stemmed.append("(" + " & ".join(terms) + ")" if len(terms) > 1 else terms[0])
    return [("dutch", " | ".join(stemmed)), *parts]


def _tsquery_sql(groups: list[list[str]], weight: str = "") -> tuple[str, list[str]]:
    """A tsquery expression for PostgreSQL. Only placeholders and fixed names go into the SQL
    text; the words are always parameters."""
    sql_groups: list[str] = []
    params: list[str] = []
    for group in groups:
        parts = _tsquery_parts(group, weight)
        sql_groups.append("(" + " || ".join(f"to_tsquery('{config}', %s)" for config, _ in parts) + ")")
        params.extend(text for _, text in parts)
    return "(" + " && ".join(sql_groups) + ")", params


def _matching_ids(groups: list[list[str]], *, weight: str = "") -> RawSQL:
    """SQLite: SQL for the ids of the vacancies matching every group (in the column of that weight)."""
    column = {"A": "title", "B": "skills", "": ""}[weight]
    sql = "SELECT rowid FROM volunteering_vacancy_fts WHERE volunteering_vacancy_fts MATCH %s"
    return RawSQL(sql, [_fts5_query(groups, column)])  # noqa: S611


class _TsMatch(Expression):
    """PostgreSQL: the vacancy's joined index row matches a tsquery (`document @@ query`). Every
    match in one queryset refers to the same join, so the index is read once per vacancy."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, groups: list[list[str]], weight: str = "") -> None:
        super().__init__()
        self.document: Any = F("search_row__document")
        self.tsquery, self.tsquery_params = _tsquery_sql(groups, weight)

    def get_source_expressions(self) -> list[Any]:
        return [self.document]

    def set_source_expressions(self, expressions: Sequence[Combinable | Expression]) -> None:
        (self.document,) = expressions

    def as_sql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any) -> _AsSqlType:
        document_sql, document_params = compiler.compile(self.document)
        return f"{document_sql} @@ {self.tsquery}", (*document_params, *self.tsquery_params)


def _rank(vendor: str, groups: list[list[str]]) -> Expression:
    """Per group: the word as typed in the title 4, a word it stands for in the title 3, in the
    skills 2, else 1 (it matched in the rest); summed. The same numbers on both databases."""

    def matches(group: list[list[str]], weight: str) -> Any:
        if vendor == "postgresql":
            return _TsMatch(group, weight)
        return Q(pk__in=_matching_ids(group, weight=weight))

    points: list[Expression] = []
    for group in groups:
        cases = [When(matches([group[:1]], "A"), then=Value(TYPED_TITLE_POINTS))]
        if len(group) > 1:
            cases.append(When(matches([group], "A"), then=Value(TITLE_POINTS)))
        cases.append(When(matches([group], "B"), then=Value(SKILLS_POINTS)))
        points.append(Case(*cases, default=Value(OTHER_POINTS), output_field=IntegerField()))
    total = points[0]
    for more in points[1:]:
        total = total + more
    return total


def apply_text_search(queryset: VacancyQuerySetT, text: str) -> VacancyQuerySetT:
    """Only the vacancies that match `text`, best first, with `search_rank` (higher is better).

    Stays a lazy queryset: filter, order, count and slice it further as usual. Costs one query
    now (the vocabulary; none for a text without words) and none more than the queryset's own.
    """
    if not any(lexeme(word) for word in words(text)):
        return queryset.annotate(search_rank=Value(0, output_field=IntegerField()))
    alias = queryset.db
    vendor = _vendor(alias)
    groups = parse_query(text, load_vocabulary(using=alias))
    ordering: list[Any] = list(queryset.query.order_by)
    if not ordering and queryset.query.default_ordering:
        ordering = list(queryset.model._meta.ordering or [])
    matches: Any = _TsMatch(groups) if vendor == "postgresql" else Q(pk__in=_matching_ids(groups))
    return (
        queryset.filter(matches).annotate(search_rank=_rank(vendor, groups)).order_by("-search_rank", *ordering, "-pk")
    )
