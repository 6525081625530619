"""Geometry invariants of the tensor styles, on top of the shared ``scene_checks``."""

from __future__ import annotations

import itertools
import math

import scene_checks

from nnviz_core.scene import (
    Circle,
    CurveTo,
    Group,
    LineTo,
    MoveTo,
    Path,
    Point,
    Polygon,
    Rect,
    Scene,
    Text,
    walk,
)

Box = tuple[float, float, float, float]


def texts(scene: Scene) -> list[Text]:
    return [item for item in walk(scene.items) if isinstance(item, Text)]


def layer_groups(scene: Scene) -> list[Group]:
    return [
        item for item in scene_checks.with_role(scene.items, "layer") if isinstance(item, Group)
    ]


def _hits(a: Box, b: Box, slack: float = 0.5) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > slack and min(a[3], b[3]) - max(a[1], b[1]) > slack


def _segment_hits_box(p: Point, q: Point, box: Box) -> bool:
    """Whether the straight segment p→q passes through the inside of ``box`` (sampled)."""
    for step in range(41):
        t = step / 40
        x, y = p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t
        if box[0] + 0.5 < x < box[2] - 0.5 and box[1] + 0.5 < y < box[3] - 0.5:
            return True
    return False


def path_points(path: Path) -> list[Point]:
    points: list[Point] = []
    for segment in path.segments:
        if isinstance(segment, (MoveTo, LineTo, CurveTo)):
            points.append(segment.to)
    return points


def assert_labels_clear(scene: Scene) -> None:
    """No text overlaps another text, or a layer it does not belong to."""
    boxes = [(scene_checks.text_box(t), t) for t in texts(scene)]
    for index, (box, item) in enumerate(boxes):
        for other_box, other in boxes[index + 1 :]:
            assert not _hits(box, other_box), f"{item.plain!r} overlaps {other.plain!r}"
    for group in layer_groups(scene):
        group_box = scene_checks.bbox(group, ink=False)
        for box, item in boxes:
            if item.layer != group.layer:
                assert not _hits(box, group_box), f"{item.plain!r} overlaps layer {group.name!r}"


def assert_edges_avoid_labels(scene: Scene) -> None:
    """Every edge and skip arc keeps off every text."""
    boxes = [(scene_checks.text_box(t), t) for t in texts(scene)]
    for path in (p for p in walk(scene.items) if isinstance(p, Path) and p.role == "edge"):
        points = path_points(path)
        for p, q in itertools.pairwise(points):
            for box, item in boxes:
                assert not _segment_hits_box(p, q, box), f"an edge crosses {item.plain!r}"


Shape = Polygon | Rect | Circle


def _bodies(scene: Scene) -> list[tuple[Box, Shape]]:
    """The drawn shapes (not labels, not top faces where skips land) of every layer."""
    found = []
    for group in layer_groups(scene):
        for item in walk(group.items):
            if not isinstance(item, (Polygon, Rect, Circle)) or item.role != "layer":
                continue
            if item.fill is None or not item.fill.paint.endswith(".top"):
                found.append((scene_checks.bbox(item, ink=False), item))
    return found


def _edge_distance(point: Point, a: Point, b: Point) -> float:
    (px, py), (ax, ay), (bx, by) = point, a, b
    length = (bx - ax) ** 2 + (by - ay) ** 2
    t = (
        0.0
        if not length
        else max(0.0, min(1.0, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / length))
    )
    return math.dist(point, (ax + t * (bx - ax), ay + t * (by - ay)))


def _deep_inside(point: Point, shape: Shape, margin: float = 1.0) -> bool:
    """Whether ``point`` lies inside ``shape`` by more than ``margin`` px."""
    x, y = point
    if isinstance(shape, Circle):
        return math.dist(point, (shape.cx, shape.cy)) < shape.r - margin
    if isinstance(shape, Rect):
        corners = ((shape.x, shape.y), (shape.x + shape.width, shape.y))
        corners += (
            (shape.x + shape.width, shape.y + shape.height),
            (shape.x, shape.y + shape.height),
        )
    else:
        corners = shape.points
    inside = False
    for (ax, ay), (bx, by) in zip(corners, corners[1:] + corners[:1], strict=True):
        if (ay > y) != (by > y) and x < ax + (y - ay) * (bx - ax) / (by - ay):
            inside = not inside
    edges = zip(corners, corners[1:] + corners[:1], strict=True)
    return inside and all(_edge_distance(point, a, b) > margin for a, b in edges)


def _samples(points: list[Point], clear: float) -> list[Point]:
    """Points every 2 px along a polyline, leaving out ``clear`` px at both ends."""
    found: list[Point] = []
    lengths = [math.dist(p, q) for p, q in itertools.pairwise(points)]
    total, walked = sum(lengths), 0.0
    for (p, q), length in zip(itertools.pairwise(points), lengths, strict=True):
        steps = max(1, int(length / 2))
        for step in range(steps + 1):
            t = step / steps
            at = walked + length * t
            if clear < at < total - clear:
                found.append((p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t))
        walked += length
    return found


def assert_edges_avoid_blocks(scene: Scene) -> None:
    """Edges run between layers, never through one (their ends attach to its outline)."""
    bodies = _bodies(scene)
    for path in (p for p in walk(scene.items) if isinstance(p, Path) and p.role == "edge"):
        for point in _samples(path_points(path), 3.0):
            for box, shape in bodies:
                if box[0] < point[0] < box[2] and box[1] < point[1] < box[3]:
                    where = f"({point[0]:.0f}, {point[1]:.0f})"
                    assert not _deep_inside(point, shape), (
                        f"an edge crosses {shape.layer!r} at {where}"
                    )


def assert_tensor_invariants(scene: Scene) -> None:
    scene_checks.assert_inside_canvas(scene)
    scene_checks.assert_no_overlap(scene, "layer")
    assert_labels_clear(scene)
    assert_edges_avoid_labels(scene)
    assert_edges_avoid_blocks(scene)
