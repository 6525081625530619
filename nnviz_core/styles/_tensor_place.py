"""Coordinates for the tensor styles: cells in columns, lanes and rows, edges, arcs, brackets.

A style draws each tensor as a :class:`Cell` at the origin; this module places the cells on the
:class:`~nnviz_core.styles._tensor_chain.Structure`, writes captions under cells (or under the
gap before them, NN-SVG's LeNet look), and routes every edge: straight arrows along a lane,
elbows in the gaps between columns into and out of branch lanes, skips arced over the top with
nested arcs stacked so they never cross, and a return line between wrapped rows.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from nnviz_core.scene import Circle, Fill, Item, Point, moved, text
from nnviz_core.styles._tensor_arcs import arc_heights
from nnviz_core.styles._tensor_chain import DOTS, Structure, balanced_rows, rows
from nnviz_core.styles._tensor_routes import BRACKET_HEIGHT, ROW_GAP, draw_brackets, draw_edges
from nnviz_core.styles._tensor_view import Repeat
from nnviz_core.text import line_height, text_width

MARGIN = 16.0
CAPTION_SIZE = 11.0
CAPTION_PAD = 6.0
LANE_GAP = 22.0
AUTO_ROW_WIDTH = 1400.0


@dataclass(frozen=True)
class Cell:
    """One tensor drawn with its top-left at (0, 0), and where edges attach to it."""

    items: tuple[Item, ...]
    width: float
    height: float
    axis: float
    left: float
    right: float
    top: Point
    caption: tuple[str, ...] = ()
    #: Draws the cell's items with its top-left at (x, y); cheaper than moving ``items``.
    draw: Callable[[float, float], tuple[Item, ...]] | None = None
    #: Where a skip may arrive from below (only cells with nothing drawn under them).
    bottom: Point | None = None

    def drawn(self, x: float, y: float) -> list[Item]:
        if self.draw is not None:
            return list(self.draw(x, y))
        return [moved(item, x, y) for item in self.items]


@dataclass(frozen=True)
class Settings:
    spacing: float
    wrap: str | int
    gap_captions: bool = False
    #: Edges a style shows its own way (LeNet's kernel projections), drawn without an arrow.
    quiet: frozenset[tuple[str, str]] = frozenset()


@dataclass
class Placement:
    items: list[Item] = field(default_factory=list)
    origins: dict[str, Point] = field(default_factory=dict)
    row: dict[str, int] = field(default_factory=dict)
    #: Rows drawn right to left (styles skip their left-to-right overlays there).
    reversed: set[int] = field(default_factory=set)
    width: float = 0.0
    height: float = 0.0


def dots_cell(count: int) -> Cell:
    """Three dots standing for the elided middle of a long chain (draw_convnet's idea)."""
    dots: tuple[Item, ...] = tuple(
        Circle(6 + 12 * i, 12, 2.6, fill=Fill("muted"), role="annotation") for i in range(3)
    )
    caption = (f"{count} more layers",) if count > 1 else ()
    return Cell(dots, 36, 24, 12, 0, 36, (18, 6), caption)


def _caption_size(lines: tuple[str, ...]) -> tuple[float, float]:
    if not lines:
        return 0.0, 0.0
    width = max(text_width(line, CAPTION_SIZE) for line in lines)
    return width, len(lines) * line_height(CAPTION_SIZE)


def _caption(lines: tuple[str, ...], x: float, top: float) -> list[Item]:
    items: list[Item] = []
    for index, line in enumerate(lines):
        baseline = top + index * line_height(CAPTION_SIZE) + CAPTION_SIZE * 0.95
        paint = "fg" if index == 0 else "muted"
        items.append(text(x, baseline, line, size=CAPTION_SIZE, paint=paint, role="caption"))
    return items


def _elbow_gaps(struct: Structure) -> set[int]:
    """Gaps (by the column after them) where an edge turns between lanes."""
    gaps = set()
    for u, v in struct.edges:
        cu, cv = struct.column[u], struct.column[v]
        if struct.lane[u] == struct.lane[v] and (cv - cu == 1 or struct.lane[u] == 0):
            continue
        gaps.add(cv if struct.lane[v] == 0 else cu + 1)
    return gaps


class Layout:
    """Mutable working state of one placement; see :func:`place`."""

    def __init__(self, struct: Structure, cells: dict[str, Cell], settings: Settings) -> None:
        self.s = struct
        self.cells = cells
        self.settings = settings
        cuts = struct.cuts()
        entering = {t: s for s, t in struct.edges}
        self.in_gap = {
            n
            for n in struct.order
            if settings.gap_captions
            and struct.lane[n] == 0
            and struct.column[n] in cuts
            and n in entering
            and cells[n].caption
            and n != DOTS
        }
        self.below: dict[str, float] = {}
        self.col_w = [0.0] * struct.columns
        #: How far captions stick out beyond the widest body of each column, on each side.
        self.over = [0.0] * struct.columns
        for n in struct.order:
            cap_w, cap_h = _caption_size(() if n in self.in_gap else cells[n].caption)
            extra = cap_h + CAPTION_PAD if cap_h else 0.0
            self.below[n] = cells[n].height - cells[n].axis + extra
            c = struct.column[n]
            self.col_w[c] = max(self.col_w[c], cells[n].width)
            self.over[c] = max(self.over[c], (cap_w - cells[n].width) / 2)
        self.gap_w = [settings.spacing] * struct.columns
        elbows = _elbow_gaps(struct)
        for c in range(1, struct.columns):
            # Captions may overhang a gap crossed only by straight arrows and arcs (they run
            # above them); gaps that carry an elbow keep overhangs clear of its vertical run.
            overhang = self.over[c - 1] + self.over[c]
            clear = settings.spacing + 2 * max(self.over[c - 1], self.over[c])
            need = clear if c in elbows else overhang + 10
            self.gap_w[c] = max(settings.spacing, need)
        for n in self.in_gap:
            width = _caption_size(cells[n].caption)[0] + 14
            c = struct.column[n]
            self.gap_w[c] = max(self.gap_w[c], width + self.over[c - 1] + self.over[c])
        self.gap_w[:1] = [0.0] * min(1, struct.columns)
        self.col_x = [0.0] * struct.columns
        self.axis: dict[str, float] = {}
        self.row_of: dict[int, int] = {}
        self.row_bottom: list[float] = []
        self.row_start: list[int] = []
        self.body_below: list[float] = []
        #: Rows drawn right to left: the second half of a chain folded into a U.
        self.reversed: set[int] = set()
        #: x of the vertical run of each skip carried round the fold, outermost furthest out.
        self.cable_x: dict[tuple[str, str], float] = {}
        #: Skips round the fold arrive from below the reversed row (no crossings) when every
        #: target can take them there; else they come back over it.
        self.under = False

    def budget_rows(self) -> list[range]:
        wrap = self.settings.wrap
        if isinstance(wrap, int):
            return rows(self.s, [1.0] * self.s.columns, float(wrap))
        if wrap == "none":
            return rows(self.s, [], None)
        widths = [w + g for w, g in zip(self.col_w, self.gap_w, strict=False)]
        total = sum(widths)
        if total <= AUTO_ROW_WIDTH:
            return rows(self.s, widths, None)
        for count in range(
            math.ceil(total / AUTO_ROW_WIDTH), math.ceil(total / AUTO_ROW_WIDTH) + 3
        ):
            split = balanced_rows(self.s, widths, count)
            sizes = [sum(widths[c] for c in columns) for columns in split]
            if max(sizes) <= AUTO_ROW_WIDTH * 1.15 and min(sizes) >= 0.4 * max(sizes):
                return split
        fold = self._fold(widths)
        if fold is not None and total > AUTO_ROW_WIDTH * 1.25:
            self.reversed = {1}
            return [range(fold), range(fold, self.s.columns)]
        return rows(self.s, widths, None)  # no balanced cuts: one wide row reads better

    def _fold(self, widths: list[float]) -> int | None:
        """The boundary nearest the middle crossed only along the main lane (U-Net's bottom)."""
        s = self.s
        crossing: dict[int, list[tuple[str, str]]] = {}
        for u, v in s.edges:
            for boundary in range(s.column[u] + 1, s.column[v] + 1):
                crossing.setdefault(boundary, []).append((u, v))
        total, before, best = sum(widths), 0.0, None
        for boundary in range(1, s.columns):
            before += widths[boundary - 1]
            edges = crossing.get(boundary, [])
            main = all(s.lane[u] == 0 == s.lane[v] for u, v in edges)
            turn = any(s.column[v] - s.column[u] == 1 for u, v in edges)
            if main and turn and (best is None or abs(before - total / 2) < best[0]):
                best = (abs(before - total / 2), boundary)
        return best[1] if best is not None else None

    def gap_x(self, column: int) -> float:
        """Centre of the gap before ``column`` (on its right in a reversed row)."""
        if self.row_of[column] in self.reversed:
            return self.col_x[column] + self.col_w[column] + self.gap_w[column] / 2
        return self.col_x[column] - self.gap_w[column] / 2

    def arcs(self) -> dict[tuple[str, ...], tuple[int, int]]:
        """Skips along the main lane and the columns each spans in its (target's) row.

        A skip whose source ends a row continues on the target's row from its first column.
        """
        s = self.s
        spans: dict[tuple[str, ...], tuple[int, int]] = {}
        for u, v in s.edges:
            if not (s.lane[u] == 0 == s.lane[v] and s.column[v] - s.column[u] > 1):
                continue
            row = self.row_of[s.column[v]]
            if self.reversed and self.row_of[s.column[u]] != row:
                # Carried round the fold: over its own row to the end, back over the next.
                spans[("out", u, v)] = (s.column[u], self.row_start[row] - 1)
                spans[("in", u, v)] = (self.row_start[row], s.column[v])
                continue
            start = s.column[u] if self.row_of[s.column[u]] == row else self.row_start[row]
            spans[(u, v)] = (start, s.column[v])
        return spans

    def continues(self, u: str, v: str) -> bool:
        return self.row_of[self.s.column[u]] != self.row_of[self.s.column[v]]


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
