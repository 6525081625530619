"""What the tensor styles draw: the graph after hiding, collapsing, folding and merging.

``block`` and ``lenet`` draw one shape per tensor, so layers that do not change their input
(activation, normalisation, dropout) can ride on the block they follow, repeats fold to one
iteration with a "×N" mark, and groups deeper than ``depth`` become one shape.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from nnviz_core.ir import Graph, Node
from nnviz_core.ir.graph import Display

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

    def predecessors(self, node_id: str) -> list[str]:
        return [source for source, target in self.edges if target == node_id]


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


def _iteration(graph: Graph, node: Node, repeat_id: str) -> tuple[int, str] | None:
    for group in graph.group_chain(node):
        if group.kind == "iteration" and group.parent == repeat_id:
            return group.index, group.id
    return None


def _fold(graph: Graph) -> tuple[dict[str, str | None], tuple[Repeat, ...]]:
    """Alias every node of iterations after the first to its twin in the first iteration."""
    alias: dict[str, str | None] = {}
    repeats: list[Repeat] = []
    for group in graph.groups:
        if group.kind != "repeat" or group.count < 2:
            continue
        by_iteration: dict[int, list[str]] = {}
        for node in graph.members(group.id):
            found = _iteration(graph, node, group.id)
            if found is not None:
                by_iteration.setdefault(found[0], []).append(node.id)
        first = by_iteration.get(0, [])
        for index, members in by_iteration.items():
            if index > 0 and len(members) == len(first):
                alias.update({member: twin for member, twin in zip(members, first, strict=False)})
        repeats.append(Repeat(group.label, group.count, tuple(first)))
    return alias, tuple(repeats)


def _collapse(graph: Graph, depth: int) -> tuple[dict[str, str | None], dict[str, Node]]:
    """Groups nested deeper than ``depth`` become their last node, labelled with the group."""
    alias: dict[str, str | None] = {}
    replaced: dict[str, Node] = {}
    members: dict[str, list[Node]] = {}
    for node in graph.nodes:
        chain = [g for g in graph.group_chain(node) if g.kind != "iteration"]
        if len(chain) > depth:
            members.setdefault(chain[depth].id, []).append(node)
    for group_id, nodes in members.items():
        last = nodes[-1]
        kinds = Counter(n.category for n in nodes if n.category not in INPLACE)
        category = kinds.most_common(1)[0][0] if kinds else last.category
        label = graph.group(group_id).label
        replaced[last.id] = replace(
            last, category=category, display=Display(label=label, color=last.display.color)
        )
        alias.update({node.id: last.id for node in nodes[:-1]})
    return alias, replaced


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


def tensor_view(
    graph: Graph, *, fold: bool, merge_inplace: bool, depth: int | None = None
) -> TensorView:
    """The drawable view of ``graph`` under the style's options."""
    edges = tuple((edge.source, edge.target) for edge in graph.edges)
    alias: dict[str, str | None] = {n.id: None for n in graph.nodes if n.display.hidden}
    replaced: dict[str, Node] = {}
    if depth is not None:
        collapsed, replaced = _collapse(graph, depth)
        alias.update(collapsed)
    repeats: tuple[Repeat, ...] = ()
    if fold:
        folded, repeats = _fold(graph)
        alias.update({k: v for k, v in folded.items() if k not in alias})
    merged: dict[str, list[Node]] = {}
    if merge_inplace:
        kept = {n.id for n in graph.nodes if n.id not in alias}
        owner: dict[str, str] = {}
        for node in graph.nodes:
            if node.id in alias:
                continue
            parent = _mergeable(graph, node, kept)
            if parent is not None:
                root = owner.get(parent, parent)
                owner[node.id] = root
                merged.setdefault(root, []).append(node)
                alias[node.id] = root
    nodes = tuple(replaced.get(n.id, n) for n in graph.nodes)
    kept_nodes, kept_edges = _reconnect(nodes, edges, alias)
    visible = {n.id for n in kept_nodes}
    repeats = tuple(
        replace(r, members=tuple(m for m in r.members if m in visible)) for r in repeats
    )
    return TensorView(
        kept_nodes,
        kept_edges,
        {key: tuple(value) for key, value in merged.items()},
        tuple(r for r in repeats if r.members),
    )
