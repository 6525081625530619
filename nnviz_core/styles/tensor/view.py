"""What the tensor styles draw: the graph after hiding, collapsing, folding and merging.

``block`` and ``lenet`` draw one shape per tensor, so layers that do not change their input
(activation, normalisation, dropout) can ride on the block they follow, repeats fold to one
iteration with a "×N" mark, and groups deeper than ``depth`` become one shape.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property

from nnviz_core.ir import Graph, Node
from nnviz_core.ir.transforms import collapse, fold_repeats, visible

#: Categories of layers that keep their input's shape and can merge into the previous block.
INPLACE = frozenset({"activation", "normalization", "dropout"})


@dataclass(frozen=True)
class Repeat:
    """A folded repeat: drawn once, marked ``×count``."""

    label: str
    count: int
    members: tuple[str, ...]


@dataclass(frozen=True)
class TensorView:
    """Visible nodes in topological order, the edges between them, and what was merged where."""

    nodes: tuple[Node, ...]
    edges: tuple[tuple[str, str], ...]
    merged: dict[str, tuple[Node, ...]] = field(default_factory=dict)
    repeats: tuple[Repeat, ...] = ()

    @cached_property
    def _sources(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {node.id: [] for node in self.nodes}
        for source, target in self.edges:
            found[target].append(source)
        return found

    def predecessors(self, node_id: str) -> list[str]:
        return self._sources[node_id]


def _follow(edges: Iterable[tuple[str, str]], alias: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """Edges with merged layers replaced by the block they ride on (no loops, no repeats)."""
    result: dict[tuple[str, str], None] = {}
    for source, target in edges:
        start, end = alias.get(source, source), alias.get(target, target)
        if start != end:
            result[(start, end)] = None
    return tuple(result)


def _mergeable(graph: Graph, node: Node) -> str | None:
    """The node this in-place layer merges into, or ``None``.

    Only a layer with a single input, from a layer it alone consumes, and of the same shape:
    anything else would hide a fork or a shape change.
    """
    preds = graph.predecessors(node.id)
    if node.category not in INPLACE or len(preds) != 1:
        return None
    parent = graph.node(preds[0])
    if parent.category == "input" or len(graph.successors(parent.id)) != 1:
        return None
    if parent.output is not None and node.output is not None and parent.output != node.output:
        return None
    return parent.id


def _repeats(graph: Graph) -> tuple[Repeat, ...]:
    """The folded repeats (each now one iteration), to be marked ×count."""
    found = []
    for group in graph.groups:
        if group.kind == "repeat" and group.count > 1:
            members = tuple(node.id for node in graph.members(group.id))
            found.append(Repeat(group.label, group.count, members))
    return tuple(found)


def tensor_view(
    graph: Graph, *, fold: bool, merge_inplace: bool, depth: int | None = None
) -> TensorView:
    """The drawable view of ``graph`` under the style's options."""
    graph = visible(graph)
    if depth is not None:
        graph = collapse(graph, depth)
    repeats: tuple[Repeat, ...] = ()
    if fold:
        graph = fold_repeats(graph)
        repeats = _repeats(graph)
    edges = tuple((edge.source, edge.target) for edge in graph.edges)
    alias: dict[str, str] = {}
    merged: dict[str, list[Node]] = {}
    if merge_inplace:
        for node in graph.nodes:
            parent = _mergeable(graph, node)
            if parent is not None:
                root = alias.get(parent, parent)  # a chain (BN, ReLU) rides on one block
                merged.setdefault(root, []).append(node)
                alias[node.id] = root
    kept_nodes = tuple(node for node in graph.nodes if node.id not in alias)
    kept_edges = _follow(edges, alias)
    visible_ids = {n.id for n in kept_nodes}
    repeats = tuple(
        replace(r, members=tuple(m for m in r.members if m in visible_ids)) for r in repeats
    )
    return TensorView(
        kept_nodes,
        kept_edges,
        {key: tuple(value) for key, value in merged.items()},
        tuple(r for r in repeats if r.members),
    )
