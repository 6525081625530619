"""The ``fcnn`` style: neurons in columns with their connections, NN-SVG's FCNN look.

Unlike NN-SVG it stays small and readable at real layer sizes (big layers are elided around an
ellipsis, with their true size in the caption), draws branches side by side, summarises the
non-dense parts of a network as labelled boxes, and is deterministic, weights included.
"""

from __future__ import annotations

from nnviz_core.ir import Graph
from nnviz_core.scene import Scene

from .fit import fitted
from .options import FcnnOptions, check_paint
from .regions import make_plan
from .weights import parse

__all__ = ["STYLE", "FcnnOptions", "FcnnStyle"]


class FcnnStyle:
    """Fully connected layers as columns of neurons."""

    name = "fcnn"
    description = (
        "Fully connected neurons and their connections (NN-SVG's FCNN look) for MLPs and "
        "dense heads; other parts are summarised as labelled boxes."
    )
    options = FcnnOptions

    def cards(self, graph: Graph, options: FcnnOptions) -> int:
        """What ``detail: auto`` counts: columns of neurons and summary boxes, not layers (a
        ResNet's convolutions are one box already; collapsing groups would only add boxes)."""
        plan = make_plan(graph, options)
        return len(plan.columns) + len(plan.boxes)

    def layout(self, graph: Graph, options: FcnnOptions) -> Scene:
        check_paint("edge_color", options.edge_color)
        check_paint("node_color", options.node_color, ("category", "mono"))
        weights = parse(options.weights)
        return fitted(graph, make_plan(graph, options), options, weights)


STYLE = FcnnStyle()
