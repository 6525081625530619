"""Folding a tall top-to-bottom layout into side-by-side columns that fit the canvas.

Graphviz lays the whole graph out once, in one column; this module then cuts that layout where
the flow narrows to one layer (every edge crossing the cut leaves that layer, and no group
frame spans it) and moves each piece beside the previous one. The engine is still called once
and plainly, so its answer stays what it is on every engine; only our coordinates change.

An edge between columns leaves the bottom of its column, runs below it, up the gutter, over the
top of the next column and into the route Graphviz drew for it there: it crosses no card.
The number of columns is the smallest that brings the drawing within the canvas's height, as
long as the text the host shows stays above the canvas's floor (see :mod:`nnviz_core.canvas`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from nnviz_core.canvas import Canvas
from nnviz_core.ir import Graph
from nnviz_core.scene import Point
from nnviz_core.styles.graph.cards import Card
from nnviz_core.styles.graph.dotgen import CLUSTER_LABEL_HEIGHT, CLUSTER_MARGIN, Cluster
from nnviz_core.styles.graph.engine import ClusterBox, EdgeRoute, EngineLayout

#: Space between columns; an edge to the next column runs up its middle.
GUTTER = 48.0
#: Room above and below the columns for the edges that run between them.
LANE = 20.0
#: Radius of the corners of those edges.
CORNER = 8.0
#: Joins a cluster's DOT name and the number of a continued part of its frame (1, 2, …).
PART = ":"
#: The most columns a drawing is folded into.
MAX_COLUMNS = 12

Box = tuple[float, float, float, float]
#: Room above what a continued frame holds: its margin and its label.
_PART_TOP = CLUSTER_MARGIN + CLUSTER_LABEL_HEIGHT


@dataclass(frozen=True)
class Frame:
    """What the drawing around the layout adds: margins, title and legend, in px."""

    width: float
    height: float
    min_width: float
    text: float


@dataclass(frozen=True)
class _Piece:
    """A layout cut into columns: node index ranges and, per column, where its content lies."""

    ranges: tuple[tuple[int, int], ...]
    boxes: tuple[Box, ...]
    #: Frames cut across columns: group id → (column, box) of each part, in column order.
    parts: Mapping[str, tuple[tuple[int, Box], ...]] = field(default_factory=dict)

    @property
    def width(self) -> float:
        return sum(b[2] - b[0] for b in self.boxes) + GUTTER * (len(self.boxes) - 1)

    @property
    def height(self) -> float:
        tallest = max(b[3] - b[1] for b in self.boxes)
        return tallest + (2 * LANE if len(self.boxes) > 1 else 0.0)


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


def _bottoms(geometry: Geometry) -> list[float]:
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


def _greedy(geometry: Geometry, bottoms: Sequence[float], limit: float) -> list[int]:
    """Cuts keeping each column no taller than ``limit`` where the allowed cuts let it."""
    chosen: list[int] = []
    top = 0.0
    previous: int | None = None
    inside = geometry.inside
    for cut in geometry.cuts:
        if cut in inside and inside[cut] <= limit:
            continue
        if bottoms[cut] - top > limit and previous is not None:
            chosen.append(previous)
            top = geometry.boxes[previous][3]
        previous = cut
    if bottoms[-1] - top > limit and previous is not None and previous not in chosen[-1:]:
        chosen.append(previous)
    return chosen


def _partition(geometry: Geometry, bottoms: Sequence[float], columns: int) -> list[int]:
    """The cuts into at most ``columns`` columns whose tallest is lowest (bisected)."""
    low, high = bottoms[-1] / columns, bottoms[-1]
    best = _greedy(geometry, bottoms, high)
    for _ in range(24):
        middle = (low + high) / 2
        cuts = _greedy(geometry, bottoms, middle)
        if len(cuts) + 1 <= columns:
            best, high = cuts, middle
        else:
            low = middle
        if high - low < max(1.0, bottoms[-1] / 500):
            break
    return best


def _piece(geometry: Geometry, layout: EngineLayout, cuts: Sequence[int]) -> _Piece:
    count = len(geometry.ids)
    starts = [0, *(c + 1 for c in cuts)]
    ends = [*(c + 1 for c in cuts), count]
    ranges = tuple(zip(starts, ends, strict=True))
    parts = _parts(geometry, ranges)
    boxes: list[Box] = []
    for number, (start, end) in enumerate(ranges):
        x0 = min(b[0] for b in geometry.boxes[start:end])
        x1 = max(b[2] for b in geometry.boxes[start:end])
        y0 = 0.0 if number == 0 else geometry.boxes[start - 1][3]
        y1 = max(b[3] for b in geometry.boxes[start:end])
        found = [
            geometry.cluster_boxes[group_id]
            for group_id, (first, last) in geometry.cluster_span.items()
            if start <= first and last < end
        ]
        found += [box for pieces in parts.values() for where, box in pieces if where == number]
        for box in found:
            x0, y0 = min(x0, box[0]), min(y0, box[1])
            x1, y1 = max(x1, box[2]), max(y1, box[3])
        boxes.append((x0, y0, x1, y1))
    return _Piece(ranges, tuple(_widen(geometry, ranges, boxes)), parts)


def _parts(
    geometry: Geometry, ranges: Sequence[tuple[int, int]]
) -> dict[str, tuple[tuple[int, Box], ...]]:
    """The part of each frame cut across columns that falls in each column.

    A part keeps its frame's sides; it closes a margin below what it holds (or where the frame
    did), and opens a margin and a label's height above (or where the frame did). Inner frames
    come first, so an outer part holds the inner parts in it.
    """
    spans = geometry.cluster_span
    split = [
        group_id
        for group_id, (first, last) in spans.items()
        if any(start <= first < end <= last for start, end in ranges)
    ]
    split.sort(key=lambda group_id: spans[group_id][1] - spans[group_id][0])
    parts: dict[str, tuple[tuple[int, Box], ...]] = {}
    for group_id in split:
        first, last = spans[group_id]
        frame = geometry.cluster_boxes[group_id]
        found: list[tuple[int, Box]] = []
        for number, (start, end) in enumerate(ranges):
            low, high = max(first, start), min(last + 1, end)
            if low >= high:
                continue
            held = [geometry.boxes[i] for i in range(low, high)]
            held += [
                geometry.cluster_boxes[inner]
                for inner, (a, b) in spans.items()
                if low <= a and b < high and inner not in parts and inner != group_id
            ]
            held += [box for inner in parts.values() for _, box in inner if _within(box, held)]
            top = frame[1] if low == first else min(b[1] for b in held) - _PART_TOP
            bottom = frame[3] if high == last + 1 else max(b[3] for b in held) + CLUSTER_MARGIN
            found.append((number, (frame[0], top, frame[2], bottom)))
        parts[group_id] = tuple(found)
    return parts


def _within(box: Box, held: Sequence[Box]) -> bool:
    """Whether ``box`` (an inner part) lies in the band of rows ``held`` covers."""
    top = min(b[1] for b in held)
    bottom = max(b[3] for b in held)
    return top - _PART_TOP <= box[1] and box[3] <= bottom + CLUSTER_MARGIN


def _widen(
    geometry: Geometry,
    ranges: Sequence[tuple[int, int]],
    boxes: list[Box],
) -> list[Box]:
    """Column boxes grown to hold the edges drawn inside them (skips curve out to the side)."""
    column = _columns_of(ranges)
    grown = list(boxes)
    for (_, target), (left, right) in zip(geometry.edges, geometry.edge_spans, strict=True):
        number = column[target]
        x0, y0, x1, y1 = grown[number]
        if left < x0 or right > x1:
            grown[number] = (min(x0, left), y0, max(x1, right), y1)
    return grown


def _columns_of(ranges: Sequence[tuple[int, int]]) -> list[int]:
    found: list[int] = []
    for number, (start, end) in enumerate(ranges):
        found += [number] * (end - start)
    return found


def choose(geometry: Geometry, layout: EngineLayout, canvas: Canvas, frame: Frame) -> _Piece | None:
    """The folding that fits ``canvas`` best, or ``None`` when one column is best.

    On a page: the fewest columns that bring the drawing within the page's height, as long as
    its text stays above the floor (else the shortest that keeps it). Where the picture is
    shrunk to fit (slide, paper): the columns that show the largest text. Each column added
    widens the drawing, so the search stops once the text falls below the floor.
    """
    if canvas.height is None or not geometry.cuts:
        return None
    bottoms = _bottoms(geometry)
    single = _Piece(((0, len(geometry.ids)),), ((0.0, 0.0, layout.width, layout.height),))
    text, shown = _shown(single, canvas, frame)
    best: _Piece | None = None
    best_key = round(text, 3) if canvas.fits_height else -shown
    if not canvas.fits_height and text < canvas.floor:
        return None
    seen: set[tuple[int, ...]] = set()
    for columns in range(2, min(MAX_COLUMNS, len(geometry.cuts) + 1) + 1):
        cuts = tuple(_partition(geometry, bottoms, columns))
        if not cuts or cuts in seen:
            continue
        seen.add(cuts)
        piece = _piece(geometry, layout, cuts)
        text, shown = _shown(piece, canvas, frame)
        if not canvas.fits_height and text < canvas.floor:
            break
        key = round(text, 3) if canvas.fits_height else -shown
        if key > best_key:
            best, best_key = piece, key
        if not canvas.fits_height and shown <= canvas.height:
            break
    return best


def _shown(piece: _Piece, canvas: Canvas, frame: Frame) -> tuple[float, float]:
    """The effective text size and shown height of ``piece`` drawn on ``canvas``."""
    width = max(piece.width, frame.min_width) + frame.width
    height = piece.height + frame.height
    scale = min(1.0, canvas.width / width)
    if canvas.fits_height and canvas.height is not None:
        scale = min(scale, canvas.height / height)
    return frame.text * scale, height * scale


def shown_text(layout: EngineLayout, canvas: Canvas, frame: Frame) -> float:
    """The size ``layout``'s smallest text is shown at on ``canvas``."""
    single = _Piece(((0, 1),), ((0.0, 0.0, layout.width, layout.height),))
    return _shown(single, canvas, frame)[0]


