"""Who is helped first: a transparent score from rules anyone can read, and the waiting list's
order. Pure functions: no database, no clock (today is given), so they are tested on their own.

The score is the sum of its parts, each shown with what it is for:
- WMO deadline: a WMO job's points rise from 0, `wmo_window_days` before its deadline, to the
  full `wmo_deadline` points on the day (and stay full when it is late);
- urgency: `urgent` points for a job that cannot wait (a leak, a loose grab bar);
- vulnerability: `vulnerable` points for a very vulnerable resident, half for somewhat vulnerable;
- time waited: `per_week` points for every week on the waiting list, so nobody waits forever;
- the coordinator's adjustment (plus or minus), with its reason.

The waiting list is ordered by score, highest first; on equal scores, who waits longest goes
first, then who asked first (the lower id).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


@dataclass(frozen=True)
class Weights:
    wmo_deadline: int = 40
    wmo_window_days: int = 56
    urgent: int = 30
    vulnerable: int = 20
    per_week: float = 2.0

    @classmethod
    def from_settings(cls) -> Weights:
        from django.conf import settings

        return cls(
            wmo_deadline=settings.BUURTSERVICE_PRIORITY_WMO,
            wmo_window_days=max(1, settings.BUURTSERVICE_PRIORITY_WMO_WINDOW_DAYS),
            urgent=settings.BUURTSERVICE_PRIORITY_URGENT,
            vulnerable=settings.BUURTSERVICE_PRIORITY_VULNERABLE,
            per_week=settings.BUURTSERVICE_PRIORITY_PER_WEEK,
        )


@dataclass(frozen=True, slots=True)
class Facts:
    """What the score of one request is made of (a row of `Request` on the waiting list)."""

    id: int
    category_id: int
    waiting_since: dt.date
    urgent: bool = False
    vulnerability: str = ""  # "", "none", "some", "high"
    wmo_deadline: dt.date | None = None
    adjustment: int = 0
    adjustment_reason: str = ""


@dataclass(frozen=True)
class Part:
    code: str  # "wmo", "urgent", "vulnerable", "waited", "adjusted"
    points: float
    explanation: str


@dataclass(frozen=True)
class Score:
    total: float
    parts: tuple[Part, ...]

    def part(self, code: str) -> Part | None:
        return next((part for part in self.parts if part.code == code), None)


def _rounded(value: float) -> float:
    return round(value + 0.0, 1)


def score(facts: Facts, weights: Weights, today: dt.date) -> Score:
    parts: list[Part] = []
    if facts.wmo_deadline is not None:
        days_left = (facts.wmo_deadline - today).days
        share = 1.0 if days_left <= 0 else max(0.0, 1 - days_left / weights.wmo_window_days)
        if days_left < 0:
            explanation = _("WMO: the deadline has passed")
        else:
            explanation = ngettext(
                "WMO: %(days)s day to the deadline", "WMO: %(days)s days to the deadline", days_left
            ) % {"days": days_left}
        parts.append(Part("wmo", _rounded(weights.wmo_deadline * share), explanation))
    if facts.urgent:
        parts.append(Part("urgent", float(weights.urgent), _("urgent")))
    if facts.vulnerability in ("some", "high"):
        share = 1.0 if facts.vulnerability == "high" else 0.5
        label = _("very vulnerable") if facts.vulnerability == "high" else _("somewhat vulnerable")
        parts.append(Part("vulnerable", _rounded(weights.vulnerable * share), label))
    days = max(0, (today - facts.waiting_since).days)
    weeks = days // 7
    parts.append(
        Part(
            "waited",
            _rounded(weights.per_week * days / 7),
            ngettext("waited %(weeks)s week", "waited %(weeks)s weeks", weeks) % {"weeks": weeks},
        )
    )
    if facts.adjustment:
        reason = facts.adjustment_reason or _("no reason given")
        parts.append(Part("adjusted", float(facts.adjustment), _("coordinator: %(reason)s") % {"reason": reason}))
    return Score(total=_rounded(sum(part.points for part in parts)), parts=tuple(parts))


def total(facts: Facts, weights: Weights, today: dt.date) -> float:
    """`score(...).total` without the words: what ordering the list needs, for thousands of
    requests at a time (the parts are made only for the rows a page shows)."""
    points = _rounded(weights.per_week * max(0, (today - facts.waiting_since).days) / 7)
    if facts.wmo_deadline is not None:
        days_left = (facts.wmo_deadline - today).days
        share = 1.0 if days_left <= 0 else max(0.0, 1 - days_left / weights.wmo_window_days)
        points += _rounded(weights.wmo_deadline * share)
    if facts.urgent:
        points += weights.urgent
    if facts.vulnerability == "high":
        points += _rounded(float(weights.vulnerable))
    elif facts.vulnerability == "some":
        points += _rounded(weights.vulnerable * 0.5)
    return _rounded(points + facts.adjustment)


def waitlist_order(items: Iterable[Facts], weights: Weights, today: dt.date) -> list[tuple[Facts, float]]:
    """The waiting list, first to be helped first: by score, then waiting longest, then lowest id.
    Each request with its score's total (`score()` gives the parts)."""
    scored = [(facts, total(facts, weights, today)) for facts in items]
    scored.sort(key=lambda pair: (-pair[1], pair[0].waiting_since, pair[0].id))
    return scored


@dataclass(frozen=True, slots=True)
class Place:
    """A request's place on the waiting list: overall, and among the jobs of its kind."""

    position: int
    of: int
    ahead_in_category: int
    total: float
    facts: Facts

    def score(self, weights: Weights, today: dt.date, *, reason: str = "") -> Score:
        """The score with its parts (`reason`: the coordinator's, for the adjustment's part)."""
        facts = replace(self.facts, adjustment_reason=reason) if reason else self.facts
        return score(facts, weights, today)


def places(ordered: list[tuple[Facts, float]]) -> dict[int, Place]:
    """The place of every request on an ordered waiting list (waitlist_order), by request id."""
    seen_in_category: dict[int, int] = {}
    result: dict[int, Place] = {}
    count = len(ordered)
    for index, (facts, points) in enumerate(ordered):
        ahead = seen_in_category.get(facts.category_id, 0)
        result[facts.id] = Place(position=index + 1, of=count, ahead_in_category=ahead, total=points, facts=facts)
        seen_in_category[facts.category_id] = ahead + 1
    return result
