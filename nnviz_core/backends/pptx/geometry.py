"""Scene geometry the PowerPoint backend needs: placement, curve flattening, bounds.

PowerPoint freeforms take straight segments only, so cubic curves are flattened into polylines
fine enough that no chord strays more than a fraction of a pixel from the curve.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from nnviz_core.backends._geometry import cubic_point, spans_width
from nnviz_core.scene import (
    Circle,
    Close,
    CurveTo,
    Group,
    Image,
    Item,
    LineTo,
    MoveTo,
    Path,
    Point,
    Polygon,
    Rect,
    Segment,
    Text,
)
from nnviz_core.text import ASCENT, DESCENT

#: English Metric Units per CSS pixel (914400 per inch, 96 px per inch).
EMU_PER_PX = 9525
#: Largest distance, in scene pixels, a flattened chord may stray from its curve.
FLATNESS = 0.15

Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Placement:
    """Maps scene pixels onto the slide: scale about the scene origin, then offset in EMU."""

    scale: float
    left: int
    top: int

    def x(self, value: float) -> int:
        return self.left + round(value * self.scale * EMU_PER_PX)

    def y(self, value: float) -> int:
        return self.top + round(value * self.scale * EMU_PER_PX)

    def point(self, point: Point) -> tuple[int, int]:
        return self.x(point[0]), self.y(point[1])

    def length(self, value: float) -> int:
        return round(value * self.scale * EMU_PER_PX)

    def points(self, value: float) -> float:
        """A scene length in typographic points (1 px = 0.75 pt before scaling)."""
        return value * self.scale * 0.75


@dataclass(frozen=True)
class Subpath:
    points: tuple[Point, ...]
    closed: bool


def _cubic(p0: Point, c1: Point, c2: Point, p3: Point) -> list[Point]:
    """Points after ``p0`` along a cubic Bézier, evenly spaced in t, finely enough to look round."""
    hull = math.dist(p0, c1) + math.dist(c1, c2) + math.dist(c2, p3)
    steps = max(2, min(64, math.ceil(math.sqrt(hull / FLATNESS) / 2)))
    return [cubic_point((p0, c1, c2, p3), step / steps) for step in range(1, steps + 1)]


def flatten(segments: Sequence[Segment]) -> list[Subpath]:
    """The path as polylines, one per ``MoveTo``, curves replaced by short chords."""
    result: list[Subpath] = []
    current: list[Point] = []

    def finish(closed: bool) -> None:
        if len(current) >= 2:
            result.append(Subpath(tuple(current), closed))

    for segment in segments:
        if isinstance(segment, MoveTo):
            finish(False)
            current = [segment.to]
        elif isinstance(segment, LineTo):
            current.append(segment.to)
        elif isinstance(segment, CurveTo):
            start = current[-1] if current else segment.to
            current.extend(_cubic(start, segment.c1, segment.c2, segment.to))
        elif isinstance(segment, Close):
            finish(True)
            current = current[:1]
    finish(False)
    return result


def text_box(item: Text) -> Box:
    """The unrotated ink box of a text line, from the bundled font metrics."""
    width = spans_width(item.spans, item.size)
    left = {"start": item.x, "middle": item.x - width / 2, "end": item.x - width}[item.anchor]
    return left, item.y - ASCENT * item.size, left + width, item.y + DESCENT * item.size


def label_box(item: Text) -> Box:
    """The text frame drawn for a line: the ink box plus slack for viewers' own glyph widths."""
    left, top, right, bottom = text_box(item)
    slack = (right - left) * 0.06 + 2.0
    shift = {"start": 0.0, "middle": slack / 2, "end": slack}[item.anchor]
    return left - shift, top, right + slack - shift, bottom


def _rotated(box: Box, origin: Point, degrees: float) -> Box:
    if not degrees:
        return box
    angle = math.radians(degrees)
    cos, sin = math.cos(angle), math.sin(angle)
    corners = [(box[0], box[1]), (box[2], box[1]), (box[2], box[3]), (box[0], box[3])]
    moved = [
        (
            origin[0] + (x - origin[0]) * cos - (y - origin[1]) * sin,
            origin[1] + (x - origin[0]) * sin + (y - origin[1]) * cos,
        )
        for x, y in corners
    ]
    return union(((x, y, x, y) for x, y in moved)) or box


def union(boxes: Iterable[Box]) -> Box | None:
    """The smallest box holding every box, or ``None`` for none."""
    found = list(boxes)
    if not found:
        return None
    return (
        min(b[0] for b in found),
        min(b[1] for b in found),
        max(b[2] for b in found),
        max(b[3] for b in found),
    )


#: Boxes already measured, by item identity (the item is kept to make the identity safe).
_MEASURED: dict[int, tuple[Item, Box | None]] = {}


def forget_bounds() -> None:
    """Drop measured boxes; called once per diagram so the memo never outgrows one scene."""
    _MEASURED.clear()


def bounds(item: Item) -> Box | None:
    """The box an item covers (strokes included), or ``None`` for an empty group or path."""
    known = _MEASURED.get(id(item))
    if known is not None and known[0] is item:
        return known[1]
    box = _measure(item)
    _MEASURED[id(item)] = (item, box)
    return box


def _measure(item: Item) -> Box | None:
    pad = item.stroke.width / 2 if not isinstance(item, (Text, Group)) and item.stroke else 0.0
    if isinstance(item, Rect | Image):
        box: Box | None = (item.x, item.y, item.x + item.width, item.y + item.height)
    elif isinstance(item, Circle):
        box = (item.cx - item.r, item.cy - item.r, item.cx + item.r, item.cy + item.r)
    elif isinstance(item, Polygon):
        box = union((x, y, x, y) for x, y in item.points)
    elif isinstance(item, Path):
        pad += max(item.arrow_end, item.arrow_start) / 2
        box = union((x, y, x, y) for sub in flatten(item.segments) for x, y in sub.points)
    elif isinstance(item, Text):
        return _rotated(label_box(item), (item.x, item.y), item.rotate)
    else:
        return union(b for b in map(bounds, item.items) if b is not None)
    if box is None:
        return None
    return box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad
