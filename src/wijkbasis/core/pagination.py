"""Pages of long lists whose full count would cost more than the page itself.

Counting every match of a broad search (all 10,000 published vacancies) reads every row; a page
of 20 reads 20. `CappedPaginator` counts at most `cap + 1` rows (`COUNT(*)` over a `LIMIT`
subquery), so a list with more says "more than 1,000" (`capped`) and offers the pages of the
first `cap` rows: whoever wants more narrows the search. A count is never cached, so nothing
needs invalidating.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.formats import number_format
from django.utils.functional import cached_property

#: Lists count up to this many rows; above it they say "more than".
COUNT_CAP = 1000


def capped_count(rows: Any, cap: int = COUNT_CAP) -> int:
    """How many rows there are, but at most cap + 1 (one more than the cap: "more than cap")."""
    if isinstance(rows, QuerySet):
        return rows.order_by().values("pk")[: cap + 1].count()
    return len(rows[: cap + 1])


class CappedPaginator(Paginator[Any]):
    """A Paginator whose `count` is at most `cap`; `capped` says there are more rows."""

    def __init__(self, object_list: Any, per_page: int, *, cap: int = COUNT_CAP, **kwargs: Any) -> None:
        self.cap = cap
        super().__init__(object_list, per_page, **kwargs)

    @cached_property
    def found(self) -> int:
        """The rows counted: at most cap + 1."""
        return capped_count(self.object_list, self.cap)

    @cached_property
    def count(self) -> int:
        return min(self.found, self.cap)

    @property
    def capped(self) -> bool:
        """There are more rows than the cap (and than the pages offer)."""
        return self.found > self.cap

    @property
    def cap_display(self) -> str:
        """The cap as a number in words of the active language ("1.000" in Dutch)."""
        return number_format(self.cap, force_grouping=True)
