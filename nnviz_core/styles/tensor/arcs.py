"""Skip arcs over the top of the main path, and the "×N" bracket under folded repeats.

Arcs are stacked innermost first: each one clears every block it spans and every arc already
placed beneath it, so U-Net's nested long skips never cross each other or a label.
"""

from __future__ import annotations

import math
from typing import TypeVar

from nnviz_core.scene import CurveTo, Item, LineTo, MoveTo, Path, Point, Segment, Stroke, text
from nnviz_core.styles.tensor.structure import Structure

K = TypeVar("K")

ARC_CLEARANCE = 14.0
CORNER = 6.0
BRACKET_SIZE = 11.0


class _MinTree:
    """Lowering a range of slots to at most ``y``, and the least value over a range.

    A segment tree over ``size`` slots: both operations take O(log size), so stacking a arcs
    costs O(a log a) rather than comparing every arc with every arc placed before it.
    """

    def __init__(self, size: int) -> None:
        self.width = 1
        while self.width < size:
            self.width *= 2
        #: The value applied to a node's whole range, and the least value inside it.
        self.whole = [math.inf] * (2 * self.width)
        self.inside = [math.inf] * (2 * self.width)

    def lower(self, low: int, high: int, y: float, node: int = 1, first: int = 0) -> None:
        """Every slot from ``low`` to ``high`` (inclusive) becomes at most ``y``."""
        last = first + self.width // (1 << (node.bit_length() - 1)) - 1
        if high < first or last < low or low > high:
            return
        if low <= first and last <= high:
            self.whole[node] = min(self.whole[node], y)
            self.inside[node] = min(self.inside[node], y)
            return
        middle = (first + last) // 2
        self.lower(low, high, y, 2 * node, first)
        self.lower(low, high, y, 2 * node + 1, middle + 1)
        self.inside[node] = min(self.whole[node], self.inside[2 * node], self.inside[2 * node + 1])

    def least(self, low: int, high: int, node: int = 1, first: int = 0) -> float:
        """The least value of the slots from ``low`` to ``high`` (inclusive; inf if none)."""
        last = first + self.width // (1 << (node.bit_length() - 1)) - 1
        if high < first or last < low or low > high:
            return math.inf
        if low <= first and last <= high:
            return self.inside[node]
        middle = (first + last) // 2
        left = self.least(low, high, 2 * node, first)
        return min(self.whole[node], left, self.least(low, high, 2 * node + 1, middle + 1))


def arc_heights(
    spans: dict[K, tuple[int, int]], struct: Structure, tops: dict[str, float]
) -> dict[K, float]:
    """The y of each arc's horizontal run, relative to the main lane's axis (negative = up).

    Shorter arcs first; each clears the tops of the main-lane blocks under it and every arc
    placed before it that overlaps it (``a`` and ``b`` overlap when a.low < b.high and
    b.low < a.high). An arc from column ``low`` to ``high`` covers the units between columns
    ``low`` .. ``high - 1``; an arc within one column (a skip continued onto a row's first
    column) covers none, but still sits over arcs that pass strictly across its column.
    """
    columns = max((high for _, high in spans.values()), default=0) + 1
    tops_tree, units, interiors, points = (_MinTree(columns) for _ in range(4))
    for node, top in tops.items():
        if struct.lane[node] == 0 and struct.column[node] < columns:
            tops_tree.lower(struct.column[node], struct.column[node], top)
    placed: dict[K, float] = {}
    for arc in sorted(spans, key=lambda a: (spans[a][1] - spans[a][0], spans[a][0])):
        low, high = spans[arc]
        base = min(0.0, tops_tree.least(low, high))
        if low < high:
            base = min(base, units.least(low, high - 1), points.least(low + 1, high - 1))
            placed[arc] = base - ARC_CLEARANCE
            units.lower(low, high - 1, placed[arc])
            interiors.lower(low + 1, high - 1, placed[arc])
        else:
            placed[arc] = min(base, interiors.least(low, low)) - ARC_CLEARANCE
            points.lower(low, low, placed[arc])
    return placed


def arc_path(start: Point, end: Point, y: float) -> Path:
    """Up from ``start``, across at ``y``, down into ``end`` with an arrowhead; rounded corners.

    A ``start`` already at height ``y`` (a skip continuing from the previous row) runs straight.
    """
    (x0, y0), (x1, y1) = start, end
    r = max(0.0, min(CORNER, (x1 - x0) / 2, y1 - y))
    rise: tuple[Segment, ...] = ()
    if y0 - y > r:
        rise = (LineTo((x0, y + r)), CurveTo((x0, y), (x0, y), (x0 + r, y)))
    segments: tuple[Segment, ...] = (
        MoveTo(start),
        *rise,
        LineTo((x1 - r, y)),
        CurveTo((x1, y), (x1, y), (x1, y + r)),
        LineTo(end),
    )
    return Path(segments, stroke=Stroke("highlight", 1.4), arrow_end=6.0, role="edge")


def bracket(left: float, right: float, y: float, label: str) -> list[Item]:
    """A square bracket under ``left``..``right`` with the repeat count centred below it."""
    hook = 5.0
    path = Path(
        (
            MoveTo((left, y - hook)),
            LineTo((left, y)),
            LineTo((right, y)),
            LineTo((right, y - hook)),
        ),
        stroke=Stroke("muted", 1.2),
        role="annotation",
    )
    label_item = text(
        (left + right) / 2,
        y + BRACKET_SIZE + 4,
        label,
        size=BRACKET_SIZE,
        weight="bold",
        paint="muted",
        role="annotation",
    )
    return [path, label_item]
