"""For a search that finds nothing: the searches with one filter fewer that do find something."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from wijkbasis.core.pagination import COUNT_CAP, capped_count
from wijkbasis.volunteering.describe import vacancy_count
from wijkbasis.volunteering.filters.filterset import VacancyFilter

#: How the page names the wider search when one filter is dropped ("Without …").
WIDER = {
    "q": gettext_lazy("Without the search words"),
    "wijk": gettext_lazy("In every neighbourhood"),
    "postcode": gettext_lazy("At any distance"),
    "soort": gettext_lazy("However often"),
    "uren": gettext_lazy("Any number of hours"),
    "dag": gettext_lazy("On any day"),
    "dagdeel": gettext_lazy("At any part of the day"),
    "vaardigheid": gettext_lazy("With any skill"),
    "geschikt": gettext_lazy("Suitable for anyone"),
    "thuis": gettext_lazy("Also away from home"),
}


@dataclass(frozen=True)
class Suggestion:
    """A wider search: one filter fewer, and how many vacancies it finds (`count`, at most
    core.pagination.COUNT_CAP; `more` when it finds more than that)."""

    param: str
    label: str
    count: int
    query: str
    more: bool = False

    @property
    def count_in_words(self) -> str:
        return vacancy_count(self.count, more=self.more)


def wider_searches(filterset: VacancyFilter) -> list[Suggestion]:
    """How many vacancies each search with one filter fewer finds, most first. One count per
    active filter (plus one query for the search words' vocabulary), each of at most
    COUNT_CAP + 1 rows: dropping the only filter may leave every vacancy to count."""
    active = filterset.active_params()
    if not active:
        return []
    base = filterset.queryset.all()
    # The text search is worked out once and shared by every count that keeps it.
    with_text = filterset.filter_text(base, "q", filterset.text) if "q" in active else base
    counts = {
        param: capped_count(filterset.filter_queryset(base if param == "q" else with_text, without=[param, "q"]))
        for param in active
    }
    suggestions = [
        Suggestion(
            param=param,
            label=str(WIDER[param]),
            count=min(counts[param], COUNT_CAP),
            query=filterset.query_string(without=[param]),
            more=counts[param] > COUNT_CAP,
        )
        for param in active
        if counts[param]
    ]
    return sorted(suggestions, key=lambda suggestion: -suggestion.count)
