"""A whole Scene drawn larger or smaller: every coordinate, size, stroke and font at once.

A style that must draw its text larger than its natural size for a canvas (a slide promises
10 pt, more than the 10.5 px a page label has) lays itself out for a canvas that much smaller
and zooms the result, so proportions, gaps and line weights stay those of its page drawing.
"""

from __future__ import annotations

import math
from dataclasses import replace

from nnviz_core.canvas import Canvas
from nnviz_core.scene import (
    Circle,
    Close,
    CurveTo,
    Group,
    Image,
    Item,
    LineTo,
    MoveTo,
    Point,
    Polygon,
    Rect,
    Scene,
    Segment,
    Stroke,
    Text,
)

__all__ = ["for_text", "zoomed"]


def zoomed(scene: Scene, factor: float) -> Scene:
    """``scene`` drawn ``factor`` times as large (native charts are left as they are)."""
    if factor == 1.0:
        return scene
    items = tuple(_item(item, factor) for item in scene.items)
    width, height = scene.width * factor, scene.height * factor
    return replace(scene, width=float(round(width, 2)), height=float(round(height, 2)), items=items)


def for_text(canvas: Canvas, text: float) -> tuple[float, Canvas]:
    """How much to enlarge a finished drawing whose smallest text is ``text`` px for that text
    to reach ``canvas``'s floor at full size, and the smaller canvas to lay it out for so it
    still fits once enlarged (its floor is ``text``: a layout legible there is legible zoomed).

    ``(1.0, canvas)`` where the drawn text already meets the floor (a page, paper) or the
    canvas has none (``fit: none``).
    """
    if canvas.fit == "none" or not text or text >= canvas.floor:
        return 1.0, canvas
    zoom = canvas.floor / text
    height = None if canvas.height is None else canvas.height / zoom
    return zoom, replace(canvas, width=canvas.width / zoom, height=height, floor=text)


def _n(value: float, factor: float) -> float:
    return round(value * factor, 3)


def _point(point: Point, factor: float) -> Point:
    return (_n(point[0], factor), _n(point[1], factor))


def _stroke(stroke: Stroke | None, factor: float) -> Stroke | None:
    if stroke is None:
        return None
    dash = tuple(_n(step, factor) for step in stroke.dash)
    return replace(stroke, width=_n(stroke.width, factor), dash=dash)


def _segment(segment: Segment, factor: float) -> Segment:
    if isinstance(segment, Close):
        return segment
    if isinstance(segment, CurveTo):
        return CurveTo(
            _point(segment.c1, factor), _point(segment.c2, factor), _point(segment.to, factor)
        )
    if isinstance(segment, MoveTo):
        return MoveTo(_point(segment.to, factor))
    return LineTo(_point(segment.to, factor))


def _item(item: Item, factor: float) -> Item:
    if isinstance(item, Group):
        inner = tuple(_item(child, factor) for child in item.items)
        return replace(item, items=inner, offset=_point(item.offset, factor))
    if isinstance(item, Text):
        x, y = _point((item.x, item.y), factor)
        # Rounded up: a size zoomed to meet a floor must not land a hair under it.
        return replace(item, x=x, y=y, size=math.ceil(item.size * factor * 1000) / 1000)
    stroke = _stroke(item.stroke, factor)
    if isinstance(item, Image):
        x, y = _point((item.x, item.y), factor)
        w, h = _n(item.width, factor), _n(item.height, factor)
        return replace(item, x=x, y=y, width=w, height=h, stroke=stroke)
    if isinstance(item, Rect):
        x, y = _point((item.x, item.y), factor)
        return replace(
            item,
            x=x,
            y=y,
            width=_n(item.width, factor),
            height=_n(item.height, factor),
            radius=_n(item.radius, factor),
            stroke=stroke,
        )
    if isinstance(item, Circle):
        cx, cy = _point((item.cx, item.cy), factor)
        return replace(item, cx=cx, cy=cy, r=_n(item.r, factor), stroke=stroke)
    if isinstance(item, Polygon):
        points = tuple(_point(point, factor) for point in item.points)
        return replace(item, points=points, stroke=stroke)
    return replace(  # a Path
        item,
        segments=tuple(_segment(segment, factor) for segment in item.segments),
        arrow_end=_n(item.arrow_end, factor),
        arrow_start=_n(item.arrow_start, factor),
        stroke=stroke,
    )
