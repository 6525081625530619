"""The working state of one tensor placement: column widths, gaps, rows, arcs, folds.

:class:`Layout` measures the cells of a :class:`~nnviz_core.styles.tensor.structure.Structure`,
sizes the gaps between columns (captions may overhang a gap, elbows need it clear), breaks the
columns into rows, and records where the placement put each column, lane and row, for the edge
router (:mod:`.routes`) to read.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from nnviz_core.scene import Item, Point
from nnviz_core.styles.tensor.cell import Cell
from nnviz_core.styles.tensor.rows import balanced_rows, rows
from nnviz_core.styles.tensor.structure import DOTS, Structure
from nnviz_core.text import line_height, text_width

MARGIN = 16.0
CAPTION_SIZE = 11.0
CAPTION_PAD = 6.0
LANE_GAP = 22.0
AUTO_ROW_WIDTH = 1400.0


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


def _caption_size(lines: tuple[str, ...]) -> tuple[float, float]:
    if not lines:
        return 0.0, 0.0
    width = max(text_width(line, CAPTION_SIZE) for line in lines)
    return width, len(lines) * line_height(CAPTION_SIZE)


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