def too_tall(width: float, height: float, canvas: Canvas, frame: Frame) -> bool:
    """Whether a one-column layout of this size misses ``canvas``'s height (so may fold)."""
    if canvas.height is None:
        return False
    single = _Piece(((0, 1),), ((0.0, 0.0, width, height),))
    text, shown = _shown(single, canvas, frame)
    return shown > canvas.height or (canvas.fits_height and text < frame.text)


def fold(
    graph: Graph,
    cards: Mapping[str, Card],
    clusters: Mapping[str, Cluster],
    layout: EngineLayout,
    canvas: Canvas,
    frame: Frame,
    offset: Point,
) -> EngineLayout | None:
    """``layout`` (read at the origin) folded into columns for ``canvas`` with its top-left
    corner at ``offset``, or ``None`` when one column serves ``canvas`` best."""
    names = {node.id: f"n{index}" for index, node in enumerate(graph.nodes)}
    if not all(name in layout.nodes for name in names.values()):
        return None  # an engine that left a layer out: drawing it says which
    geometry = Geometry(graph, cards, names, clusters, layout)
    piece = choose(geometry, layout, canvas, frame)
    if piece is None:
        return None
    return _place(geometry, layout, piece, clusters, offset)


def _place(
    geometry: Geometry,
    layout: EngineLayout,
    piece: _Piece,
    clusters: Mapping[str, Cluster],
    offset: Point,
) -> EngineLayout:
    """Every node, frame and edge moved into its column (columns left to right, tops level)."""
    column = _columns_of(piece.ranges)
    shifts: list[Point] = []
    left = offset[0]
    for box in piece.boxes:
        shifts.append((left - box[0], offset[1] + LANE - box[1]))
        left += box[2] - box[0] + GUTTER
    nodes: dict[str, Point] = {}
    for i, name in enumerate(geometry.dot_names):
        x, y = layout.nodes[name]
        dx, dy = shifts[column[i]]
        nodes[name] = (x + dx, y + dy)
    frames = _frames(geometry, layout, piece, clusters, column, shifts)
    edges: dict[tuple[str, str], EdgeRoute] = {}
    for (source, target), key in zip(geometry.edges, geometry.edge_names, strict=True):
        route = layout.edges.get(key)
        if route is None:
            continue
        moved = _moved(route, *shifts[column[target]])
        if column[source] != column[target]:
            moved = _joined(geometry, piece, shifts, source, column[source], moved, offset[1])
        edges[key] = moved
    return EngineLayout(piece.width, piece.height, nodes, frames, edges)


