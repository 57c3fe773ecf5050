"""The public list and search read the vacancy table through an index and stop after a page:
never every vacancy read, never every vacancy sorted. Read from the database's own plan
(PostgreSQL's EXPLAIN, SQLite's EXPLAIN QUERY PLAN) of the queries the page runs.

Small data, but shaped like a region's: a minority of the vacancies is published (most are
filled, closed or drafts), and there are enough rows, analysed, that a planner which can walk
an index in the order asked for prefers it to reading and sorting everything. Nothing is
forced (no `enable_seqscan = off`): a plan that needs all rows fails here, as it would be slow
at 50,000 vacancies (bench/results).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone

from wijkbasis.areas.models import Organisation
from wijkbasis.areas.tests.factories import OrganisationFactory
from wijkbasis.core.pagination import COUNT_CAP
from wijkbasis.volunteering.filters import VacancyFilter
from wijkbasis.volunteering.models import Vacancy
from wijkbasis.volunteering.search import index_vacancies

PUBLISHED, OTHERS = 600, 2400
ORGANISATIONS = 60
TABLE = "volunteering_vacancy"


@pytest.fixture
def region(organisation: Organisation) -> None:
    """3,000 vacancies of 60 organisations (a few not approved), a fifth of them published; every
    third one is about a garden."""
    organisations = [
        organisation,
        *OrganisationFactory.create_batch(ORGANISATIONS - 1, municipality=organisation.municipality),
    ]
    for pending in organisations[-3:]:
        pending.status = Organisation.Status.PENDING
        pending.save(update_fields=["status"])
    now = timezone.now()
    statuses = [Vacancy.Status.FILLED, Vacancy.Status.CLOSED, Vacancy.Status.DRAFT, Vacancy.Status.EXPIRED]
    rows = []
    for number in range(PUBLISHED + OTHERS):
        published = number % 5 == 0
        status = Vacancy.Status.PUBLISHED if published else statuses[number % len(statuses)]
        rows.append(
            Vacancy(
                organisation=organisations[number % ORGANISATIONS],
                title=f"{'Tuinhulp' if number % 3 == 0 else 'Voorlezen'} {number}",
                slug=f"vacature-{number}",
                description="Je helpt in de tuin." if number % 3 == 0 else "Je leest voor aan kinderen.",
                contact_name="Els",
                where=Vacancy.Where.CITY_WIDE,
                status=status,
                published_at=None if status == Vacancy.Status.DRAFT else now - dt.timedelta(minutes=number),
                expires_on=(now + dt.timedelta(days=30 + number % 90)).date() if number % 2 else None,
            )
        )
    Vacancy.objects.bulk_create(rows, batch_size=500)
    index_vacancies(Vacancy.objects.all())
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _sql(queryset: QuerySet[Any]) -> tuple[str, Any]:
    return queryset.query.get_compiler(using=queryset.db).as_sql()


# ---------------------------------------------------------------------------
# Reading plans


def _sqlite_plan(queryset: QuerySet[Any]) -> list[str]:
    sql, params = _sql(queryset)
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return [row[-1] for row in cursor.fetchall()]


def _postgres_plan(queryset: QuerySet[Any]) -> dict[str, Any]:
    sql, params = _sql(queryset)
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        (plan,) = cursor.fetchone()
    return (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]


def _nodes(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield node
    for child in node.get("Plans", []):
        yield from _nodes(child)


def _full_scans(queryset: QuerySet[Any]) -> list[str]:
    """The steps of the plan that read the whole vacancy table."""
    if connection.vendor == "postgresql":
        return [
            f"{node['Node Type']} on {TABLE}"
            for node in _nodes(_postgres_plan(queryset))
            if node.get("Relation Name") == TABLE and node["Node Type"] == "Seq Scan"
        ]
    # SQLite: "SCAN volunteering_vacancy" reads every row (also "USING INDEX" of an index that
    # serves no condition: then it reads them in that index's order, which the limit stops).
    return [step for step in _sqlite_plan(queryset) if step == f"SCAN {TABLE}"]


def _sorts(queryset: QuerySet[Any]) -> list[str]:
    """The steps of the plan that sort rows."""
    if connection.vendor == "postgresql":
        return [
            node["Node Type"]
            for node in _nodes(_postgres_plan(queryset))
            if node["Node Type"] in ("Sort", "Incremental Sort")
        ]
    return [step for step in _sqlite_plan(queryset) if "TEMP B-TREE FOR ORDER BY" in step]


def _index_walked(queryset: QuerySet[Any]) -> set[str]:
    """The indexes of the vacancy table the plan reads."""
    if connection.vendor == "postgresql":
        return {
            node["Index Name"]
            for node in _nodes(_postgres_plan(queryset))
            if node.get("Relation Name") == TABLE and "Index Name" in node
        }
    prefix = f"SCAN {TABLE} USING INDEX "
    return {step.removeprefix(prefix) for step in _sqlite_plan(queryset) if step.startswith(prefix)}


def _plan_text(queryset: QuerySet[Any]) -> str:
    if connection.vendor == "postgresql":
        return json.dumps(_postgres_plan(queryset), indent=1)
    return "\n".join(_sqlite_plan(queryset))


#: The count's cap, scaled down as the data is: at region size the cap (COUNT_CAP, 1,000) is
#: a tenth of the 10,000 published vacancies; here of the 600.
SCALED_CAP = COUNT_CAP * PUBLISHED // 10_000


def _page(query: str) -> QuerySet[Any]:
    """What the public search reads first (core.pagination's `rows=`): the ids of the first
    cap + 1 matches in the page's order, which are the count as well; the 20 cards are then
    read by id."""
    return VacancyFilter(QueryDict(query)).qs.values_list("pk", flat=True)[: SCALED_CAP + 1]


# ---------------------------------------------------------------------------


@pytest.mark.usefixtures("region")
def test_the_list_walks_the_newest_first_index_and_sorts_nothing() -> None:
    page = _page("")
    assert _index_walked(page) == {"volunteering_vacancy_newest"}, _plan_text(page)
    assert _sorts(page) == []
    assert _full_scans(page) == []
    assert len(list(page)) > 20


@pytest.mark.usefixtures("region")
def test_filters_on_the_vacancy_itself_keep_the_index_order() -> None:
    for query in ["dag=za", "soort=regular&uren=4", "geschikt=nieuwkomers"]:
        page = _page(query)
        assert _sorts(page) == [], query
        assert _full_scans(page) == [], query


@pytest.mark.usefixtures("region")
def test_a_word_found_in_many_vacancies_is_looked_up_in_the_search_index() -> None:
    page = _page("q=tuin")
    # Best first: the matches are sorted by rank (a page of them, not the table), found through
    # the full-text index and the published vacancies' indexes, never a read of every vacancy.
    assert _full_scans(page) == []
    if connection.vendor == "sqlite":
        steps = _sqlite_plan(page)
        assert any("volunteering_vacancy_fts VIRTUAL TABLE INDEX" in step for step in steps), steps
    assert len(list(page)) > 20
