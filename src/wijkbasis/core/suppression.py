"""Small counts that nobody can work out: the one suppression every report and export uses.

A count of 1 to 4 in a small area can point at one person. Every table of counts that leaves
a team (pages for the municipality, CSV and XLSX downloads, open data) goes through
`suppress_table()`; `suppress()` is only for a lone number that no total or other figure
relates to.

What a reader sees
- **0** is shown as 0. "Nobody in this wijk" tells nothing about a person, and hiding zeros
  would hide most of a young platform's figures.
- **1 to 4** is shown as ``<5`` (primary suppression): the reader knows it is 1, 2, 3 or 4.
- **x** (complementary or secondary suppression) hides a figure of 5 or more, so that the
  ``<5`` cannot be worked out from the other figures and the totals. A reader who knows these
  rules knows that an x is at least 5 (0 and 1–4 would have been shown otherwise); the
  algorithm protects against exactly that reader.
- When even hiding every other figure would not do, the whole table is withheld: every
  figure, zeros included, becomes x (`SuppressedTable.withheld`).

The guarantee: for every hidden figure there are at least two different whole-number tables
that agree with everything published (the shown numbers, the totals that add up, <5 meaning
1–4 and x meaning at least 5). core/tests/test_suppression.py checks that for random tables
with an independent solver. Not covered: a reader who also knows *which* figures the
algorithm picks to hide (it picks small ones), and figures from other tables that are not
passed in together (`suppress_table` with ``publish_cells=False`` links two tables that share
their totals, see reporting).

How (the network view of Cox and of Castro's cell-suppression work): a table with row, column
and grand totals is a circulation: source → row (row total) → column (cell) → sink (column
total) → source (grand total). Every published figure fixes the flow on its edge; a hidden
one may take any value in its range (1–4, at least 5, or anything for what is not published
at all). A hidden figure can be changed without changing anything published exactly when a
cycle of hidden edges runs through it, each able to move one up or down (flow
decomposition), which a breadth-first search over the hidden edges decides. For each hidden
figure without such a cycle, the cheapest cycle is found with Dijkstra, where hiding a
published figure costs its value (a total costs more than any cell, the grand total more than
any total), and the published figures on it are hidden too. Hiding only adds edges, so a
protected figure stays protected: it ends after at most one round per figure.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import NamedTuple

SMALL_COUNT_THRESHOLD = 5
#: A count of 1 to 4.
SUPPRESSED = "<5"
#: A figure hidden so that the small ones cannot be worked out (or a withheld table's figure).
HIDDEN = "x"

_TOTAL_COST = 10**12  # more than any cell
_GRAND_TOTAL_COST = 10**24  # more than any total


def suppress(count: int) -> str:
    """A lone count as it may be shown: 1 to 4 becomes "<5". Not for a figure in a table with
    totals (use `suppress_table`), where the others would give it away."""
    if 0 < count < SMALL_COUNT_THRESHOLD:
        return SUPPRESSED
    return str(count)


class Reason(StrEnum):
    #: 1 to 4.
    PRIMARY = "primary"
    #: 5 or more, hidden so that a small count cannot be worked out.
    SECONDARY = "secondary"
    #: The table could not be protected otherwise: every figure of it is hidden.
    WITHHELD = "withheld"


@dataclass(frozen=True)
class Figure:
    """One published figure: its text ("<5", "x" or the number), the number when it is shown,
    and why it is hidden when it is."""

    text: str
    number: int | None
    hidden: Reason | None = None

    def __str__(self) -> str:
        return self.text


class Position(NamedTuple):
    kind: str  # "cell", "row_total", "column_total" or "grand_total"
    row: int | None = None
    column: int | None = None


@dataclass(frozen=True)
class SuppressedTable:
    """What may be published of a table. `cells` is empty when the cells were not to be
    published; `row_totals`, `column_totals` and `grand_total` are None when not published."""

    cells: tuple[tuple[Figure, ...], ...]
    row_totals: tuple[Figure, ...] | None
    column_totals: tuple[Figure, ...] | None
    grand_total: Figure | None
    hidden: dict[Position, Reason]

    def row_total(self, row: int) -> Figure:
        """A row's total, for a table whose row totals were to be published."""
        if self.row_totals is None:
            raise ValueError("This table's row totals were not to be published.")
        return self.row_totals[row]

    def column_total(self, column: int) -> Figure:
        """A column's total, for a table whose column totals were to be published."""
        if self.column_totals is None:
            raise ValueError("This table's column totals were not to be published.")
        return self.column_totals[column]

    def total(self) -> Figure:
        """The grand total, for a table whose row and column totals were to be published."""
        if self.grand_total is None:
            raise ValueError("This table's grand total was not to be published.")
        return self.grand_total

    @property
    def withheld(self) -> bool:
        return any(reason == Reason.WITHHELD for reason in self.hidden.values())

    @property
    def primary(self) -> int:
        """How many figures are shown as "<5"."""
        return sum(1 for reason in self.hidden.values() if reason == Reason.PRIMARY)

    @property
    def secondary(self) -> int:
        """How many figures of 5 or more are hidden to protect the small ones."""
        return sum(1 for reason in self.hidden.values() if reason == Reason.SECONDARY)


