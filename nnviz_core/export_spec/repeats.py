"""Repeat groups written back as ``repeat: N`` over one iteration, so ×N folding survives.

A repeat folds when it is a plain chain of identical iterations: the first is fed by one layer
outside, each next one only by the last layer of the one before, and the layers after the repeat
use only its last layer; that is exactly what ``{layers: [...], repeat: N}`` means in a spec.
Any other repeat is written as nested groups, which loads into the same network unfolded.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from nnviz_core.export_spec.layers import UNSAFE, Writer, numbered, spec_id
from nnviz_core.ir import Graph, Group, Node

__all__ = ["Fold", "find_fold", "folded_item"]


@dataclass(frozen=True)
class Fold:
    """A foldable repeat: its iterations' nodes, the layer feeding it and its last layer."""

    group: Group
    iterations: tuple[tuple[Node, ...], ...]
    feed: str

    @property
    def last(self) -> str:
        return self.iterations[-1][-1].id

    @property
    def members(self) -> frozenset[str]:
        return frozenset(node.id for nodes in self.iterations for node in nodes)


def _iterations(graph: Graph, group: Group) -> tuple[tuple[Node, ...], ...] | None:
    children = sorted(
        (g for g in graph.groups if g.parent == group.id and g.kind == "iteration"),
        key=lambda g: g.index,
    )
    inside = tuple(graph.members(group.id))
    direct: dict[str | None, list[Node]] = {}  # by group in one pass, not per iteration
    for node in inside:
        direct.setdefault(node.group, []).append(node)
    found = tuple(tuple(direct.get(child.id, ())) for child in children)
    if len(found) < 2 or not all(found) or sum(map(len, found)) != len(inside):
        return None
    return found


def _pattern(graph: Graph, nodes: tuple[Node, ...], feed: str) -> tuple[Any, ...] | None:
    """The iteration's structure: per node, its op, attributes, count and local inputs."""
    position = {node.id: index for index, node in enumerate(nodes)}
    shape: list[Any] = []
    for node in nodes:
        sources = graph.predecessors(node.id)
        if any(s not in position and s != feed for s in sources):
            return None
        local = tuple(position.get(s, -1) for s in sources)
        shape.append((node.op, tuple(node.attrs.items()), node.params, local))
    return tuple(shape)


def find_fold(graph: Graph, group: Group) -> Fold | None:
    """The fold of a repeat group, or ``None`` when it is not a plain chain of iterations."""
    iterations = _iterations(graph, group)
    if iterations is None:
        return None
    members = {node.id for nodes in iterations for node in nodes}
    feeds = {s for n in iterations[0] for s in graph.predecessors(n.id) if s not in members}
    if len(feeds) != 1:
        return None
    feed = next(iter(feeds))
    first = _pattern(graph, iterations[0], feed)
    for before, nodes in itertools.pairwise(iterations):
        if first is None or _pattern(graph, nodes, before[-1].id) != first:
            return None
    fold = Fold(group, iterations, feed)
    outside = (n for n in graph.nodes if n.id not in members)
    for node in outside:
        if any(s in members and s != fold.last for s in graph.predecessors(node.id)):
            return None
    return fold


def _local_ids(fold: Fold) -> dict[str, str]:
    """Ids inside the repeat: each node's id without its iteration's prefix."""
    prefix = f"{fold.iterations[0][0].group}."
    found: dict[str, str] = {fold.feed: "input"}
    taken = {"input"}
    for node in fold.iterations[0]:
        found[node.id] = spec_id(node.id.removeprefix(prefix), node.op, taken)
    return found


def folded_item(fold: Fold, writer: Writer) -> dict[str, Any]:
    """The spec item of a fold; afterwards the repeat's id stands for its last layer."""
    first = fold.iterations[0]
    shared = frozenset(
        node.id
        for index, node in enumerate(first)
        if all(nodes[index].name == node.name for nodes in fold.iterations)
    )
    body = Writer(writer.graph, _local_ids(fold), "input", names=False, layout=writer.layout)
    body.shared_names = shared
    layers = [body.layer(node) for node in first]
    writer.custom.extend(body.custom)
    base = UNSAFE.sub("_", fold.group.id).strip("_") or "repeat"
    spec_id = numbered(base, set(writer.ids.values()))
    item: dict[str, Any] = {"id": spec_id, "label": fold.group.label}
    item["repeat"] = len(fold.iterations)
    if writer.ids[fold.feed] != writer.previous:
        item["inputs"] = [writer.ids[fold.feed]]
    item["layers"] = layers
    writer.ids[fold.last] = spec_id
    writer.previous = spec_id
    return item
