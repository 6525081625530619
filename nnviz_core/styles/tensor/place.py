"""Coordinates for the tensor styles: cells in columns, lanes and rows, edges, arcs, brackets.

A style draws each tensor as a :class:`~.cell.Cell` at the origin; :func:`place` puts the cells
on the :class:`~nnviz_core.styles.tensor.structure.Structure` in named steps: break the columns
into rows, find the skips arced over the top, place the columns along each row (a U's lower
row aligned under its upper one, :mod:`.fold`), stack each row's lanes below the room its arcs
need, then draw the cells with their captions (under a cell, or under the gap before it:
NN-SVG's LeNet look), the edges (:mod:`.routes`) and the repeat brackets.
"""

from __future__ import annotations

from dataclasses import dataclass

from nnviz_core.scene import Anchor, Circle, Fill, Item, text
from nnviz_core.styles.tensor.arcs import arc_heights
from nnviz_core.styles.tensor.cell import Cell
from nnviz_core.styles.tensor.layout import (
    BESIDE_DROP,
    BESIDE_PAD,
    CAPTION_PAD,
    CAPTION_SIZE,
    LANE_GAP,
    MARGIN,
    Layout,
    Placement,
    Settings,
)
from nnviz_core.styles.tensor.routes import (
    BAND_TURN,
    BRACKET_HEIGHT,
    draw_brackets,
    draw_edges,
)
from nnviz_core.styles.tensor.structure import DOTS, Structure
from nnviz_core.styles.tensor.ushape import place_u, u_rows
from nnviz_core.styles.tensor.view import Repeat
from nnviz_core.text import line_height

#: The elision dots: three dots this far apart, in a cell this wide and high.
DOT_STEP = 12
DOT_RADIUS = 2.6
DOTS_WIDTH = 36
DOTS_HEIGHT = 24
#: Where a skip lands on the dots, below the cell's top.
DOTS_TOP = 6
#: A caption line's baseline sits this share of the font size below the line's top.
BASELINE_DROP = 0.95
#: Room to the right of a row that turns down into the next one.
TURN_ROOM = 10.0
#: Least room between the highest arc of a row and the row above.
ARC_HEADROOM = 6
#: Gap between the main lane's bodies and a caption written in the gap under them: the same
#: as under a cell (``CAPTION_PAD``), so both kinds of caption in a row share one baseline.
GAP_CAPTION_DROP = 6

ArcKey = tuple[str, ...]


