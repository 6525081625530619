"""Where every column and box goes: ranks along the flow, lanes across it.

Positions are computed on two abstract axes, *main* (the flow: x for LR, y for TB) and *cross*,
so one algorithm serves both directions. Ranks are longest-path layers pulled as late as their
consumers allow, so a short tower lines up with the merge it joins; within a rank, elements sit
at the mean of their predecessors and are swept apart so nothing overlaps.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Mapping
from dataclasses import dataclass

from .elements import Plan

LANE_GAP = 28.0
LABEL_GAP = 14.0


@dataclass(frozen=True)
class Body:
    """An element's footprint: ``main``/``cross`` sizes of its body, room taken by its labels
    along the flow (``label``), and room before/after the body across it (tags, captions)."""

    main: float
    cross: float
    label: float = 0.0
    before: float = 0.0
    after: float = 0.0


def topological(plan: Plan) -> tuple[str, ...]:
    """Element ids sorted so every link goes forward; ties keep the plan's order.

    Kahn's algorithm with the ready elements in a heap by plan position: O(n log n + links).
    """
    position = {element: index for index, element in enumerate(plan.order)}
    incoming = {element: 0 for element in plan.order}
    targets: dict[str, list[str]] = {element: [] for element in plan.order}
    for source, target in plan.links:
        incoming[target] += 1
        targets[source].append(target)
    ready = [position[e] for e, count in incoming.items() if count == 0]
    heapq.heapify(ready)
    result: list[str] = []
    while ready:
        element = plan.order[heapq.heappop(ready)]
        result.append(element)
        for target in targets[element]:
            incoming[target] -= 1
            if incoming[target] == 0:
                heapq.heappush(ready, position[target])
    return tuple(result)


def ranks(plan: Plan, order: tuple[str, ...]) -> dict[str, int]:
    """Longest-path ranks, then each element moved as late as its consumers allow."""
    preds: dict[str, list[str]] = {element: [] for element in order}
    succs: dict[str, list[str]] = {element: [] for element in order}
    for source, target in plan.links:
        preds[target].append(source)
        succs[source].append(target)
    rank: dict[str, int] = {}
    for element in order:
        rank[element] = max((rank[p] + 1 for p in preds[element]), default=0)
    for element in reversed(order):
        if succs[element]:
            rank[element] = min(rank[s] for s in succs[element]) - 1
    lowest = min(rank.values())
    return {element: value - lowest for element, value in rank.items()}


def cross_centres(
    plan: Plan, order: tuple[str, ...], rank: Mapping[str, int], bodies: Mapping[str, Body]
) -> dict[str, float]:
    """Cross-axis centres: each element at its predecessors' mean, overlaps swept apart."""
    preds: dict[str, list[str]] = {element: [] for element in order}
    for source, target in plan.links:
        preds[target].append(source)
    index = {element: position for position, element in enumerate(order)}
    centre: dict[str, float] = {}
    by_rank: list[list[str]] = [[] for _ in range(max(rank.values(), default=-1) + 1)]
    for element in order:
        by_rank[rank[element]].append(element)
    for members in by_rank:
        wanted = {
            e: sum(centre[p] for p in preds[e]) / len(preds[e]) if preds[e] else 0.0
            for e in members
        }
        members.sort(key=lambda e: (wanted[e], index[e]))
        centre.update(_sweep(members, wanted, bodies))
    _recentre_sources(plan, order, rank, bodies, centre)
    return centre


def _recentre_sources(
    plan: Plan,
    order: tuple[str, ...],
    rank: Mapping[str, int],
    bodies: Mapping[str, Body],
    centre: dict[str, float],
) -> None:
    """Centre the first rank on what it feeds (a box feeding two stacked columns sits between)."""
    succs: dict[str, list[str]] = {element: [] for element in order}
    for source, target in plan.links:
        succs[source].append(target)
    first = [element for element in order if rank[element] == 0]
    if not all(succs[element] for element in first):
        return
    wanted = {}
    for element in first:
        tops = [centre[s] - bodies[s].cross / 2 for s in succs[element]]
        bottoms = [centre[s] + bodies[s].cross / 2 for s in succs[element]]
        wanted[element] = (min(tops) + max(bottoms)) / 2
    first.sort(key=lambda element: wanted[element])
    centre.update(_sweep(first, wanted, bodies))


def _sweep(
    members: list[str], wanted: Mapping[str, float], bodies: Mapping[str, Body]
) -> dict[str, float]:
    """Push overlapping neighbours apart, then shift the rank to keep its mean where wanted."""
    placed: dict[str, float] = {}
    floor = float("-inf")
    for element in members:
        body = bodies[element]
        top = body.cross / 2 + body.before
        position = max(wanted[element], floor + top)
        placed[element] = position
        floor = position + body.cross / 2 + body.after + LANE_GAP
    shift = sum(wanted[e] - placed[e] for e in members) / max(len(members), 1)
    return {element: float(round(position + shift)) for element, position in placed.items()}


def main_centres(
    order: tuple[str, ...],
    rank: Mapping[str, int],
    bodies: Mapping[str, Body],
    gaps: Mapping[int, float],
) -> dict[str, float]:
    """Main-axis centres: ``gaps[r]`` between the bodies of ranks ``r`` and ``r + 1``, and
    never less than ``LABEL_GAP`` between their labels."""
    levels = max(rank.values(), default=-1) + 1
    body = [0.0] * levels
    label = [0.0] * levels
    for element in order:
        level = rank[element]
        body[level] = max(body[level], bodies[element].main / 2)
        label[level] = max(label[level], bodies[element].label / 2, bodies[element].main / 2)
    centres = [float(math.ceil(max(body[0], label[0])))] if levels else []
    for level in range(1, levels):
        by_body = body[level - 1] + gaps[level - 1] + body[level]
        by_label = label[level - 1] + LABEL_GAP + label[level]
        centres.append(centres[-1] + math.ceil(max(by_body, by_label)))
    return {element: centres[rank[element]] for element in order}
