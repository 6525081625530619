"""Where a straight segment runs through an axis-aligned box (Liang–Barsky clipping).

Hatch lines are cut where text sits on a shape, and a chart's "best" label looks for a place
no curve crosses: both ask which stretch of a segment lies in a box.
"""

from __future__ import annotations

__all__ = ["Box", "span_inside"]

Point = tuple[float, float]
#: left, top, right, bottom
Box = tuple[float, float, float, float]


def span_inside(a: Point, b: Point, box: Box) -> tuple[float, float] | None:
    """The stretch (0–1 from ``a`` to ``b``) of the segment inside ``box`` (edges included; a
    segment touching a corner has a stretch of length 0), or ``None`` when it misses."""
    (x0, y0), (x1, y1) = a, b
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    left, top, right, bottom = box
    for p, q in ((-dx, x0 - left), (dx, right - x0), (-dy, y0 - top), (dy, bottom - y0)):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return None
    return low, high
