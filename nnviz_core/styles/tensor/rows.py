"""Row breaks of the tensor styles: greedy within a width budget, or balanced, always at cuts."""

from __future__ import annotations

import bisect
import itertools

from nnviz_core.styles.tensor.structure import Structure


def rows(struct: Structure, widths: list[float], budget: float | None) -> list[range]:
    """Split the columns greedily into rows no wider than ``budget`` (if possible), at cuts.

    Each row ends at the last cut that still fits (found by bisection: a row's width only
    grows with its end), or at the first cut when none fits.
    """
    if budget is None or struct.columns == 0:
        return [range(struct.columns)]
    cuts = sorted(struct.cuts(forks=True))
    prefix = list(itertools.accumulate(widths, initial=0.0))
    result: list[range] = []
    start = 0
    while start < struct.columns:
        first = bisect.bisect_right(cuts, start)  # the cuts after ``start``
        if prefix[-1] - prefix[start] <= budget or first == len(cuts):
            end = struct.columns
        else:
            later = range(first, len(cuts))
            fits = bisect.bisect_right(later, budget, key=lambda i: prefix[cuts[i]] - prefix[start])
            end = cuts[first + fits - 1] if fits else cuts[first]
        result.append(range(start, end))
        start = end
    return result


def balanced_rows(struct: Structure, widths: list[float], count: int) -> list[range]:
    """``count`` rows (or fewer) of nearly equal width, breaking at the cuts nearest the ideal."""
    prefix = list(itertools.accumulate(widths, initial=0.0))
    cuts = sorted(struct.cuts(forks=True))
    offsets = [prefix[b] for b in cuts]
    breaks: list[int] = []
    for index in range(1, count):
        ideal = prefix[-1] * index / count
        at = bisect.bisect_left(offsets, ideal)
        near = [
            i for i in (at - 1, at) if 0 <= i < len(cuts) and (not breaks or cuts[i] > breaks[-1])
        ]
        if near:
            breaks.append(cuts[min(near, key=lambda i: (abs(offsets[i] - ideal), i))])
    edges = [0, *breaks, struct.columns]
    return [range(a, b) for a, b in itertools.pairwise(edges) if b > a]
