"""Identical consecutive blocks → a ``repeat`` group of ``iteration`` groups, foldable as ×N.

Siblings ``P.0``, ``P.1``, … of a ``Sequential`` or ``ModuleList`` qualify when they ran one after
the other and drew the same layers with the same arguments, shapes, weights and wiring; then
``fold_repeats`` can draw the first one marked ×N without hiding a difference. A container whose
children all repeat becomes the repeat itself; otherwise a new group ``P`` (or ``P[i:j]``) is
added around the run.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from nnviz_core.ir.graph import Graph, Group, Node
from nnviz_core.ir.repeats import Counted, counted_runs, facts


def numbered(path: str) -> tuple[str, int] | None:
    """``("layers", 2)`` for ``layers.2``, ``("", 2)`` for a top-level ``Sequential``'s ``2``;
    ``None`` for other names or repeated calls."""
    prefix, _, last = path.rpartition(".")
    return (prefix, int(last)) if last.isdigit() and "@" not in path else None


def _signature(graph: Graph, group: Group, members: list[Node]) -> tuple[Any, ...]:
    """Everything a folded drawing would hide, with ids relative to the group."""
    cut = len(group.id)
    ids = {node.id for node in members}
    nodes = tuple((n.id[cut:], *facts(n)) for n in members)
    edges = tuple(
        (e.source[cut:], e.target[cut:]) for e in graph.edges if e.source in ids and e.target in ids
    )
    inner = tuple((g.id[cut:], g.kind) for g in graph.groups if group in graph.group_chain(g))
    return nodes, edges, inner


def _runs(graph: Graph, children: list[Group], order: dict[str, int]) -> list[list[Group]]:
    """Maximal runs (two or more) of consecutive, contiguous, identical siblings."""
    info: list[Counted] = []
    for group in children:
        members = list(graph.members(group.id))
        index = numbered(group.id)
        if members and index is not None:
            span = (order[members[0].id], order[members[-1].id])
            info.append((group, index, span, _signature(graph, group, members)))
    return counted_runs(info)


def _wrap(graph: Graph, run: list[Group], groups: dict[str, Group], direct: set[str]) -> None:
    """Turn ``run`` into iterations of a repeat: the parent itself, or a new group."""
    prefix = run[0].id.rpartition(".")[0]
    parent = run[0].parent
    siblings = [g for g in graph.groups if g.parent == parent]
    whole = parent == prefix and len(siblings) == len(run) and prefix not in direct
    if whole and parent is not None and groups[parent].kind == "submodel":
        groups[parent] = replace(groups[parent], kind="repeat", count=len(run))
        repeat_id = parent
    else:
        first, last = numbered(run[0].id), numbered(run[-1].id)
        assert first is not None and last is not None
        taken = not prefix or prefix in groups or any(n.id == prefix for n in graph.nodes)
        repeat_id = f"{prefix}[{first[1]}:{last[1] + 1}]" if taken else prefix
        repeat = Group(repeat_id, "repeat", repeat_id, parent, count=len(run))
        groups[repeat_id] = repeat
    for position, group in enumerate(run):
        groups[group.id] = replace(groups[group.id], kind="iteration", parent=repeat_id)
        groups[group.id] = replace(groups[group.id], index=position)


def find_repeats(graph: Graph) -> Graph:
    """``graph`` with every run of identical consecutive blocks grouped as a repeat."""
    order = {node.id: position for position, node in enumerate(graph.nodes)}
    direct = {node.group for node in graph.nodes if node.group is not None}
    groups: dict[str, Group] = {group.id: group for group in graph.groups}
    for parent in (None, *(group.id for group in graph.groups)):
        children = [g for g in graph.groups if g.parent == parent and g.kind == "submodel"]
        for run in _runs(graph, children, order):
            _wrap(graph, run, groups, direct)
    if groups.keys() == {group.id for group in graph.groups} and all(
        groups[g.id] == g for g in graph.groups
    ):
        return graph
    return replace(graph, groups=_ordered(graph, groups))


def _ordered(graph: Graph, groups: dict[str, Group]) -> tuple[Group, ...]:
    """Original order, each new repeat group placed just before its first iteration."""
    result: list[Group] = []
    placed: set[str] = set()
    for original in graph.groups:
        group = groups[original.id]
        if group.kind == "iteration" and group.parent not in placed:
            assert group.parent is not None
            result.append(groups[group.parent])
            placed.add(group.parent)
        if group.id not in placed:
            result.append(group)
            placed.add(group.id)
    return tuple(result)
