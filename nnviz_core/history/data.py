"""The plain data of a training log: named series of (x, y) points on one x axis."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

Axis = Literal["epoch", "step"]


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
