"""Columns of an encoder-decoder folded into a U, in one band or in several stacked bands.

A U (see :mod:`.fold`) has the encoder on an upper row and the decoder reversed under it, each
skip's target straight under the gap after its source. When that is wider than the canvas,
the U is cut between stages into bands stacked top to bottom, outermost stage first: each band
is a small U of its own (its encoder stages above, their decoder stages under them), the
encoder flowing down from band to band on the right and the decoder climbing back on the left.
A stage too wide for a band of its own is also cut inside, before its skip's source, its outer
layers paired from the ends (an input over the output head). Every skip still drops straight
down within its band.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from nnviz_core.styles.tensor.layout import DROP_ROOM, MARGIN, Layout, row_budget

#: Room left of the bands for the decoder's climb from one band to the one above.
CLIMB_ROOM = 24.0


@dataclass(frozen=True)
class _Band:
    """Encoder columns ``upper`` and decoder columns ``lower`` and the skips between them."""

    upper: range
    lower: range
    skips: tuple[tuple[str, str], ...]


def u_rows(layout: Layout) -> list[range]:
    """The rows of the U, top to bottom: each band's encoder row, then its decoder row.

    Takes the fewest bands that keep every band within the row budget (or the row count a
    slide asks for); records the reversed rows and the bands in ``layout``.
    """
    bands = _bands(layout)
    rows: list[range] = []
    for band in bands:
        layout.bands.append(len(rows))
        rows += [band.upper, band.lower]
    layout.reversed = {index + 1 for index in layout.bands}
    return rows


def _stage_cuts(layout: Layout) -> list[tuple[int, int]]:
    """Where the U may be cut after each stage but the innermost: (encoder boundary, decoder
    boundary), or (-1, -1) where two stages cannot part (adjacent sources or targets)."""
    assert layout.u is not None
    column = layout.struct.column
    skips = layout.u.skips
    cuts = []
    for (source, target), (inner, inner_target) in itertools.pairwise(skips):
        upper = column[source] + 2  # the stage keeps the column after its source (a pool)
        lower = column[target] - 1  # ... and the one before its target (an up-sampling)
        if lower <= column[inner_target]:
            lower = column[target]
        if upper > column[inner] or lower <= column[inner_target]:
            cuts.append((-1, -1))
        else:
            cuts.append((upper, lower))
    return cuts


def _band_of(layout: Layout, cuts: list[tuple[int, int]], first: int, last: int) -> _Band:
    """The band holding the pieces ``first`` .. ``last`` between ``cuts`` (the last piece runs
    to the turn) and the skips that drop within it."""
    assert layout.u is not None
    count = layout.struct.columns
    top = 0 if first == 0 else cuts[first - 1][0]
    bottom = count if first == 0 else cuts[first - 1][1]
    if last == len(cuts):
        upper, lower = range(top, layout.u.fold), range(layout.u.fold, bottom)
    else:
        upper, lower = range(top, cuts[last][0]), range(cuts[last][1], bottom)
    column = layout.struct.column
    skips = tuple((s, t) for s, t in layout.u.skips if column[s] in upper and column[t] in lower)
    return _Band(upper, lower, skips)


def _cuts(layout: Layout, stages: list[tuple[int, int]], width: _Widths) -> list[tuple[int, int]]:
    """The stage cuts, with cuts inside every stage too wide for a band of its own.

    Such a stage (U-Net's outermost in LeNet stacks: an input, two wide 256×256 convolutions
    and a pool over the last decoder layers and its output head) is cut before its skip's
    source: the outer band keeps its first encoder layers above its last decoder layers, one
    under the other as a U pairs them, and its skip drops in the band below. Stages that fit
    are never cut inside, so a U that fits keeps its bands.
    """
    assert layout.u is not None
    column, budget = layout.struct.column, row_budget(layout.settings)
    cuts: list[tuple[int, int]] = []
    for index, (source, target) in enumerate(layout.u.skips):
        if index == 0 or stages[index - 1][0] >= 0:  # the stage starts a band
            end = next((i for i in range(index, len(stages)) if stages[i][0] >= 0), len(stages))
            band = _band_of(layout, stages, index, end)
            if width(band) > budget:
                top, bottom = band.upper.start, band.lower.stop
                reach = min(column[source] - top, bottom - column[target] - 1)
                cuts += [(top + k, bottom - k) for k in range(1, reach + 1)]
        if index < len(stages):
            cuts.append(stages[index])
    return cuts


def _bands(layout: Layout) -> list[_Band]:
    """The fewest bands no wider than the budget (or as many as a row count asks), the widest
    as narrow as that many bands allow; pieces grouped in order, outermost first."""
    stages = _stage_cuts(layout)
    whole = _band_of(layout, stages, 0, len(stages))
    width = _Widths(layout, whole)
    cuts = _cuts(layout, stages, width)
    if layout.settings.count is not None:
        wanted = max(1, (layout.settings.count + 1) // 2)
    else:
        wanted = len(_grouped(layout, cuts, width, row_budget(layout.settings)))
    if wanted == 1:
        return [whole]
    return _grouped(layout, cuts, width, _least_budget(layout, cuts, width, wanted))


def _grouped(
    layout: Layout, cuts: list[tuple[int, int]], width: _Widths, budget: float
) -> list[_Band]:
    pieces = len(cuts) + 1
    bands: list[_Band] = []
    first = 0
    while first < pieces:
        last = first
        while last + 1 < pieces and (
            cuts[last][0] < 0 or width(_band_of(layout, cuts, first, last + 1)) <= budget
        ):
            last += 1
        bands.append(_band_of(layout, cuts, first, last))
        first = last + 1
    return bands


def _least_budget(
    layout: Layout, cuts: list[tuple[int, int]], width: _Widths, wanted: int
) -> float:
    """The narrowest band width that needs no more than ``wanted`` bands."""
    low, high = 0.0, width(_band_of(layout, cuts, 0, len(cuts)))
    for _ in range(30):
        middle = (low + high) / 2
        if len(_grouped(layout, cuts, width, middle)) <= wanted:
            high = middle
        else:
            low = middle
    return high


class _Widths:
    """Band widths measured on the whole U aligned once: a band spans what its columns span."""

    def __init__(self, layout: Layout, whole: _Band) -> None:
        saved = list(layout.gap_width)
        self.layout = layout
        place_band(layout, whole, 0.0)
        self.left = {c: layout.column_x[c] - max(0.0, layout.overhang[c]) for c in _all(whole)}
        self.right = {
            c: layout.column_x[c] + layout.column_width[c] + max(0.0, layout.overhang[c])
            for c in _all(whole)
        }
        layout.gap_width[:] = saved
        layout.drop_x.clear()
        layout.row_right.clear()

    def __call__(self, band: _Band) -> float:
        columns = list(_all(band))
        return max(self.right[c] for c in columns) - min(self.left[c] for c in columns)


def _all(band: _Band) -> list[int]:
    return [*band.upper, *band.lower]


def place_u(layout: Layout, rows: list[range]) -> float:
    """The x of every column of the U's bands; returns the right edge of the widest."""
    assert layout.u is not None
    lead = CLIMB_ROOM if len(layout.bands) > 1 else 0.0
    column = layout.struct.column
    right = 0.0
    for index in layout.bands:
        upper, lower = rows[index], rows[index + 1]
        skips = tuple(
            (s, t) for s, t in layout.u.skips if column[s] in upper and column[t] in lower
        )
        band_right = place_band(layout, _Band(upper, lower, skips), lead)
        right = max(right, band_right)
    return right


