"""Where each tensor goes: main path, columns, branch lanes, elision and rows.

Nothing is placed by hand. The longest path through the graph is the main path, drawn left to
right in lane 0; every other layer sits in the column of its depth from the input, in a lane
below (Inception branches stack, projection shortcuts run under their block). Edges that skip
columns on the main path become arcs over the top. Long chains can lose their middle to a
column of dots (``elide``) and break into rows, but only where a single edge crosses, so no
branch or skip is ever cut.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from nnviz_core.styles.tensor.view import TensorView

#: Pseudo node id of the elision dots.
DOTS = "\u2026elided"
#: Columns kept on each side of an elision.
ELIDE_KEEP = 4


@dataclass(frozen=True)
class Structure:
    """Column and lane of every drawn node (and of the dots), plus the edges to draw."""

    order: tuple[str, ...]
    column: dict[str, int]
    lane: dict[str, int]
    edges: tuple[tuple[str, str], ...]
    columns: int
    #: How many layers the elision dots stand for.
    elided: int = 0

    def cuts(self, *, forks: bool = False) -> set[int]:
        """Boundaries ``b`` (between column b-1 and b) a row break or an elision may use.

        A strict cut is crossed by one edge between neighbouring columns. With ``forks``, a
        boundary right after a main-path node whose other outgoing edges all skip along the
        main path also counts (a residual block's input): those skips continue on the next row.
        """
        crossing = self.crossing()
        outgoing: dict[str, int] = {}
        onto_main: dict[str, int] = {}
        for source, target in self.forward_edges():
            outgoing[source] = outgoing.get(source, 0) + 1
            onto_main[source] = onto_main.get(source, 0) + (self.lane[target] == 0)
        found = set()
        for boundary in range(1, self.columns):
            near = crossing.near.get(boundary, [])
            if len(near) != 1:
                continue
            source = near[0][0]
            count = crossing.edges[boundary]
            # A fork: every edge crossing is one of ``source``'s (they all start just before
            # the boundary, so all of them cross it), and all of them stay on the main lane.
            fork = self.lane[source] == 0 and count == outgoing[source] == onto_main[source]
            if count == 1 or (forks and fork):
                found.add(boundary)
        return found

    def forward_edges(self) -> list[tuple[str, str]]:
        """The edges that cross at least one boundary (every edge but a degenerate one)."""
        column = self.column
        return [(s, t) for s, t in self.edges if column[t] > column[s]]

    def crossing(self) -> Crossing:
        """How many edges, and how many along the main lane, cross each boundary; the edges
        between neighbouring columns by the boundary they cross. One pass (difference arrays)."""
        column, lane = self.column, self.lane
        edges = [0] * (self.columns + 1)
        main = [0] * (self.columns + 1)
        near: dict[int, list[tuple[str, str]]] = {}
        for source, target in self.forward_edges():
            start, end = column[source], column[target]
            edges[start + 1] += 1
            edges[end + 1] -= 1
            if lane[source] == 0 == lane[target]:
                main[start + 1] += 1
                main[end + 1] -= 1
            if end - start == 1:
                near.setdefault(end, []).append((source, target))
        return Crossing(list(itertools.accumulate(edges)), list(itertools.accumulate(main)), near)


@dataclass(frozen=True)
class Crossing:
    """Per boundary ``b`` (between columns b-1 and b): edges crossing it, those of them along
    the main lane, and the crossing edges between neighbouring columns."""

    edges: list[int]
    main: list[int]
    near: dict[int, list[tuple[str, str]]]


def main_path(view: TensorView) -> list[str]:
    """The longest path (in layers) from an input to an output; ties go to the earliest."""
    best: dict[str, tuple[int, str | None]] = {}
    for node in view.nodes:
        preds = view.predecessors(node.id)
        choice: tuple[int, str | None] = (0, None)
        for pred in preds:
            if best[pred][0] + 1 > choice[0]:
                choice = (best[pred][0] + 1, pred)
        best[node.id] = choice
    if not best:
        return []
    end = next(iter(best))
    for key, (length, _) in best.items():
        if length > best[end][0]:
            end = key  # the earliest of the longest
    path: list[str] = []
    cursor: str | None = end
    while cursor is not None:
        path.append(cursor)
        cursor = best[cursor][1]
    return path[::-1]


def _columns(view: TensorView) -> dict[str, int]:
    column: dict[str, int] = {}
    for node in view.nodes:
        column[node.id] = max((column[p] + 1 for p in view.predecessors(node.id)), default=0)
    return column


def _elide(
    order: list[str], column: dict[str, int], edges: list[tuple[str, str]], cuts: set[int]
) -> tuple[list[str], dict[str, int], list[tuple[str, str]]]:
    """Replace the middle columns between two cut boundaries by one column of dots."""
    count = max(column.values()) + 1
    first = min((b for b in cuts if b >= ELIDE_KEEP), default=None)
    last = max((b for b in cuts if b <= count - ELIDE_KEEP), default=None)
    if first is None or last is None or last - first < 3:
        return order, column, edges
    shift = last - first - 1
    kept = [n for n in order if not first <= column[n] < last]
    new_column = {n: column[n] - (shift if column[n] >= last else 0) for n in kept}
    new_column[DOTS] = first
    new_edges: list[tuple[str, str]] = []
    for source, target in edges:
        if source in new_column and target in new_column:
            new_edges.append((source, target))
        elif column[target] == first and source in new_column:
            new_edges.append((source, DOTS))
        elif column[source] == last - 1 and target in new_column:
            new_edges.append((DOTS, target))
    index = next(i for i, n in enumerate(kept) if column[n] >= last)
    unique = list(dict.fromkeys(new_edges))
    return [*kept[:index], DOTS, *kept[index:]], new_column, unique


def _neighbours(
    order: list[str], edges: list[tuple[str, str]]
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Predecessors and successors of every node, in edge order."""
    preds: dict[str, list[str]] = {n: [] for n in order}
    succs: dict[str, list[str]] = {n: [] for n in order}
    for source, target in edges:
        preds[target].append(source)
        succs[source].append(target)
    return preds, succs


def _chains(
    order: list[str],
    main: set[str],
    preds: dict[str, list[str]],
    succs: dict[str, list[str]],
) -> list[list[str]]:
    """Off-main nodes grouped into single-file runs that share a lane."""
    chains: list[list[str]] = []
    owner: dict[str, int] = {}
    for node in order:
        if node in main:
            continue
        parent = preds[node][0] if len(preds[node]) == 1 else None
        if parent is not None and parent in owner and len(succs[parent]) == 1:
            owner[node] = owner[parent]
            chains[owner[node]].append(node)
        else:
            owner[node] = len(chains)
            chains.append([node])
    return chains


def _span(
    chain: list[str],
    column: dict[str, int],
    preds: dict[str, list[str]],
    succs: dict[str, list[str]],
) -> tuple[int, int]:
    """Columns a branch run occupies: its own, and the gaps its edges in and out turn in."""
    members = set(chain)
    span = [column[n] for n in chain]
    span += [column[s] + 1 for n in chain for s in preds[n] if s not in members]
    span += [column[t] - 1 for n in chain for t in succs[n] if t not in members]
    return min(span), max(span)


class _FreeLanes:
    """The lowest lane free over a run of columns, found in near-constant time per column.

    Each column keeps "next possibly free lane" links over its taken lanes (a union-find with
    path compression), so a thousand branches stacked over the same column do not scan the
    lanes below them one by one.
    """

    def __init__(self) -> None:
        self.next: dict[int, dict[int, int]] = {}

    def _free_at(self, column: int, lane: int) -> int:
        links = self.next.get(column)
        if links is None:
            return lane
        found = lane
        while found in links:
            found = links[found]
        while lane in links and links[lane] != found:  # compress the path walked
            links[lane], lane = found, links[lane]
        return found

    def first(self, low: int, high: int) -> int:
        """The lowest lane (from 1) that is free at every column from ``low`` to ``high``."""
        lane, column = 1, low
        settled = low  # every column from ``settled`` to ``column - 1`` is free at ``lane``
        while column <= high:
            free = self._free_at(column, lane)
            if free != lane:
                lane, settled = free, column
            column += 1
            if column > high and settled != low:
                column, settled = low, low  # the lane moved: columns before must agree too
        return lane

    def take(self, low: int, high: int, lane: int) -> None:
        for column in range(low, high + 1):
            self.next.setdefault(column, {})[lane] = lane + 1


def _lanes(
    order: list[str], column: dict[str, int], main: set[str], edges: list[tuple[str, str]]
) -> dict[str, int]:
    """Lane 0 for the main path; each branch run takes the first lane free over its span."""
    lane = {n: 0 for n in main}
    preds, succs = _neighbours(order, edges)
    free = _FreeLanes()
    for chain in _chains(order, main, preds, succs):
        low, high = _span(chain, column, preds, succs)
        chosen = free.first(low, high)
        free.take(low, high, chosen)
        lane.update({n: chosen for n in chain})
    return lane


def structure(view: TensorView, *, elide: bool) -> Structure:
    """Columns, lanes and edges of ``view``; with ``elide``, long middles become dots."""
    order = [n.id for n in view.nodes]
    column = _columns(view)
    edges = list(view.edges)
    main = main_path(view)
    if elide and order:
        lanes = _lanes(order, column, set(main), edges)
        first = Structure(tuple(order), column, lanes, tuple(edges), max(column.values()) + 1)
        order, column, edges = _elide(order, column, edges, first.cuts(forks=True))
        main = [n for n in main if n in column]
        if DOTS in column:
            main.insert(column[DOTS], DOTS)
    lane = _lanes(order, column, set(main), edges)
    count = max(column.values(), default=-1) + 1
    elided = len(view.nodes) - (len(order) - (DOTS in column))
    return Structure(tuple(order), column, lane, tuple(edges), count, elided)
