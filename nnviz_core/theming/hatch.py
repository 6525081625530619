"""The geometry of hatches: parallel lines clipped to a convex shape, kept off the text on it.

Hatches lie on one grid for the whole drawing (offsets are multiples of the spacing), so hatches
of neighbouring shapes line up; lines stop short of text drawn over the shape (a card's title),
as a designer knocks a pattern out behind type.
"""

from __future__ import annotations

import math

from nnviz_core.clip import Box, span_inside
from nnviz_core.scene import Circle, Close, Item, Path, Point, Polygon, Rect, Text
from nnviz_core.text import ASCENT, DESCENT, SCRIPT_SCALE, text_width

__all__ = ["HATCH_SPACING", "Box", "hatch_lines", "outline", "text_box"]

#: Distance between hatch lines in CSS px.
HATCH_SPACING = 5.0
#: Room kept between hatch lines and the text over them.
_TEXT_MARGIN = 2.0
#: (left, top, right, bottom)
Segment = tuple[Point, Point]


def outline(item: Item) -> tuple[Point, ...]:
    """A convex outline just inside a filled shape (empty for shapes hatches do not cover)."""
    if isinstance(item, Rect):
        inset = item.radius * 0.3
        return (
            (item.x + inset, item.y + inset),
            (item.x + item.width - inset, item.y + inset),
            (item.x + item.width - inset, item.y + item.height - inset),
            (item.x + inset, item.y + item.height - inset),
        )
    if isinstance(item, Polygon):
        return item.points
    if isinstance(item, Circle):  # ⊕ and concat balls: a 24-gon just inside the circle
        return tuple(
            (
                item.cx + item.r * 0.92 * math.cos(step * math.pi / 12),
                item.cy + item.r * 0.92 * math.sin(step * math.pi / 12),
            )
            for step in range(24)
        )
    if isinstance(item, Path):
        return _hull(item)
    return ()


def text_box(item: Text) -> Box | None:
    """The box a line of text covers, with a margin (``None`` for rotated text)."""
    if item.rotate:
        return None
    width = sum(
        text_width(
            span.text, item.size * (SCRIPT_SCALE if span.shift != "none" else 1.0), span.weight
        )
        for span in item.spans
    )
    left = item.x - width * {"start": 0.0, "middle": 0.5, "end": 1.0}[item.anchor]
    return (
        left - _TEXT_MARGIN,
        item.y - ASCENT * item.size - _TEXT_MARGIN,
        left + width + _TEXT_MARGIN,
        item.y + DESCENT * item.size + _TEXT_MARGIN,
    )


def hatch_lines(shape: tuple[Point, ...], angle: float, avoid: list[Box]) -> list[Segment]:
    """Hatch lines at ``angle`` across ``shape``, cut where they would cross a box of text."""
    pieces: list[Segment] = []
    for line in _lines(shape, angle):
        pieces += _cut(line, avoid)
    return pieces


def _cut(line: Segment, boxes: list[Box]) -> list[Segment]:
    """The parts of ``line`` outside every box, each at least a pixel long."""
    (x0, y0), (x1, y1) = line
    hidden = sorted(span for box in boxes if (span := _inside(line, box)) is not None)
    kept: list[tuple[float, float]] = []
    start = 0.0
    for low, high in hidden:
        if low > start:
            kept.append((start, low))
        start = max(start, high)
    if start < 1.0:
        kept.append((start, 1.0))
    length = math.dist(line[0], line[1])
    return [
        (
            (round(x0 + (x1 - x0) * a, 2), round(y0 + (y1 - y0) * a, 2)),
            (round(x0 + (x1 - x0) * b, 2), round(y0 + (y1 - y0) * b, 2)),
        )
        for a, b in kept
        if (b - a) * length >= 1.0
    ]


def _inside(line: Segment, box: Box) -> tuple[float, float] | None:
    """The stretch (0–1 along ``line``) inside ``box``, or ``None`` (a touch hides nothing)."""
    span = span_inside(line[0], line[1], box)
    return span if span is not None and span[0] < span[1] else None


def _hull(path: Path) -> tuple[Point, ...]:
    """The convex hull of a filled path's end points (a card header with rounded corners): it
    lies inside the shape, so hatch lines clipped to it never cross the outline."""
    points = sorted({segment.to for segment in path.segments if not isinstance(segment, Close)})
    if len(points) < 3:
        return ()

    def cross(o: Point, a: Point, b: Point) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[Point] = []
    upper: list[Point] = []
    for chain, ordered in ((lower, points), (upper, reversed(points))):
        for point in ordered:
            while len(chain) >= 2 and cross(chain[-2], chain[-1], point) <= 0:
                chain.pop()
            chain.append(point)
    return tuple(lower[:-1] + upper[:-1])


def _lines(outline: tuple[Point, ...], angle: float) -> list[tuple[Point, Point]]:
    """Hatch lines at ``angle`` (degrees, counter-clockwise on the page) across a convex outline.

    Lines lie on one grid for the whole drawing (offsets are multiples of the spacing), so
    hatches of neighbouring shapes line up.
    """
    radians = math.radians(angle)
    direction = (math.cos(radians), -math.sin(radians))  # y points down on the page
    normal = (-direction[1], direction[0])
    offsets = [x * normal[0] + y * normal[1] for x, y in outline]
    first = math.ceil(min(offsets) / HATCH_SPACING)
    last = math.floor(max(offsets) / HATCH_SPACING)
    lines = []
    for step in range(first, last + 1):
        chord = _chord(outline, normal, direction, step * HATCH_SPACING)
        if chord is not None:
            lines.append(chord)
    return lines


def _chord(
    outline: tuple[Point, ...], normal: Point, direction: Point, offset: float
) -> tuple[Point, Point] | None:
    """Where the line ``normal · p = offset`` crosses a convex outline, or ``None``."""
    crossings: list[Point] = []
    count = len(outline)
    for index in range(count):
        (x1, y1), (x2, y2) = outline[index], outline[(index + 1) % count]
        d1 = x1 * normal[0] + y1 * normal[1] - offset
        d2 = x2 * normal[0] + y2 * normal[1] - offset
        if (d1 < 0) == (d2 < 0) or d1 == d2:
            continue
        t = d1 / (d1 - d2)
        crossings.append((x1 + (x2 - x1) * t, y1 + (y2 - y1) * t))
    if len(crossings) < 2:  # also an outline of fewer than three points
        return None
    crossings.sort(key=lambda point: point[0] * direction[0] + point[1] * direction[1])
    start, end = crossings[0], crossings[-1]
    if math.dist(start, end) < 1.0:
        return None
    return (round(start[0], 2), round(start[1], 2)), (round(end[0], 2), round(end[1], 2))
