"""Runs of alike sibling groups named in sequence → a ``repeat`` of ``iteration`` groups.

Sources that know their blocks only by name declare no repeats: ONNX scopes ``layer.0`` …
``layer.11``, Keras names ``stage_2_block_0`` …, Caffe's ``res4b`` … ``res4f``. Siblings
qualify when their labels count up (a number, or a letter after a digit: ``res4b``, ``res4c``),
their layers follow one another in the graph's order, and they hold the same layers (op,
arguments, shapes, parameters) wired the same way, compared by position rather than by name;
then ``fold_repeats`` can draw the first one marked ×N without hiding a difference.

A parent whose children all repeat (and which holds no layer of its own) becomes the repeat
itself (``encoder ×12``); otherwise a new group ``first–last`` is put around the run.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from nnviz_core.ir.graph import Edge, Graph, Group, Node

__all__ = ["counted_runs", "find_named_repeats"]

_NUMBERED = re.compile(r"^(.*?)(\d+)$")
_LETTERED = re.compile(r"^(.*\d)([a-z])$")

#: Kinds of group a source names in sequence (the others are repeats already).
_KINDS = frozenset({"block", "submodel"})


def counter(label: str) -> tuple[str, int] | None:
    """``("layer.", 3)`` for ``layer.3``, ``("res4", 1)`` for ``res4b``; ``None`` otherwise."""
    numbered = _NUMBERED.match(label)
    if numbered:
        return numbered.group(1), int(numbered.group(2))
    lettered = _LETTERED.match(label)
    return (lettered.group(1), ord(lettered.group(2)) - ord("a")) if lettered else None


def find_named_repeats(graph: Graph, *, whole: bool = False) -> Graph:
    """``graph`` with every run of alike consecutive siblings grouped as a repeat (with
    ``whole``, only runs that are all of their parent's children, which then repeats)."""
    order = {node.id: index for index, node in enumerate(graph.nodes)}
    incoming: dict[str, list[Edge]] = {}
    for edge in graph.edges:
        incoming.setdefault(edge.target, []).append(edge)
    direct = {node.group for node in graph.nodes if node.group is not None}
    groups: dict[str, Group] = {group.id: group for group in graph.groups}
    added: dict[str, Group] = {}
    for parent in (None, *(group.id for group in graph.groups)):
        children = [g for g in graph.groups if g.parent == parent and g.kind in _KINDS]
        siblings = sum(1 for g in graph.groups if g.parent == parent)
        for run in _runs(graph, children, order, incoming):
            if not whole or (parent is not None and len(run) == siblings and parent not in direct):
                _wrap(run, groups, added, direct, siblings)
    if not added and all(groups[g.id] == g for g in graph.groups):
        return graph
    return replace(graph, groups=_ordered(graph, groups, added))


def _runs(
    graph: Graph, children: list[Group], order: dict[str, int], incoming: dict[str, list[Edge]]
) -> list[list[Group]]:
    """Maximal runs (two or more) of consecutive, contiguous, alike siblings."""
    info: list[Counted] = []
    for group in children:
        members = list(graph.members(group.id))
        count = counter(group.label)
        if members and count is not None:
            span = (order[members[0].id], order[members[-1].id])
            info.append((group, count, span, _signature(graph, group, members, incoming)))
    return counted_runs(info)


#: A sibling group, its label's stem and count, the span of its layers in the graph's order,
#: and what must match for two siblings to be alike.
Counted = tuple[Group, tuple[str, int], tuple[int, int], Any]


def counted_runs(siblings: list[Counted]) -> list[list[Group]]:
    """Maximal runs (two or more) of siblings whose counts go up by one, each starting where
    the one before ends in the graph's order, all alike."""
    runs: list[list[Group]] = []
    current: list[Counted] = []
    for item in sorted(siblings, key=lambda entry: entry[2][0]):
        last = current[-1] if current else None
        if last is None or not (
            item[1] == (last[1][0], last[1][1] + 1)
            and item[2][0] == last[2][1] + 1
            and item[3] == last[3]
        ):
            if len(current) > 1:
                runs.append([entry[0] for entry in current])
            current = []
        current.append(item)
    if len(current) > 1:
        runs.append([entry[0] for entry in current])
    return runs


def facts(node: Node) -> tuple[Any, ...]:
    """What must match for two layers to count as repetitions of one another."""
    return (node.op, tuple(node.attrs.items()), node.outputs, node.params, node.trainable)


def _signature(
    graph: Graph, group: Group, members: list[Node], incoming: dict[str, list[Edge]]
) -> Any:
    """Everything a folded drawing would hide, by position inside the group (names differ)."""
    where = {node.id: index for index, node in enumerate(members)}
    nodes = tuple(facts(node) for node in members)
    edges = tuple(
        (where[e.source], where[e.target], e.source_port, e.target_port)
        for node in members
        for e in incoming.get(node.id, ())
        if e.source in where
    )
    inner = tuple(
        (g.kind, tuple(where[n.id] for n in graph.members(g.id)))
        for g in graph.groups
        if group in graph.group_chain(g)
    )
    return nodes, edges, inner


def _wrap(
    run: list[Group],
    groups: dict[str, Group],
    added: dict[str, Group],
    direct: set[str],
    siblings: int,
) -> None:
    """Turn ``run`` into iterations of a repeat: the parent itself, or a new group."""
    parent = run[0].parent
    whole = parent is not None and siblings == len(run) and parent not in direct
    if whole and parent is not None and groups[parent].kind in _KINDS:
        groups[parent] = replace(groups[parent], kind="repeat", count=len(run))
        repeat_id = parent
    else:
        label = f"{run[0].label}–{run[-1].label}"
        repeat_id = _free(f"{run[0].id}~{len(run)}", groups, added)
        added[repeat_id] = Group(repeat_id, "repeat", label, parent, count=len(run))
    for position, group in enumerate(run):
        groups[group.id] = replace(group, kind="iteration", parent=repeat_id, index=position)


def _free(wanted: str, groups: dict[str, Group], added: dict[str, Group]) -> str:
    candidate, suffix = wanted, 2
    while candidate in groups or candidate in added:
        candidate, suffix = f"{wanted}_{suffix}", suffix + 1
    return candidate


def _ordered(graph: Graph, groups: dict[str, Group], added: dict[str, Group]) -> tuple[Group, ...]:
    """Original order, each new repeat group just before its first iteration."""
    result: list[Group] = []
    placed: set[str] = set()
    for original in graph.groups:
        group = groups[original.id]
        parent = group.parent
        if group.kind == "iteration" and parent in added and parent not in placed:
            result.append(added[parent])
            placed.add(parent)
        result.append(group)
    return tuple(result)