class _State(Enum):
    SHOWN = "shown"  # published as it is: fixed
    PRIMARY = "primary"  # 1..4
    SECONDARY = "secondary"  # at least 5
    FREE = "free"  # not published: any value from 0


@dataclass
class _Edge:
    position: Position
    tail: int
    head: int
    value: int
    state: _State
    cost: int

    def can_go_up(self) -> bool:
        if self.state == _State.PRIMARY:
            return self.value < SMALL_COUNT_THRESHOLD - 1
        return self.state in (_State.SECONDARY, _State.FREE)

    def can_go_down(self) -> bool:
        if self.state == _State.PRIMARY:
            return self.value > 1
        if self.state == _State.SECONDARY:
            return self.value > SMALL_COUNT_THRESHOLD
        return self.state == _State.FREE and self.value > 0

    def could_open(self) -> bool:
        """A shown figure that may be hidden to protect another one (never a zero)."""
        return self.state == _State.SHOWN and self.value >= SMALL_COUNT_THRESHOLD

    def arcs(self, *, opening: bool = False) -> list[tuple[int, int]]:
        """The ways one unit can move along this edge: (from, to) of each residual arc. With
        `opening`, a shown figure counts as if it were hidden as secondary."""
        if self.state == _State.SHOWN:
            if not (opening and self.could_open()):
                return []
            up, down = True, self.value > SMALL_COUNT_THRESHOLD
        else:
            up, down = self.can_go_up(), self.can_go_down()
        return ([(self.tail, self.head)] if up else []) + ([(self.head, self.tail)] if down else [])


class _Network:
    SOURCE, SINK = 0, 1

    def __init__(
        self, cells: Sequence[Sequence[int]], *, publish_cells: bool, row_totals: bool, column_totals: bool
    ) -> None:
        rows, columns = len(cells), len(cells[0]) if cells else 0
        self.edges: list[_Edge] = []
        self.nodes = 2 + rows + columns

        def row_node(r: int) -> int:
            return 2 + r

        def column_node(c: int) -> int:
            return 2 + rows + c

        def add(position: Position, tail: int, head: int, value: int, published: bool, cost: int) -> None:
            if not published:
                state = _State.FREE
            elif 0 < value < SMALL_COUNT_THRESHOLD:
                state = _State.PRIMARY
            else:
                state = _State.SHOWN
            self.edges.append(_Edge(position, tail, head, value, state, cost))

        for r, row in enumerate(cells):
            add(Position("row_total", r), self.SOURCE, row_node(r), sum(row), row_totals, _TOTAL_COST + sum(row))
            for c, value in enumerate(row):
                add(Position("cell", r, c), row_node(r), column_node(c), value, publish_cells, value)
        for c in range(columns):
            total = sum(row[c] for row in cells)
            add(Position("column_total", None, c), column_node(c), self.SINK, total, column_totals, _TOTAL_COST + total)
        grand = sum(sum(row) for row in cells)
        add(Position("grand_total"), self.SINK, self.SOURCE, grand, row_totals and column_totals, _GRAND_TOTAL_COST)

    def hidden(self) -> list[int]:
        return [i for i, edge in enumerate(self.edges) if edge.state in (_State.PRIMARY, _State.SECONDARY)]

    def _adjacency(self, *, without: int, opening: bool) -> list[list[tuple[int, int]]]:
        adjacency: list[list[tuple[int, int]]] = [[] for _ in range(self.nodes)]
        for i, edge in enumerate(self.edges):
            if i != without:
                for start, end in edge.arcs(opening=opening):
                    adjacency[start].append((end, i))
        return adjacency

    def _ends(self, index: int) -> list[tuple[int, int]]:
        """(start, target) of the path that closes a cycle through this edge, per direction it
        can move in: up along the edge then back from its head to its tail, or down."""
        edge = self.edges[index]
        ends = []
        if edge.can_go_up():
            ends.append((edge.head, edge.tail))
        if edge.can_go_down():
            ends.append((edge.tail, edge.head))
        return ends

    def protected(self, index: int) -> bool:
        """Whether the hidden figure can change by one while everything published stays."""
        adjacency = self._adjacency(without=index, opening=False)
        for start, target in self._ends(index):
            seen = {start}
            queue = deque([start])
            while queue:
                node = queue.popleft()
                if node == target:
                    return True
                for end, _edge in adjacency[node]:
                    if end not in seen:
                        seen.add(end)
                        queue.append(end)
        return False

    def cheapest_cover(self, index: int) -> list[int] | None:
        """The shown figures to hide, as cheaply as possible, so that this one is protected;
        None when no choice of figures would do."""
        adjacency = self._adjacency(without=index, opening=True)
        best: tuple[int, list[int]] | None = None
        for start, target in self._ends(index):
            found = self._dijkstra(adjacency, start, target)
            if found is not None and (best is None or found[0] < best[0]):
                best = found
        return None if best is None else best[1]

    def _dijkstra(
        self, adjacency: list[list[tuple[int, int]]], start: int, target: int
    ) -> tuple[int, list[int]] | None:
        distance = {start: 0}
        came_by: dict[int, tuple[int, int]] = {}
        queue = [(0, start)]
        while queue:
            cost, node = heapq.heappop(queue)
            if node == target:
                opened = []
                while node != start:
                    node, edge = came_by[node]
                    if self.edges[edge].state == _State.SHOWN:
                        opened.append(edge)
                return cost, opened
            if cost > distance.get(node, cost):
                continue
            for end, edge in adjacency[node]:
                step = self.edges[edge].cost if self.edges[edge].state == _State.SHOWN else 0
                if cost + step < distance.get(end, cost + step + 1):
                    distance[end] = cost + step
                    came_by[end] = (node, edge)
                    heapq.heappush(queue, (cost + step, end))
        return None


