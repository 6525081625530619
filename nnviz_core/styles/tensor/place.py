"""Coordinates for the tensor styles: cells in columns, lanes and rows, edges, arcs, brackets.

A style draws each tensor as a :class:`Cell` at the origin; this module places the cells on the
:class:`~nnviz_core.styles.tensor.structure.Structure`, writes captions under cells (or under the
gap before them, NN-SVG's LeNet look), and routes every edge: straight arrows along a lane,
elbows in the gaps between columns into and out of branch lanes, skips arced over the top with
nested arcs stacked so they never cross, and a return line between wrapped rows.
"""

from __future__ import annotations

from nnviz_core.scene import Circle, Fill, Item, text
from nnviz_core.styles.tensor.arcs import arc_heights
from nnviz_core.styles.tensor.cell import Cell
from nnviz_core.styles.tensor.layout import (
    CAPTION_PAD,
    CAPTION_SIZE,
    LANE_GAP,
    MARGIN,
    Layout,
    Placement,
    Settings,
)
from nnviz_core.styles.tensor.routes import BRACKET_HEIGHT, ROW_GAP, draw_brackets, draw_edges
from nnviz_core.styles.tensor.structure import DOTS, Structure
from nnviz_core.styles.tensor.view import Repeat
from nnviz_core.text import line_height


def dots_cell(count: int) -> Cell:
    """Three dots standing for the elided middle of a long chain (draw_convnet's idea)."""
    dots: tuple[Item, ...] = tuple(
        Circle(6 + 12 * i, 12, 2.6, fill=Fill("muted"), role="annotation") for i in range(3)
    )
    caption = (f"{count} more layers",) if count > 1 else ()
    return Cell(dots, 36, 24, 12, 0, 36, (18, 6), caption)


def _caption(lines: tuple[str, ...], x: float, top: float) -> list[Item]:
    items: list[Item] = []
    for index, line in enumerate(lines):
        baseline = top + index * line_height(CAPTION_SIZE) + CAPTION_SIZE * 0.95
        paint = "fg" if index == 0 else "muted"
        items.append(text(x, baseline, line, size=CAPTION_SIZE, paint=paint, role="caption"))
    return items


