"""Captured arrays turned into the pictures a style places: tiles per layer, kernels, input.

A style receives these as data (:class:`Pictures`, keyed by node id) and only decides where
they go; what a tile shows and how its colours are scaled is decided here, once per diagram.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from nnviz_core.activations.tiles import Range, map_png, rgb_png

if TYPE_CHECKING:  # NumPy comes with the framework that ran the model, not with nnviz
    import numpy as np
    from numpy.typing import NDArray

    Array = NDArray[np.float64]

__all__ = ["Captured", "LayerPictures", "Pictures", "Tile", "pictures"]

Kind = Literal["maps", "vector", "image", "kernels"]
#: At most this many PNG bytes in one diagram (every tile together); more is an error that
#: names the ``tiles`` option, so a page never silently carries megabytes of pictures.
MAX_BYTES = 3 * 2**20


@dataclass(frozen=True)
class Captured:
    """One forward pass: each drawn layer's output (batch dropped) and the first layer's
    kernels (out, in, kh, kw), by node id; ``input`` names the input node."""

    values: Mapping[str, Array]
    kernels: Mapping[str, Array] = field(default_factory=dict)
    input: str = ""


@dataclass(frozen=True)
class Tile:
    """One picture: a channel's map, a vector's units, the input image or a kernel."""

    png: bytes = field(repr=False)
    channel: int
    low: float
    high: float

    def tip(self, kind: Kind) -> str:
        """What the tile shows, for viewers that enlarge it: ``channel 3 · -0.42 … 1.7``."""
        noun = {"kernels": "kernel", "vector": "units", "image": "input"}.get(kind, "channel")
        index = "" if kind in ("vector", "image") else f" {self.channel}"
        return f"{noun}{index} · {self.low:.3g} … {self.high:.3g}"


@dataclass(frozen=True)
class LayerPictures:
    """A layer's tiles, in channel order, and how many channels it has in all."""

    kind: Kind
    tiles: tuple[Tile, ...]
    total: int
    #: A vector's units as one row (its tile is one column), for pictures laid across.
    across: Tile | None = None

    @property
    def more(self) -> int:
        """Channels not drawn as tiles."""
        return self.total - len(self.tiles)


@dataclass(frozen=True)
class Pictures:
    """Everything a style draws of one forward pass, by node id."""

    layers: Mapping[str, LayerPictures]
    kernels: Mapping[str, LayerPictures] = field(default_factory=dict)

    def of(self, node_id: str, merged: tuple[str, ...] = ()) -> LayerPictures | None:
        """The pictures of a drawn tensor: the last in-place layer riding on it, if captured
        (a convolution drawn with its ReLU shows what flows on), else the node's own."""
        for key in (*reversed(merged), node_id):
            if key in self.layers:
                return self.layers[key]
        return None

    @property
    def digest(self) -> str:
        """A hash of every picture, for hosts' caches."""
        hashed = hashlib.sha256()
        for table in (self.layers, self.kernels):
            for key in sorted(table):
                hashed.update(key.encode("utf-8", "surrogatepass"))
                for tile in table[key].tiles:
                    hashed.update(tile.png)
        return hashed.hexdigest()


def pictures(
    captured: Captured, count: int, scale: Literal["layer", "shared"], weights: bool
) -> Pictures:
    """Tiles of the first ``count`` channels of every captured layer (and, with ``weights``,
    of the first layer's kernels), colour-scaled per layer or across every layer."""
    shared = _shared(captured) if scale == "shared" else None
    layers: dict[str, LayerPictures] = {}
    for key, values in captured.values.items():
        drawn = _layer(values, count, shared, key == captured.input)
        if drawn is not None:
            layers[key] = drawn
    kernels = {}
    if weights:
        for key, weight in captured.kernels.items():
            kernels[key] = _kernels(weight, count)
    found = Pictures(layers, kernels)
    _check_size(found, count)
    return found


def _shared(captured: Captured) -> tuple[float, float]:
    arrays = [v for k, v in captured.values.items() if k != captured.input and v.size]
    if not arrays:
        return 0.0, 0.0
    return min(float(v.min()) for v in arrays), max(float(v.max()) for v in arrays)


def _range(values: Array, shared: tuple[float, float] | None) -> Range:
    low, high = shared if shared is not None else (float(values.min()), float(values.max()))
    return Range.of(low, high)


def _tile(png: bytes, channel: int, values: Array) -> Tile:
    return Tile(png, channel, float(values.min()), float(values.max()))


def _layer(
    values: Array, count: int, shared: tuple[float, float] | None, is_input: bool
) -> LayerPictures | None:
    import numpy as np

    if not values.size or not np.isfinite(values).all():
        return None
    if values.ndim == 1:
        scale = _range(values, None if is_input else shared)
        column = _tile(map_png(values[:, None], scale), 0, values)
        row = _tile(map_png(values[None, :], scale), 0, values)
        return LayerPictures("vector", (column,), 1, row)
    if values.ndim == 2:
        values = values[None]
    if values.ndim != 3:
        return None
    if is_input and values.shape[0] == 3:
        return LayerPictures("image", (_tile(rgb_png(values), 0, values),), 3)
    scale = _range(values, None if is_input else shared)
    shown = range(min(count, values.shape[0]))
    tiles = tuple(_tile(map_png(values[c], scale), c, values[c]) for c in shown)
    return LayerPictures("maps", tiles, int(values.shape[0]))


def _kernels(weight: Array, count: int) -> LayerPictures:
    """Each output channel's kernel over its first input channel, on one signed scale."""
    planes = weight[:, 0] if weight.ndim == 4 else weight
    scale = Range(True, float(abs(planes).max()))
    shown = range(min(count, planes.shape[0]))
    tiles = tuple(_tile(map_png(planes[c], scale), c, planes[c]) for c in shown)
    return LayerPictures("kernels", tiles, int(planes.shape[0]))


def _check_size(found: Pictures, count: int) -> None:
    from nnviz_core.errors import OptionError

    total = sum(
        len(tile.png)
        for table in (found.layers, found.kernels)
        for layer in table.values()
        for tile in layer.tiles
    )
    if total > MAX_BYTES:
        raise OptionError(
            f"activations: the pictures would take {total / 2**20:.1f} MiB, over the "
            f"{MAX_BYTES // 2**20} MiB a diagram may carry; draw fewer tiles (tiles: "
            f"{max(1, count // 2)}) or a smaller example input"
        )
