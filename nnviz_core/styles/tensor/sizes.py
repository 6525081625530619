"""How big a tensor is drawn: ``log``, ``sqrt`` or ``linear`` scaling between clamps.

Each axis is scaled against the largest value of its kind in the diagram, so the biggest
feature map is always ``max_size`` pixels and a 3-channel input still reads next to 2048.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from nnviz_core.ir import TensorSpec

Scale = Literal["log", "sqrt", "linear"]

#: The channel axis is never scaled by a log: log2(65) / log2(1025) draws 64 channels at 60% of
#: 1024 and the two blocks look alike. ``log`` draws channels by their square root instead
#: (64 is a quarter of 1024), which still keeps a 3-channel input visible next to 2048.
CHANNEL_SCALE: dict[Scale, Scale] = {"log": "sqrt", "sqrt": "sqrt", "linear": "linear"}
#: Channel counts are drawn against at least this many: in a diagram whose widest map has 16
#: channels, 16 is not drawn as thick as a 1024-channel stage would be (nor 1 channel as a cube).
CHANNEL_TOP_FLOOR = 64


def _curve(scale: Scale, value: float) -> float:
    if scale == "log":
        return math.log2(1.0 + value)
    if scale == "sqrt":
        return math.sqrt(value)
    return value


@dataclass(frozen=True)
class Scaler:
    """Maps a dimension to pixels: ``high`` at ``top``, never below ``low``."""

    scale: Scale
    low: float
    high: float
    top: float

    def __call__(self, value: int | None) -> float:
        if value is None or value <= 0 or self.top <= 0:
            return self.low
        share = _curve(self.scale, value) / _curve(self.scale, self.top)
        return max(self.low, min(self.high, self.high * share))


@dataclass(frozen=True)
class Extents:
    """Channels, spatial and vector maxima over the tensors of a diagram."""

    channels: int
    spatial: int
    vector: int

    @classmethod
    def of(cls, specs: Iterable[TensorSpec | None]) -> Extents:
        channels = spatial = vector = 1
        for spec in specs:
            if spec is None:
                continue
            dims = [d for d in spec.shape if d is not None]
            if spec.rank == 1 and dims:
                vector = max(vector, dims[0])
            elif spec.rank >= 2 and spec.shape[0] is not None:
                channels = max(channels, spec.shape[0])
                spatial = max([spatial, *[d for d in spec.shape[1:] if d is not None]])
        return cls(channels, spatial, vector)


def spatial_dims(spec: TensorSpec | None) -> tuple[int | None, int | None]:
    """Height and width of a tensor (width ``None`` for sequences and vectors)."""
    if spec is None or spec.rank == 0:
        return None, None
    if spec.rank == 1:
        return spec.shape[0], None
    if spec.rank == 2:
        return spec.shape[1], None
    return spec.shape[-2], spec.shape[-1]


def channels(spec: TensorSpec | None) -> int | None:
    """Channels of a feature map (``None`` for vectors)."""
    return spec.shape[0] if spec is not None and spec.rank >= 2 else None