def place(
    struct: Structure,
    cells: dict[str, Cell],
    settings: Settings,
    repeats: tuple[Repeat, ...],
    *,
    top: float = 0.0,
) -> Placement:
    """Positions of every cell and the drawn edges, arcs, captions and brackets."""
    cells = {**cells, DOTS: dots_cell(struct.elided)} if DOTS in struct.column else cells
    lay = Layout(struct, cells, settings)
    result = Placement()
    row_ranges = lay.budget_rows()
    for index, columns in enumerate(row_ranges):
        lay.row_start.append(columns.start)
        for c in columns:
            lay.row_of[c] = index
    arc_spans = lay.arcs()
    if lay.reversed:
        arriving = [key for key in arc_spans if key[0] == "in"]
        row_lanes = {struct.lane[n] for n in struct.order if lay.row_of[struct.column[n]] == 1}
        if row_lanes == {0} and all(cells[key[2]].bottom is not None for key in arriving):
            lay.under = True
            arc_spans = {k: span for k, span in arc_spans.items() if k[0] != "in"}
    by_column: dict[int, list[str]] = {c: [] for c in range(struct.columns)}
    for n in struct.order:
        by_column[struct.column[n]].append(n)
    top += MARGIN
    right = 0.0
    arc_y: dict[tuple[str, ...], float] = {}
    for index, columns in enumerate(row_ranges):
        if index in lay.reversed:
            continue
        x = MARGIN
        for c in columns:
            opens_row = c == columns.start and not any(lay.s.column[n] == c for n in lay.in_gap)
            x += lay.over[c] if opens_row else lay.gap_w[c]
            lay.col_x[c] = x
            x += lay.col_w[c]
        turn_room = 10.0 if len(row_ranges) > 1 else 0.0
        right = max(right, x + (lay.over[columns[-1]] if len(columns) else 0.0) + turn_room)
    for index in sorted(lay.reversed):
        right = _place_reversed(lay, row_ranges[index], right)
    rows_right = right
    cables = [key for key in arc_spans if key[0] == "out"]
    right += 6.0 * len(cables) + (10.0 if cables else 0.0)
    for index, columns in enumerate(row_ranges):
        members = [n for c in columns for n in by_column[c]]
        lanes = sorted({struct.lane[n] for n in members})
        above = {ln: max(cells[n].axis for n in members if struct.lane[n] == ln) for ln in lanes}
        below = {ln: max(lay.below[n] for n in members if struct.lane[n] == ln) for ln in lanes}
        gap_lines = [len(cells[n].caption) for n in members if n in lay.in_gap]
        body = max(
            (cells[n].height - cells[n].axis for n in members if struct.lane[n] == 0), default=0.0
        )
        lay.body_below.append(body)
        if gap_lines:
            drop = body + 4 + max(gap_lines) * line_height(CAPTION_SIZE)
            below[0] = max(below[0], drop)
        row_arcs = {a: span for a, span in arc_spans.items() if lay.row_of[span[1]] == index}
        relative = arc_heights(row_arcs, struct, {n: -cells[n].axis for n in members})
        highest = -min(relative.values(), default=0.0)
        axis = top + max(above.get(0, 0.0), highest + 6)
        lane_axis: dict[int, float] = {}
        for position, ln in enumerate(lanes):
            if position:
                axis += below[lanes[position - 1]] + LANE_GAP + above[ln]
            lane_axis[ln] = axis
        arc_y.update({a: lane_axis[0] + y for a, y in relative.items()})
        for n in members:
            lay.axis[n] = lane_axis[struct.lane[n]]
            c = struct.column[n]
            ox = lay.col_x[c] + (lay.col_w[c] - cells[n].width) / 2
            result.origins[n] = (ox, lay.axis[n] - cells[n].axis)
            result.row[n] = index
        bottom = axis + below[lanes[-1]] if lanes else top
        if any(set(r.members) & set(members) for r in repeats):
            bottom += BRACKET_HEIGHT
        lay.row_bottom.append(bottom)
        top = bottom + ROW_GAP
    ordered = sorted(cables, key=lambda key: (-arc_y[key], key))  # lowest run innermost
    lay.cable_x = {(k[1], k[2]): rows_right + 10 + 6.0 * i for i, k in enumerate(ordered)}
    if lay.under and ordered:
        under = lay.row_bottom[-1] + 12
        arc_y.update({("in", k[1], k[2]): under + 8.0 * i for i, k in enumerate(ordered)})
        lay.row_bottom[-1] = under + 8.0 * (len(ordered) - 1) + 4
    result.reversed = set(lay.reversed)
    _draw_cells(lay, result)
    draw_edges(lay, result, arc_y)
    draw_brackets(lay, result, repeats)
    result.width = right + MARGIN
    result.height = (lay.row_bottom[-1] if lay.row_bottom else 0.0) + MARGIN
    return result


def _place_reversed(lay: Layout, columns: range, right: float) -> float:
    """Columns of a reversed row, from the right edge leftwards; returns the new right edge."""
    width = sum(lay.col_w[c] for c in columns) + sum(lay.gap_w[c] for c in columns[1:])
    captioned = any(lay.s.column[n] == columns.start for n in lay.in_gap)
    opening = lay.gap_w[columns.start] if captioned else lay.over[columns.start]
    edge = max(right, MARGIN + width + opening + lay.over[columns[-1]] + 10.0)
    x = edge - 10.0 - opening
    for c in columns:
        if c != columns.start:
            x -= lay.gap_w[c]
        lay.col_x[c] = x - lay.col_w[c]
        x = lay.col_x[c]
    return edge


def _draw_cells(lay: Layout, result: Placement) -> None:
    for n in lay.s.order:
        cell = lay.cells[n]
        ox, oy = result.origins[n]
        result.items.extend(cell.drawn(ox, oy))
        if n in lay.in_gap:
            c = lay.s.column[n]
            lane_below = lay.body_below[lay.row_of[c]]
            result.items.extend(_caption(cell.caption, lay.gap_x(c), lay.axis[n] + lane_below + 4))
        elif cell.caption:
            top = oy + cell.height + CAPTION_PAD
            result.items.extend(_caption(cell.caption, ox + cell.width / 2, top))
