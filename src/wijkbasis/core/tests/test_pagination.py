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
