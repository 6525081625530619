"""Captured arrays as small PNG pictures: normalised, colour-mapped, upscaled, bounded.

The normalisation is the documented one (docs/activations.rst), so a reader can tell values
from colours: a layer whose values are all ≥ 0 is drawn in grey, ``t = v / high``; a layer with
negative values in a diverging blue–white–red map, ``t = 1/2 + v / (2 · max|v|)``; ``high`` and
``max|v|`` are the layer's own (``tile_scale: layer``) or every drawn layer's (``shared``).
Colour ``t`` is entry ``round(255 · t)`` of a 256-entry map from ``colorcet`` (perceptually
uniform maps with a published method). Pictures are upscaled by whole pixels (nearest), so
every value stays a crisp square, and written by Pillow with a fixed compression and no
metadata: the same array always gives the same bytes.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal

from nnviz_core.errors import MissingDependencyError

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Array = NDArray[np.float64]

__all__ = ["MAX_SIDE", "TILE_PIXELS", "Range", "colormap", "indices", "map_png", "rgb_png"]

#: A tile is upscaled by whole pixels to at least this many pixels on its longer side.
TILE_PIXELS = 48
#: A map larger than this on a side is averaged down to it first (a 224×224 map gives 112×112).
MAX_SIDE = 112
#: The two colour maps: grey for values ≥ 0, diverging blue–white–red for signed values.
GREY: Final = "gray"
DIVERGING: Final = "coolwarm"


@dataclass(frozen=True)
class Range:
    """The values a colour map spans: ``signed`` ones around 0 up to ``limit`` either way."""

    signed: bool
    limit: float

    @staticmethod
    def of(low: float, high: float) -> Range:
        signed = low < 0
        limit = max(abs(low), abs(high)) if signed else max(high, 0.0)
        return Range(signed, float(limit))

    @property
    def name(self) -> Literal["gray", "coolwarm"]:
        return DIVERGING if self.signed else GREY


def _colorcet() -> object:
    try:
        import colorcet
    except ImportError as missing:
        raise MissingDependencyError("Drawing activations", "activations", "colorcet") from missing
    return colorcet


def colormap(name: str) -> Array:
    """The 256 RGB entries (0–255, as uint8 values) of a colorcet map."""
    import numpy as np

    entries = getattr(_colorcet(), name)
    rows = [[int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)] for hex_colour in entries]
    return np.asarray(rows, dtype=np.uint8)


def indices(values: Array, scale: Range) -> Array:
    """Each value's colour-map entry (0–255) under ``scale``: the documented normalisation."""
    import numpy as np

    values = np.asarray(values, dtype=np.float64)
    if scale.limit <= 0 or not math.isfinite(scale.limit):
        t = np.full(values.shape, 0.5 if scale.signed else 0.0)
    elif scale.signed:
        t = 0.5 + values / (2.0 * scale.limit)
    else:
        t = values / scale.limit
    t = np.nan_to_num(t, nan=0.0)
    return np.clip(np.rint(t * 255.0), 0, 255).astype(np.uint8)  # type: ignore[no-any-return]


def shrunk(values: Array) -> Array:
    """A 2D map averaged down by whole blocks until no side exceeds :data:`MAX_SIDE` (each
    side by its own step, so a column of 4096 units stays one column)."""
    height, width = values.shape
    down = max(1, math.ceil(height / MAX_SIDE))
    across = max(1, math.ceil(width / MAX_SIDE))
    if down == 1 and across == 1:
        return values
    rows, cols = height // down, width // across
    blocks = values[: rows * down, : cols * across].reshape(rows, down, cols, across)
    return blocks.mean(axis=(1, 3))  # type: ignore[no-any-return]


def upscale_factor(height: int, width: int) -> int:
    """How many pixels a value takes on each side of its picture."""
    return max(1, math.ceil(TILE_PIXELS / max(height, width, 1)))


def _png(rgb: Array) -> bytes:
    try:
        from PIL import Image
    except ImportError as missing:
        raise MissingDependencyError("Drawing activations", "activations", "pillow") from missing
    import numpy as np

    height, width = rgb.shape[:2]
    factor = upscale_factor(height, width)
    big = np.repeat(np.repeat(rgb, factor, axis=0), factor, axis=1)
    buffer = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(big, dtype=np.uint8), "RGB").save(
        buffer, format="PNG", compress_level=6, optimize=False
    )
    return buffer.getvalue()


def map_png(values: Array, scale: Range) -> bytes:
    """One 2D map (or a column of units) as a colour-mapped PNG."""
    lut = colormap(scale.name)
    return _png(lut[indices(shrunk(values), scale)])


def rgb_png(image: Array) -> bytes:
    """A 3-channel input (channels first) as the colour picture it is, stretched to 0–1."""
    import numpy as np

    planes = np.stack([shrunk(plane) for plane in image[:3]], axis=-1)
    low, high = float(planes.min()), float(planes.max())
    span = high - low if high > low else 1.0
    return _png(np.clip(np.rint((planes - low) / span * 255.0), 0, 255))
