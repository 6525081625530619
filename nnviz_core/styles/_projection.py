"""The oblique camera of the tensor styles, and moving finished drawings around.

Blocks are drawn in a fixed oblique projection (as PlotNeuralNet, NN-SVG and visualkeras do): the
front face is a true rectangle and depth recedes up and to the right at ``angle`` degrees, shortened
by half. Styles draw every cell at the origin and the placement engine moves it with
:func:`~nnviz_core.scene.moved`; ``direction: RL`` mirrors the finished drawing with :func:`mirror`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from nnviz_core.scene import (
    Circle,
    Close,
    CurveTo,
    Group,
    Item,
    LineTo,
    MoveTo,
    Path,
    Point,
    Polygon,
    Rect,
    Segment,
    Text,
    placed,
)

#: Depth is drawn at this fraction of its length (a cabinet-like projection).
DEPTH_RATIO = 0.5


@dataclass(frozen=True)
class Camera:
    """The offset one pixel of depth moves a point on screen."""

    dx: float
    dy: float

    @classmethod
    def oblique(cls, angle: float) -> Camera:
        """Depth up and to the right at ``angle`` degrees; 0 draws flat boxes (no depth)."""
        if angle <= 0:
            return cls(0.0, 0.0)
        radians = math.radians(angle)
        return cls(DEPTH_RATIO * math.cos(radians), -DEPTH_RATIO * math.sin(radians))

    def offset(self, depth: float) -> Point:
        return depth * self.dx, depth * self.dy


@dataclass(frozen=True)
class BoxFaces:
    """The three visible faces of a box and its three hidden edges, in screen coordinates."""

    front: tuple[Point, ...]
    top: tuple[Point, ...]
    side: tuple[Point, ...]
    hidden: tuple[tuple[Point, Point], ...]


def box_faces(
    x: float, y: float, width: float, height: float, depth: float, cam: Camera
) -> BoxFaces:
    """Faces of a box whose front face has its top-left corner at (x, y)."""
    ox, oy = cam.offset(depth)
    right, bottom = x + width, y + height
    back = (x + ox, bottom + oy)
    return BoxFaces(
        front=((x, y), (right, y), (right, bottom), (x, bottom)),
        top=((x, y), (right, y), (right + ox, y + oy), (x + ox, y + oy)),
        side=((right, y), (right + ox, y + oy), (right + ox, bottom + oy), (right, bottom)),
        hidden=(
            ((x, bottom), back),
            (back, (right + ox, bottom + oy)),
            (back, (x + ox, y + oy)),
        ),
    )


def _flip(point: Point, width: float) -> Point:
    return width - point[0], point[1]


def _flip_segment(segment: Segment, width: float) -> Segment:
    if isinstance(segment, (MoveTo, LineTo)):
        return replace(segment, to=_flip(segment.to, width))
    if isinstance(segment, CurveTo):
        return CurveTo(_flip(segment.c1, width), _flip(segment.c2, width), _flip(segment.to, width))
    return segment


_ANCHOR_FLIP = {"start": "end", "middle": "middle", "end": "start"}


def mirror(item: Item, width: float) -> Item:
    """The item mirrored left-right inside a canvas ``width`` wide; text stays readable."""
    if isinstance(item, Rect):
        return replace(item, x=width - item.x - item.width)
    if isinstance(item, Text):
        anchor = _ANCHOR_FLIP[item.anchor]
        return replace(item, x=width - item.x, anchor=anchor)  # type: ignore[arg-type]
    if isinstance(item, Circle):
        return replace(item, cx=width - item.cx)
    if isinstance(item, Polygon):
        return replace(item, points=tuple(_flip(p, width) for p in item.points))
    if isinstance(item, Path):
        return replace(item, segments=tuple(_flip_segment(s, width) for s in item.segments))
    children = placed(item.items, *item.offset)  # an offset would not flip: bake it in first
    mirrored = tuple(mirror(child, width) for child in children)
    return Group(mirrored, item.name, item.role, item.layer)


def polyline(points: tuple[Point, ...], *, closed: bool = False) -> tuple[Segment, ...]:
    """Path segments through ``points``."""
    segments: list[Segment] = [MoveTo(points[0])]
    segments += [LineTo(point) for point in points[1:]]
    if closed:
        segments.append(Close())
    return tuple(segments)


def bounds(points: tuple[Point, ...]) -> tuple[float, float, float, float]:
    """``(left, top, right, bottom)`` of a set of points."""
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def item_group(items: list[Item] | tuple[Item, ...], name: str, layer: str | None) -> Group:
    """A named group of one layer's shapes, so editable backends keep them together."""
    return Group(tuple(items), name=name, role="layer", layer=layer)