def suppress_table(
    cells: Sequence[Sequence[int]],
    *,
    publish_cells: bool = True,
    row_totals: bool = True,
    column_totals: bool = True,
) -> SuppressedTable:
    """What may be published of a table of counts (rows × columns) with its totals.

    - `row_totals`: a total per row is published (not for a table whose columns are different
      measures, which do not add up);
    - `column_totals`: a total per column is published (the "Total" row);
    - the grand total is published when both are; a table of one column with
      ``row_totals=False`` has its one column total as its total;
    - `publish_cells=False`: only the totals are published. Two tables that share a total
      (wijken × period, months × period) are one such table: the wijk figures are its row
      totals, the monthly ones its column totals, the period's total its grand total.
    """
    rows = [list(row) for row in cells]
    if any(len(row) != len(rows[0]) for row in rows):
        raise ValueError("suppress_table: every row needs the same number of cells")
    if any(not isinstance(value, int) or value < 0 for row in rows for value in row):
        raise ValueError("suppress_table: counts are whole numbers from 0")
    columns = len(rows[0]) if rows else 0
    network = _Network(rows, publish_cells=publish_cells, row_totals=row_totals, column_totals=column_totals)

    withheld = False
    unprotected = deque(network.hidden())
    while unprotected and not withheld:
        index = unprotected.popleft()
        if network.protected(index):
            continue
        cover = network.cheapest_cover(index)
        if not cover:  # None (impossible) or [] (cannot happen: then it was protected)
            withheld = True
            break
        for edge in cover:
            network.edges[edge].state = _State.SECONDARY
            unprotected.append(edge)
        unprotected.append(index)  # checked again: protected now
    return _published(
        network,
        len(rows),
        columns,
        withheld=withheld,
        publish_cells=publish_cells,
        row_totals=row_totals,
        column_totals=column_totals,
    )


def _published(
    network: _Network,
    rows: int,
    columns: int,
    *,
    withheld: bool,
    publish_cells: bool,
    row_totals: bool,
    column_totals: bool,
) -> SuppressedTable:
    figures: dict[Position, Figure] = {}
    hidden: dict[Position, Reason] = {}
    for edge in network.edges:
        if edge.state == _State.FREE:
            continue
        if withheld:
            figure = Figure(HIDDEN, None, Reason.WITHHELD)
        elif edge.state == _State.PRIMARY:
            figure = Figure(SUPPRESSED, None, Reason.PRIMARY)
        elif edge.state == _State.SECONDARY:
            figure = Figure(HIDDEN, None, Reason.SECONDARY)
        else:
            figure = Figure(str(edge.value), edge.value)
        figures[edge.position] = figure
        if figure.hidden is not None:
            hidden[edge.position] = figure.hidden

    return SuppressedTable(
        cells=tuple(tuple(figures[Position("cell", r, c)] for c in range(columns)) for r in range(rows))
        if publish_cells
        else (),
        row_totals=tuple(figures[Position("row_total", r)] for r in range(rows)) if row_totals else None,
        column_totals=tuple(figures[Position("column_total", None, c)] for c in range(columns))
        if column_totals
        else None,
        grand_total=figures.get(Position("grand_total")),
        hidden=hidden,
    )
