"""Skip arcs over the top of the main path, and the "×N" bracket under folded repeats.

Arcs are stacked innermost first: each one clears every block it spans and every arc already
placed beneath it, so U-Net's nested long skips never cross each other or a label.
"""

from __future__ import annotations

from typing import TypeVar

from nnviz_core.scene import CurveTo, Item, LineTo, MoveTo, Path, Point, Segment, Stroke, text
from nnviz_core.styles.tensor.structure import Structure

K = TypeVar("K")

ARC_CLEARANCE = 14.0
CORNER = 6.0
BRACKET_SIZE = 11.0


def arc_heights(
    spans: dict[K, tuple[int, int]], struct: Structure, tops: dict[str, float]
) -> dict[K, float]:
    """The y of each arc's horizontal run, relative to the main lane's axis (negative = up)."""
    by_column: dict[int, float] = {}
    for node, top in tops.items():
        if struct.lane[node] == 0:
            column = struct.column[node]
            by_column[column] = min(by_column.get(column, 0.0), top)
    placed: dict[K, float] = {}
    for arc in sorted(spans, key=lambda a: (spans[a][1] - spans[a][0], spans[a][0])):
        low, high = spans[arc]
        base = min(by_column.get(c, 0.0) for c in range(low, high + 1))
        for other, y in placed.items():
            other_low, other_high = spans[other]
            if other_low < high and low < other_high:
                base = min(base, y)
        placed[arc] = base - ARC_CLEARANCE
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
