"""Options of the ``block`` style, declared once; every host's option table comes from here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from nnviz_core.activations.options import ActivationOptions
from nnviz_core.options import option
from nnviz_core.styles.tensor.options import TensorOptions


@dataclass(frozen=True)
class BlockOptions(ActivationOptions, TensorOptions):
    """Shaded 3D blocks: one per tensor, sized by its shape."""

    min_thickness: float = option(
        4.0, "Thinnest drawn channel axis, in pixels.", minimum=1, maximum=100
    )
    max_thickness: float = option(
        44.0, "Drawn thickness of the widest channel count, in pixels.", minimum=2, maximum=300
    )
    angle: float = option(
        40.0,
        "Angle of the receding depth axis, in degrees (0 draws flat boxes).",
        minimum=0,
        maximum=80,
    )
    opacity: float = option(
        0.9, "Opacity of block faces; below 1 the hidden edges show dashed.", minimum=0.1, maximum=1
    )
    dims: Literal["edges", "text", "none"] = option(
        "edges", "Tensor dimensions on the block edges, as one 56×56×64 line, or not at all."
    )
    bands: bool = option(True, "Draw merged in-place layers as thin coloured bands on their block.")
    kernels: bool = option(
        False, "Draw each convolution's kernel as a pyramid from its input block."
    )
