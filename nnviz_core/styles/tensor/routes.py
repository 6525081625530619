"""Routing of the tensor styles' edges: straight arrows, elbows, skip arcs, row returns, brackets.

Elbows turn in the gap between columns (next to the target when joining the main lane, next to
the source when leaving it); skips arc over the top of the main lane; a tensor that continues on
the next row runs down the right margin, under the row and back in from the left.
"""

from __future__ import annotations

from nnviz_core.scene import Circle, Fill, Path, Point, Stroke
from nnviz_core.styles.tensor.arcs import arc_path, bracket
from nnviz_core.styles.tensor.drawing import polyline
from nnviz_core.styles.tensor.layout import Layout, Placement
from nnviz_core.styles.tensor.view import Repeat

ROW_GAP = 40.0
BRACKET_HEIGHT = 34.0


def _port(lay: Layout, result: Placement, n: str, side: str) -> Point:
    """Where arrows leave (``out``) or enter a cell; swapped in a reversed row."""
    ox, _ = result.origins[n]
    cell = lay.cells[n]
    leaving = (side == "out") != (result.row[n] in lay.reversed)
    return (ox + (cell.right if leaving else cell.left), lay.axis[n])


def _edge_path(points: tuple[Point, ...], paint: str = "edge") -> Path:
    return Path(polyline(points), stroke=Stroke(paint, 1.3), arrow_end=6.0, role="edge")


def draw_edges(lay: Layout, result: Placement, arc_y: dict[tuple[str, ...], float]) -> None:
    s = lay.s
    for u, v in s.edges:
        same_row = result.row[u] == result.row[v]
        if (u, v) in lay.settings.quiet and same_row and result.row[u] not in lay.reversed:
            continue
        start, end = _port(lay, result, u, "out"), _port(lay, result, v, "in")
        cu, cv = s.column[u], s.column[v]
        if (u, v) in lay.cable_x:
            result.items.append(_cable(lay, result, (u, v), arc_y))
        elif lay.reversed and not same_row:
            turn = max(lay.col_x[c] + lay.col_w[c] + lay.over[c] for c in (cu, cv)) + 6
            result.items.append(_edge_path((start, (turn, start[1]), (turn, end[1]), end)))
        elif (u, v) in arc_y:
            y = arc_y[(u, v)]
            dst = _top(lay, result, v, -3.0)
            if lay.continues(u, v):
                first = _row_entry(lay, result, lay.row_of[cv])
                result.items.append(Circle(first[0] - 12, y, 2.5, fill=Fill("highlight")))
                result.items.append(arc_path((first[0] - 12, y), dst, y))
            else:
                result.items.append(arc_path(_top(lay, result, u, 3.0), dst, y))
        elif lay.row_of[cu] != lay.row_of[cv]:
            low = lay.row_bottom[lay.row_of[cu]] + ROW_GAP / 2
            turn = max(start[0] + 8, lay.col_x[cu] + lay.col_w[cu] + lay.over[cu] + 8)
            back = end[0] - 12
            route = (start, (turn, start[1]), (turn, low), (back, low), (back, end[1]), end)
            result.items.append(_edge_path(route))
        elif s.lane[u] == s.lane[v] and cv - cu == 1:
            result.items.append(_edge_path((start, end)))
        else:
            x = lay.gap_x(cv if s.lane[v] == 0 else cu + 1)
            points = (start, (x, start[1]), (x, end[1]), end)
            result.items.append(_edge_path(points))


def _cable(
    lay: Layout, result: Placement, edge: tuple[str, str], arc_y: dict[tuple[str, ...], float]
) -> Path:
    """A skip carried round the fold: over its row, down the right margin, then back under
    (or over) the reversed row to its target."""
    u, v = edge
    (x0, y0), (x1, y1) = _top(lay, result, u, 3.0), _top(lay, result, v, 3.0)
    bottom = lay.cells[v].bottom
    if lay.under and bottom is not None:
        ox, oy = result.origins[v]
        x1, y1 = ox + bottom[0], oy + bottom[1]
    out, back, x = arc_y[("out", u, v)], arc_y[("in", u, v)], lay.cable_x[edge]
    route = ((x0, y0), (x0, out), (x, out), (x, back), (x1, back), (x1, y1))
    return Path(polyline(route), stroke=Stroke("highlight", 1.4), arrow_end=6.0, role="edge")


def _row_entry(lay: Layout, result: Placement, row: int) -> Point:
    """Where the line coming from the previous row enters this row's first main-lane node."""
    start = lay.row_start[row]
    first = next(n for n in lay.s.order if lay.s.column[n] == start and lay.s.lane[n] == 0)
    return _port(lay, result, first, "in")


def _top(lay: Layout, result: Placement, n: str, shift: float) -> Point:
    ox, oy = result.origins[n]
    tx, ty = lay.cells[n].top
    return ox + tx + shift, oy + ty


def draw_brackets(lay: Layout, result: Placement, repeats: tuple[Repeat, ...]) -> None:
    for repeat in repeats:
        by_row: dict[int, list[str]] = {}
        for n in repeat.members:
            by_row.setdefault(lay.row_of[lay.s.column[n]], []).append(n)
        for row, members in sorted(by_row.items()):
            left = min(result.origins[n][0] for n in members)
            right = max(result.origins[n][0] + lay.cells[n].width for n in members)
            y = lay.row_bottom[row] - BRACKET_HEIGHT + 10
            label = f"×{repeat.count}  {repeat.label}".rstrip()
            result.items.extend(bracket(left, right, y, label))
