"""The waiting list's order and the score's parts: pure functions, no database."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import translation

from wijkbasis.buurtservice.priority import Facts, Weights, places, score, total, waitlist_order

TODAY = dt.date(2026, 6, 1)
WEIGHTS = Weights(wmo_deadline=40, wmo_window_days=56, urgent=30, vulnerable=20, per_week=2.0)


def facts(pk: int, *, waited_days: int = 0, category: int = 1, **values: Any) -> Facts:
    return Facts(id=pk, category_id=category, waiting_since=TODAY - dt.timedelta(days=waited_days), **values)


def test_the_score_is_the_sum_of_its_parts_and_says_what_each_is() -> None:
    with translation.override("en"):
        result = score(
            facts(
                1,
                waited_days=21,
                urgent=True,
                vulnerability="high",
                wmo_deadline=TODAY + dt.timedelta(days=14),
                adjustment=-5,
                adjustment_reason="can wait for the neighbour",
            ),
            WEIGHTS,
            TODAY,
        )
    parts = {part.code: part for part in result.parts}
    assert parts["wmo"].points == 30.0  # 14 of 56 days left: three quarters of 40
    assert parts["wmo"].explanation == "WMO: 14 days to the deadline"
    assert parts["urgent"].points == 30.0
    assert parts["vulnerable"].points == 20.0 and parts["vulnerable"].explanation == "very vulnerable"
    assert parts["waited"].points == 6.0 and parts["waited"].explanation == "waited 3 weeks"
    assert parts["adjusted"].points == -5.0 and "can wait for the neighbour" in parts["adjusted"].explanation
    assert result.total == 81.0 == sum(part.points for part in result.parts)


def test_wmo_points_rise_to_the_deadline_and_stay_full_when_late() -> None:
    def wmo(days_left: int) -> float:
        part = score(facts(1, wmo_deadline=TODAY + dt.timedelta(days=days_left)), WEIGHTS, TODAY).part("wmo")
        assert part is not None
        return part.points

    assert wmo(100) == 0.0
    assert wmo(56) == 0.0
    assert wmo(28) == 20.0
    assert wmo(0) == 40.0
    assert wmo(-10) == 40.0
    assert wmo(56) < wmo(42) < wmo(28) < wmo(14) < wmo(0)


def test_somewhat_vulnerable_counts_half_and_unknown_nothing() -> None:
    vulnerable = score(facts(1, vulnerability="some"), WEIGHTS, TODAY).part("vulnerable")
    assert vulnerable is not None and vulnerable.points == 10.0
    assert score(facts(1, vulnerability="none"), WEIGHTS, TODAY).part("vulnerable") is None
    assert score(facts(1, vulnerability=""), WEIGHTS, TODAY).part("vulnerable") is None


def test_the_weights_are_configurable() -> None:
    urgent_first = Weights(urgent=100, per_week=1.0)
    waiting_first = Weights(urgent=1, per_week=10.0)
    urgent = facts(1, urgent=True, waited_days=7)
    patient = facts(2, waited_days=70)
    assert [item.id for item, _score in waitlist_order([patient, urgent], urgent_first, TODAY)] == [1, 2]
    assert [item.id for item, _score in waitlist_order([urgent, patient], waiting_first, TODAY)] == [2, 1]


def test_the_order_is_highest_score_first_then_who_waited_longest_then_who_asked_first() -> None:
    items = [
        facts(5, waited_days=7),
        facts(3, waited_days=14),
        facts(4, waited_days=14),
        facts(1, urgent=True),
        facts(2, waited_days=7, adjustment=-20, adjustment_reason="x"),
    ]
    assert [item.id for item, _score in waitlist_order(items, WEIGHTS, TODAY)] == [1, 3, 4, 5, 2]
    # Equal scores: longest wait first (a whole week more counts 2 points, so make them equal by hand).
    tied = [facts(8, waited_days=0, adjustment=2, adjustment_reason="x"), facts(9, waited_days=7)]
    assert [item.id for item, _score in waitlist_order(tied, WEIGHTS, TODAY)] == [9, 8]


def test_nobody_waits_forever_behind_newer_urgent_jobs() -> None:
    """Time waited keeps counting: after enough weeks a plain job passes a fresh urgent one."""
    plain = facts(1, waited_days=7 * 16)  # 32 points
    urgent = facts(2, urgent=True)  # 30 points
    assert waitlist_order([urgent, plain], WEIGHTS, TODAY)[0][0].id == 1


def test_the_order_does_not_depend_on_the_input_order() -> None:
    rng = random.Random(301)
    items = [
        facts(
            pk,
            waited_days=rng.randrange(200),
            urgent=rng.random() < 0.2,
            vulnerability=rng.choice(["", "some", "high"]),
            category=rng.randrange(1, 4),
        )
        for pk in range(1, 300)
    ]
    expected = [item.id for item, _s in waitlist_order(items, WEIGHTS, TODAY)]
    for _ in range(5):
        rng.shuffle(items)
        assert [item.id for item, _s in waitlist_order(items, WEIGHTS, TODAY)] == expected
    totals = [points for _item, points in waitlist_order(items, WEIGHTS, TODAY)]
    assert totals == sorted(totals, reverse=True)


def test_the_quick_total_the_list_is_ordered_by_is_the_scores_total() -> None:
    rng = random.Random(7)
    for pk in range(2000):
        item = facts(
            pk,
            waited_days=rng.randrange(400),
            urgent=rng.random() < 0.3,
            vulnerability=rng.choice(["", "none", "some", "high"]),
            wmo_deadline=TODAY + dt.timedelta(days=rng.randrange(-30, 90)) if rng.random() < 0.4 else None,
            adjustment=rng.choice([0, 0, 5, -10, 33]),
            adjustment_reason="x",
        )
        for weights in (WEIGHTS, Weights(wmo_deadline=7, wmo_window_days=30, urgent=11, vulnerable=13, per_week=1.3)):
            assert total(item, weights, TODAY) == score(item, weights, TODAY).total


def test_places_count_the_whole_list_and_the_jobs_of_the_same_kind_ahead() -> None:
    ordered = waitlist_order(
        [facts(1, category=7, urgent=True), facts(2, category=8, waited_days=30), facts(3, category=7, waited_days=7)],
        WEIGHTS,
        TODAY,
    )
    found = places(ordered)
    assert [found[pk].position for pk in (1, 2, 3)] == [1, 2, 3]
    assert {found[pk].of for pk in (1, 2, 3)} == {3}
    assert [found[pk].ahead_in_category for pk in (1, 2, 3)] == [0, 0, 1]
