"""The working state of one tensor placement: column widths, gaps, rows, arcs, folds.

:class:`Layout` measures the cells of a :class:`~nnviz_core.styles.tensor.structure.Structure`,
sizes the gaps between columns (captions may overhang a gap, elbows need it clear), breaks the
columns into rows, and records where the placement put each column, lane and row, for the edge
router (:mod:`.routes`) to read.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property

from nnviz_core.scene import Item, Point
from nnviz_core.styles.tensor.cell import Cell
from nnviz_core.styles.tensor.rows import balanced_rows, rows
from nnviz_core.styles.tensor.structure import DOTS, Structure
from nnviz_core.text import line_height, text_width

#: Empty border around the drawing.
MARGIN = 16.0
CAPTION_SIZE = 11.0
#: Gap between a cell and the caption under it.
CAPTION_PAD = 6.0
#: Vertical gap between the lowest cell of one lane and the highest of the next.
LANE_GAP = 22.0
#: Widest row ``wrap: auto`` aims for.
AUTO_ROW_WIDTH = 1400.0
#: A balanced split may run this far over :data:`AUTO_ROW_WIDTH` ...
ROW_OVERSHOOT = 1.15
#: ... and its narrowest row must be at least this share of its widest.
ROW_BALANCE = 0.4
#: Row counts a balanced split tries, from the fewest that could fit.
ROW_COUNTS_TRIED = 3
#: A chain this much wider than :data:`AUTO_ROW_WIDTH` folds into a U when nothing balances.
FOLD_OVERSHOOT = 1.25
#: Least room between two captions overhanging the same gap from both sides.
OVERHANG_CLEARANCE = 10
#: Room around a caption written in a gap (LeNet's "Convolution 5×5").
GAP_CAPTION_ROOM = 14


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


def caption_size(lines: tuple[str, ...]) -> tuple[float, float]:
    """Width and height of a caption of ``lines``."""
    if not lines:
        return 0.0, 0.0
    width = max(text_width(line, CAPTION_SIZE) for line in lines)
    return width, len(lines) * line_height(CAPTION_SIZE)


def _elbow_gaps(struct: Structure) -> set[int]:
    """Gaps (by the column after them) where an edge turns between lanes."""
    gaps = set()
    for source, target in struct.edges:
        start, end = struct.column[source], struct.column[target]
        lane = struct.lane[source]
        if lane == struct.lane[target] and (end - start == 1 or lane == 0):
            continue
        gaps.add(end if struct.lane[target] == 0 else start + 1)
    return gaps


def _gap_captioned(struct: Structure, cells: dict[str, Cell], settings: Settings) -> set[str]:
    """Main-lane nodes whose caption goes under the gap before them (LeNet's look).

    Only where one edge crosses that gap, so the caption names the one op drawn there.
    """
    if not settings.gap_captions:
        return set()
    cuts = struct.cuts()
    entered = {target for _, target in struct.edges}
    return {
        node
        for node in struct.order
        if struct.lane[node] == 0
        and struct.column[node] in cuts
        and node in entered
        and cells[node].caption
        and node != DOTS
    }


class Layout:
    """Mutable working state of one placement; see :func:`~.place.place`."""

    def __init__(self, struct: Structure, cells: dict[str, Cell], settings: Settings) -> None:
        self.struct = struct
        self.cells = cells
        self.settings = settings
        self.in_gap = _gap_captioned(struct, cells, settings)
        #: Columns whose node is captioned in the gap before it.
        self.gap_captioned_columns = {struct.column[node] for node in self.in_gap}
        #: How far each node reaches below its lane's axis, caption included.
        self.below: dict[str, float] = {}
        self.column_width = [0.0] * struct.columns
        #: How far captions stick out beyond the widest body of each column, on each side.
        self.overhang = [0.0] * struct.columns
        self._measure_columns()
        self.gap_width = self._gap_widths()
        self.column_x = [0.0] * struct.columns
        self.axis: dict[str, float] = {}
        self.row_of: dict[int, int] = {}
        self.row_bottom: list[float] = []
        self.row_start: list[int] = []
        #: How far the main lane's bodies reach below its axis, per row.
        self.body_below: list[float] = []
        #: Rows drawn right to left: the second half of a chain folded into a U.
        self.reversed: set[int] = set()
        #: x of the vertical run of each skip carried round the fold, outermost furthest out.
        self.cable_x: dict[tuple[str, str], float] = {}
        #: Skips round the fold arrive from below the reversed row (no crossings) when every
        #: target can take them there; else they come back over it.
        self.under = False

    def _measure_columns(self) -> None:
        struct, cells = self.struct, self.cells
        for node in struct.order:
            cell = cells[node]
            width, height = caption_size(() if node in self.in_gap else cell.caption)
            extra = height + CAPTION_PAD if height else 0.0
            self.below[node] = cell.height - cell.axis + extra
            column = struct.column[node]
            self.column_width[column] = max(self.column_width[column], cell.width)
            self.overhang[column] = max(self.overhang[column], (width - cell.width) / 2)

    def _gap_widths(self) -> list[float]:
        """Width of the gap before each column (none before the first)."""
        struct, spacing, overhang = self.struct, self.settings.spacing, self.overhang
        gaps = [spacing] * struct.columns
        elbows = _elbow_gaps(struct)
        for column in range(1, struct.columns):
            # Captions may overhang a gap crossed only by straight arrows and arcs (they run
            # above them); gaps that carry an elbow keep overhangs clear of its vertical run.
            both = overhang[column - 1] + overhang[column]
            clear = spacing + 2 * max(overhang[column - 1], overhang[column])
            need = clear if column in elbows else both + OVERHANG_CLEARANCE
            gaps[column] = max(spacing, need)
        for node in self.in_gap:
            width = caption_size(self.cells[node].caption)[0] + GAP_CAPTION_ROOM
            column = struct.column[node]
            gaps[column] = max(gaps[column], width + overhang[column - 1] + overhang[column])
        gaps[:1] = [0.0] * min(1, struct.columns)
        return gaps

    def members(self, columns: range) -> list[str]:
        """The nodes of ``columns``, column by column, each in drawing order."""
        return [node for column in columns for node in self.by_column[column]]

    @cached_property
    def by_column(self) -> list[list[str]]:
        found: list[list[str]] = [[] for _ in range(self.struct.columns)]
        for node in self.struct.order:
            found[self.struct.column[node]].append(node)
        return found

    def budget_rows(self) -> list[range]:
        """The columns broken into rows as ``wrap`` asks; may fold the chain into a U."""
        struct, wrap = self.struct, self.settings.wrap
        if isinstance(wrap, int):
            return rows(struct, [1.0] * struct.columns, float(wrap))
        if wrap == "none":
            return rows(struct, [], None)
        widths = [w + g for w, g in zip(self.column_width, self.gap_width, strict=False)]
        total = sum(widths)
        if total <= AUTO_ROW_WIDTH:
            return rows(struct, widths, None)
        fewest = math.ceil(total / AUTO_ROW_WIDTH)
        for count in range(fewest, fewest + ROW_COUNTS_TRIED):
            split = balanced_rows(struct, widths, count)
            sizes = [sum(widths[c] for c in columns) for columns in split]
            fits = max(sizes) <= AUTO_ROW_WIDTH * ROW_OVERSHOOT
            if fits and min(sizes) >= ROW_BALANCE * max(sizes):
                return split
        fold = self._fold(widths)
        if fold is not None and total > AUTO_ROW_WIDTH * FOLD_OVERSHOOT:
            self.reversed = {1}
            return [range(fold), range(fold, struct.columns)]
        return rows(struct, widths, None)  # no balanced cuts: one wide row reads better

    def _fold(self, widths: list[float]) -> int | None:
        """The boundary nearest the middle crossed only along the main lane (U-Net's bottom)."""
        crossing = self.struct.crossing()
        total, before, best = sum(widths), 0.0, None
        for boundary in range(1, self.struct.columns):
            before += widths[boundary - 1]
            main = crossing.main[boundary] == crossing.edges[boundary]
            turn = boundary in crossing.near
            if main and turn and (best is None or abs(before - total / 2) < best[0]):
                best = (abs(before - total / 2), boundary)
        return best[1] if best is not None else None

    def gap_x(self, column: int) -> float:
        """Centre of the gap before ``column`` (on its right in a reversed row)."""
        if self.row_of[column] in self.reversed:
            right = self.column_x[column] + self.column_width[column]
            return right + self.gap_width[column] / 2
        return self.column_x[column] - self.gap_width[column] / 2

    def arcs(self) -> dict[tuple[str, ...], tuple[int, int]]:
        """Skips along the main lane and the columns each spans in its (target's) row.

        A skip whose source ends a row continues on the target's row from its first column.
        """
        struct = self.struct
        spans: dict[tuple[str, ...], tuple[int, int]] = {}
        for source, target in struct.edges:
            start, end = struct.column[source], struct.column[target]
            if not (struct.lane[source] == 0 == struct.lane[target] and end - start > 1):
                continue
            row = self.row_of[end]
            if self.reversed and self.row_of[start] != row:
                # Carried round the fold: over its own row to the end, back over the next.
                spans[("out", source, target)] = (start, self.row_start[row] - 1)
                spans[("in", source, target)] = (self.row_start[row], end)
                continue
            first = start if self.row_of[start] == row else self.row_start[row]
            spans[(source, target)] = (first, end)
        return spans

    def continues(self, source: str, target: str) -> bool:
        """Whether the edge runs from one row into the next."""
        column = self.struct.column
        return self.row_of[column[source]] != self.row_of[column[target]]
