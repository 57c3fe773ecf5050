"""A search in words: "in Leesten, on Tuesday morning, for gardening" — for the page title, the
empty result and the saved search's description. Vacancy facts are worded by describe.py; this
says what was searched for."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from wijkbasis.areas.postcodes import format_postcode
from wijkbasis.volunteering.describe import DAYS, PARTS, number, or_list, slot_label
from wijkbasis.volunteering.filters.filterset import VacancyFilter
from wijkbasis.volunteering.filters.params import DAY_PARAMS, PART_PARAMS, SUITABILITY_PARAMS
from wijkbasis.volunteering.models import SUITABILITY_LABELS, Vacancy

#: Days and parts of the day said together ("on Tuesday morning or Thursday morning") up to this many.
COMBINED_SLOTS = 3


def phrases(filterset: VacancyFilter) -> list[tuple[str, str]]:
    """(parameter, words) for each active filter: 'in Leesten', 'on Tuesday morning'."""
    cleaned = filterset.cleaned
    active = filterset.active_params()
    days, parts = cleaned.get("dag") or [], cleaned.get("dagdeel") or []
    together = "dag" in active and "dagdeel" in active and len(days) * len(parts) <= COMBINED_SLOTS
    found: list[tuple[str, str]] = []
    for param in active:
        value: Any = cleaned.get(param)
        if param == "q":
            found.append((param, _("matching “%(text)s”") % {"text": filterset.text}))
        elif param == "wijk":
            found.append((param, _("in %(names)s") % {"names": or_list(district.name for district in value)}))
        elif param == "postcode":
            centre = filterset.centre
            assert centre is not None
            found.append(
                (
                    param,
                    _("within %(km)s km of %(postcode)s")
                    % {"km": number(centre.km), "postcode": format_postcode(centre.postcode)},
                )
            )
        elif param == "soort":
            labels = dict(Vacancy.When.choices)
            found.append((param, or_list(labels[kind] for kind in value)))
        elif param == "uren":
            found.append((param, _("at most %(hours)s hours a week") % {"hours": number(value)}))
        elif param == "dag" and together:
            moments = [slot_label(DAY_PARAMS.index(day), PART_PARAMS.index(part)) for day in days for part in parts]
            found.append((param, _("on %(when)s") % {"when": or_list(moments)}))
        elif param == "dag":
            found.append((param, _("on %(days)s") % {"days": or_list(DAYS[DAY_PARAMS.index(day)] for day in value)}))
        elif param == "dagdeel" and not together:
            names = or_list(PARTS[PART_PARAMS.index(part)] for part in value)
            found.append((param, _("in the %(parts)s") % {"parts": names}))
        elif param == "vaardigheid":
            names = or_list(skill.localized_name.lower() for skill in value)
            found.append((param, _("for %(skills)s") % {"skills": names}))
        elif param == "geschikt":
            groups = or_list(SUITABILITY_LABELS[SUITABILITY_PARAMS[group]] for group in value)
            found.append((param, _("suitable for %(groups)s") % {"groups": groups}))
        elif param == "thuis":
            found.append((param, _("from home")))
    return found


def summary(filterset: VacancyFilter) -> str:
    """The whole search in words, e.g. 'in Leesten, on Tuesday morning'; '' for everything."""
    return ", ".join(words for _param, words in phrases(filterset))


def empty_text(filterset: VacancyFilter) -> str:
    described = summary(filterset)
    if not described:
        return _("There are no vacancies at the moment.")
    return _("There are no vacancies %(search)s.") % {"search": described}
