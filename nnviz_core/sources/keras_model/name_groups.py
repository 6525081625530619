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

Layers named by Keras itself (``conv2d_3``) say nothing about structure and never make a group,
but a merge that directly follows a named layer and takes its output belongs with it: ConvNeXt's
residual ``add`` after ``…_block_0_identity`` closes that block. A prefix every layer but the
inputs shares is the model's own name (``convnext_tiny_…``), not a part of it: no group, and the
labels below it leave it out (``stage_0_block_1``). Groups nest by prefix; each is labelled with
its prefix.

Nested models (ConvNeXt's ``stem`` and ``downsampling_block_N`` are ``Sequential`` layers) keep
their own groups: each counts as one piece named by its label, and goes inside the groups read
around it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace

from nnviz_core.ir.graph import Graph, Group, Node

__all__ = ["MIN_LAYERS", "infer_name_groups"]

Prefix = tuple[str, ...]

#: The fewest layers a group read from names holds.
MIN_LAYERS = 4


def infer_name_groups(graph: Graph, unnamed: Collection[str] = ()) -> Graph:
    """``graph`` with groups read from its layer names (see the module docstring).

    A graph whose names share no structure is returned as it is. ``unnamed`` are layer names
    Keras generated, left out (unless they close the named layer before them).
    """
    tops = {node.id: graph.group_chain(node)[0] for node in graph.nodes if node.group}
    paths = _adopted(graph, [_layer_path(node, tops, unnamed) for node in graph.nodes])
    model = _model_prefix(graph, paths)
    nested = {_members_of(graph, tops, group) for group in set(tops.values())}
    accepted = [
        p
        for p in _candidates(paths)
        if len(p) > len(model) and _members(paths, p) not in nested and _sound(graph, paths, p)
    ]
    members = {prefix: _members(paths, prefix) for prefix in accepted}
    kept: set[Prefix] = set()
    for prefix in sorted(accepted, key=len):
        parent = _parent(prefix, kept)
        if parent is not None and members[parent] == members[prefix]:
            kept.discard(parent)  # the same layers: the longer, more telling name labels them
        kept.add(prefix)
    if not kept:
        return graph
    taken = {node.id for node in graph.nodes} | {group.id for group in graph.groups}
    ids = {prefix: _free("_".join(prefix), taken) for prefix in kept}
    made = tuple(
        Group(ids[p], "block", "_".join(p[len(model) :]), _id(ids, _parent(p, kept)))
        for p in sorted(kept, key=lambda p: (min(members[p]), len(p)))
    )
    nodes = _placed(graph, paths, kept, ids)
    return replace(graph, nodes=nodes, groups=_ranked(nodes, made + _nested(graph, kept, ids)))


def _ranked(nodes: Sequence[Node], groups: Sequence[Group]) -> tuple[Group, ...]:
    """``groups`` in drawing order: by their first layer, an outer group before its inner ones."""
    parents = {group.id: group.parent for group in groups}
    first: dict[str, int] = {}
    for index, node in enumerate(nodes):
        owner = node.group
        while owner is not None and owner not in first:
            first[owner] = index
            owner = parents[owner]

    def level(group: Group) -> int:
        count, parent = 0, group.parent
        while parent is not None:
            count, parent = count + 1, parents[parent]
        return count

    return tuple(sorted(groups, key=lambda group: (first.get(group.id, len(nodes)), level(group))))


def _layer_path(node: Node, tops: Mapping[str, Group], unnamed: Collection[str]) -> Prefix:
    """A layer's path, or its nested model's (a layer inside one goes where the model goes)."""
    if node.id in tops:
        return _path(tops[node.id].label, False)
    return _path(node.name, node.name in unnamed)


def _members_of(graph: Graph, tops: Mapping[str, Group], group: Group) -> tuple[int, ...]:
    return tuple(i for i, node in enumerate(graph.nodes) if tops.get(node.id) == group)


def _adopted(graph: Graph, paths: list[Prefix]) -> list[Prefix]:
    """``paths`` with each merge of a generated name right after a named layer that feeds it
    given that layer's path: a residual ``add`` closes the block before it. (Other generated
    layers stay out: DenseNet's ``zero_padding2d_1`` after ``conv1_relu`` pads for ``pool1``.)"""
    result = list(paths)
    for index in range(1, len(paths)):
        previous, node = graph.nodes[index - 1], graph.nodes[index]
        if node.category != "merge" or paths[index] or not paths[index - 1]:
            continue
        if previous.id in graph.predecessors(node.id):
            result[index] = paths[index - 1]
    return result


def _model_prefix(graph: Graph, paths: Sequence[Prefix]) -> Prefix:
    """The longest prefix every layer but the inputs shares: the model's own name, if any."""
    shared = [p for p, n in zip(paths, graph.nodes, strict=True) if n.category != "input"]
    if len(shared) < 2 or not all(shared):
        return ()
    common = shared[0]
    for path in shared[1:]:
        size = 0
        while size < min(len(common), len(path)) and common[size] == path[size]:
            size += 1
        common = common[:size]
    return common if all(len(path) > len(common) for path in shared) else common[:-1]


def _placed(
    graph: Graph, paths: Sequence[Prefix], kept: Collection[Prefix], ids: dict[Prefix, str]
) -> tuple[Node, ...]:
    """The layers in their innermost new group; those in a nested model stay in it."""
    return tuple(
        node if node.group is not None else replace(node, group=_id(ids, _innermost(path, kept)))
        for node, path in zip(graph.nodes, paths, strict=True)
    )


def _nested(graph: Graph, kept: Collection[Prefix], ids: dict[Prefix, str]) -> tuple[Group, ...]:
    """The graph's own groups, each outermost one inside the new group its label falls in."""
    return tuple(
        replace(g, parent=_id(ids, _innermost(_path(g.label, False), kept)))
        if g.parent is None
        else g
        for g in graph.groups
    )


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
