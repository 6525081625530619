"""Geometry invariants of the tensor styles, on top of the shared ``scene_checks``."""

from __future__ import annotations

import itertools

import scene_checks

from nnviz_core.scene import CurveTo, Group, LineTo, MoveTo, Path, Point, Scene, Text, walk

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


def assert_tensor_invariants(scene: Scene) -> None:
    scene_checks.assert_inside_canvas(scene)
    scene_checks.assert_no_overlap(scene, "layer")
    assert_labels_clear(scene)
    assert_edges_avoid_labels(scene)
