"""Groups read from layer names: the stages and blocks a flat Functional model spells out.

Keras Applications are flat Functional models (ResNet50: 177 layers, DenseNet121: 429) whose
structure lives only in their layer names: ``conv2_block1_1_conv``, ``conv2_block1_out`` (stage
``conv2``, block ``conv2_block1``), ``block_1_expand`` (MobileNetV2 block ``block_1``). Without
groups, ``detail: auto`` can only fold repeats, and these models have none; with the groups read
here, it collapses blocks and stages like a PyTorch module tree.

A name splits on ``_`` into a path; every prefix of it (the whole name included) is a candidate
group of the layers whose names start with it. A candidate becomes a group only if it is sound
and meaningful:

- it holds at least :data:`MIN_LAYERS` layers, and not the whole model: a frame around a
  convolution, its batch norm and activation (``conv2_block1_1_…``) costs more room than it
  tells, and folds nothing worth folding;
- its layers are consecutive in the graph's (topological) order, so the group is convex: no path
  leaves it and comes back, and collapsing it to one card keeps the graph acyclic;
- its layers form one connected piece of the graph;
- it is not a family of numbered instances (``block`` over ``block_1``, ``block_2``; ``dense``
  over Keras's ``dense_1``, ``dense_2``): there the numbered prefixes are the groups;
- it holds more than the group it would sit in (``expanded`` and ``expanded_conv``, the same
  layers: one group, labelled by the longer prefix).

Layers named by Keras itself (``conv2d_3``) say nothing about structure and never make a group.
Groups nest by prefix; each is labelled with its prefix.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace

from nnviz_core.ir.graph import Graph, Group

__all__ = ["MIN_LAYERS", "infer_name_groups"]

Prefix = tuple[str, ...]

#: The fewest layers a group read from names holds.
MIN_LAYERS = 4


def infer_name_groups(graph: Graph, unnamed: Collection[str] = ()) -> Graph:
    """``graph`` with groups read from its layer names (see the module docstring).

    A graph that already has groups (nested models) is returned as it is, and so is one whose
    names share no structure. ``unnamed`` are layer names Keras generated, left out.
    """
    if graph.groups:
        return graph
    paths = [_path(node.name, node.name in unnamed) for node in graph.nodes]
    accepted = [p for p in _candidates(paths) if _sound(graph, paths, p)]
    members = {prefix: _members(paths, prefix) for prefix in accepted}
    kept: set[Prefix] = set()
    for prefix in sorted(accepted, key=len):
        parent = _parent(prefix, kept)
        if parent is not None and members[parent] == members[prefix]:
            kept.discard(parent)  # the same layers: the longer, more telling name labels them
        kept.add(prefix)
    if not kept:
        return graph
    taken = {node.id for node in graph.nodes}
    ids = {prefix: _free("_".join(prefix), taken) for prefix in kept}
    groups = tuple(
        Group(ids[p], "block", "_".join(p), _id(ids, _parent(p, kept)))
        for p in sorted(kept, key=lambda p: (min(members[p]), len(p)))
    )
    nodes = tuple(
        replace(node, group=_id(ids, _innermost(path, kept)))
        for node, path in zip(graph.nodes, paths, strict=True)
    )
    return replace(graph, nodes=nodes, groups=groups)


def _path(name: str, generated: bool) -> Prefix:
    """A layer name as a path of ``_``-separated parts (none for a generated name)."""
    if generated:
        return ()
    return tuple(name.split("_"))


def _candidates(paths: Sequence[Prefix]) -> list[Prefix]:
    """Every prefix at least :data:`MIN_LAYERS` layers share, in first-seen order."""
    counts: dict[Prefix, int] = {}
    for path in paths:
        for end in range(1, len(path) + 1):
            if all(path[:end]):  # "a__b" or a trailing "_" give empty parts: no group there
                counts[path[:end]] = counts.get(path[:end], 0) + 1
    return [prefix for prefix, count in counts.items() if count >= MIN_LAYERS]


def _members(paths: Sequence[Prefix], prefix: Prefix) -> tuple[int, ...]:
    """Indices (in graph order) of the layers whose paths start with ``prefix``."""
    size = len(prefix)
    return tuple(i for i, path in enumerate(paths) if path[:size] == prefix)


def _sound(graph: Graph, paths: Sequence[Prefix], prefix: Prefix) -> bool:
    """Whether ``prefix``'s layers make a group (see the module docstring)."""
    inside = _members(paths, prefix)
    if len(inside) < MIN_LAYERS or len(inside) == len(paths):
        return False
    if inside[-1] - inside[0] + 1 != len(inside):
        return False  # not consecutive: another layer sits between, or it is not convex
    if _family(paths, inside, len(prefix)):
        return False
    return _connected(graph, [graph.nodes[i].id for i in inside])


def _family(paths: Sequence[Prefix], inside: Sequence[int], size: int) -> bool:
    """Whether every layer below ``prefix`` continues it with a bare number (``block_1``)."""
    nexts = [paths[i][size] for i in inside if len(paths[i]) > size]
    return bool(nexts) and all(part.isdigit() for part in nexts)


def _connected(graph: Graph, ids: Sequence[str]) -> bool:
    """Whether the layers ``ids`` form one piece, following edges either way among them."""
    wanted = set(ids)
    seen = {ids[0]}
    stack = [ids[0]]
    while stack:
        current = stack.pop()
        for near in (*graph.predecessors(current), *graph.successors(current)):
            if near in wanted and near not in seen:
                seen.add(near)
                stack.append(near)
    return seen == wanted


def _parent(prefix: Prefix, kept: Collection[Prefix]) -> Prefix | None:
    """The longest kept prefix strictly shorter than ``prefix`` that it extends."""
    return _innermost(prefix[:-1], kept)


def _innermost(path: Prefix, kept: Collection[Prefix]) -> Prefix | None:
    """The longest kept prefix of ``path`` (``path`` itself included)."""
    for end in range(len(path), 0, -1):
        if path[:end] in kept:
            return path[:end]
    return None


def _free(wanted: str, taken: set[str]) -> str:
    """``wanted``, or ``wanted~group`` when a layer has that id (a layer named ``Conv_1``
    among ``Conv_1_bn``…): group and layer ids share one namespace in every style."""
    return wanted if wanted not in taken else f"{wanted}~group"


def _id(ids: dict[Prefix, str], prefix: Prefix | None) -> str | None:
    return None if prefix is None else ids[prefix]