def _frames(
    geometry: Geometry,
    layout: EngineLayout,
    piece: _Piece,
    clusters: Mapping[str, Cluster],
    column: Sequence[int],
    shifts: Sequence[Point],
) -> dict[str, ClusterBox]:
    """Each frame moved with its column; a frame cut across columns as one box per part
    (``cluster_c3``, ``cluster_c3:1``, …), its label kept where Graphviz put it on the first."""
    frames: dict[str, ClusterBox] = {}
    for group_id, (first, _) in geometry.cluster_span.items():
        key = "cluster_" + clusters[group_id].dot_name
        found = layout.clusters[key]
        dx, dy = shifts[column[first]]
        centre = found.label_center
        label = None if centre is None else (centre[0] + dx, centre[1] + dy)
        pieces = piece.parts.get(group_id, ((column[first], _as_box(found)),))
        for part, (number, (x0, y0, x1, y1)) in enumerate(pieces):
            dx, dy = shifts[number]
            name = key if part == 0 else f"{key}{PART}{part}"
            box = (x0 + dx, y0 + dy, x1 - x0, y1 - y0)
            frames[name] = ClusterBox(box, label if part == 0 else None)
    return frames


def _as_box(found: ClusterBox) -> Box:
    x, y, w, h = found.box
    return (x, y, x + w, y + h)


