"""Smoothing and drawing-resolution downsampling of series.

Downsampling keeps, for each bucket of consecutive points, the lowest and the highest value in
their original order, so spikes and the best value survive while a 100,000-step log draws with a
few thousand points. NaN and inf break a line into runs, which are drawn with gaps between them.
"""

from __future__ import annotations

import math

Point = tuple[float, float]


def ema(values: tuple[float, ...], factor: float) -> tuple[float, ...]:
    """TensorBoard's smoothing: a debiased exponential moving average, so the curve starts at
    the data rather than at zero; non-finite values pass through and do not disturb it."""
    if factor <= 0:
        return values
    smoothed: list[float] = []
    last = 0.0
    count = 0
    for value in values:
        if not math.isfinite(value):
            smoothed.append(value)
            continue
        count += 1
        last = factor * last + (1 - factor) * value
        smoothed.append(last / (1 - factor**count))
    return tuple(smoothed)


def runs(xs: tuple[float, ...], ys: tuple[float, ...], limit: int) -> list[list[Point]]:
    """Unbroken runs of finite points, at most about ``limit`` points in all."""
    if len(xs) <= limit:
        return _split(xs, ys)
    size = math.ceil(len(xs) / max(limit // 2, 1))
    found: list[list[Point]] = [[]]
    for start in range(0, len(xs), size):
        chunk = range(start, min(start + size, len(xs)))
        finite = [index for index in chunk if math.isfinite(ys[index])]
        if finite:
            low = min(finite, key=lambda index: ys[index])
            high = max(finite, key=lambda index: ys[index])
            found[-1].extend((xs[index], ys[index]) for index in sorted({low, high}))
        if len(finite) < len(chunk) and found[-1]:
            found.append([])
    return [run for run in found if run]


def _split(xs: tuple[float, ...], ys: tuple[float, ...]) -> list[list[Point]]:
    found: list[list[Point]] = [[]]
    for x, y in zip(xs, ys, strict=True):
        if math.isfinite(y):
            found[-1].append((x, y))
        elif found[-1]:
            found.append([])
    return [run for run in found if run]
