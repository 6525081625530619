"""The best-point mark: a ring on the curve, a dashed drop line, and a haloed label."""

from __future__ import annotations

import math

from nnviz_core.history.data import Series
from nnviz_core.history.scale import Axis
from nnviz_core.history.ticks import loggable
from nnviz_core.scene import Circle, Fill, Item, LineTo, MoveTo, Path, Rect, Stroke, text
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


def best_label(point: tuple[float, float], x_title: str) -> str:
    where = f"{point[0]:g}" if x_title == "epoch" else f"{point[0]:,.0f}"
    return f"best {point[1]:.4g} @ {x_title} {where}"


def best_mark(point: tuple[float, float], paint: str, x_title: str, x: Axis, y: Axis) -> list[Item]:
    """The mark at ``point``; the label sits above the ring (below it near the top), on the side
    with room, over a background-coloured halo so the curves never make it unreadable."""
    px, py = round(x.at(point[0]), 2), round(y.at(point[1]), 2)
    label = best_label(point, x_title)
    if text_width(label, LABEL_SIZE) > x.end - x.start - 4:
        label = f"best {point[1]:.4g}"  # a narrow panel: the ring shows where
    wide = text_width(label, LABEL_SIZE)
    left = px - 4 if px + 4 + wide <= x.end else px + 4 - wide
    left = max(min(left, x.end - wide), x.start + 2)
    baseline = py - 10 if py - 10 - LABEL_SIZE * ASCENT >= y.end else py + 10 + LABEL_SIZE * ASCENT
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
