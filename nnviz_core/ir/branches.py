"""Blocks read from the wiring of a network that names none: the branching stretches between
its bottlenecks (Inception's modules).

A layer is a bottleneck when every path from the inputs to the outputs runs through it: no edge
jumps over it in the graph's (topological) order. Between two bottlenecks the network either
runs in a single chain, which needs no frame, or splits into branches and joins again: an
Inception module, a residual block. Each such stretch becomes a block, labelled by the layer
that closes it (``mixed3``) when its author named it, so ``detail: auto`` can draw the module
as one card instead of its 30 layers. A stretch holding half the network or more frames
nothing and is left open.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection
from dataclasses import replace

from nnviz_core.ir.graph import Graph, Group

__all__ = ["MIN_LAYERS", "branch_blocks"]

#: The fewest layers a block read from the wiring holds (a fork, two branches, a join).
MIN_LAYERS = 4


def branch_blocks(graph: Graph, generated: Collection[str] = ()) -> Graph:
    """``graph`` (one without groups) with each branching stretch between bottlenecks as a
    block; ``generated`` are names nobody chose (``conv2d_7``), never used as labels."""
    if graph.groups or len(graph.nodes) < 2 * MIN_LAYERS:
        return graph
    cuts = _bottlenecks(graph)
    stretches = [(a + 1, b) for a, b in itertools.pairwise(cuts) if b - a > 1]
    taken = {node.id for node in graph.nodes}
    blocks: list[tuple[Group, int, int]] = []
    for start, end in stretches:
        if not MIN_LAYERS <= end - start + 1 <= len(graph.nodes) // 2:
            continue  # too small to frame, or most of the network (NASNet's cells all
            # read from the two cells before them: no bottleneck between them)
        closing = graph.nodes[end]
        named = closing.name not in generated
        label = closing.name if named else f"block {len(blocks) + 1}"
        block_id = label if label not in taken else f"{label}~block"
        taken.add(block_id)
        blocks.append((Group(block_id, "block", label), start, end))
    if not blocks:
        return graph
    owner = {
        graph.nodes[index].id: group.id
        for group, start, end in blocks
        for index in range(start, end + 1)
    }
    nodes = tuple(replace(node, group=owner.get(node.id)) for node in graph.nodes)
    return replace(graph, nodes=nodes, groups=tuple(group for group, _, _ in blocks))


def _bottlenecks(graph: Graph) -> list[int]:
    """Positions of the layers no edge jumps over (the first and last layers included)."""
    order = {node.id: index for index, node in enumerate(graph.nodes)}
    reach = list(range(len(graph.nodes)))
    for edge in graph.edges:
        source, target = order[edge.source], order[edge.target]
        reach[source] = max(reach[source], target)
    found: list[int] = []
    furthest = -1
    for index in range(len(graph.nodes)):
        if furthest <= index:
            found.append(index)
        furthest = max(furthest, reach[index])
    return found
