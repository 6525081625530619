"""Moving a laid-out graph and drawing the connectors that folding adds, as Bézier chains."""

from __future__ import annotations

from collections.abc import Sequence

from nnviz_core.scene import Point
from nnviz_core.styles.graph.engine import ClusterBox, EdgeRoute, EngineLayout

#: Radius of the corners of the connectors between columns and arms.
CORNER = 8.0


def shifted(layout: EngineLayout, dx: float, dy: float) -> EngineLayout:
    """The whole layout moved by (dx, dy)."""
    nodes = {name: (x + dx, y + dy) for name, (x, y) in layout.nodes.items()}
    clusters = {}
    for name, found in layout.clusters.items():
        x, y, w, h = found.box
        centre = found.label_center
        label = None if centre is None else (centre[0] + dx, centre[1] + dy)
        clusters[name] = ClusterBox((x + dx, y + dy, w, h), label)
    edges = {key: moved(route, dx, dy) for key, route in layout.edges.items()}
    return EngineLayout(layout.width, layout.height, nodes, clusters, edges)


def moved(route: EdgeRoute, dx: float, dy: float) -> EdgeRoute:
    """The route moved by (dx, dy)."""
    points = tuple([(x + dx, y + dy) for x, y in route.points])
    tip = None if route.tip is None else (route.tip[0] + dx, route.tip[1] + dy)
    return EdgeRoute(points, tip)


def rounded(points: Sequence[Point]) -> tuple[Point, ...]:
    """A polyline of horizontal and vertical legs as a Bézier chain with rounded corners."""
    chain: list[Point] = [points[0]]
    current = points[0]
    for before, corner, after in zip(points, points[1:], points[2:], strict=False):
        radius = min(CORNER, _length(before, corner) / 2, _length(corner, after) / 2)
        into = _toward(corner, before, radius)
        out = _toward(corner, after, radius)
        chain += _line(current, into)
        chain += [_toward(into, corner, radius * 0.55), _toward(out, corner, radius * 0.55), out]
        current = out
    chain += _line(current, points[-1])
    return tuple(chain)


def _length(a: Point, b: Point) -> float:
    return abs(a[0] - b[0]) + abs(a[1] - b[1])


def _toward(origin: Point, target: Point, distance: float) -> Point:
    length = _length(origin, target)
    if length == 0:
        return origin
    t = distance / length
    return (origin[0] + (target[0] - origin[0]) * t, origin[1] + (target[1] - origin[1]) * t)


def _line(a: Point, b: Point) -> list[Point]:
    """A straight leg as one cubic Bézier (control points on the line)."""
    return [
        (a[0] + (b[0] - a[0]) / 3, a[1] + (b[1] - a[1]) / 3),
        (a[0] + 2 * (b[0] - a[0]) / 3, a[1] + 2 * (b[1] - a[1]) / 3),
        b,
    ]
