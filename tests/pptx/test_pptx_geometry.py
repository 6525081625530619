"""Curve flattening behind the PowerPoint backend."""

from __future__ import annotations

import itertools
import math

from nnviz_core.backends.pptx.geometry import FLATNESS, flatten
from nnviz_core.scene import Close, CurveTo, LineTo, MoveTo


def _cubic(t: float, p: list[tuple[float, float]]) -> tuple[float, float]:
    u = 1 - t
    weights = (u**3, 3 * u * u * t, 3 * u * t * t, t**3)
    return (
        sum(w * q[0] for w, q in zip(weights, p, strict=True)),
        sum(w * q[1] for w, q in zip(weights, p, strict=True)),
    )


def _distance_to_polyline(
    point: tuple[float, float], line: tuple[tuple[float, float], ...]
) -> float:
    best = math.inf
    for a, b in itertools.pairwise(line):
        dx, dy = b[0] - a[0], b[1] - a[1]
        t = max(
            0.0, min(1.0, ((point[0] - a[0]) * dx + (point[1] - a[1]) * dy) / (dx * dx + dy * dy))
        )
        best = min(best, math.dist(point, (a[0] + t * dx, a[1] + t * dy)))
    return best


def test_curves_flatten_within_a_fraction_of_a_pixel() -> None:
    control = [(0.0, 0.0), (0.0, 200.0), (300.0, -100.0), (300.0, 150.0)]
    [sub] = flatten((MoveTo(control[0]), CurveTo(control[1], control[2], control[3])))
    assert sub.points[0] == control[0] and sub.points[-1] == control[3]
    worst = max(_distance_to_polyline(_cubic(i / 400, control), sub.points) for i in range(401))
    assert worst < FLATNESS * 2
    assert len(sub.points) < 80  # fine, not wasteful


def test_subpaths_and_close() -> None:
    segments = (
        MoveTo((0, 0)),
        LineTo((10, 0)),
        LineTo((10, 10)),
        Close(),
        MoveTo((20, 0)),
        LineTo((30, 0)),
    )
    first, second = flatten(segments)
    assert first.closed and first.points == ((0, 0), (10, 0), (10, 10))
    assert not second.closed and second.points == ((20, 0), (30, 0))
