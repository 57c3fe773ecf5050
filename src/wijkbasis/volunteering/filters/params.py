"""The public search's address: its Dutch GET parameters and the values they take.

`/vrijwilligerswerk/?wijk=leesten&dag=di&dagdeel=ochtend&q=tuin` is a search anyone can
bookmark, send on or save for weekly e-mail (SavedSearch stores the same query string).

- `q`: search words (full text, volunteering.search);
- `wijk`: district slug, several; city-wide vacancies of that municipality count too;
- `postcode` + `afstand`: within 1, 2, 5 or 10 km of the middle of the postcode's wijk
  (`afstand` only with a postcode);
- `soort`: one_off / regular / flexible, several;
- `uren`: at most this many hours a week (vacancies that do not say are included);
- `dag` (ma … zo) and `dagdeel` (ochtend, middag, avond), several: the vacancy's days and
  parts of the day overlap with the chosen ones ("whenever it suits you" always fits);
- `vaardigheid`: skill slug, several;
- `geschikt`: suitable for (nieuwkomers, lezen-schrijven, jongeren, ouderen, beperking,
  werkervaring), several;
- `thuis`: only work from home;
- `sorteer`: relevant (the default: best match with the search words, and without search
  words the newest), nieuw (newest), sluit (expires soonest), dichtbij (with a postcode);
- `pagina`: the page of results.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext_lazy

from wijkbasis.volunteering import slots
from wijkbasis.volunteering.models import Suitability

DAY_PARAMS = ["ma", "di", "wo", "do", "vr", "za", "zo"]
PART_PARAMS = ["ochtend", "middag", "avond"]
DISTANCES_KM = ["1", "2", "5", "10"]
DEFAULT_DISTANCE_KM = "2"
SUITABILITY_PARAMS: dict[str, Suitability] = {
    "nieuwkomers": Suitability.NEWCOMERS,
    "lezen-schrijven": Suitability.LOW_LITERACY,
    "jongeren": Suitability.YOUNG_PEOPLE,
    "ouderen": Suitability.SENIORS,
    "beperking": Suitability.DISABILITY,
    "werkervaring": Suitability.WORK_EXPERIENCE,
}


class Sort:
    RELEVANT = "relevant"
    NEWEST = "nieuw"
    CLOSING = "sluit"
    NEAREST = "dichtbij"


#: Without `sorteer`: the best match with the search words first (without words: newest).
DEFAULT_SORT = Sort.RELEVANT
SORT_CHOICES = [
    (Sort.RELEVANT, gettext_lazy("Best match first")),
    (Sort.NEWEST, gettext_lazy("Newest first")),
    (Sort.CLOSING, gettext_lazy("Closing soonest")),
    (Sort.NEAREST, gettext_lazy("Nearest to the postcode")),
]

#: The parameters that narrow the results (not afstand, which belongs to postcode, nor sorteer).
FILTER_PARAMS = ("q", "wijk", "postcode", "soort", "uren", "dag", "dagdeel", "vaardigheid", "geschikt", "thuis")
#: Parameters that may be given more than once.
MULTIPLE_PARAMS = ("wijk", "soort", "dag", "dagdeel", "vaardigheid", "geschikt")


def slot_mask(days: Sequence[str], parts: Sequence[str]) -> int:
    """The bit set of the chosen days and parts of the day (all parts of a day when no part
    is chosen, and the other way round)."""
    if not days and not parts:
        return 0
    day_indexes = [DAY_PARAMS.index(day) for day in days] or list(range(7))
    part_indexes = [PART_PARAMS.index(part) for part in parts] or list(range(3))
    return slots.from_pairs((day, part) for day in day_indexes for part in part_indexes)
