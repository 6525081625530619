"""Topological order that stays as close to a given order as the edges allow.

A transform that merges layers (a group collapsed to one node) can leave a node before one of
its inputs, or, where other layers run through a group, close a loop. Styles that place layers
by their order (the tensor styles' columns) need every edge to run forward.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence

from nnviz_core.ir.graph import Edge, Node

__all__ = ["topological"]


def topological(nodes: Sequence[Node], edges: Iterable[Edge]) -> tuple[list[Node], set[str]]:
    """``nodes`` ordered so every edge runs forward, earliest given first where free (Kahn's
    algorithm), and the ids left on a loop, which the order leaves out (none for a DAG)."""
    index = {node.id: position for position, node in enumerate(nodes)}
    waiting = dict.fromkeys(index, 0)
    after: dict[str, list[str]] = {node.id: [] for node in nodes}
    for edge in edges:
        if edge.source in index and edge.target in index:
            after[edge.source].append(edge.target)
            waiting[edge.target] += 1
    ready = [position for node_id, position in index.items() if not waiting[node_id]]
    heapq.heapify(ready)
    order: list[Node] = []
    while ready:
        node = nodes[heapq.heappop(ready)]
        order.append(node)
        for target in after[node.id]:
            waiting[target] -= 1
            if not waiting[target]:
                heapq.heappush(ready, index[target])
    return order, {node_id for node_id, count in waiting.items() if count}
