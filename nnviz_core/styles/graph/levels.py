"""An encoder-decoder drawn level by level: each resolution's layers in one row (U-Net's own
figure), for a box too short for a U of two long arms (a slide).

The U of :mod:`.ushape` stacks every layer of an arm under the last, so U-Net's 23 cards stand
twelve high. Here each stage of the encoder (the layers up to a skip's source) is one row, read
left to right, and beside it, across the gutter, the decoder stage that skip joins (from the
skip's target on); the innermost layers, between the deepest skip's ends, make the bottom row,
under the gutter. The encoder runs down row by row and the decoder back up, every skip is one
level line across the gutter, and the picture is as tall as the network is deep in stages.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from nnviz_core.ir import Graph
from nnviz_core.scene import Point
from nnviz_core.styles.graph.cards import Card
from nnviz_core.styles.graph.dotgen import ARROW_LENGTH, Cluster, node_names, unique_edges
from nnviz_core.styles.graph.engine import EdgeRoute, EngineLayout
from nnviz_core.styles.graph.routes import rounded
from nnviz_core.styles.graph.ushape import Skips

#: Gap between two cards of a row (their arrow runs there).
SPACING = 28.0
#: Gap between rows: the turn from one stage into the next runs along it.
ROW_GAP = 34.0
#: Gap between the encoder's rows and the decoder's, which the skips cross.
GUTTER = 56.0

Box = tuple[float, float, float, float]


def level_rows(
    graph: Graph,
    skips: Skips,
    cards: Mapping[str, Card],
    clusters: Mapping[str, Cluster],
    offset: Point,
) -> EngineLayout | None:
    """``graph`` drawn level by level with its top-left corner at ``offset``, or ``None``
    unless it is an encoder-decoder (``skips``: :func:`.ushape.nested_skips`) whose layers,
    skips aside, form one chain (no frames)."""
    ids = [node.id for node in graph.nodes]
    index = {node_id: i for i, node_id in enumerate(ids)}
    crossing = {(ids[s], ids[t]) for _, s, t in skips}
    chained = all(
        index[t] == index[s] + 1 for s, t in unique_edges(graph) if (s, t) not in crossing
    )
    if not skips or clusters or not chained:
        return None
    rows = _rows(len(ids), [(s, t) for _, s, t in skips])
    return _Placed(graph, index, cards, rows, offset).layout()


#: A row: the encoder's layers (by index) on the left, the decoder's on the right.
Row = tuple[range, range]


def _rows(count: int, skips: Sequence[tuple[int, int]]) -> list[Row]:
    """One row per skip, outermost first (its encoder stage and its decoder stage), then the
    innermost layers alone."""
    rows: list[Row] = []
    start, stop = 0, count
    for source, target in skips:
        rows.append((range(start, source + 1), range(target, stop)))
        start, stop = source + 1, target
    rows.append((range(start, stop), range(0)))
    return rows


class _Placed:
    """The cards' boxes row by row and the routes between them."""

    def __init__(
        self,
        graph: Graph,
        index: Mapping[str, int],
        cards: Mapping[str, Card],
        rows: list[Row],
        offset: Point,
    ) -> None:
        self.graph, self.index = graph, index
        self.sizes = [(cards[node.id].width, cards[node.id].height) for node in graph.nodes]
        self.boxes: dict[int, Box] = {}
        self.row_of: dict[int, int] = {}
        x0, y = offset
        encoder = max(self._width(left) for left, _ in rows[:-1])
        bottom = self._width(rows[-1][0])
        # The innermost layers sit under the gutter, centred, never left of the encoder.
        inner = max(x0, x0 + encoder + GUTTER / 2 - bottom / 2)
        starts = [(x0, x0 + encoder + GUTTER)] * (len(rows) - 1) + [(inner, 0.0)]
        self.tops: list[float] = []
        for number, ((left, right), (lx, rx)) in enumerate(zip(rows, starts, strict=True)):
            height = max(self.sizes[i][1] for i in (*left, *right))
            self.tops.append(y)
            for members, x in ((left, lx), (right, rx)):
                self._place(members, x, y + height / 2, number)
            y += height + ROW_GAP
        self.right = max(box[2] for box in self.boxes.values())
        self.bottom = y - ROW_GAP
        self.offset = offset

    def _width(self, members: range) -> float:
        return sum(self.sizes[i][0] for i in members) + SPACING * max(0, len(members) - 1)

    def _place(self, members: range, x: float, axis: float, row: int) -> None:
        for i in members:
            width, height = self.sizes[i]
            self.boxes[i] = (x, axis - height / 2, x + width, axis + height / 2)
            self.row_of[i] = row
            x += width + SPACING

    def layout(self) -> EngineLayout:
        names = node_names(self.graph)
        nodes = {}
        for node in self.graph.nodes:
            x0, y0, x1, y1 = self.boxes[self.index[node.id]]
            nodes[names[node.id]] = ((x0 + x1) / 2, (y0 + y1) / 2)
        edges = {
            (names[s], names[t]): self._route(self.index[s], self.index[t])
            for s, t in unique_edges(self.graph)
        }
        left, top = self.offset
        return EngineLayout(self.right - left, self.bottom - top, nodes, {}, edges)

    def _route(self, source: int, target: int) -> EdgeRoute:
        """Along the row (a skip too, across the gutter), or a turn into the next stage's row:
        out of the source's bottom (encoder, going down) or top (decoder, climbing), along the
        gap between the rows, into the target from above or below."""
        a, b = self.boxes[source], self.boxes[target]
        row, other = self.row_of[source], self.row_of[target]
        if row == other:
            y = (a[1] + a[3]) / 2
            return _arrow([(a[2], y), (b[0], y)])
        ax, bx = (a[0] + a[2]) / 2, (b[0] + b[2]) / 2
        if other > row:  # down, along the gap under the source's row, a third of the way
            lane = self.tops[other] - ROW_GAP * 2 / 3
            return _arrow([(ax, a[3]), (ax, lane), (bx, lane), (bx, b[1])])
        lane = self.tops[row] - ROW_GAP / 3  # up, along the gap over the source's row
        return _arrow([(ax, a[1]), (ax, lane), (bx, lane), (bx, b[3])])


def _arrow(corners: list[Point]) -> EdgeRoute:
    """The polyline ``corners`` as a rounded route whose arrowhead ends at its last corner."""
    *body, (tx, ty) = corners
    px, py = body[-1]
    length = abs(tx - px) + abs(ty - py)
    step = ARROW_LENGTH / length if length else 0.0
    end = (tx - (tx - px) * step, ty - (ty - py) * step)
    return EdgeRoute(rounded([*body, end]), (tx, ty))
