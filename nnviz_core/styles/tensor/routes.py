"""Routing of the tensor styles' edges: straight arrows, elbows, skip arcs, row returns, brackets.

Elbows turn in the gap between columns (next to the target when joining the main lane, next to
the source when leaving it); skips arc over the top of the main lane, or in a U drop straight
down from their source's outgoing arrow; a tensor that continues on the next row runs down the
right margin, under the row and back in from the left (or, round a U's turn, straight down).
"""

from __future__ import annotations

from nnviz_core.scene import Circle, Fill, Item, Path, Point, Stroke
from nnviz_core.styles.tensor.arcs import arc_path, bracket
from nnviz_core.styles.tensor.drawing import polyline
from nnviz_core.styles.tensor.layout import MARGIN, Layout, Placement
from nnviz_core.styles.tensor.view import Repeat

BRACKET_HEIGHT = 34.0
#: A repeat bracket's bar sits this far below the top of its band.
BRACKET_DROP = 10
EDGE_WIDTH = 1.3
SKIP_WIDTH = 1.4
ARROW = 6.0
#: Arcs leave a cell's top this far right of its centre and arrive this far left of it.
ARC_OFFSET = 3.0
#: Horizontal room an edge takes to turn: past a column before going down to the next row ...
TURN = 8
#: ... beside a column of a reversed row ...
FOLD_TURN = 6
#: ... and before entering a row's first cell from the left.
ENTRY = 12
#: Between the bands of a U, the encoder's descent turns this much further right than the
#: decoder's climb, so the two never cross.
BAND_TURN = 8
#: The decoder's climb runs up this far right of the margin.
CLIMB_X = 4
#: The dot marking a skip that continues from the previous row.
CONTINUE_RADIUS = 2.5


def _port(layout: Layout, result: Placement, node: str, side: str) -> Point:
    """Where arrows leave (``out``) or enter a cell; swapped in a reversed row."""
    x, _ = result.origins[node]
    cell = layout.cells[node]
    leaving = (side == "out") != (result.row[node] in layout.reversed)
    return (x + (cell.right if leaving else cell.left), layout.axis[node])


def _edge_path(points: tuple[Point, ...], paint: str = "edge") -> Path:
    return Path(polyline(points), stroke=Stroke(paint, EDGE_WIDTH), arrow_end=ARROW, role="edge")


def _column_end(layout: Layout, column: int) -> float:
    """Right edge of a column with its captions' overhang."""
    return layout.column_x[column] + layout.column_width[column] + layout.overhang[column]


def draw_edges(layout: Layout, result: Placement, arc_y: dict[tuple[str, ...], float]) -> None:
    struct = layout.struct
    for source, target in struct.edges:
        same_row = result.row[source] == result.row[target]
        quiet = (source, target) in layout.settings.quiet
        if quiet and same_row and result.row[source] not in layout.reversed:
            continue
        start, end = _port(layout, result, source, "out"), _port(layout, result, target, "in")
        first, last = struct.column[source], struct.column[target]
        if (source, target) in layout.drop_x:
            result.items.extend(_drop(layout, result, (source, target)))
        elif layout.reversed and not same_row:
            result.items.append(_edge_path(_u_route(layout, (first, last), start, end)))
        elif (source, target) in arc_y:
            result.items.extend(_skip(layout, result, (source, target), arc_y[(source, target)]))
        elif layout.row_of[first] != layout.row_of[last]:
            low = layout.row_bottom[layout.row_of[first]] + layout.settings.row_gap / 2
            turn = max(start[0] + TURN, _column_end(layout, first) + TURN)
            back = end[0] - ENTRY
            route = (start, (turn, start[1]), (turn, low), (back, low), (back, end[1]), end)
            result.items.append(_edge_path(route))
        elif struct.lane[source] == struct.lane[target] and last - first == 1:
            result.items.append(_edge_path((start, end)))
        else:
            x = layout.gap_x(last if struct.lane[target] == 0 else first + 1)
            points = (start, (x, start[1]), (x, end[1]), end)
            result.items.append(_edge_path(points))


