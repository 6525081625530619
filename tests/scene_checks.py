"""Geometry assertions on Scenes, shared by every style's tests.

``import scene_checks`` from any test (``tests/`` is on ``sys.path`` through its conftest).
Boxes are ``(x0, y0, x1, y1)`` in CSS pixels. Text is measured with the DejaVu Sans metrics the
styles use (scripts at their reduced size and shifted baseline, rotation applied); paths with
their tight curve bounds and arrowheads, exactly as the SVG backend draws them. Each
``assert_*`` raises ``AssertionError`` naming the offending items and their boxes.

    scene = STYLE.layout(graph, options)
    scene_checks.assert_inside_canvas(scene)
    scene_checks.assert_no_overlap(scene, "layer")
    scene_checks.assert_cards_hold_text(scene, "layer")
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from nnviz_core.backends._geometry import arrowed, outline_points, spans_width
from nnviz_core.scene import Circle, Group, Item, Point, Polygon, Rect, Scene, Text, placed, walk
from nnviz_core.text import ASCENT, DESCENT, SCRIPT_SCALE, SUB_SHIFT, SUPER_SHIFT

Box = tuple[float, float, float, float]
_SHOWN = 5


def _span_box(points: Iterable[Point]) -> Box:
    xs, ys = zip(*points, strict=True)
    return min(xs), min(ys), max(xs), max(ys)


def _grow(box: Box, amount: float) -> Box:
    return box[0] - amount, box[1] - amount, box[2] + amount, box[3] + amount


def text_box(item: Text) -> Box:
    """The ink box of a text line: measured width, ascent and descent, rotation applied."""
    width = spans_width(item.spans, item.size)
    left = {"start": 0.0, "middle": -width / 2, "end": -width}[item.anchor]
    top, bottom = 0.0, 0.0
    for span in item.spans:
        scale = SCRIPT_SCALE if span.shift != "none" else 1.0
        rise = {"none": 0.0, "super": SUPER_SHIFT, "sub": -SUB_SHIFT}[span.shift] * item.size
        top = min(top, -rise - ASCENT * item.size * scale)
        bottom = max(bottom, -rise + DESCENT * item.size * scale)
    corners = [(left, top), (left + width, top), (left, bottom), (left + width, bottom)]
    angle = math.radians(item.rotate)
    cos, sin = math.cos(angle), math.sin(angle)
    return _span_box(
        (item.x + dx * cos - dy * sin, item.y + dx * sin + dy * cos) for dx, dy in corners
    )


def bbox(item: Item, *, ink: bool = True) -> Box:
    """The box an item covers; ``ink`` adds half the stroke width of outlined shapes."""
    if isinstance(item, Group):
        if not item.items:
            raise AssertionError(f"{describe(item)} is empty")
        boxes = [bbox(child, ink=ink) for child in placed(item.items, *item.offset)]
        return _span_box([(b[0], b[1]) for b in boxes] + [(b[2], b[3]) for b in boxes])
    if isinstance(item, Text):
        return text_box(item)
    if isinstance(item, Rect):
        box = (item.x, item.y, item.x + item.width, item.y + item.height)
    elif isinstance(item, Circle):
        box = (item.cx - item.r, item.cy - item.r, item.cx + item.r, item.cy + item.r)
    elif isinstance(item, Polygon):
        box = _span_box(item.points)
    else:  # a Path
        segments, heads = arrowed(item)
        box = _span_box(outline_points(segments) + [point for head in heads for point in head])
    if ink and item.stroke is not None:
        box = _grow(box, item.stroke.width / 2)
    return box


def describe(item: Item) -> str:
    """A short human name for an item in assertion messages."""
    if isinstance(item, Text):
        plain = item.plain if len(item.plain) <= 40 else item.plain[:39] + "…"
        name = f"Text {plain!r}"
    elif isinstance(item, Group) and item.name:
        name = f"Group {item.name!r}"
    else:
        name = type(item).__name__
    details = [f"role={item.role}"] if item.role else []
    details += [f"layer={item.layer}"] if item.layer else []
    return name + (f" ({', '.join(details)})" if details else "")


def _where(box: Box) -> str:
    return f"[{box[0]:.1f},{box[1]:.1f} → {box[2]:.1f},{box[3]:.1f}]"


def with_role(items: Iterable[Item], role: str) -> list[Item]:
    """Items with ``role`` where they are drawn, searched through groups (a matching group is
    not searched further)."""
    found: list[Item] = []
    for item in placed(tuple(items)):
        if item.role == role:
            found.append(item)
        elif isinstance(item, Group):
            found.extend(with_role(item.items, role))
    return found


def assert_inside_canvas(scene: Scene, *, tolerance: float = 0.5) -> None:
    """Every drawn item's ink lies within ``0..width`` × ``0..height`` (± ``tolerance``)."""
    outside = []
    for item in walk(scene.items):
        box = bbox(item)
        if (
            box[0] < -tolerance
            or box[1] < -tolerance
            or box[2] > scene.width + tolerance
            or box[3] > scene.height + tolerance
        ):
            outside.append(f"{describe(item)} at {_where(box)}")
    if outside:
        raise AssertionError(
            f"{len(outside)} item(s) outside the {scene.width:g}×{scene.height:g} canvas: "
            + "; ".join(outside[:_SHOWN])
        )