def shifted(layout: EngineLayout, dx: float, dy: float) -> EngineLayout:
    """The whole layout moved by (dx, dy)."""
    nodes = {name: (x + dx, y + dy) for name, (x, y) in layout.nodes.items()}
    clusters = {}
    for name, found in layout.clusters.items():
        x, y, w, h = found.box
        centre = found.label_center
        moved = None if centre is None else (centre[0] + dx, centre[1] + dy)
        clusters[name] = ClusterBox((x + dx, y + dy, w, h), moved)
    edges = {key: _moved(route, dx, dy) for key, route in layout.edges.items()}
    return EngineLayout(layout.width, layout.height, nodes, clusters, edges)


def _moved(route: EdgeRoute, dx: float, dy: float) -> EdgeRoute:
    points = tuple([(x + dx, y + dy) for x, y in route.points])
    tip = None if route.tip is None else (route.tip[0] + dx, route.tip[1] + dy)
    return EdgeRoute(points, tip)


def _joined(
    geometry: Geometry,
    piece: _Piece,
    shifts: Sequence[Point],
    source: int,
    number: int,
    route: EdgeRoute,
    top: float,
) -> EdgeRoute:
    """An edge to the next column: down out of its column, up the gutter, into the next."""
    dx, dy = shifts[number]
    box = geometry.boxes[source]
    start = ((box[0] + box[2]) / 2 + dx, box[3] + dy)
    below = piece.boxes[number][3] + dy + LANE / 2
    gutter = piece.boxes[number][2] + dx + GUTTER / 2
    entry = route.points[0]
    lane = top + LANE / 2
    corners = [start, (start[0], below), (gutter, below), (gutter, lane), (entry[0], lane)]
    corners.append(entry)
    return EdgeRoute(rounded(corners) + route.points[1:], route.tip)


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
