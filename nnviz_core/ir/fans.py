"""Wide fans folded: many interchangeable parallel layers kept as one that stands for them all.

Layers are interchangeable when they read the same producers, feed the same consumers and are
alike but for their ids and names: the branches of an ``add`` of N identical ``relu`` layers,
say. Graphviz needs about a minute to lay out 10,000 of them side by side, and a reader gets
nothing from 10,000 equal cards, so the graph style (``fold_fans`` option) draws the first as
one card marked ×N, and the drawing budget counts what it draws. Linear in nodes and edges.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from nnviz_core.ir import Graph, Node


@dataclass(frozen=True)
class Fan:
    """What a kept layer stands for: ``count`` layers, named from its own name to ``last``."""

    count: int
    last: str


def fold_fans(graph: Graph, limit: int) -> tuple[Graph, dict[str, Fan]]:
    """The graph with every set of more than ``limit`` interchangeable layers reduced to its
    first, and the fan each kept layer stands for; ``limit`` 0 folds nothing.

    Such a set shares a producer or a consumer, so a graph where no layer has more than
    ``limit`` inputs or outputs (nearly every network) is returned after counting its edges.
    """
    if limit <= 0 or len(graph.nodes) <= limit:
        return graph, {}
    fan_out = Counter(edge.source for edge in graph.edges)
    fan_in = Counter(edge.target for edge in graph.edges)
    if max(fan_out.values(), default=0) <= limit and max(fan_in.values(), default=0) <= limit:
        return graph, {}
    sources: dict[str, list[tuple[str, int]]] = {}
    targets: dict[str, list[str]] = {}
    for edge in graph.edges:
        sources.setdefault(edge.target, []).append((edge.source, edge.source_port))
        targets.setdefault(edge.source, []).append(edge.target)
    placed: dict[tuple[object, ...], list[Node]] = {}
    for node in graph.nodes:
        ends = (tuple(sources.get(node.id, ())), tuple(targets.get(node.id, ())))
        placed.setdefault(ends, []).append(node)
    fans: dict[str, Fan] = {}
    dropped: set[str] = set()
    for members in placed.values():
        if len(members) > limit:
            _fold_alike(members, limit, fans, dropped)
    if not fans:
        return graph, {}
    nodes = tuple(node for node in graph.nodes if node.id not in dropped)
    edges = tuple(
        edge for edge in graph.edges if edge.source not in dropped and edge.target not in dropped
    )
    return replace(graph, nodes=nodes, edges=edges), fans


def _fold_alike(members: list[Node], limit: int, fans: dict[str, Fan], dropped: set[str]) -> None:
    """Among layers with the same ends, each set of more than ``limit`` drawn alike is kept as
    its first layer, standing for the set (recorded in ``fans``); the others are ``dropped``."""
    alike: dict[tuple[object, ...], list[Node]] = {}
    for node in members:
        alike.setdefault(_card_facts(node), []).append(node)
    for same in alike.values():
        if len(same) > limit:
            fans[same[0].id] = Fan(len(same), same[-1].name)
            dropped.update(node.id for node in same[1:])


def _card_facts(node: Node) -> tuple[object, ...]:
    """Everything of a layer but its id, name and source location."""
    return (
        node.op,
        node.category,
        repr(tuple(node.attrs.items())),  # repr tells 1, 1.0 and True apart
        node.inputs,
        node.outputs,
        node.params,
        node.non_trainable_params,
        node.trainable,
        node.activation,
        node.group,
        node.display,
    )