def _skip(layout: Layout, result: Placement, edge: tuple[str, str], y: float) -> list[Item]:
    """A skip arced over the main lane at height ``y``; one continued from the previous row
    starts at a dot before the row's first cell."""
    source, target = edge
    arrival = _top(layout, result, target, -ARC_OFFSET)
    if not layout.continues(source, target):
        return [arc_path(_top(layout, result, source, ARC_OFFSET), arrival, y)]
    entry = _row_entry(layout, result, layout.row_of[layout.struct.column[target]])
    mark = Circle(entry[0] - ENTRY, y, CONTINUE_RADIUS, fill=Fill("highlight"))
    return [mark, arc_path((entry[0] - ENTRY, y), arrival, y)]


def _u_route(
    layout: Layout, columns: tuple[int, int], start: Point, end: Point
) -> tuple[Point, ...]:
    """An edge between rows of a U: round the turn into the decoder, down from one band's
    encoder row to the next (right of the decoder row between), or up from one band's
    decoder row to the one above (left of the encoder row between)."""
    first, last = columns
    rows, backwards = layout.row_of, layout.reversed
    source_row, target_row = rows[first], rows[last]
    if target_row in backwards and source_row not in backwards:
        turn = max(_column_end(layout, c) for c in (first, last)) + FOLD_TURN
        return (start, (turn, start[1]), (turn, end[1]), end)
    starts = layout.row_start
    if source_row not in backwards:  # an encoder row to the next band's
        passed = (starts[source_row], starts[source_row + 1])
        turn = max(layout.row_right[r] for r in passed) + TURN + BAND_TURN
        low = layout.row_bottom[target_row - 1] + layout.settings.row_gap * 2 / 3
        back = end[0] - ENTRY
        return (start, (turn, start[1]), (turn, low), (back, low), (back, end[1]), end)
    left = MARGIN + CLIMB_X  # a decoder row to the previous band's
    high = layout.row_bottom[target_row] + layout.settings.row_gap / 3
    right = layout.row_right[starts[target_row]] + FOLD_TURN
    return (start, (left, start[1]), (left, high), (right, high), (right, end[1]), end)


def _drop(layout: Layout, result: Placement, edge: tuple[str, str]) -> list[Item]:
    """A U's skip: from a dot on its source's outgoing arrow straight down into its target."""
    source, target = edge
    x, y = layout.drop_x[edge], layout.axis[source]
    end = _top(layout, result, target, 0.0)
    mark = Circle(x, y, CONTINUE_RADIUS, fill=Fill("highlight"))
    stroke = Stroke("highlight", SKIP_WIDTH)
    return [
        mark,
        Path(polyline(((x, y), (x, end[1]))), stroke=stroke, arrow_end=ARROW, role="edge"),
    ]


def _row_entry(layout: Layout, result: Placement, row: int) -> Point:
    """Where the line coming from the previous row enters this row's first main-lane node."""
    lane = layout.struct.lane
    first = next(n for n in layout.by_column[layout.row_start[row]] if lane[n] == 0)
    return _port(layout, result, first, "in")


def _top(layout: Layout, result: Placement, node: str, shift: float) -> Point:
    x, y = result.origins[node]
    tx, ty = layout.cells[node].top
    return x + tx + shift, y + ty


def draw_brackets(layout: Layout, result: Placement, repeats: tuple[Repeat, ...]) -> None:
    for repeat in repeats:
        by_row: dict[int, list[str]] = {}
        for node in repeat.members:
            by_row.setdefault(layout.row_of[layout.struct.column[node]], []).append(node)
        for row, members in sorted(by_row.items()):
            left = min(result.origins[n][0] for n in members)
            right = max(result.origins[n][0] + layout.cells[n].width for n in members)
            y = layout.row_bottom[row] - BRACKET_HEIGHT + BRACKET_DROP
            label = f"×{repeat.count}  {repeat.label}".rstrip()
            result.items.extend(bracket(left, right, y, label))