def _overlap(a: Box, b: Box) -> tuple[float, float]:
    return min(a[2], b[2]) - max(a[0], b[0]), min(a[3], b[3]) - max(a[1], b[1])


def assert_no_overlap(scene: Scene, role: str = "layer", *, tolerance: float = 0.5) -> None:
    """No two items with ``role`` overlap by more than ``tolerance`` px in both directions.

    Geometric boxes are compared (strokes excluded), so shapes that only touch pass.
    """
    placed = sorted(
        ((bbox(item, ink=False), item) for item in with_role(scene.items, role)),
        key=lambda pair: pair[0],
    )
    clashes = []
    for index, (box, item) in enumerate(placed):
        for other_box, other in placed[index + 1 :]:
            if other_box[0] >= box[2] - tolerance:
                break
            wide, high = _overlap(box, other_box)
            if wide > tolerance and high > tolerance:
                clashes.append(
                    f"{describe(item)} at {_where(box)} and {describe(other)} at "
                    f"{_where(other_box)} (overlap {wide:.1f}×{high:.1f} px)"
                )
    if clashes:
        raise AssertionError(
            f"{len(clashes)} overlapping pair(s) with role {role!r}: " + "; ".join(clashes[:_SHOWN])
        )


def assert_text_fits(text: Text, rect: Rect, *, padding: float = 0.0) -> None:
    """The text's ink box lies inside ``rect`` shrunk by ``padding`` on every side."""
    box = text_box(text)
    room = _grow((rect.x, rect.y, rect.x + rect.width, rect.y + rect.height), -padding)
    if box[0] < room[0] or box[1] < room[1] or box[2] > room[2] or box[3] > room[3]:
        raise AssertionError(
            f"{describe(text)} at {_where(box)} does not fit inside {describe(rect)} "
            f"at {_where(room)} (padding {padding:g} px)"
        )


def assert_cards_hold_text(scene: Scene, role: str = "layer", *, padding: float = 0.0) -> None:
    """In every group with ``role``, each text fits the group's first rectangle (its card)."""
    for group in with_role(scene.items, role):
        if not isinstance(group, Group):
            continue
        leaves = walk(group.items)
        cards = [leaf for leaf in leaves if isinstance(leaf, Rect)]
        if not cards:
            raise AssertionError(f"{describe(group)} has no rectangle to hold its text")
        for leaf in leaves:
            if isinstance(leaf, Text):
                assert_text_fits(leaf, cards[0], padding=padding)
