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

from nnviz_core.canvas import CANVASES, Canvas
from nnviz_core.scene import Item, Point
from nnviz_core.styles.tensor.cell import Cell
from nnviz_core.styles.tensor.fold import UFold, u_fold
from nnviz_core.styles.tensor.rows import fitted_rows, rows, split_rows
from nnviz_core.styles.tensor.structure import DOTS, Structure
from nnviz_core.text import line_height, text_width

#: Empty border around the drawing.
MARGIN = 16.0
CAPTION_SIZE = 11.0
#: Gap between a cell and the caption under it.
CAPTION_PAD = 6.0
#: Vertical gap between rows, where the turns from one row into the next run.
ROW_GAP = 40.0
#: Vertical gap between the lowest cell of one lane and the highest of the next.
LANE_GAP = 22.0
#: Widest row (drawing units) when laid out for no canvas (``fit: none``): the natural size.
NATURAL_ROW_WIDTH = 1400.0
#: Room a row needs beyond its columns: both margins and the turn down into the next row.
ROW_ROOM = 2 * MARGIN + 10.0
#: Room kept in the gap after a skip's source for the skip to drop straight down into a U's
#: lower row, clear of the captions on both sides.
DROP_ROOM = 14.0
#: Least room between two captions overhanging the same gap from both sides.
OVERHANG_CLEARANCE = 10
#: Room around a caption written in a gap (LeNet's "Convolution 5×5").
GAP_CAPTION_ROOM = 14
#: A caption beside its cell (``Settings.beside``): its gap from the cell, and how far its
#: top sits below the cell's axis, clear of the arrow leaving there.
BESIDE_PAD = 6.0
BESIDE_DROP = 5.0


@dataclass(frozen=True)
class Settings:
    spacing: float
    wrap: str | int
    gap_captions: bool = False
    #: Edges a style shows its own way (LeNet's kernel projections), drawn without an arrow.
    quiet: frozenset[tuple[str, str]] = frozenset()
    #: What ``wrap: auto`` lays the rows out for.
    canvas: Canvas = CANVASES["none"]
    #: The smallest text the drawing holds: rows are kept narrow enough for the host's
    #: scaling to leave it at or above the canvas's floor.
    text: float = CAPTION_SIZE
    #: A row count tried instead of the one the canvas width gives (a slide weighs height too).
    count: int | None = None
    #: Captions to the right of their cells, below the axis, instead of under them: a tall
    #: stack of parallel branches (Inception) trades width it has for height it lacks.
    beside: bool = False
    #: Vertical gap between rows (the turns from one row into the next run there).
    row_gap: float = ROW_GAP


