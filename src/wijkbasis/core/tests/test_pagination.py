"""core.pagination: a count that stops one past its cap, and pages of what it counted."""

from __future__ import annotations

import pytest
from django.utils import translation

from wijkbasis.areas.models import District
from wijkbasis.core.pagination import CappedPaginator, capped_count


def test_a_short_list_is_counted_in_full() -> None:
    paginator = CappedPaginator(list(range(12)), 5, cap=20)
    assert (paginator.count, paginator.capped, paginator.num_pages) == (12, False, 3)


def test_a_long_list_says_more_than_the_cap_and_offers_its_pages() -> None:
    paginator = CappedPaginator(list(range(500)), 5, cap=20)
    assert (paginator.count, paginator.capped, paginator.num_pages) == (20, True, 4)
    assert list(paginator.get_page(4).object_list) == [15, 16, 17, 18, 19]
    with translation.override("nl"):
        assert CappedPaginator([], 5, cap=1000).cap_display == "1.000"
    with translation.override("en"):
        assert CappedPaginator([], 5, cap=1000).cap_display == "1,000"


@pytest.mark.django_db
def test_a_queryset_is_counted_over_a_limit(zutphen: object) -> None:
    total = District.objects.count()
    assert total > 3
    assert capped_count(District.objects.all(), cap=3) == 4  # one past the cap: "more than 3"
    assert capped_count(District.objects.all(), cap=total) == total


@pytest.mark.django_db
def test_a_page_read_by_id_keeps_the_order_and_takes_its_rows_from_the_rows_queryset(zutphen: object) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ordered = District.objects.order_by("-code")
    expected = list(ordered.values_list("code", flat=True)[3:6])
    paginator = CappedPaginator(ordered, 3, rows=District.objects.defer("boundary", "key_figures"))
    capped = CappedPaginator(ordered, 2, cap=3, rows=District.objects.all())
    assert (capped.count, capped.capped, capped.num_pages) == (3, True, 2)
    assert [d.code for d in capped.get_page(2).object_list] == list(ordered.values_list("code", flat=True)[2:3])
    with CaptureQueriesContext(connection) as queries:
        page = paginator.get_page(2)
        codes = [district.code for district in page.object_list]
    assert codes == expected
    assert len(queries) == 2  # the ids up to the cap (also the count), the page's rows by id
    assert paginator.count == District.objects.count()
    assert "boundary" not in queries[-1]["sql"]  # the rows as `rows` selects them
    assert all("boundary" in district.get_deferred_fields() for district in page.object_list)


@pytest.mark.django_db
def test_a_known_count_is_not_counted_again(zutphen: object) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    total = District.objects.count()
    with CaptureQueriesContext(connection) as queries:
        paginator = CappedPaginator(District.objects.order_by("code"), 2, count=total)
        assert paginator.count == total and not paginator.capped
        assert len(paginator.get_page(1).object_list) == 2
    assert len(queries) == 1  # the page only
    assert CappedPaginator(District.objects.all(), 2, cap=3, count=total).capped
