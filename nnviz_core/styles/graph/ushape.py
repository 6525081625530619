"""Encoder-decoder networks drawn as a U: the encoder down the left, the decoder up the right.

A U-Net's skips join each encoder stage to the decoder stage of the same resolution, nested:
the first encoder stage feeds the last decoder stage. Drawn in one column those skips run down
the side, one around another. Here the Graphviz layout is cut at the bottom of the U (where,
skips aside, the flow narrows to one layer), the decoder's half is mirrored to flow upwards
beside the encoder, and both halves are stretched stage by stage so that every skip's two ends
sit at the same height: each skip is then one straight line across the gutter.
"""

from __future__ import annotations

import itertools
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass

from nnviz_core.ir import Graph
from nnviz_core.scene import Point
from nnviz_core.styles.graph.cards import Card
from nnviz_core.styles.graph.columns import GUTTER, LANE
from nnviz_core.styles.graph.dotgen import ARROW_LENGTH, Cluster, main_inputs, unique_edges
from nnviz_core.styles.graph.engine import ClusterBox, EdgeRoute, EngineLayout
from nnviz_core.styles.graph.geometry import Box, Geometry
from nnviz_core.styles.graph.routes import rounded

#: Fewest matching skips that make a network an encoder-decoder worth folding into a U.
MIN_SKIPS = 2
#: Fewest layers in a U: two skips need at least two layers in each arm and a turn.
MIN_LAYERS = 6


@dataclass(frozen=True)
class _Fold:
    """Where the U turns (after node ``turn``) and its skips as (edge number, source, target),
    outermost first."""

    turn: int
    skips: tuple[tuple[int, int, int], ...]


#: The skips of an encoder-decoder, outermost first: (edge number, source, target) in node order.
Skips = tuple[tuple[int, int, int], ...]


def nested_skips(graph: Graph) -> Skips:
    """The skips of an encoder-decoder, outermost first, as (edge number, source, target)
    in node order; none unless there are at least two, all off the main line and nested.

    Read from the graph alone, so most graphs are turned down before their layout is read.
    """
    if len(graph.nodes) < MIN_LAYERS:
        return ()
    main = main_inputs(graph)
    index = {node.id: i for i, node in enumerate(graph.nodes)}
    skips = [
        (number, index[source], index[target])
        for number, (source, target) in enumerate(unique_edges(graph))
        if index[source] < index[target] - 1 and main.get(target) not in (None, source)
    ]
    if len(skips) < MIN_SKIPS:
        return ()
    skips.sort(key=lambda skip: skip[1])
    for outer, inner in itertools.pairwise(skips):
        if not (outer[1] < inner[1] and inner[2] < outer[2]):
            return ()  # not nested: two skips from one layer, or crossing ones
    return tuple(skips)


def _find(skips: tuple[tuple[int, int, int], ...], geometry: Geometry) -> _Fold | None:
    """The U's turn: where, skips aside, the flow narrows to one layer between the
    innermost skip's ends, outside every frame."""
    innermost = skips[-1]
    cuts = geometry.cuts_ignoring(frozenset(skip[0] for skip in skips))
    spans = geometry.cluster_span.values()
    turns = [
        c
        for c in cuts
        if innermost[1] <= c < innermost[2] and not any(a <= c < b for a, b in spans)
    ]
    if not turns:
        return None
    # Turn halfway down between the innermost skip's ends, so the U's arms match.
    middle = (geometry.boxes[innermost[1]][3] + geometry.boxes[innermost[2]][1]) / 2
    turn = min(turns, key=lambda c: (abs(geometry.boxes[c][3] - middle), c))
    return _Fold(turn, skips)


class _Arm:
    """One arm of the U: how its layout y reads from its own top (mirrored for the decoder),
    the stretch that brings its skip ends to the shared heights, and where it is drawn."""

    def __init__(self, low: float, high: float, mirrored: bool) -> None:
        self.low, self.high, self.mirrored = low, high, mirrored
        self.breaks: list[float] = []
        self.steps: list[float] = [0.0]
        self.dx = 0.0
        self.dy = 0.0

    def local(self, y: float) -> float:
        """A layout y in this arm's own frame: from its top, downwards on the page."""
        return self.high - y if self.mirrored else y - self.low

    def step(self, local: float) -> float:
        return self.steps[bisect_right(self.breaks, local)]

    def at(self, local: float) -> float:
        """A local y where it is drawn."""
        return local + self.step(local) + self.dy

    def point(self, point: Point) -> Point:
        return (point[0] + self.dx, self.at(self.local(point[1])))

    def card(self, box: Box) -> Box:
        """A card's local box, moved whole with the stretch at its centre."""
        top, bottom = self.span(box)
        step = self.step((top + bottom) / 2) + self.dy
        return (box[0] + self.dx, top + step, box[2] + self.dx, bottom + step)

    def span(self, box: Box) -> tuple[float, float]:
        top, bottom = sorted((self.local(box[1]), self.local(box[3])))
        return top, bottom


