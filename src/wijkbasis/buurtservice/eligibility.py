"""Whether a request meets the configured criteria (EligibilityCriterion), from the intake answers.

A pure function: every REQUIRED criterion must be met, and when there are ANY criteria, at least
one of them. A criterion not answered yet leaves the outcome open. It advises; the coordinator
decides, and says why to the resident.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Assessment:
    meets: bool | None  # None: not all answers are in
    met: tuple[str, ...]
    not_met: tuple[str, ...]
    unanswered: tuple[str, ...]


def assess(criteria: Iterable[Any], answers: dict[int, bool]) -> Assessment:
    met: list[str] = []
    not_met: list[str] = []
    unanswered: list[str] = []
    required_ok, any_ok, has_any, open_required, open_any = True, False, False, False, False
    for criterion in criteria:
        answer = answers.get(criterion.pk)
        is_any = criterion.rule == "any"
        has_any = has_any or is_any
        if answer is None:
            unanswered.append(criterion.short_label)
            open_required = open_required or not is_any
            open_any = open_any or is_any
            continue
        ok = answer == criterion.qualifying_answer
        (met if ok else not_met).append(criterion.short_label)
        if is_any:
            any_ok = any_ok or ok
        elif not ok:
            required_ok = False
    if not required_ok or (has_any and not any_ok and not open_any):
        meets: bool | None = False
    elif open_required or (has_any and not any_ok):
        meets = None
    else:
        meets = True
    return Assessment(meets=meets, met=tuple(met), not_met=tuple(not_met), unanswered=tuple(unanswered))


def active_criteria() -> list[Any]:
    from wijkbasis.buurtservice.models import EligibilityCriterion

    return list(EligibilityCriterion.objects.filter(is_active=True))
