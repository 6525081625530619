"""Axes of one panel: the value range, round ticks, and the mapping from values to pixels."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from nnviz_core.history.ticks import flat, integer_ticks, labels, log_ticks, nice_ticks

MAX_LOG_TICKS = 6
#: A linear y axis runs on to a round tick this close past the data (a share of its span) ...
NEAR_TICK = 0.08
#: ... and otherwise stops this far past the data.
PAD = 0.04


@dataclass(frozen=True)
class Axis:
    """A value range drawn from pixel ``start`` to ``end`` (``end < start`` for y)."""

    low: float
    high: float
    ticks: tuple[float, ...]
    labels: tuple[str, ...]
    log: bool = False
    start: float = 0.0
    end: float = 1.0

    def _f(self, value: float) -> float:
        return math.log10(value) if self.log else value

    def at(self, value: float) -> float:
        """The pixel position of ``value``."""
        span = self._f(self.high) - self._f(self.low)
        share = (self._f(value) - self._f(self.low)) / span if span else 0.5
        return self.start + share * (self.end - self.start)

    def placed(self, start: float, end: float) -> Axis:
        return replace(self, start=start, end=end)

    def thinned(self, room: Callable[[str, str], float]) -> Axis:
        """Every k-th tick only, the smallest k at which neighbouring labels keep apart;
        ``room(a, b)`` is the distance two neighbouring labels need between their anchors."""
        for step in range(1, len(self.ticks) + 1):
            ticks, labels = self.ticks[::step], self.labels[::step]
            if all(
                abs(self.at(b) - self.at(a)) >= room(la, lb)
                for a, b, la, lb in zip(ticks, ticks[1:], labels, labels[1:], strict=False)
            ):
                return replace(self, ticks=ticks, labels=labels)
        return self


def finite(values: Iterable[float]) -> list[float]:
    return [value for value in values if math.isfinite(value)]


def y_axis(values: list[float], log: bool, count: int) -> Axis:
    """An axis over the data: it ends on a round tick when one is near, else just past the data
    (curves fill the panel), and a ratio (every value in 0–1, accuracy) never runs past 0 or 1."""
    if not values:
        low, high = (1.0, 10.0) if log else (0.0, 1.0)
    else:
        low, high = min(values), max(values)
    if log:
        ticks = log_ticks(low, high)
        step = max(1, math.ceil(len(ticks) / MAX_LOG_TICKS))
        shown = ticks[::step]
        if shown[-1] < high:
            shown = (*shown, ticks[-1])
        return Axis(ticks[0], ticks[-1], shown, labels(shown, log=True), log=True)
    ticks = nice_ticks(low, high, count)
    span = high - low
    if span <= abs(high) * 1e-9 or flat(low, high) or not values:  # a flat line: mid-ticks
        return Axis(ticks[0], ticks[-1], ticks, labels(ticks))
    bottom = ticks[0] if low - ticks[0] <= NEAR_TICK * span else low - PAD * span
    top = ticks[-1] if ticks[-1] - high <= NEAR_TICK * span else high + PAD * span
    if low >= 0.0 and high <= 1.0:
        bottom, top = max(bottom, 0.0), min(top, 1.0)
    inside = _within(ticks, bottom, top, span)
    for more in (1, 2, 3):  # the trimmed ends took ticks away: finer ones over the kept range
        if len(inside) >= 3:
            break
        inside = _within(nice_ticks(bottom, top, count + more), bottom, top, span)
    return Axis(bottom, top, inside, labels(inside))


def _within(ticks: tuple[float, ...], bottom: float, top: float, span: float) -> tuple[float, ...]:
    return tuple(tick for tick in ticks if bottom - 1e-9 * span <= tick <= top + 1e-9 * span)


def x_axis(values: list[float], whole: bool, count: int) -> Axis:
    """The data's own range, with round ticks inside it (epochs get whole-number ticks)."""
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    if high == low:
        low, high = low - 1, high + 1
    ticks = integer_ticks(low, high, count) if whole else nice_ticks(low, high, count)
    inside = tuple(tick for tick in ticks if low - 1e-9 <= tick <= high + 1e-9)
    return Axis(low, high, inside, labels(inside))
