"""Cutting a Scene too large for one readable slide into parts, each drawn on its own slide.

Text must not shrink below a readable size, so a diagram whose fitted scale would take it there
is cut into bands (rows, columns or both). Cuts fall in the gaps between layers where there are
gaps; a layer never straddles a cut (it goes where its centre is), edges are clipped at the cut,
and only the piece holding an edge's real end keeps the arrowhead.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, replace

from nnviz_core.backends.pptx.geometry import Box, bounds, clip_polyline, flatten
from nnviz_core.scene import Group, Item, LineTo, MoveTo, Path, Rect, Segment

_EDGE = 1e-6


@dataclass(frozen=True)
class Part:
    """One slide's share of a scene: its items, and where it sits in the grid of parts."""

    items: tuple[Item, ...]
    row: int = 0
    column: int = 0


def _solids(items: tuple[Item, ...], axis: int, limit: float) -> list[tuple[float, float]]:
    """Extents along ``axis`` that a cut should avoid: layers and labels, not edges or frames."""
    found: list[tuple[float, float]] = []
    for item in items:
        box = bounds(item)
        if box is None or isinstance(item, Path):
            continue
        extent = (box[axis], box[axis + 2])
        if extent[1] - extent[0] <= limit:
            found.append(extent)
        elif isinstance(item, Group):
            found.extend(_solids(item.items, axis, limit))
    return found


def _gaps(items: tuple[Item, ...], axis: int, limit: float) -> list[tuple[float, float]]:
    """Middle and width of every empty stretch between solid items along ``axis``."""
    gaps: list[tuple[float, float]] = []
    reach = -math.inf
    for low, high in sorted(_solids(items, axis, limit)):
        if low > reach > -math.inf:
            gaps.append(((reach + low) / 2, low - reach))
        reach = max(reach, high)
    return gaps


def _greedy(gaps: list[float], start: float, end: float, limit: float) -> list[float]:
    found: list[float] = []
    position = start
    while end - position > limit:
        fitting = [gap for gap in gaps if position < gap <= position + limit]
        position = max(fitting) if fitting else position + limit
        found.append(position)
    return found


def cuts(items: tuple[Item, ...], axis: int, start: float, end: float, limit: float) -> list[float]:
    """Cut positions so no band is longer than ``limit``, in gaps between layers if possible.

    The fewest bands come from a greedy pass; then each cut moves to the best gap near an even
    share (or right at it when no gap is near), so the bands come out about equally long,
    unless that would overfill a band.
    """
    gaps = _gaps(items, axis, limit)
    greedy = _greedy([middle for middle, _ in gaps], start, end, limit)
    count = len(greedy) + 1
    window = (end - start) / count / 4
    balanced: list[float] = []
    for index in range(1, count):
        target = start + (end - start) * index / count
        previous = balanced[-1] if balanced else start
        near = [
            (middle, width)
            for middle, width in gaps
            if previous < middle <= previous + limit and abs(middle - target) <= window
        ]
        # Wide gaps (between the rows a style wrapped) beat narrow ones a little closer.
        best = max(near, key=lambda gap: 4 * gap[1] - abs(gap[0] - target), default=None)
        balanced.append(best[0] if best else target)
    edges = [start, *balanced, end]
    if all(b - a <= limit for a, b in itertools.pairwise(edges)):
        return balanced
    return greedy


def _centre(box: Box) -> tuple[float, float]:
    return (box[0] + box[2]) / 2, (box[1] + box[3]) / 2


def _inside(point: tuple[float, float], cell: Box) -> bool:
    return cell[0] <= point[0] < cell[2] and cell[1] <= point[1] < cell[3]


def _clip_path(item: Path, cell: Box) -> list[Item]:
    pieces: list[Item] = []
    for sub in flatten(item.segments):
        points = (*sub.points, sub.points[0]) if sub.closed else sub.points
        for piece in clip_polyline(points, cell):
            segments: tuple[Segment, ...] = (
                MoveTo(piece[0]),
                *(LineTo(p) for p in piece[1:]),
            )
            keeps_end = math.dist(piece[-1], points[-1]) < _EDGE
            keeps_start = math.dist(piece[0], points[0]) < _EDGE
            pieces.append(
                replace(
                    item,
                    segments=segments,
                    fill=None,
                    arrow_end=item.arrow_end if keeps_end else 0.0,
                    arrow_start=item.arrow_start if keeps_start else 0.0,
                )
            )
    return pieces


def _clip_rect(item: Rect, cell: Box) -> list[Item]:
    left, top = max(item.x, cell[0]), max(item.y, cell[1])
    right = min(item.x + item.width, cell[2])
    bottom = min(item.y + item.height, cell[3])
    if right <= left or bottom <= top:
        return []
    return [replace(item, x=left, y=top, width=right - left, height=bottom - top)]


def share(items: tuple[Item, ...], cell: Box) -> tuple[Item, ...]:
    """The items (or pieces of items) that belong in one cell of the grid."""
    kept: list[Item] = []
    for item in items:
        box = bounds(item)
        if box is None:
            continue
        whole_inside = box[0] >= cell[0] and box[2] <= cell[2]
        whole_inside = whole_inside and box[1] >= cell[1] and box[3] <= cell[3]
        is_layer = isinstance(item, Group) and (
            item.role in ("layer", "legend") or (item.role is None and item.layer is not None)
        )
        if whole_inside:
            kept.append(item)
        elif isinstance(item, Group) and not is_layer:
            children = share(item.items, cell)
            if children:
                kept.append(replace(item, items=children))
        elif isinstance(item, Path):
            kept.extend(_clip_path(item, cell))
        elif isinstance(item, Rect) and item.role != "layer":
            kept.extend(_clip_rect(item, cell))
        elif _inside(_centre(box), cell):
            kept.append(item)
    return tuple(kept)


def split(items: tuple[Item, ...], box: Box, limit_x: float, limit_y: float) -> list[Part]:
    """Parts in reading order (rows, then columns) no larger than the limits where possible."""
    xs = [-math.inf, *cuts(items, 0, box[0], box[2], limit_x), math.inf]
    ys = [-math.inf, *cuts(items, 1, box[1], box[3], limit_y), math.inf]
    parts: list[Part] = []
    for row, (top, bottom) in enumerate(itertools.pairwise(ys)):
        for column, (left, right) in enumerate(itertools.pairwise(xs)):
            found = share(items, (left, top, right, bottom))
            if found:
                parts.append(Part(found, row, column))
    return parts