def place_band(layout: Layout, band: _Band, lead: float) -> float:
    """Columns of one band: the upper row left to right, the lower one right to left under
    it, each skip's target straight under the gap after its source; returns the right edge.

    Both rows start packed; then, skip by skip from the outermost, the row whose anchor lies
    further left has the gaps since the previous skip widened evenly until the two line up.
    """
    column = layout.struct.column
    for source, _ in band.skips:
        layout.gap_width[column[source] + 1] += DROP_ROOM
    top = _URow(layout, list(band.upper), False, lead)
    bottom = _URow(layout, list(reversed(band.lower)), True, lead)
    for source, target in band.skips:
        gap = _drop_x(layout, source) - _landing_x(layout, target)
        if gap > 0:
            bottom.stretch(column[target], gap)
        elif gap < 0:
            top.stretch(column[source], -gap)
        top.settle(column[source])  # aligned: later stretches keep left of here as it is
        bottom.settle(column[target])
        layout.drop_x[(source, target)] = _drop_x(layout, source)
    top.store()
    bottom.store()
    layout.row_right[band.upper.start] = top.right()
    layout.row_right[band.lower.start] = bottom.right()
    return max(top.right(), bottom.right())


def _drop_x(layout: Layout, source: str) -> float:
    """Where a U's skip leaves its source's outgoing arrow: past the captions beside it."""
    column = layout.struct.column[source]
    right = layout.column_x[column] + layout.column_width[column]
    return right + max(0.0, layout.overhang[column]) + DROP_ROOM / 2


