from __future__ import annotations

from dataclasses import dataclass

from wijkbasis.buurtservice.eligibility import assess


@dataclass
class Criterion:
    pk: int
    short_label: str
    rule: str
    qualifying_answer: bool = True


NO_NETWORK = Criterion(1, "no network", "required", qualifying_answer=False)  # "Can people around you help?" no
INCOME = Criterion(2, "low income", "any")
AGE = Criterion(3, "65+ or disability", "any")
WMO = Criterion(4, "WMO decision", "any")
CRITERIA = [NO_NETWORK, INCOME, AGE, WMO]


def test_required_and_one_of_the_others_meets_the_criteria() -> None:
    result = assess(CRITERIA, {1: False, 2: False, 3: True, 4: False})
    assert result.meets is True
    assert result.met == ("no network", "65+ or disability")


def test_a_network_that_can_help_does_not_meet_them() -> None:
    result = assess(CRITERIA, {1: True, 2: True, 3: True, 4: True})
    assert result.meets is False and result.not_met == ("no network",)


def test_none_of_the_others_does_not_meet_them() -> None:
    assert assess(CRITERIA, {1: False, 2: False, 3: False, 4: False}).meets is False


def test_open_answers_leave_the_outcome_open_until_it_is_clear() -> None:
    assert assess(CRITERIA, {}).meets is None
    assert assess(CRITERIA, {1: False}).meets is None  # required met, none of the others answered yet
    assert assess(CRITERIA, {1: False, 2: True}).meets is True  # one of them is enough
    assert assess(CRITERIA, {1: True}).meets is False  # a required one fails: no answer can change that
    assert assess([], {}).meets is True
