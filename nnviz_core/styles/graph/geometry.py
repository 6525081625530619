"""A Graphviz layout read in graph order: each layer's box, each frame's span of layers, and
where the flow can be cut (for :mod:`.columns` and :mod:`.ushape`, which fold the layout)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence

from nnviz_core.ir import Graph
from nnviz_core.styles.graph.cards import Card
from nnviz_core.styles.graph.dotgen import Cluster
from nnviz_core.styles.graph.engine import EngineLayout

#: A box as (left, top, right, bottom).
Box = tuple[float, float, float, float]


class Geometry:
    """Per-node boxes and the cuts the layout allows, in graph order."""

    def __init__(
        self,
        graph: Graph,
        cards: Mapping[str, Card],
        names: Mapping[str, str],
        clusters: Mapping[str, Cluster],
        layout: EngineLayout,
    ) -> None:
        ids = [node.id for node in graph.nodes]
        self.ids = ids
        index = {node_id: i for i, node_id in enumerate(ids)}
        self.boxes: list[Box] = []
        for node_id in ids:
            x, y = layout.nodes[names[node_id]]
            card = cards[node_id]
            w, h = card.width / 2, card.height / 2
            self.boxes.append((x - w, y - h, x + w, y + h))
        # Each cluster spans the node indices of its members; it closes at the last one.
        self.cluster_span: dict[str, tuple[int, int]] = {}
        members: dict[str, list[int]] = {}
        for node in graph.nodes:
            for group in graph.group_chain(node):
                if group.id in clusters:
                    members.setdefault(group.id, []).append(index[node.id])
        self.cluster_boxes: dict[str, Box] = {}
        for group_id, found in members.items():
            box = layout.clusters.get("cluster_" + clusters[group_id].dot_name)
            if box is not None:
                self.cluster_span[group_id] = (min(found), max(found))
                x, y, w, h = box.box
                self.cluster_boxes[group_id] = (x, y, x + w, y + h)
        pairs = _edge_ids(graph)
        self.edges = [(index[s], index[t]) for s, t in pairs]
        self.dot_names = [names[node_id] for node_id in ids]
        self.edge_names = [(names[s], names[t]) for s, t in pairs]
        #: How far left and right each edge's route reaches (an unrouted edge, nowhere).
        self.edge_spans: list[tuple[float, float]] = []
        for key in self.edge_names:
            route = layout.edges.get(key)
            xs = [point[0] for point in route.points] if route is not None else []
            self.edge_spans.append((min(xs), max(xs)) if xs else (float("inf"), float("-inf")))
        self.cuts = self.cuts_ignoring(frozenset())
        self.inside = self._inside(self.cuts)

    def cuts_ignoring(self, ignored: frozenset[int]) -> list[int]:
        """Indices ``i`` after which the layout can be cut: every edge crossing leaves node
        ``i`` (edges numbered in ``ignored`` aside), node ``i`` is the lowest so far and all
        later ones lie below it. Frames are not looked at here (see :meth:`_inside`)."""
        count = len(self.ids)
        blocked = [0] * (count + 1)
        for number, (source, target) in enumerate(self.edges):
            if number in ignored:
                continue
            low, high = (source + 1, target) if source < target else (target, source + 1)
            blocked[low] += 1
            blocked[high] -= 1
        lowest_top = [float("inf")] * (count + 1)
        for i in range(count - 1, -1, -1):
            lowest_top[i] = min(lowest_top[i + 1], self.boxes[i][1])
        cuts: list[int] = []
        open_count = 0
        deepest = float("-inf")
        for i in range(count - 1):
            open_count += blocked[i]
            deepest = max(deepest, self.boxes[i][3])
            bottom = self.boxes[i][3]
            if open_count == 0 and deepest <= bottom <= lowest_top[i + 1]:
                cuts.append(i)
        return cuts

    def _inside(self, cuts: Sequence[int]) -> dict[int, float]:
        """Cut → height of the lowest cluster frame it would split (cuts inside frames only).

        A frame is split only when it is taller than a column may be: one that fits is
        always drawn whole."""
        inside: dict[int, float] = {}
        for group_id, (first, last) in self.cluster_span.items():
            box = self.cluster_boxes[group_id]
            height = box[3] - box[1]
            for at in range(bisect_left(cuts, first), bisect_left(cuts, last)):
                cut = cuts[at]
                inside[cut] = min(inside.get(cut, height), height)
        return inside


def _edge_ids(graph: Graph) -> list[tuple[str, str]]:
    return list(dict.fromkeys((edge.source, edge.target) for edge in graph.edges))


def bottoms(geometry: Geometry) -> list[float]:
    """The lowest point of everything up to each node index (nodes and closed clusters)."""
    closing: dict[int, float] = {}
    for group_id, (_, last) in geometry.cluster_span.items():
        box = geometry.cluster_boxes[group_id]
        closing[last] = max(closing.get(last, box[3]), box[3])
    found: list[float] = []
    deepest = float("-inf")
    for i, box in enumerate(geometry.boxes):
        deepest = max(deepest, box[3], closing.get(i, box[3]))
        found.append(deepest)
    return found