def _landing_x(layout: Layout, target: str) -> float:
    """Where a U's skip lands on its target: the cell's top point."""
    column, cell = layout.struct.column[target], layout.cells[target]
    left = layout.column_x[column] + (layout.column_width[column] - cell.width) / 2
    return left + cell.top[0]


class _URow:
    """One row of a U, left to right, with the gaps between its columns (they may widen)."""

    def __init__(self, layout: Layout, columns: list[int], backwards: bool, lead: float) -> None:
        self.layout, self.columns, self.backwards = layout, columns, backwards
        gaps = layout.gap_width
        # A row drawn backwards keeps each column's gap on its right (before it in the flow).
        self.gaps = [0.0] + [gaps[c] for c in (columns[:-1] if backwards else columns[1:])]
        self.index = {c: i for i, c in enumerate(columns)}
        #: The index of the last column aligned: later stretches widen only gaps past it.
        self.settled = 0
        self.lead = lead + (max(0.0, self._opening(columns[0])) if columns else 0.0)
        self._lay()

    def _opening(self, column: int) -> float:
        """Room before the leftmost column: its caption's overhang, or its gap caption."""
        layout = self.layout
        if column in layout.gap_captioned_columns and not self.backwards:
            return layout.gap_width[column]
        return layout.overhang[column]

    def _lay(self) -> None:
        layout = self.layout
        x = MARGIN + self.lead
        for position, column in enumerate(self.columns):
            x += self.gaps[position]
            layout.column_x[column] = x
            x += layout.column_width[column]

    def stretch(self, column: int, by: float) -> None:
        """Move ``column`` and all right of it ``by`` further right, widening evenly every gap
        since the last column aligned (or the room before the row, if it is the first)."""
        end = self.index[column]
        start = min(self.settled + 1, end)
        if end == 0:
            self.lead += by
        else:
            share = by / (end - start + 1)
            for position in range(start, end + 1):
                self.gaps[position] += share
        self._lay()

    def settle(self, column: int) -> None:
        """Mark ``column`` aligned: nothing left of it moves again."""
        self.settled = self.index[column]

    def store(self) -> None:
        """Write the widened gaps back where the router and gap captions read them."""
        gaps = self.layout.gap_width
        for position in range(1, len(self.columns)):
            owner = self.columns[position - 1 if self.backwards else position]
            gaps[owner] = self.gaps[position]

    def right(self) -> float:
        """The right edge of the row, captions and (backwards) the opening of its first
        column included."""
        if not self.columns:
            return MARGIN
        last = self.columns[-1]
        layout = self.layout
        if self.backwards:
            room = layout.gap_width[last] if last in layout.gap_captioned_columns else 0.0
            room = max(room, layout.overhang[last])
        else:
            room = layout.overhang[last]
        return layout.column_x[last] + layout.column_width[last] + room
