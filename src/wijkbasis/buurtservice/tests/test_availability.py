from __future__ import annotations

import datetime as dt

from django.utils import translation

from wijkbasis.buurtservice import availability as av

MONDAY = dt.date(2026, 6, 1)


def test_a_visit_needs_every_part_of_the_day_it_takes() -> None:
    mask = av.from_pairs([(0, av.MORNING), (1, av.AFTERNOON)])
    assert av.fits(mask, MONDAY, dt.time(9), dt.time(12))
    assert not av.fits(mask, MONDAY, dt.time(11), dt.time(14))  # runs into Monday afternoon
    assert av.fits(mask, MONDAY + dt.timedelta(days=1), dt.time(13), dt.time(16))
    assert not av.fits(mask, MONDAY + dt.timedelta(days=2), dt.time(9), dt.time(10))
    assert av.fits(0, MONDAY, dt.time(9), dt.time(17))  # not known: no objection


def test_days_and_parts_round_trip_and_read_well() -> None:
    mask = av.from_days_and_parts([0, 2], [av.MORNING])
    assert av.pairs(mask) == [(0, av.MORNING), (2, av.MORNING)]
    assert av.from_days_and_parts([4], []) == av.from_pairs([(4, av.MORNING), (4, av.AFTERNOON)])
    with translation.override("en"):
        assert av.describe(av.from_pairs([(0, 0), (0, 1), (2, 0)])) == "Monday, Wednesday morning"
        assert av.describe(0) == "not given"
