"""Encoder-decoder nets folded into a U: the decoder row runs back under its encoder.

U-Net and its kin pass each encoder stage's output across to the decoder stage of the same
resolution. Drawn on one row, or wrapped like a plain chain, those skips become long arcs or
perimeter routes. Folded at the bottleneck, with the decoder row reversed and each skip's
target placed straight under its source, every skip drops straight down and none crosses
another (the skips nest: the earlier the source, the later the target).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from nnviz_core.styles.tensor.structure import Structure


@dataclass(frozen=True)
class UFold:
    """Where the chain turns (the decoder row starts at column ``fold``) and the skips that
    drop from the encoder row into it, outermost first."""

    fold: int
    skips: tuple[tuple[str, str], ...]


def u_fold(struct: Structure, widths: list[float]) -> UFold | None:
    """The U of a single-lane chain whose every skip crosses one boundary, nested; else None.

    The turn goes where the two rows' tails beyond the innermost skip are most even, so
    neither row runs far past the other.
    """
    if any(struct.lane[node] for node in struct.order):
        return None
    column = struct.column
    skips = sorted(
        ((s, t) for s, t in struct.edges if column[t] - column[s] > 1), key=lambda e: column[e[0]]
    )
    if not skips:
        return None
    starts = [column[s] for s, _ in skips]
    ends = [column[t] for _, t in skips]
    nested = all(a < b for a, b in itertools.pairwise(starts)) and all(
        a > b for a, b in itertools.pairwise(ends)
    )
    # The fold boundary lies in low..high: at least one encoder column past the innermost
    # source, so its skip drops clear of the turn.
    low, high = starts[-1] + 2, ends[-1]
    if not nested or low > high:
        return None
    fold = min(range(low, high + 1), key=lambda b: (_tails(widths, low, b, high), b))
    return UFold(fold, tuple(skips))


def _tails(widths: list[float], low: int, fold: int, high: int) -> float:
    """The wider of the encoder's columns past the innermost skip and the decoder's before it."""
    return max(sum(widths[low:fold]), sum(widths[fold:high]))
