"""Pages of long lists whose full count would cost more than the page itself.

Counting every match of a broad search (all 10,000 published vacancies) reads every row; a page
of 20 reads 20. `CappedPaginator` counts at most `cap + 1` rows (`COUNT(*)` over a `LIMIT`
subquery), so a list with more says "more than 1,000" (`capped`) and offers the pages of the
first `cap` rows: whoever wants more narrows the search. A count is never cached, so nothing
needs invalidating; a caller that already knows it (from counts per status) passes `count`.

`rows=` reads a page in two steps: the ids from the list (filtered and ordered: narrow rows,
no joins for what is shown), then the page's rows, by id, from `rows` (a queryset with what is
shown: select_related, only, prefetch_related; not filtered again). Without a known count the
first step reads the ids of the first `cap + 1` rows in order, which is the count as well: the
filter runs once, not once to count and once for the page. It pays where the filter finds many
rows that are ordered before the page is cut (a word search's rank, a union of visibility
rules): they are sorted without the joined columns of every one.
"""

from __future__ import annotations

from typing import Any, cast

from django.core.paginator import Page, Paginator
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

    def __init__(
        self,
        object_list: Any,
        per_page: int,
        *,
        cap: int = COUNT_CAP,
        count: int | None = None,
        rows: QuerySet[Any] | None = None,
        **kwargs: Any,
    ) -> None:
        self.cap = cap
        self.known_count = count
        self.rows = rows if isinstance(object_list, QuerySet) else None
        super().__init__(object_list, per_page, **kwargs)

    @cached_property
    def found(self) -> int:
        """The rows counted: at most cap + 1."""
        if self.known_count is not None:
            return min(self.known_count, self.cap + 1)
        if self.rows is not None:
            return len(self._first_ids)
        return capped_count(self.object_list, self.cap)

    @cached_property
    def _first_ids(self) -> list[Any]:
        """The ids of the first cap + 1 rows, in the list's order."""
        listed = cast(QuerySet[Any], self.object_list)
        return list(listed.values_list("pk", flat=True)[: self.cap + 1])

    def page(self, number: Any) -> Page[Any]:
        if self.rows is None:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        if self.known_count is None:
            ids = self._first_ids[: self.cap][bottom : bottom + self.per_page]
        else:
            listed = cast(QuerySet[Any], self.object_list)
            ids = list(listed.values_list("pk", flat=True)[bottom : bottom + self.per_page])
        by_id = self.rows.order_by().in_bulk(ids)
        # A row gone between the two reads is left out rather than shown half.
        return Page([by_id[pk] for pk in ids if pk in by_id], number, self)

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
