"""Whether a style can draw a graph within the limits, checked once between loading and layout.

A spec may expand to 100,000 layers, but no style draws that many in seconds and under 1 GB:
the layers a style would draw (after ``depth`` and ``fold_repeats``) are counted first, and a
graph past the style's limit is refused with the options that shrink it, before any work.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from nnviz_core.errors import LimitError
from nnviz_core.ir import Graph, Node
from nnviz_core.ir.fans import fold_fans
from nnviz_core.ir.transforms import collapse, fold_repeats, group_depth
from nnviz_core.limits import MAX_DRAWN_CONNECTIONS, drawn_layer_limit

__all__ = ["check_drawable", "drawn_nodes"]


def drawn_nodes(graph: Graph, depth: int | None, fold: bool, fans: int = 0) -> Sequence[Node]:
    """The layers a style draws: deeper groups collapsed, repeats folded, hidden ones left out,
    and wide fans of more than ``fans`` interchangeable layers kept as one (the graph style's
    ``fold_fans``)."""
    if depth is not None:
        graph = collapse(graph, depth)
    if fold:
        graph = fold_repeats(graph)
    if fans:
        graph, _ = fold_fans(graph, fans)
    return [node for node in graph.nodes if not node.display.hidden]


def check_drawable(graph: Graph, style: str, options: Any) -> None:
    """Raise a :class:`LimitError` naming the fix if ``style`` would draw too much of ``graph``."""
    limit = drawn_layer_limit(style)
    connections = MAX_DRAWN_CONNECTIONS.get(style)
    if len(graph.nodes) <= limit and connections is None:
        return  # nothing to count: the transforms only ever remove layers
    depth = getattr(options, "depth", None)
    fold = bool(getattr(options, "fold_repeats", False))
    nodes = drawn_nodes(graph, depth, fold, int(getattr(options, "fold_fans", 0)))
    if len(nodes) > limit:
        raise LimitError(
            f"the {style} style draws at most {limit:,} layers, and this network shows "
            f"{len(nodes):,}; {_fix(graph, depth, fold, limit)}",
            nodes[limit].location,
        )
    if connections is not None:
        _check_connections(graph, nodes, style, connections, getattr(options, "max_neurons", 0))


def _fix(graph: Graph, depth: int | None, fold: bool, limit: int) -> str:
    """The options that bring the drawing within ``limit`` layers, or the advice to split it."""
    fixes = []
    if not fold and any(group.kind == "repeat" for group in graph.groups):
        count = len(drawn_nodes(graph, depth, True))
        if count <= limit:
            fixes.append(f"draw each repeat once with `fold_repeats: true` ({count:,} layers)")
    deepest = max((group_depth(graph, group) for group in graph.groups), default=0)
    fitting = _deepest_fitting(
        graph, min(deepest, depth if depth is not None else deepest), fold, limit
    )
    if fitting is not None:
        count = len(drawn_nodes(graph, fitting, fold))
        fixes.append(f"collapse nested groups with `depth: {fitting}` ({count:,} layers)")
    if not fixes:
        return "draw a part of the network (one block or stage) in each diagram"
    return ", or ".join(fixes)


def _deepest_fitting(graph: Graph, below: int, fold: bool, limit: int) -> int | None:
    """The largest ``depth`` under ``below`` whose drawing fits (layer counts grow with depth)."""
    low, high, found = 0, below - 1, None
    while low <= high:
        middle = (low + high) // 2
        if len(drawn_nodes(graph, middle, fold)) <= limit:
            found, low = middle, middle + 1
        else:
            high = middle - 1
    return found


def _check_connections(
    graph: Graph, nodes: Sequence[Node], style: str, limit: int, max_neurons: int
) -> None:
    """Neuron-to-neuron connections, counted as the column sizes the style draws multiply."""
    drawn = {node.id: _column(node, max_neurons) for node in nodes}
    total = 0
    for edge in graph.edges:
        total += drawn.get(edge.source, 0) * drawn.get(edge.target, 0)
        if total > limit:
            raise LimitError(
                f"the {style} style draws at most {limit:,} connections between neurons, and "
                f"this network needs more; lower `max_neurons` (now {max_neurons}) or draw "
                "fewer layers (`depth`, `fold_repeats`)",
                graph.node(edge.target).location,
            )


def _column(node: Node, max_neurons: int) -> int:
    size = node.output.size if node.output is not None else None
    return min(size or 1, max_neurons) if max_neurons else 1
