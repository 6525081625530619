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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from nnviz_core.canvas import Canvas
from nnviz_core.ir import Graph
from nnviz_core.scene import Point
from nnviz_core.styles.graph.cards import Card
from nnviz_core.styles.graph.dotgen import CLUSTER_LABEL_HEIGHT, CLUSTER_MARGIN, Cluster
from nnviz_core.styles.graph.engine import ClusterBox, EdgeRoute, EngineLayout
from nnviz_core.styles.graph.geometry import Box, Geometry
from nnviz_core.styles.graph.geometry import bottoms as layer_bottoms
from nnviz_core.styles.graph.routes import moved, rounded

#: Space between columns; an edge to the next column runs up its middle.
GUTTER = 48.0
#: The gutter where the picture is shrunk into its box (slide, paper), where every px of width
#: shrinks the text: the edge up its middle still runs 16 px clear of either column.
TIGHT_GUTTER = 32.0
#: Room above and below the columns for the edges that run between them.
LANE = 20.0
#: Joins a cluster's DOT name and the number of a continued part of its frame (1, 2, …).
PART = ":"
#: The most columns a drawing is folded into.
MAX_COLUMNS = 12

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
    gutter: float = GUTTER

    @property
    def width(self) -> float:
        return sum(b[2] - b[0] for b in self.boxes) + self.gutter * (len(self.boxes) - 1)

    @property
    def height(self) -> float:
        tallest = max(b[3] - b[1] for b in self.boxes)
        return tallest + (2 * LANE if len(self.boxes) > 1 else 0.0)


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


def _piece(geometry: Geometry, layout: EngineLayout, cuts: Sequence[int], gutter: float) -> _Piece:
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
    return _Piece(ranges, tuple(_widen(geometry, ranges, boxes)), parts, gutter)


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
    shrunk to fit (slide, paper): the columns, :data:`TIGHT_GUTTER` apart, that show the
    largest text. Each column added widens the drawing, so on a page the search stops once the
    text falls below the floor.
    """
    if canvas.height is None or not geometry.cuts:
        return None
    bottoms = layer_bottoms(geometry)
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
        piece = _piece(geometry, layout, cuts, TIGHT_GUTTER if canvas.fits_height else GUTTER)
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
        left += box[2] - box[0] + piece.gutter
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
        placed = moved(route, *shifts[column[target]])
        if column[source] != column[target]:
            placed = _joined(geometry, piece, shifts, source, column[source], placed, offset[1])
        edges[key] = placed
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
    gutter = piece.boxes[number][2] + dx + piece.gutter / 2
    entry = route.points[0]
    lane = top + LANE / 2
    corners = [start, (start[0], below), (gutter, below), (gutter, lane), (entry[0], lane)]
    corners.append(entry)
    return EdgeRoute(rounded(corners) + route.points[1:], route.tip)
