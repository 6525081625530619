"""Keeping edges off the sides of group frames.

Graphviz routes an edge through the free space between clusters and fits its spline to the
edges of that space, so a skip that runs beside a nested frame (a ResNet stage's shortcut past
its first block) is drawn along the frame's dashed side, where the two lines read as one. Here
every point of a route that comes within :data:`CLEARANCE` of a frame's side, between its top
and bottom, is moved to that distance on the side it is on. A Bézier curve stays inside the
hull of its points, so the curve keeps clear too; the ends of a route are at cards, which keep
more than that from every frame, and are never moved.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from nnviz_core.scene import Point
from nnviz_core.styles.graph.engine import EdgeRoute, EngineLayout

#: Least distance, in px, between an edge and the side of a frame it runs along.
CLEARANCE = 10.0

#: A vertical side of a frame: x, top, bottom, and which way is out of the frame (-1 or 1).
_Side = tuple[float, float, float, float]


def clear_of_frames(layout: EngineLayout) -> EngineLayout:
    """``layout`` with its edges moved off the frames' sides (the same layout if none is)."""
    if not layout.clusters:
        return layout
    sides: list[_Side] = []
    for found in layout.clusters.values():
        x, y, width, height = found.box
        sides += [(x, y, y + height, -1.0), (x + width, y, y + height, 1.0)]
    sides.sort()
    xs = [side[0] for side in sides]
    edges: dict[tuple[str, str], EdgeRoute] = {}
    changed = False
    for key, route in layout.edges.items():
        points = route.points
        if (len(points) - 1) % 3 == 0 and len(points) > 4:
            cleared = _route(list(points), sides, xs)
            if cleared != points:
                changed = True
                route = EdgeRoute(cleared, route.tip)
        edges[key] = route
    if not changed:
        return layout
    return EngineLayout(layout.width, layout.height, layout.nodes, layout.clusters, edges)


def _route(points: list[Point], sides: list[_Side], xs: list[float]) -> tuple[Point, ...]:
    """A Bézier chain kept clear: the points on the curve moved off the sides first (not its
    ends), then each control point kept on the side of every frame side its segment's ends
    share, so that no curve bulges across or onto a side between them."""
    last = len(points) - 1
    for index in range(3, last, 3):
        toward = (points[index - 3][0] + points[index + 3][0]) / 2
        points[index] = _pushed(points[index], toward, sides, xs)
    for start in range(0, last, 3):
        a, b = points[start], points[start + 3]
        points[start + 1] = _kept(points[start + 1], a, b, sides, xs)
        points[start + 2] = _kept(points[start + 2], b, a, sides, xs)
    return tuple(points)


def _near(x0: float, x1: float, xs: list[float]) -> range:
    return range(bisect_left(xs, x0 - CLEARANCE), bisect_right(xs, x1 + CLEARANCE))


def _pushed(point: Point, toward: float, sides: list[_Side], xs: list[float]) -> Point:
    """A point on the curve moved off a side it is close to. At a corner it goes out of the
    frame (the curve then turns outside it); along a side, to where its neighbours on the
    curve lie (``toward``: their mean x), else to where it is."""
    x, y = point
    for at in _near(x, x, xs):
        side_x, top, bottom, out = sides[at]
        if not (top - CLEARANCE < y < bottom + CLEARANCE and abs(x - side_x) < CLEARANCE):
            continue
        if not top + CLEARANCE < y < bottom - CLEARANCE:
            return (side_x + out * CLEARANCE, y)
        outward = toward > side_x if abs(toward - side_x) >= CLEARANCE else x >= side_x
        return (side_x + CLEARANCE if outward else side_x - CLEARANCE, y)
    return point


def _kept(control: Point, end: Point, other: Point, sides: list[_Side], xs: list[float]) -> Point:
    """A control point kept on the side of each frame side that its segment's ends share,
    or, where the segment crosses that side, on the side of its nearer ``end`` (so the curve
    crosses steeply rather than running beside the side first)."""
    x, y = control
    for at in _near(min(x, end[0], other[0]), max(x, end[0], other[0]), xs):
        side_x, top, bottom, _ = sides[at]
        if not top + CLEARANCE < y < bottom - CLEARANCE:
            continue
        same = (end[0] - side_x) * (other[0] - side_x) > 0
        if not same and abs(x - side_x) >= CLEARANCE:
            continue
        if end[0] <= side_x - CLEARANCE or (not same and end[0] < side_x):
            x = min(x, side_x - CLEARANCE)
        elif end[0] >= side_x + CLEARANCE or (not same and end[0] > side_x):
            x = max(x, side_x + CLEARANCE)
    return (x, y)