def dots_cell(count: int) -> Cell:
    """Three dots standing for the elided middle of a long chain (draw_convnet's idea)."""
    dots: tuple[Item, ...] = tuple(
        Circle(
            DOT_STEP // 2 + DOT_STEP * i,
            DOTS_HEIGHT // 2,
            DOT_RADIUS,
            fill=Fill("muted"),
            role="annotation",
        )
        for i in range(3)
    )
    caption = (f"{count} more layers",) if count > 1 else ()
    top = (DOTS_WIDTH // 2, DOTS_TOP)
    return Cell(dots, DOTS_WIDTH, DOTS_HEIGHT, DOTS_HEIGHT // 2, 0, DOTS_WIDTH, top, caption)


def place(
    struct: Structure,
    cells: dict[str, Cell],
    settings: Settings,
    repeats: tuple[Repeat, ...],
    *,
    top: float = 0.0,
    measure: bool = False,
) -> Placement:
    """Positions of every cell and the drawn edges, arcs, captions and brackets (with
    ``measure``, only the positions and the size: a row count being weighed)."""
    if DOTS in struct.column:
        cells = {**cells, DOTS: dots_cell(struct.elided)}
    layout = Layout(struct, cells, settings)
    row_ranges = _break_rows(layout)
    layout.share_label_lines(row_ranges)
    spans = layout.arcs()
    right = _place_columns(layout, row_ranges)
    result = Placement()
    arc_y: dict[ArcKey, float] = {}
    bracketed = {node for repeat in repeats for node in repeat.members}
    ending: dict[int, dict[ArcKey, tuple[int, int]]] = {}
    for key, span in spans.items():
        ending.setdefault(layout.row_of[span[1]], {})[key] = span
    top += MARGIN
    for index, columns in enumerate(row_ranges):
        row = _Row(index, layout.members(columns), ending.get(index, {}))
        bottom = _place_row(layout, row, top, result, arc_y)
        if any(node in bracketed for node in row.members):
            bottom += BRACKET_HEIGHT
        layout.row_bottom.append(bottom)
        top = bottom + settings.row_gap
    result.reversed = set(layout.reversed)
    if not measure:
        _draw_cells(layout, result)
        draw_edges(layout, result, arc_y)
        draw_brackets(layout, result, repeats)
    result.width = right + MARGIN
    result.height = (layout.row_bottom[-1] if layout.row_bottom else 0.0) + MARGIN
    return result


def _break_rows(layout: Layout) -> list[range]:
    """The rows of columns, recorded in ``layout`` (first column, row of each column)."""
    row_ranges = layout.budget_rows()
    if layout.settings.wrap == "auto" and len(row_ranges) > 1 and layout.u is not None:
        row_ranges = u_rows(layout)  # an encoder-decoder wider than its canvas: a U
    for index, columns in enumerate(row_ranges):
        layout.row_start.append(columns.start)
        for column in columns:
            layout.row_of[column] = index
    return row_ranges


def _place_columns(layout: Layout, row_ranges: list[range]) -> float:
    """The x of every column, row by row; returns the right edge of the widest row."""
    if layout.bands:
        climbs = len(layout.bands) > 1
        return place_u(layout, row_ranges) + TURN_ROOM + (BAND_TURN if climbs else 0.0)
    right = 0.0
    turn_room = TURN_ROOM if len(row_ranges) > 1 else 0.0
    for columns in row_ranges:
        x = MARGIN
        for column in columns:
            opens_row = column == columns.start
            if opens_row and column not in layout.gap_captioned_columns:
                x += layout.overhang[column]
            else:
                x += layout.gap_width[column]
            layout.column_x[column] = x
            x += layout.column_width[column]
        last_overhang = layout.overhang[columns[-1]] if len(columns) else 0.0
        right = max(right, x + last_overhang + turn_room)
    return right


@dataclass(frozen=True)
class _Row:
    """One row being stacked: its index, its nodes, and the spans of the arcs ending in it."""

    index: int
    members: list[str]
    spans: dict[ArcKey, tuple[int, int]]


def _lane_extents(layout: Layout, members: list[str]) -> tuple[dict[int, float], ...]:
    """How far each lane's cells reach above and below its axis (captions included below)."""
    lane_of, cells = layout.struct.lane, layout.cells
    above: dict[int, float] = {}
    below: dict[int, float] = {}
    for node in members:
        lane, reach = lane_of[node], cells[node].axis
        above[lane] = max(above[lane], reach) if lane in above else reach
        reach = layout.below[node]
        below[lane] = max(below[lane], reach) if lane in below else reach
    return above, below


def _place_row(
    layout: Layout, row: _Row, top: float, result: Placement, arc_y: dict[ArcKey, float]
) -> float:
    """Stack a row's lanes below ``top`` and the room its arcs need; returns its bottom."""
    struct, cells, members = layout.struct, layout.cells, row.members
    above, below = _lane_extents(layout, members)
    lanes = sorted(above)
    main = [node for node in members if struct.lane[node] == 0]
    body = max((cells[n].height - cells[n].axis for n in main), default=0.0)
    layout.body_below.append(body)
    gap_lines = [len(cells[n].caption) for n in members if n in layout.in_gap]
    if gap_lines:
        drop = body + GAP_CAPTION_DROP + max(gap_lines) * line_height(CAPTION_SIZE)
        below[0] = max(below[0], drop)
    relative = arc_heights(row.spans, struct, {n: -cells[n].axis for n in main})
    highest = -min(relative.values(), default=0.0)
    axis = top + max(above.get(0, 0.0), highest + ARC_HEADROOM)
    lane_axis: dict[int, float] = {}
    for position, lane in enumerate(lanes):
        if position:
            axis += below[lanes[position - 1]] + LANE_GAP + above[lane]
        lane_axis[lane] = axis
    arc_y.update({key: lane_axis[0] + y for key, y in relative.items()})
    for node in members:
        layout.axis[node] = lane_axis[struct.lane[node]]
        column = struct.column[node]
        x = layout.column_x[column]
        if not layout.settings.beside:  # centred; beside its caption, at the column's left
            x += (layout.column_width[column] - cells[node].width) / 2
        result.origins[node] = (x, layout.axis[node] - cells[node].axis)
        result.row[node] = row.index
    return axis + below[lanes[-1]] if lanes else top


def _caption(lines: tuple[str, ...], x: float, top: float, anchor: Anchor = "middle") -> list[Item]:
    items: list[Item] = []
    for index, line in enumerate(lines):
        baseline = top + index * line_height(CAPTION_SIZE) + CAPTION_SIZE * BASELINE_DROP
        paint = "fg" if index == 0 else "muted"
        items.append(
            text(x, baseline, line, size=CAPTION_SIZE, anchor=anchor, paint=paint, role="caption")
        )
    return items


def _draw_cells(layout: Layout, result: Placement) -> None:
    for node in layout.struct.order:
        cell = layout.cells[node]
        x, y = result.origins[node]
        result.items.extend(cell.drawn(x, y))
        if node in layout.in_gap:
            column = layout.struct.column[node]
            lane_below = layout.body_below[layout.row_of[column]]
            top = layout.axis[node] + lane_below + GAP_CAPTION_DROP
            result.items.extend(_caption(cell.caption, layout.gap_x(column), top))
        elif cell.caption and layout.settings.beside:
            top = layout.axis[node] + BESIDE_DROP
            result.items.extend(_caption(cell.caption, x + cell.width + BESIDE_PAD, top, "start"))
        elif cell.caption:
            top = y + cell.height + CAPTION_PAD
            result.items.extend(_caption(cell.caption, x + cell.width / 2, top))
