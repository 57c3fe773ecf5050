"""Small-count suppression: no hidden figure can be worked out from what is published.

The property test checks the promise of core/suppression.py with its own solver, which knows
nothing of the algorithm's networks: for every hidden figure it looks for a second whole-number
table, different in that figure, that agrees with every shown number, with every published
total, with "<5" meaning 1 to 4 and with "x" meaning 5 or more (the reader who knows the rules
knows that much: 0 and 1–4 would have been shown otherwise). That reader knows more than one
for whom an x may be anything, so the test also covers the weaker reader.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from wijkbasis.core.suppression import (
    HIDDEN,
    SUPPRESSED,
    Figure,
    Position,
    Reason,
    SuppressedTable,
    suppress,
    suppress_table,
)

# ---------------------------------------------------------------------------
# An independent exact solver: integer interval propagation over the sums, then search.

INFINITY = 10**9


@dataclass
class Problem:
    """Unknowns (each with its lowest and highest value) and sums: each sum is a list of
    unknown indexes plus a known part that must add up to a known total."""

    low: list[int]
    high: list[int]
    sums: list[tuple[list[int], int]]  # (unknowns, what they add up to)


def _propagate(low: list[int], high: list[int], sums: list[tuple[list[int], int]]) -> bool:
    changed = True
    while changed:
        changed = False
        for unknowns, total in sums:
            low_sum = sum(low[i] for i in unknowns)
            high_sum = sum(high[i] for i in unknowns)
            if low_sum > total or high_sum < total:
                return False
            for i in unknowns:
                new_low = max(low[i], total - (high_sum - high[i]))
                new_high = min(high[i], total - (low_sum - low[i]))
                if new_low > new_high:
                    return False
                if (new_low, new_high) != (low[i], high[i]):
                    low_sum += new_low - low[i]
                    high_sum += new_high - high[i]
                    low[i], high[i] = new_low, new_high
                    changed = True
    return True


def feasible(problem: Problem, fixed: dict[int, int]) -> bool:
    """Whether some whole-number values within the bounds satisfy every sum, with `fixed`."""
    low, high = list(problem.low), list(problem.high)
    for i, value in fixed.items():
        if not low[i] <= value <= high[i]:
            return False
        low[i] = high[i] = value
    return _search(low, high, problem.sums)


def _search(low: list[int], high: list[int], sums: list[tuple[list[int], int]]) -> bool:
    if not _propagate(low, high, sums):
        return False
    open_ = [i for i in range(len(low)) if low[i] < high[i]]
    if not open_:
        return True
    i = min(open_, key=lambda k: high[k] - low[k])
    for value in range(low[i], min(high[i], low[i] + 60) + 1):
        trial_low, trial_high = list(low), list(high)
        trial_low[i] = trial_high[i] = value
        if _search(trial_low, trial_high, sums):
            return True
    return False


def reader_problem(
    cells: list[list[int]], table: SuppressedTable, *, publish_cells: bool, row_totals: bool, column_totals: bool
) -> tuple[Problem, dict[Position, tuple[int, int]]]:
    """What a reader of the published table knows, as a Problem. Returns it with, per hidden
    figure, (its unknown's index, its true value)."""
    rows, columns = len(cells), len(cells[0])
    cap = sum(map(sum, cells)) + 20  # a search bound: any table found within it is a real one
    low: list[int] = []
    high: list[int] = []
    hidden: dict[Position, tuple[int, int]] = {}

    def term(figure: Figure | None, true_value: int, position: Position) -> tuple[int | None, int]:
        """An unknown's index (or None) and the known value (0 for an unknown)."""
        if figure is not None and figure.hidden is None:
            assert figure.number == true_value and figure.text == str(true_value), position
            return None, true_value
        if figure is None:
            bounds = (0, cap)  # not published: anything
        elif figure.hidden == Reason.PRIMARY:
            assert figure.text == SUPPRESSED and 1 <= true_value <= 4, position
            bounds = (1, 4)
        elif figure.hidden == Reason.SECONDARY:
            assert figure.text == HIDDEN and true_value >= 5, position
            bounds = (5, cap)
        else:
            assert figure.text == HIDDEN and table.withheld, position
            bounds = (0, cap)
        low.append(bounds[0])
        high.append(bounds[1])
        if figure is not None:
            hidden[position] = (len(low) - 1, true_value)
        return len(low) - 1, 0

    def figure_of(published: bool, figures: Any, *index: int) -> Figure | None:
        if not published:
            return None
        value = figures
        for i in index:
            value = value[i]
        assert isinstance(value, Figure)
        return value

    cell_terms = [
        [term(figure_of(publish_cells, table.cells, r, c), cells[r][c], Position("cell", r, c)) for c in range(columns)]
        for r in range(rows)
    ]
    row_terms = [
        term(figure_of(row_totals, table.row_totals, r), sum(cells[r]), Position("row_total", r)) for r in range(rows)
    ]
    column_terms = [
        term(
            figure_of(column_totals, table.column_totals, c),
            sum(row[c] for row in cells),
            Position("column_total", None, c),
        )
        for c in range(columns)
    ]
    grand_published = row_totals and column_totals
    assert (table.grand_total is not None) == grand_published
    grand_term = term(table.grand_total, sum(map(sum, cells)), Position("grand_total"))

    sums: list[tuple[list[int], int]] = []

    def add_sum(parts: list[tuple[int | None, int]], whole: tuple[int | None, int]) -> None:
        """parts add up to whole: the unknown parts minus the unknown whole = the known whole minus the known parts."""
        # Unknowns on both sides: move the whole's unknown into the sum with a negative sign by
        # an offset unknown w' = cap - w, which keeps every coefficient +1.
        unknowns = [i for i, _known in parts if i is not None]
        known = sum(value for _i, value in parts)
        index, whole_value = whole
        if index is None:
            sums.append((unknowns, whole_value - known))
            return
        low.append(cap - high[index])
        high.append(cap - low[index])
        mirror = len(low) - 1
        sums.append(([*unknowns, mirror], cap - known))
        sums.append(([index, mirror], cap))

    for r in range(rows):
        add_sum(cell_terms[r], row_terms[r])
    for c in range(columns):
        add_sum([cell_terms[r][c] for r in range(rows)], column_terms[c])
    add_sum(row_terms, grand_term)
    add_sum(column_terms, grand_term)
    return Problem(low, high, sums), hidden


def assert_nothing_can_be_worked_out(
    cells: list[list[int]], *, publish_cells: bool = True, row_totals: bool = True, column_totals: bool = True
) -> SuppressedTable:
    table = suppress_table(cells, publish_cells=publish_cells, row_totals=row_totals, column_totals=column_totals)
    problem, hidden = reader_problem(
        cells, table, publish_cells=publish_cells, row_totals=row_totals, column_totals=column_totals
    )
    assert feasible(problem, {}), "the true table must agree with what is published"
    for position, (index, true_value) in hidden.items():
        others = [value for distance in (1, 2, 3) for value in (true_value - distance, true_value + distance)]
        assert any(value >= 0 and feasible(problem, {index: value}) for value in others), (
            f"{position} = {true_value} can be worked out from {_render(table)}"
        )
    return table


def _render(table: SuppressedTable) -> str:
    lines = [" ".join(f.text for f in row) for row in table.cells]
    if table.row_totals is not None:
        lines.append("row totals: " + " ".join(f.text for f in table.row_totals))
    if table.column_totals is not None:
        lines.append("column totals: " + " ".join(f.text for f in table.column_totals))
    lines.append(f"grand total: {table.grand_total}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# The property

counts = st.one_of(st.integers(0, 7), st.integers(0, 30))


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[list[int]], bool, bool, bool]:
    rows = draw(st.integers(1, 5))
    columns = draw(st.integers(1, 4))
    cells = draw(st.lists(st.lists(counts, min_size=columns, max_size=columns), min_size=rows, max_size=rows))
    publish_cells = draw(st.booleans()) if rows > 1 and columns > 1 else True
    row_totals = draw(st.booleans())
    column_totals = draw(st.booleans()) if publish_cells else True
    return cells, publish_cells, row_totals, column_totals


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_no_hidden_figure_can_be_worked_out_from_what_is_published(
    drawn: tuple[list[list[int]], bool, bool, bool],
) -> None:
    cells, publish_cells, row_totals, column_totals = drawn
    table = assert_nothing_can_be_worked_out(
        cells, publish_cells=publish_cells, row_totals=row_totals, column_totals=column_totals
    )
    event("withheld" if table.withheld else f"secondary: {min(table.secondary, 3)}")
    if publish_cells and not table.withheld:
        # Exactly the counts 1 to 4 are "<5"; zeros stay.
        shown = [figure for row in table.cells for figure in row]
        for row, figures in zip(cells, table.cells, strict=True):
            for value, figure in zip(row, figures, strict=True):
                assert (figure.hidden == Reason.PRIMARY) == (1 <= value <= 4)
                if value == 0:
                    assert figure.text == "0"
        assert all(figure.hidden in (None, Reason.PRIMARY, Reason.SECONDARY) for figure in shown)


# ---------------------------------------------------------------------------
# Examples


def test_the_old_figures_page_gave_away_a_count_of_one() -> None:
    """Centrum 5, Waterkwartier 5, Noordveen 1, Zuidwijken 5, Leesten 5, Warnsveld 5, total 26:
    with the total shown, Noordveen = 26 − 25 = 1. Hiding a second 5 does not help (an x is at
    least 5, so Noordveen + x = 6 still gives 1): the total is hidden."""
    column = [[5], [5], [1], [5], [5], [5]]
    table = assert_nothing_can_be_worked_out(column, row_totals=False)
    assert [row[0].text for row in table.cells] == ["5", "5", "<5", "5", "5", "5"]
    assert table.column_totals is not None and table.column_totals[0].text == "x"
    assert table.hidden == {
        Position("cell", 2, 0): Reason.PRIMARY,
        Position("column_total", None, 0): Reason.SECONDARY,
    }
    assert (table.primary, table.secondary) == (1, 1)


def test_a_second_wijk_is_hidden_rather_than_the_total_when_that_protects() -> None:
    column = [[8], [5], [1], [5], [6], [5]]
    table = assert_nothing_can_be_worked_out(column, row_totals=False)
    # The smallest figure that can go down (6; a hidden 5 cannot) is hidden; the total stays.
    assert [row[0].text for row in table.cells] == ["8", "5", "<5", "5", "x", "5"]
    assert table.column_totals is not None and table.column_totals[0].text == "30"


def test_a_column_without_a_total_needs_nothing_more() -> None:
    table = suppress_table([[5], [1], [0]], row_totals=False, column_totals=False)
    assert [row[0].text for row in table.cells] == ["5", "<5", "0"]
    assert table.column_totals is None and table.grand_total is None


def test_a_total_is_read_only_from_a_table_that_publishes_it() -> None:
    table = suppress_table([[10, 20], [30, 40]])
    assert (table.row_total(1).text, table.column_total(0).text, table.total().text) == ("70", "40", "100")
    without = suppress_table([[10], [30]], row_totals=False, column_totals=False)
    for read in (lambda: without.row_total(0), lambda: without.column_total(0), without.total):
        with pytest.raises(ValueError, match="not to be published"):
            read()


def test_a_hidden_cell_in_a_row_and_a_column_gets_partners_in_both() -> None:
    cells = [[3, 10, 12], [9, 7, 20], [15, 16, 30]]
    table = assert_nothing_can_be_worked_out(cells)
    hidden = {position for position, reason in table.hidden.items() if reason == Reason.SECONDARY}
    assert any(position.row == 0 for position in hidden)  # a second one in its row
    assert any(position.column == 0 for position in hidden)  # and in its column
    assert table.grand_total is not None and table.grand_total.text == "122"


def test_two_small_counts_that_add_up_to_their_minimum_are_protected() -> None:
    """1 + 1 = 2 with both <5: both would be 1. Something else must be hidden too."""
    table = assert_nothing_can_be_worked_out([[1, 1, 9, 9]], column_totals=False)
    assert table.secondary >= 1


def test_zeros_are_shown_and_small_totals_too() -> None:
    table = assert_nothing_can_be_worked_out([[0, 0], [3, 0]])
    assert [[f.text for f in row] for row in table.cells] == [["0", "0"], ["<5", "0"]]
    assert table.row_totals is not None and [f.text for f in table.row_totals] == ["0", "<5"]
    assert table.grand_total == Figure("<5", None, Reason.PRIMARY)


def test_a_table_that_cannot_be_protected_is_withheld() -> None:
    """Four cells of <5 with a total of <5: each must be 1. Nothing else can be hidden."""
    table = assert_nothing_can_be_worked_out([[1], [1], [1], [1], [0]], row_totals=False)
    assert table.withheld
    assert {figure.text for row in table.cells for figure in row} == {HIDDEN}


def test_linked_tables_share_their_total() -> None:
    """Wijken × months with only the totals published: the wijk figures and the monthly ones
    are protected together, including the period's total they share."""
    cells = [[1, 0, 0], [6, 9, 12], [0, 7, 5]]
    table = assert_nothing_can_be_worked_out(cells, publish_cells=False)
    assert table.cells == ()
    assert table.row_totals is not None and table.row_totals[0].text == "<5"
    assert table.column_totals is not None and table.grand_total is not None


def test_a_lone_count() -> None:
    assert [suppress(n) for n in (0, 1, 4, 5, 120)] == ["0", "<5", "<5", "5", "120"]


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="same number"):
        suppress_table([[1, 2], [3]])
    with pytest.raises(ValueError, match="whole numbers"):
        suppress_table([[-1]])


def test_the_solver_finds_what_a_naive_table_gives_away() -> None:
    """The test of the test: primary suppression alone is caught."""
    table = SuppressedTable(
        cells=((Figure("5", 5),), (Figure("<5", None, Reason.PRIMARY),)),
        row_totals=None,
        column_totals=(Figure("6", 6),),
        grand_total=None,
        hidden={Position("cell", 1, 0): Reason.PRIMARY},
    )
    problem, hidden = reader_problem([[5], [1]], table, publish_cells=True, row_totals=False, column_totals=True)
    index, value = hidden[Position("cell", 1, 0)]
    assert feasible(problem, {index: value})
    assert not any(feasible(problem, {index: other}) for other in (0, 2, 3, 4))
