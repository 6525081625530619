"""The plain data of a training log: named series of (x, y) points on one x axis."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

Axis = Literal["epoch", "step"]

#: The largest magnitude a logged value may have: axes run past the data to round ticks, and
#: that arithmetic overflows beyond about 1e307. No real log comes near (float32 ends at 3.4e38).
LARGEST = 1e300


def too_large(value: float) -> str | None:
    """Why a finite ``value`` cannot be plotted, or ``None`` (NaN and inf are gaps, not errors)."""
    if math.isfinite(value) and abs(value) > LARGEST:
        return f"{value:g}, which is too large to plot (the limit is ±{LARGEST:g})"
    return None


@dataclass(frozen=True)
class Series:
    """One logged quantity as read: x positions and values; NaN and inf stay (drawn as gaps)."""

    name: str
    x: tuple[float, ...]
    y: tuple[float, ...]

    @property
    def bad_points(self) -> int:
        """How many values are NaN or infinite."""
        return sum(1 for value in self.y if not math.isfinite(value))


@dataclass(frozen=True)
class Log:
    """Every series of one training log, and what its x axis counts."""

    source: str
    axis: Axis
    series: tuple[Series, ...]

    def names(self) -> tuple[str, ...]:
        return tuple(item.name for item in self.series)


@dataclass(frozen=True)
class Metric:
    """One panel: a metric with its training and validation series (either may be missing)."""

    name: str
    train: Series | None
    val: Series | None

    @property
    def series(self) -> tuple[Series, ...]:
        return tuple(item for item in (self.train, self.val) if item is not None)
