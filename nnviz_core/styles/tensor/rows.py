"""Row breaks of the tensor styles, always at cuts: greedy within a width budget, or the fewest
rows that fit a budget, balanced so no row is left half empty.

A row may only end where one edge crosses (or at a residual block's fork), so the pieces
between two cuts cannot shrink: a budget narrower than the widest piece is widened to it
rather than falling back to one over-wide row.
"""

from __future__ import annotations

import bisect
import itertools
import math

from nnviz_core.styles.tensor.structure import Structure

#: Above this many cuts, rows are filled greedily to the least widest row instead of balanced
#: by the quadratic search (a graph that large is read zoomed in anyway).
BALANCE_CUTS = 400


def rows(struct: Structure, widths: list[float], budget: float | None) -> list[range]:
    """Split the columns greedily into rows no wider than ``budget`` (if possible), at cuts.

    Each row ends at the last cut that still fits (found by bisection: a row's width only
    grows with its end), or at the first cut when none fits.
    """
    if budget is None or struct.columns == 0:
        return [range(struct.columns)]
    return _greedy(sorted(struct.cuts(forks=True)), _prefix(widths, struct.columns), budget)


def fitted_rows(struct: Structure, widths: list[float], budget: float) -> list[range]:
    """The fewest rows no wider than ``budget`` (or than the widest uncuttable piece), with
    the widths balanced: the least sum of squared row widths among those splits."""
    if struct.columns == 0:
        return [range(0)]
    cuts = sorted(struct.cuts(forks=True))
    prefix = _prefix(widths, struct.columns)
    limit = max(budget, _widest_piece(cuts, prefix))
    greedy = _greedy(cuts, prefix, limit)
    return _balanced(cuts, prefix, len(greedy), limit) or greedy


def split_rows(struct: Structure, widths: list[float], count: int) -> list[range]:
    """At most ``count`` rows (as many as the cuts allow), the widest as narrow as it can be,
    then balanced."""
    if struct.columns == 0:
        return [range(0)]
    cuts = sorted(struct.cuts(forks=True))
    prefix = _prefix(widths, struct.columns)
    low, high = _widest_piece(cuts, prefix), prefix[-1]
    for _ in range(40):  # bisect the least widest row that needs at most ``count`` rows
        if high - low <= 0.5:
            break
        middle = (low + high) / 2
        low, high = (low, middle) if len(_greedy(cuts, prefix, middle)) <= count else (middle, high)
    greedy = _greedy(cuts, prefix, high)
    return _balanced(cuts, prefix, len(greedy), high) or greedy


def row_widths(rows_: list[range], widths: list[float]) -> list[float]:
    """The summed column widths of each row."""
    return [sum(widths[c] for c in columns) for columns in rows_]


def _prefix(widths: list[float], columns: int) -> list[float]:
    padded = list(widths[:columns]) + [0.0] * max(0, columns - len(widths))
    return list(itertools.accumulate(padded, initial=0.0))


def _widest_piece(cuts: list[int], prefix: list[float]) -> float:
    """The widest run of columns between neighbouring cuts: no row can be narrower."""
    edges = [0, *cuts, len(prefix) - 1]
    return max(prefix[b] - prefix[a] for a, b in itertools.pairwise(edges))


def _greedy(cuts: list[int], prefix: list[float], budget: float) -> list[range]:
    columns = len(prefix) - 1
    result: list[range] = []
    start = 0
    while start < columns:
        first = bisect.bisect_right(cuts, start)  # the cuts after ``start``
        if prefix[-1] - prefix[start] <= budget or first == len(cuts):
            end = columns
        else:
            later = range(first, len(cuts))
            fits = bisect.bisect_right(later, budget, key=lambda i: prefix[cuts[i]] - prefix[start])
            end = cuts[first + fits - 1] if fits else cuts[first]
        result.append(range(start, end))
        start = end
    return result


def _balanced(cuts: list[int], prefix: list[float], count: int, limit: float) -> list[range] | None:
    """``count`` rows no wider than ``limit`` with the least sum of squared widths (dynamic
    programming over the cuts); ``None`` when there are too many cuts to search."""
    if count <= 1 or len(cuts) > BALANCE_CUTS:
        return None
    ends = [0, *cuts, len(prefix) - 1]
    slack = limit + 1e-6
    cost = [[math.inf] * len(ends) for _ in range(count + 1)]
    back = [[0] * len(ends) for _ in range(count + 1)]
    cost[0][0] = 0.0
    for row in range(1, count + 1):
        for end in range(1, len(ends)):
            for start in range(end - 1, -1, -1):
                width = prefix[ends[end]] - prefix[ends[start]]
                if width > slack:
                    break
                total = cost[row - 1][start] + width * width
                if total < cost[row][end]:
                    cost[row][end], back[row][end] = total, start
    if math.isinf(cost[count][-1]):
        return None
    found: list[range] = []
    end = len(ends) - 1
    for row in range(count, 0, -1):
        start = back[row][end]
        found.append(range(ends[start], ends[end]))
        end = start
    return found[::-1]
