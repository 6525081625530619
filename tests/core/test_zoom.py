"""Zooming a whole Scene: every coordinate, size, stroke and font, text never under its target."""

from __future__ import annotations

from nnviz_core.scene import (
    Circle,
    CurveTo,
    Group,
    LineTo,
    MoveTo,
    Path,
    Polygon,
    Rect,
    Scene,
    Stroke,
    text,
)
from nnviz_core.zoom import zoomed


def _scene() -> Scene:
    items = (
        Rect(10, 20, 30, 40, radius=4, stroke=Stroke(width=1.5, dash=(4, 2))),
        Group((Circle(5, 5, 10), text(0, 0, "a", size=10.5)), offset=(100, 50)),
        Polygon(((0, 0), (10, 0), (5, 8))),
        Path((MoveTo((0, 0)), LineTo((10, 0)), CurveTo((1, 2), (3, 4), (5, 6))), arrow_end=8),
    )
    return Scene(200, 100, items, title="t")


def test_everything_grows_alike() -> None:
    scene = zoomed(_scene(), 2.0)
    rect, group, polygon, path = scene.items
    assert (scene.width, scene.height) == (400, 200)
    assert isinstance(rect, Rect) and (rect.x, rect.y, rect.width, rect.height) == (20, 40, 60, 80)
    assert rect.radius == 8 and rect.stroke == Stroke(width=3.0, dash=(8, 4))
    assert isinstance(group, Group) and group.offset == (200, 100)
    circle, label = group.items
    assert isinstance(circle, Circle) and (circle.cx, circle.r) == (10, 20)
    assert label.size == 21  # type: ignore[union-attr]
    assert isinstance(polygon, Polygon) and polygon.points[2] == (10, 16)
    assert isinstance(path, Path) and path.arrow_end == 16
    assert path.segments[2] == CurveTo((2, 4), (6, 8), (10, 12))


def test_a_zoom_to_a_floor_never_lands_under_it() -> None:
    floor = 40 / 3  # 10 pt in px
    scene = zoomed(_scene(), floor / 10.5)
    group = scene.items[1]
    assert isinstance(group, Group)
    assert group.items[1].size >= floor  # type: ignore[union-attr]


def test_a_zoom_of_one_is_the_same_scene() -> None:
    scene = _scene()
    assert zoomed(scene, 1.0) is scene