def fold_u(
    graph: Graph,
    skips: Skips,
    cards: Mapping[str, Card],
    clusters: Mapping[str, Cluster],
    layout: EngineLayout,
    offset: Point,
) -> EngineLayout | None:
    """``layout`` (read at the origin) as a U with its top-left corner at ``offset``, or
    ``None`` when the graph is not an encoder-decoder with nested ``skips`` (see
    :func:`nested_skips`)."""
    names = {node.id: f"n{index}" for index, node in enumerate(graph.nodes)}
    if not skips or not all(name in layout.nodes for name in names.values()):
        return None
    geometry = Geometry(graph, cards, names, clusters, layout)
    found = _find(skips, geometry)
    if found is None:
        return None
    return _Drawing(geometry, layout, clusters, found).placed(offset)


#: A frame in its arm's local coordinates: its box and its label's centre.
_Frame = tuple[Box, Point | None]


class _Drawing:
    """The U being drawn: both arms, frames in local coordinates, and their stretches."""

    def __init__(
        self,
        geometry: Geometry,
        layout: EngineLayout,
        clusters: Mapping[str, Cluster],
        fold: _Fold,
    ) -> None:
        self.geometry, self.layout, self.clusters, self.fold = geometry, layout, clusters, fold
        self.skipped = {skip[0] for skip in fold.skips}
        cut = geometry.boxes[fold.turn][3]
        self.left = _Arm(0.0, cut, mirrored=False)
        self.right = _Arm(cut, layout.height, mirrored=True)
        self.frames = {group_id: self._frame(group_id) for group_id in geometry.cluster_span}
        self._stretch()

    def arm(self, index: int) -> _Arm:
        return self.left if index <= self.fold.turn else self.right

    def _frame(self, group_id: str) -> _Frame:
        """A frame in its arm's coordinates. Mirrored, its label band (which Graphviz puts
        where the flow enters) is at the bottom, where the decoder's flow now enters."""
        first, _ = self.geometry.cluster_span[group_id]
        box = self.geometry.cluster_boxes[group_id]
        centre = self.layout.clusters["cluster_" + self.clusters[group_id].dot_name].label_center
        arm = self.arm(first)
        top, bottom = arm.span(box)
        label = None if centre is None else (centre[0], arm.local(centre[1]))
        return ((box[0], top, box[2], bottom), label)

    def _stretch(self) -> None:
        """Give both arms the same skip heights: each stage takes the taller arm's height."""
        boxes = self.geometry.boxes
        ends = [
            (self.left.local(_centre(boxes[s])), self.right.local(_centre(boxes[t])))
            for _, s, t in self.fold.skips
        ]
        heights = [max(ends[0])]
        for (a, b), (pa, pb) in zip(ends[1:], ends, strict=False):
            heights.append(heights[-1] + max(a - pa, b - pb))
        for arm, side in ((self.left, 0), (self.right, 1)):
            arm.steps = [height - end[side] for height, end in zip(heights, ends, strict=True)]
            arm.breaks = [self._gap(arm, number) for number in range(len(ends) - 1)]

    def _gap(self, arm: _Arm, number: int) -> float:
        """Where ``arm`` stretches between skip ``number`` and the next: in the free band
        after that skip's end (local coordinates, which run down the page in both arms)."""
        _, source, target = self.fold.skips[number]
        turn, count = self.fold.turn, len(self.geometry.ids)
        if arm is self.left:
            before, after = range(0, source + 1), range(source + 1, turn + 1)
        else:  # the decoder runs up the page: its later layers are above
            before, after = range(target, count), range(turn + 1, target)
        above = [arm.span(self.geometry.boxes[i])[1] for i in before]
        above += [f[0][3] for g, f in self.frames.items() if self._within(g, before)]
        below = [arm.span(self.geometry.boxes[i])[0] for i in after]
        below += [f[0][1] for g, f in self.frames.items() if self._within(g, after)]
        return (max(above) + min(below or [max(above)])) / 2

    def _within(self, group_id: str, indices: range) -> bool:
        first, last = self.geometry.cluster_span[group_id]
        return first in indices and last in indices

    def _frame_box(self, group_id: str) -> Box:
        """A frame where it is drawn: its top and bottom each take their stretch."""
        (x0, top, x1, bottom), _ = self.frames[group_id]
        arm = self.arm(self.geometry.cluster_span[group_id][0])
        return (x0 + arm.dx, arm.at(top), x1 + arm.dx, arm.at(bottom))

    def _extent(self, arm: _Arm, indices: range) -> Box:
        geometry = self.geometry
        boxes = [arm.card(geometry.boxes[i]) for i in indices]
        boxes += [self._frame_box(g) for g in self.frames if self._within(g, indices)]
        y = boxes[0][1]
        for number, (source, _target) in enumerate(geometry.edges):
            low, high = geometry.edge_spans[number]
            if number not in self.skipped and source in indices and low <= high:
                boxes.append((low + arm.dx, y, high + arm.dx, y))
        return (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )

    def placed(self, offset: Point) -> EngineLayout:
        """Arms side by side (decoder right of the encoder, tops level) and everything in it."""
        turn, count = self.fold.turn, len(self.geometry.ids)
        left_box = self._extent(self.left, range(0, turn + 1))
        right_box = self._extent(self.right, range(turn + 1, count))
        self.left.dx = offset[0] - left_box[0]
        self.right.dx = offset[0] + left_box[2] - left_box[0] + GUTTER - right_box[0]
        top = min(left_box[1], right_box[1])
        self.left.dy = self.right.dy = offset[1] - top
        width = left_box[2] - left_box[0] + GUTTER + right_box[2] - right_box[0]
        height = max(left_box[3], right_box[3]) - top + LANE
        lane = offset[1] + height - LANE / 2
        geometry = self.geometry
        nodes: dict[str, Point] = {}
        for i, name in enumerate(geometry.dot_names):
            box = self.arm(i).card(geometry.boxes[i])
            nodes[name] = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
        frames: dict[str, ClusterBox] = {}
        for group_id, (_, label) in self.frames.items():
            arm = self.arm(geometry.cluster_span[group_id][0])
            x0, y0, x1, y1 = self._frame_box(group_id)
            centre = None if label is None else (label[0] + arm.dx, arm.at(label[1]))
            name = "cluster_" + self.clusters[group_id].dot_name
            frames[name] = ClusterBox((x0, y0, x1 - x0, y1 - y0), centre)
        edges: dict[tuple[str, str], EdgeRoute] = {}
        for number, ((source, target), key) in enumerate(
            zip(geometry.edges, geometry.edge_names, strict=True)
        ):
            route = self.layout.edges.get(key)
            if number in self.skipped:
                edges[key] = self._straight(nodes, source, target)
            elif route is not None:
                edges[key] = self._route(route, source, target, nodes, lane)
        return EngineLayout(width, height, nodes, frames, edges)

    def _straight(self, nodes: Mapping[str, Point], source: int, target: int) -> EdgeRoute:
        """A skip as one level line from its source's right side to its target's left."""
        geometry = self.geometry
        source_box, target_box = geometry.boxes[source], geometry.boxes[target]
        start_x, y = nodes[geometry.dot_names[source]]
        end_x, _ = nodes[geometry.dot_names[target]]
        start = (start_x + (source_box[2] - source_box[0]) / 2, y)
        tip = (end_x - (target_box[2] - target_box[0]) / 2, y)
        end = (tip[0] - ARROW_LENGTH, y)
        third = (end[0] - start[0]) / 3
        return EdgeRoute((start, (start[0] + third, y), (end[0] - third, y), end), tip)

    def _route(
        self,
        route: EdgeRoute,
        source: int,
        target: int,
        nodes: Mapping[str, Point],
        lane: float,
    ) -> EdgeRoute:
        arm = self.arm(target)
        points = tuple([arm.point(p) for p in route.points])
        tip = None if route.tip is None else arm.point(route.tip)
        if self.arm(source) is arm:
            return EdgeRoute(points, tip)
        # The turn: out of the encoder's bottom, along below both arms, up into the decoder.
        box = self.geometry.boxes[source]
        x, y = nodes[self.geometry.dot_names[source]]
        start = (x, y + (box[3] - box[1]) / 2)
        corners = [start, (start[0], lane), (points[0][0], lane), points[0]]
        return EdgeRoute(rounded(corners) + points[1:], tip)


def _centre(box: Box) -> float:
    return (box[1] + box[3]) / 2
