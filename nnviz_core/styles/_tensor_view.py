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


def _reconnect(
    nodes: Iterable[Node], edges: Iterable[tuple[str, str]], alias: dict[str, str | None]
) -> tuple[tuple[Node, ...], tuple[tuple[str, str], ...]]:
    """Drop aliased nodes; edges follow aliases (``None`` = removed, bridged to its inputs)."""
    sources: dict[str, list[str]] = {}
    for source, target in edges:
        sources.setdefault(target, []).append(source)

    def resolve(node_id: str, seen: frozenset[str] = frozenset()) -> list[str]:
        if node_id not in alias:
            return [node_id]
        target = alias[node_id]
        if target is not None:
            return resolve(target, seen | {node_id})
        found: list[str] = []
        for source in sources.get(node_id, []):
            if source not in seen:
                found += resolve(source, seen | {node_id})
        return found

    kept = tuple(node for node in nodes if node.id not in alias)
    result: dict[tuple[str, str], None] = {}
    for source, target in edges:
        if target in alias and alias[target] is None:
            continue
        ends = resolve(target)
        for start in resolve(source):
            for end in ends:
                if start != end:
                    result[(start, end)] = None
    return kept, tuple(result)


def _mergeable(graph: Graph, node: Node, kept: set[str]) -> str | None:
    """The node this in-place layer merges into, or ``None``."""
    preds = [p for p in graph.predecessors(node.id) if p in kept]
    if node.category not in INPLACE or len(preds) != 1 or len(graph.predecessors(node.id)) != 1:
        return None
    parent = graph.node(preds[0])
    if parent.category == "input" or len(graph.successors(parent.id)) != 1:
        return None
    if parent.output is not None and node.output is not None and parent.output != node.output:
        return None
    return parent.id


def _repeats(graph: Graph) -> tuple[Repeat, ...]:
    """Repeats still holding several iterations' worth of count after folding: drawn ×N."""
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
    alias: dict[str, str | None] = {}
    merged: dict[str, list[Node]] = {}
    if merge_inplace:
        kept = {n.id for n in graph.nodes}
        for node in graph.nodes:
            parent = _mergeable(graph, node, kept)
            if parent is not None:
                root = alias.get(parent) or parent
                merged.setdefault(root, []).append(node)
                alias[node.id] = root
    kept_nodes, kept_edges = _reconnect(graph.nodes, edges, alias)
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
