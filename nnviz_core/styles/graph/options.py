"""Options of the ``graph`` style, declared once; every host's option table comes from here.

Defaults aim at a finished look on a bare render: shapes, key arguments, activations and parameter
counts on, groups drawn as labelled clusters. Names follow Keras ``plot_model`` where it has one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from nnviz_core.activations.options import ActivationOptions
from nnviz_core.options import StyleOptions, option


@dataclass(frozen=True)
class GraphOptions(StyleOptions, ActivationOptions):
    """What the layered-graph cards show and how Graphviz lays them out."""

    show_shapes: bool = option(True, "Show each layer's input → output shape.")
    show_dtype: bool = option(False, "Show each layer's output dtype.")
    show_layer_names: bool = option(True, "Show layer names beside their type.")
    show_layer_activations: bool = option(True, "Show the activation fused into a layer.")
    show_trainable: bool = option(False, "Mark layers with weights as trainable or frozen.")
    show_params: bool = option(True, "Show parameter counts and their share of the total.")
    show_args: bool = option(
        True, "Show key arguments: filters, kernel, strides, units, heads, rates."
    )
    compact_merges: bool = option(
        True, "Draw element-wise merges (add, multiply, …) as small ⊕-style circles."
    )
    rankdir: Literal["TB", "LR", "BT", "RL"] = option(
        "TB", "Direction of the flow: top-bottom, left-right, or reversed."
    )
    expand_nested: bool = option(True, "Draw blocks, repeats and submodels as labelled clusters.")
    fold_fans: int = option(
        16,
        "Draw more than this many interchangeable parallel layers (same inputs, outputs and "
        "settings) as one card marked ×N; 0 draws every one.",
        minimum=0,
        maximum=10_000,
    )
    splines: Literal["spline", "ortho", "polyline", "line", "curved"] = option(
        "spline", "How Graphviz routes edges."
    )
    engine: str = option(
        "auto", "Graphviz command: auto (graphviz-pure, then dot on PATH) or a path to one."
    )
    nodesep: float = option(
        22.0, "Space between cards in the same rank, in pixels.", minimum=4, maximum=400
    )
    ranksep: float = option(
        30.0, "Space between ranks of cards, in pixels.", minimum=8, maximum=400
    )
