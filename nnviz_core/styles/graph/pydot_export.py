"""The DOT graph as a ``pydot.Dot``: what ``to_dot`` returns, as Keras ``model_to_dot`` does.

Built from the same :class:`~nnviz_core.dotgraph.DotGraph` the engine and the ``dot`` format
read, so ``to_pydot(dot).to_string()`` is :func:`nnviz_core.dotgraph.full`'s text. Only
``to_dot`` imports this module, so a render never pays for importing pydot.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import pydot

from nnviz_core.dotgraph import Attrs, DotCluster, DotGraph, DotNode, NodePaint

_Element = TypeVar("_Element", bound=pydot.Common)


def to_pydot(dot: DotGraph) -> pydot.Dot:
    """The graph as a ``pydot.Dot``."""
    built = pydot.Dot(dot.name, graph_type="digraph", **dot.attrs.everything())
    built.set_node_defaults(**dot.node_defaults.everything())
    built.set_edge_defaults(**dot.edge_defaults.everything())
    _add_body(built, dot.clusters, dot.nodes, dot.paint)
    for edge in dot.edges:
        attrs = {"weight": str(edge.weight)}
        built.add_edge(_with_attributes(pydot.Edge(edge.tail, edge.head), attrs))
    return built


def _add_body(
    holder: pydot.Graph,
    clusters: tuple[DotCluster, ...],
    nodes: tuple[DotNode, ...],
    paint: Callable[[object], NodePaint],
) -> None:
    for cluster in clusters:
        sub = _with_attributes(pydot.Cluster(cluster.name), cluster.attrs)
        # pydot annotates add_subgraph with Subgraph, but Cluster is its documented argument too.
        holder.add_subgraph(sub)  # type: ignore[arg-type]
        _add_body(sub, cluster.clusters, cluster.nodes, paint)
    for node in nodes:
        attrs = _node_attributes(node, paint(node.source))
        holder.add_node(_with_attributes(pydot.Node(node.name), attrs))


def _node_attributes(node: DotNode, painted: NodePaint) -> Attrs:
    attrs = {"label": painted.label, "shape": node.shape, "width": node.width}
    attrs["height"] = node.height
    if node.group:
        attrs["group"] = node.group
    attrs["fillcolor"] = painted.fill
    attrs["color"] = painted.stroke
    return attrs


def _with_attributes(element: _Element, attrs: Attrs) -> _Element:
    """Attributes set one by one: pydot's constructors mix them with typed keyword parameters."""
    for key, value in attrs.items():
        element.set(key, value)
    return element
