"""Options of the ``lenet`` style, declared once; every host's option table comes from here."""

from __future__ import annotations

from dataclasses import dataclass

from nnviz_core.activations.options import ActivationOptions
from nnviz_core.options import option
from nnviz_core.styles.tensor.options import TensorOptions


@dataclass(frozen=True)
class LenetOptions(ActivationOptions, TensorOptions):
    """Stacked 2D feature maps (NN-SVG LeNet, draw_convnet)."""

    max_maps: int = option(
        8,
        "Most feature maps drawn in one stack (the label gives the true count).",
        minimum=1,
        maximum=64,
    )
    kernels: bool = option(
        True, "Draw each convolution's window on its input with projection lines to its output."
    )
    neurons: int = option(
        12,
        "Draw dense layers of at most this many units as a column of neurons, else as a bar.",
        minimum=0,
        maximum=200,
    )
