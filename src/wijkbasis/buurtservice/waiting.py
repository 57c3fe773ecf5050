"""How long a resident can expect to wait: from how fast Buurtservice started jobs of the same
kind lately. Pure functions, tested on a simulated history.

The method, in one sentence for the resident (METHOD): we count how many jobs of this kind were
started per week in the last weeks, and how many jobs of this kind are before you on the list;
the second divided by the first is the number of weeks. Before anything was started lately
there is no estimate (we do not guess).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

METHOD = _(
    "We count how many jobs of this kind Buurtservice started per week in the last %(weeks)s weeks, and how "
    "many jobs of this kind are before you on the list: that gives the number of weeks."
)


def weekly_throughput(started: Iterable[dt.date], *, today: dt.date, weeks: int) -> float:
    """Jobs started per week in the `weeks` weeks before today (today not counted: it is not over)."""
    since = today - dt.timedelta(days=7 * weeks)
    count = sum(1 for day in started if since <= day < today)
    return count / weeks if weeks > 0 else 0.0


@dataclass(frozen=True)
class Estimate:
    weeks: int | None  # None: no estimate
    per_week: float
    ahead: int

    @property
    def known(self) -> bool:
        return self.weeks is not None


def expected_wait(*, ahead: int, per_week: float) -> Estimate:
    """Weeks until the job starts for a request with `ahead` jobs of its kind before it: the
    queue in front of it and itself, at the recent pace, rounded up to whole weeks."""
    if per_week <= 0:
        return Estimate(weeks=None, per_week=per_week, ahead=ahead)
    return Estimate(weeks=max(1, math.ceil((ahead + 1) / per_week - 1e-9)), per_week=per_week, ahead=ahead)
