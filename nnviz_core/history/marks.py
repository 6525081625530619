"""The best-point mark: a ring on the curve, a dashed drop line, and a haloed label."""

from __future__ import annotations

import itertools
import math

from nnviz_core.clip import Box, span_inside
from nnviz_core.history.data import Series
from nnviz_core.history.scale import Axis
from nnviz_core.history.ticks import loggable, value_text
from nnviz_core.scene import Circle, Fill, Item, LineTo, MoveTo, Path, Point, Rect, Stroke, text
from nnviz_core.text import ASCENT, DESCENT, text_width

LABEL_SIZE = 10.0


def best_point(series: Series, lowest: bool, log_y: bool) -> tuple[float, float] | None:
    """(x, value) of the lowest or highest finite value (the first one on ties)."""
    points = [
        (x, y)
        for x, y in zip(series.x, series.y, strict=True)
        if math.isfinite(y) and (loggable(y) or not log_y)
    ]
    if not points:
        return None
    return (min if lowest else max)(points, key=lambda point: point[1])


def best_label(point: tuple[float, float], x_title: str, y: Axis) -> str:
    """``best 0.90 @ epoch 4``: the value written as the y axis writes its ticks."""
    where = f"{point[0]:g}" if x_title == "epoch" else f"{point[0]:,.0f}"
    return f"best {value_text(point[1], y.ticks, y.log)} @ {x_title} {where}"


def _crosses(box: Box, a: Point, b: Point) -> bool:
    """Whether the segment a–b passes through (or touches) ``box``."""
    return span_inside(a, b, box) is not None


def _hits(box: Box, curves: list[list[Point]]) -> int:
    """How many curve segments (or lone points) the box covers."""
    count = 0
    for line in curves:
        if len(line) == 1:
            x, y = line[0]
            count += box[0] <= x <= box[2] and box[1] <= y <= box[3]
        count += sum(_crosses(box, a, b) for a, b in itertools.pairwise(line))
    return count


def _spot(
    px: float, py: float, wide: float, x: Axis, y: Axis, curves: list[list[Point]]
) -> tuple[float, float]:
    """Left and baseline of the label: the nearest spot around the ring inside the plot that
    covers no curve (the fewest segments when none is clear)."""
    high = LABEL_SIZE * (ASCENT + DESCENT) + 3
    best: tuple[int, float, float, float] | None = None
    for distance in (10.0, 22.0, 36.0, 52.0):
        for side in (1, -1):
            for lift in (-1, 1):
                left = px - 4 if side == 1 else px + 4 - wide
                left = max(min(left, x.end - wide - 3), x.start + 5)
                baseline = py + lift * distance + (LABEL_SIZE * ASCENT if lift > 0 else 0.0)
                top = baseline - LABEL_SIZE * ASCENT - 1.5
                if top < y.end or top + high > y.start:
                    continue
                box = (left - 3, top, left + wide + 3, top + high)
                ring = px - 6 < box[2] and box[0] < px + 6 and py - 6 < box[3] and box[1] < py + 6
                score = _hits(box, curves) * 2 + ring * 3
                if best is None or score < best[0]:
                    best = (score, distance, left, baseline)
                if score == 0:
                    return left, baseline
    if best is None:  # a plot shorter than the label: above the ring, as before
        return max(min(px - 4, x.end - wide), x.start + 2), py - 10
    return best[2], best[3]


def best_mark(
    point: tuple[float, float],
    paint: str,
    x_title: str,
    x: Axis,
    y: Axis,
    curves: list[list[Point]],
) -> list[Item]:
    """The mark at ``point``; the label sits near the ring where it covers no curve (``curves``:
    the drawn lines in pixels), over a background-coloured halo."""
    px, py = round(x.at(point[0]), 2), round(y.at(point[1]), 2)
    label = best_label(point, x_title, y)
    if text_width(label, LABEL_SIZE) > x.end - x.start - 4:
        label = f"best {value_text(point[1], y.ticks, y.log)}"  # a narrow panel: the ring shows
    wide = text_width(label, LABEL_SIZE)
    drop_line = [(px, py), (px, y.start)]
    left, baseline = _spot(px, py, wide, x, y, [*curves, drop_line])
    halo = Rect(
        left - 3,
        baseline - LABEL_SIZE * ASCENT - 1.5,
        wide + 6,
        LABEL_SIZE * (ASCENT + DESCENT) + 3,
        radius=3.0,
        fill=Fill("bg", 0.85),
        role="annotation",
    )
    drop = Stroke(paint, 1.0, dash=(3.0, 3.0), opacity=0.7)
    return [
        Path((MoveTo((px, py)), LineTo((px, y.start))), stroke=drop, role="annotation"),
        Circle(px, py, 4.5, fill=Fill("bg"), stroke=Stroke(paint, 2.0), role="annotation"),
        halo,
        text(
            left, baseline, label, size=LABEL_SIZE, anchor="start", paint=paint, role="annotation"
        ),
    ]
