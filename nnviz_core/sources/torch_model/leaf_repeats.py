"""Identical consecutive *layers* → a ``repeat`` group, like identical blocks.

``nn.ModuleList([nn.Linear(64, 64)] * 4)`` applied in a loop with ``torch.relu`` between, or a
``Sequential`` of ``Linear, ReLU, Linear, ReLU, …``, has no container per repetition, so the block
rule (:mod:`.repeats`) cannot see it. Here a unit is a layer ``P.k`` plus the nodes up to the next
repetition ``P.(k+step)``; equal consecutive units become ``iteration`` groups of a new repeat.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from nnviz_core.ir.graph import Graph, Group
from nnviz_core.ir.repeats import facts
from nnviz_core.sources.torch_model.repeats import numbered

Entry = tuple[int, int]  # (k of P.k, position in graph.nodes)


def _unit(graph: Graph, start: int, length: int, group: str | None) -> tuple[Any, ...] | None:
    """Signature of ``length`` nodes from ``start``, if they exist and share ``group``."""
    unit = graph.nodes[start : start + length]
    if len(unit) < length or any(node.group != group for node in unit):
        return None
    where = {node.id: position for position, node in enumerate(unit)}
    edges = tuple(
        (where[e.source], where[e.target])
        for e in graph.edges
        if e.source in where and e.target in where
    )
    return tuple(facts(node) for node in unit), edges


def _runs(graph: Graph, entries: list[Entry], group: str | None) -> list[tuple[list[Entry], int]]:
    """Maximal runs (two or more units) with a constant step, unit length and signature."""
    found: list[tuple[list[Entry], int]] = []
    index = 0
    while index + 1 < len(entries):
        (k0, p0), (k1, p1) = entries[index], entries[index + 1]
        step, length = k1 - k0, p1 - p0
        first = _unit(graph, p0, length, group)
        run = [entries[index]]
        for k, position in entries[index + 1 :]:
            previous_k, previous_p = run[-1]
            if (k - previous_k, position - previous_p) != (step, length):
                break
            if first is None or _unit(graph, position, length, group) != first:
                break
            run.append((k, position))
        if len(run) > 1 and step > 0:
            found.append((run, length))
            index += len(run)
        else:
            index += 1
    return found


def _candidates(graph: Graph) -> dict[tuple[str, str | None, Any], list[Entry]]:
    """Numbered layers by (prefix, group, own signature), in execution order."""
    found: dict[tuple[str, str | None, Any], list[Entry]] = {}
    for position, node in enumerate(graph.nodes):
        place = numbered(node.id)
        if place is not None:
            key = (place[0], node.group, facts(node))
            found.setdefault(key, []).append((place[1], position))
    return found


def find_leaf_repeats(graph: Graph) -> Graph:
    """``graph`` with runs of identical consecutive layer units grouped as repeats."""
    taken = {node.id for node in graph.nodes} | {group.id for group in graph.groups}
    claimed: set[int] = set()
    membership: dict[str, str] = {}
    groups = list(graph.groups)
    for (prefix, parent, _), entries in _candidates(graph).items():
        for run, length in _runs(graph, entries, parent):
            span = set(range(run[0][1], run[-1][1] + length))
            if span & claimed:
                continue
            claimed |= span
            first, last = run[0][0], run[-1][0]
            step = run[1][0] - first
            sliced = f"{prefix}[{first}:{last + step}]"
            repeat_id = prefix if prefix and prefix not in taken else sliced
            taken.add(repeat_id)
            groups.append(Group(repeat_id, "repeat", repeat_id, parent, count=len(run)))
            for index, (k, position) in enumerate(run):
                label = f"{prefix}.{k}" if step == 1 else f"{prefix}[{k}:{k + step}]"
                iteration = f"{repeat_id}#{index}"
                groups.append(Group(iteration, "iteration", label, repeat_id, index=index))
                for node in graph.nodes[position : position + length]:
                    membership[node.id] = iteration
    if not membership:
        return graph
    nodes = tuple(replace(n, group=membership.get(n.id, n.group)) for n in graph.nodes)
    return replace(graph, nodes=nodes, groups=tuple(groups))