def row_budget(settings: Settings) -> float:
    """The summed column width a row may take so its text keeps the canvas floor.

    A page shrinks a wider drawing to its width, so a row may run over it by as much as the
    drawn text exceeds the floor; text already under the floor keeps the canvas width.
    """
    canvas = settings.canvas
    if math.isinf(canvas.width):
        return NATURAL_ROW_WIDTH
    stretch = max(1.0, settings.text / canvas.floor) if canvas.floor else 1.0
    return canvas.width * stretch - ROW_ROOM


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
    if not settings.gap_captions or settings.beside:
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
        self._caption_sizes: dict[str, tuple[float, float]] = {}
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
        #: x where each skip of a U drops straight down from its source's row to its target.
        self.drop_x: dict[tuple[str, str], float] = {}
        #: A U folded into bands: each band's upper (encoder) row index; its lower row follows.
        self.bands: list[int] = []
        #: Right edge (captions included) of each row of a U, by the row's first column.
        self.row_right: dict[int, float] = {}

    def _measure_columns(self) -> None:
        struct, cells = self.struct, self.cells
        for node in struct.order:
            cell = cells[node]
            width, _ = self.caption_under(node)
            column = struct.column[node]
            self._measure_below(node)
            if self.settings.beside:
                room = cell.width + (BESIDE_PAD + width if width else 0.0)
                self.column_width[column] = max(self.column_width[column], room)
                continue
            self.column_width[column] = max(self.column_width[column], cell.width)
            self.overhang[column] = max(self.overhang[column], (width - cell.width) / 2)

    def caption_under(self, node: str) -> tuple[float, float]:
        """Width and height of what ``node`` writes under (or beside) its cell: its caption,
        unless that goes in the gap before it. Measured once: relabelling keeps captions."""
        size = self._caption_sizes.get(node)
        if size is None:
            lines = () if node in self.in_gap else self.cells[node].caption
            size = self._caption_sizes[node] = caption_size(lines)
        return size

    def _measure_below(self, node: str) -> None:
        cell = self.cells[node]
        _, height = self.caption_under(node)
        if self.settings.beside:
            self.below[node] = max(cell.height - cell.axis, BESIDE_DROP + height)
        else:
            extra = height + CAPTION_PAD if height else 0.0
            self.below[node] = cell.height - cell.axis + extra

    def share_label_lines(self, row_ranges: list[range]) -> None:
        """Cells that write under their body (LeNet's sizes) do so on one line per lane of a
        row, as deep as that lane's deepest body: a tall column of neurons elsewhere in the
        diagram no longer pushes every label down."""
        self.cells = dict(self.cells)  # the style's cells are measured again for other rows
        lane = self.struct.lane
        for columns in row_ranges:
            members = self.members(columns)
            for current in {lane[node] for node in members}:
                group = [n for n in members if lane[n] == current and self.cells[n].relabel]
                reach = max((self.cells[n].reach for n in group), default=0.0)
                for node in group:
                    relabel = self.cells[node].relabel
                    assert relabel is not None
                    self.cells[node] = relabel(reach)
                    self._measure_below(node)

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
            # Centred in its gap, the caption must clear the wider overhang on either side.
            width = caption_size(self.cells[node].caption)[0] + GAP_CAPTION_ROOM
            column = struct.column[node]
            sides = 2 * max(overhang[column - 1], overhang[column])
            gaps[column] = max(gaps[column], width + sides)
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

    @cached_property
    def widths(self) -> list[float]:
        """Each column's width with the gap before it: what it adds to a row."""
        return [w + g for w, g in zip(self.column_width, self.gap_width, strict=False)]

    def budget_rows(self) -> list[range]:
        """The columns broken into rows as ``wrap`` asks; may fold the chain into a U.

        ``auto`` takes the fewest balanced rows that fit the canvas (:func:`row_budget`), or
        the count ``settings.count`` asks for (an encoder-decoder that needs more than one row
        folds into a U instead: :mod:`.ushape`).
        """
        struct, settings = self.struct, self.settings
        if isinstance(settings.wrap, int):
            return rows(struct, [1.0] * struct.columns, float(settings.wrap))
        if settings.wrap == "none":
            return rows(struct, [], None)
        widths = self.widths
        if settings.count is not None:
            split = split_rows(struct, widths, settings.count)
        elif sum(widths) <= row_budget(settings):
            split = [range(struct.columns)]
        else:
            split = fitted_rows(struct, widths, row_budget(settings))
        return split

    @cached_property
    def u(self) -> UFold | None:
        """How the chain folds into a U, if it is an encoder-decoder with matching skips."""
        return u_fold(self.struct, self.widths)

    def gap_x(self, column: int) -> float:
        """Centre of the gap before ``column`` (on its right in a reversed row), beside the
        room a U's skip drops through."""
        drop = self.drop_room.get(column, 0.0)
        if self.row_of[column] in self.reversed:
            right = self.column_x[column] + self.column_width[column]
            return right + (self.gap_width[column] + drop) / 2
        return self.column_x[column] - (self.gap_width[column] - drop) / 2

    @property
    def drop_room(self) -> dict[int, float]:
        """Room kept for a dropping skip in the gap before each column (in a folded U)."""
        if not self.reversed or self.u is None:
            return {}
        return {self.struct.column[source] + 1: DROP_ROOM for source, _ in self.u.skips}

    def arcs(self) -> dict[tuple[str, ...], tuple[int, int]]:
        """Skips along the main lane and the columns each spans in its (target's) row.

        A skip whose source ends a row continues on the target's row from its first column;
        the skips of a folded U drop straight down instead.
        """
        struct = self.struct
        dropped = set(self.u.skips) if self.reversed and self.u is not None else set()
        spans: dict[tuple[str, ...], tuple[int, int]] = {}
        for source, target in struct.edges:
            start, end = struct.column[source], struct.column[target]
            if not (struct.lane[source] == 0 == struct.lane[target] and end - start > 1):
                continue
            if (source, target) in dropped:
                continue
            row = self.row_of[end]
            first = start if self.row_of[start] == row else self.row_start[row]
            spans[(source, target)] = (first, end)
        return spans

    def continues(self, source: str, target: str) -> bool:
        """Whether the edge runs from one row into the next."""
        column = self.struct.column
        return self.row_of[column[source]] != self.row_of[column[target]]
