"""The fcnn style's options, declared once; every host's option table is generated from them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from nnviz_core.errors import OptionError
from nnviz_core.options import StyleOptions, option
from nnviz_core.theme import is_token

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class FcnnOptions(StyleOptions):
    """NN-SVG's FCNN controls, plus the ones that keep real layer sizes readable."""

    direction: Literal["LR", "TB"] = option(
        "LR", "Flow of the layers: left to right (LR) or top to bottom (TB)."
    )
    node_radius: float = option(10.0, "Radius of a neuron in px.", minimum=2, maximum=50)
    node_spacing: float = option(
        10.0, "Gap between neighbouring neurons of a layer in px.", minimum=0, maximum=200
    )
    layer_spacing: float = option(
        160.0,
        "Distance between neighbouring layers in px; closer when the canvas (`fit`) is "
        "narrower than the drawing.",
        minimum=30,
        maximum=1000,
    )
    max_neurons: int = option(
        12,
        "Most neurons drawn for the largest layer; bigger layers show their first and last "
        "neurons around an ellipsis (true size in the caption), smaller ones are drawn shorter "
        "in proportion to the logarithm of their size. Fewer are drawn when the canvas (`fit`) "
        "has no room for them.",
        minimum=2,
        maximum=200,
    )
    edge_style: Literal["straight", "bezier"] = option(
        "straight", "Draw connections as straight lines or as Bezier curves."
    )
    edge_width: float = option(0.6, "Stroke width of a connection in px.", minimum=0.1, maximum=10)
    edge_opacity: float = option(
        0.55, "Opacity of the connections (0 to 1).", minimum=0.05, maximum=1
    )
    edge_color: str = option("edge", "Colour of the connections: a theme token or #rrggbb.")
    node_color: str = option(
        "category",
        "Neuron fill: `category` (one colour per layer kind, with a legend), `mono` "
        "(NN-SVG's outlined circles), a theme token or #rrggbb.",
    )
    show_bias: bool = option(False, "Draw a +1 bias unit above each layer that feeds a dense one.")
    arrowheads: bool = option(False, "End every connection with an arrowhead.")
    labels: Literal["none", "sizes", "math"] = option(
        "math", "Layer captions: none, the true sizes, or `Hidden Layer ∈ ℝ⁵¹²`."
    )
    activations: bool = option(
        True, "Name each layer's activation, dropout and normalisation under its caption."
    )
    weights: str | None = option(
        None,
        "Show weights on the connections: `random` or `random:<seed>` draws illustrative, "
        "reproducible weights (width and colour follow magnitude and sign).",
    )


def check_paint(name: str, value: str, extra: tuple[str, ...] = ()) -> str:
    """A paint option's value if it is a theme token, ``#rrggbb`` or one of ``extra``."""
    if value in extra or is_token(value) or _HEX.match(value):
        return value
    allowed = " or ".join((*(f"`{word}`" for word in extra), "a theme token", "#rrggbb"))
    raise OptionError(
        f"option {name!r} expects {allowed} (such as 'edge' or '#505050'), got {value!r}"
    )
