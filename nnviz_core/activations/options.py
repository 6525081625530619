"""The activation options, declared once; the ``lenet`` and ``block`` styles take them.

``pictures`` is no option: it is what the forward pass gave, attached by the core before the
style lays out (:func:`nnviz_core.activations.observed`), so the style receives it as data. It
is hidden from every host's option table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from nnviz_core.activations.pictures import Pictures
from nnviz_core.options import option


@dataclass(frozen=True)
class ActivationOptions:
    """Real feature maps and weights of a trained model, drawn where its layers are."""

    activations: bool = option(
        False,
        "Run the model once on `example_input` and draw each layer's real output: feature "
        "maps as tiles, dense layers as a strip, the input as itself (needs a model with "
        "weights, not a YAML spec).",
    )
    example_input: str | None = option(
        None,
        "What `activations` runs the model on: an image file (scaled to 0–1 and resized to "
        "the input), a .npy array, or an import path pkg.module:sample (an array or a "
        "function returning one).",
    )
    weights: bool = option(
        False, "Also draw the first convolution's kernels as tiles (needs a model with weights)."
    )
    tiles: int = option(
        6,
        "Most channels of one layer drawn as tiles; the rest are counted (+ 58 more).",
        minimum=1,
        maximum=16,
    )
    tile_scale: Literal["layer", "shared"] = option(
        "layer",
        "Colour scale of the tiles: each layer's own value range, or one range shared by "
        "every layer (the input keeps its own).",
    )
    pictures: Pictures | None = field(
        default=None, compare=False, repr=False, metadata={"internal": True}
    )
