"""Narrower first views: the groups that spread a view sideways, drawn as one card each.

A view can hold few cards and still be too wide for its canvas: RoBERTa's embeddings lay three
chains side by side (the words, the position ids, the token types), DeiT's four learned tensors
and its patch embedding. Collapsing every group one level deeper (``detail: auto``'s next step)
then leaves four or five cards; collapsing only the groups whose own layers stand side by side
keeps the rest of the first view (the folded encoder block, the head) as it was.

A group is wide when more of its drawn layers share a rank (their longest path from an input)
than one; the innermost wide groups are the ones to close, since their parents are wide only
through them. Inside a repeat the same group of every iteration closes, so the iterations stay
alike and still fold.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from nnviz_core.ir import Graph, Group
from nnviz_core.ir.transforms import collapse, collapse_groups, fold_repeats

__all__ = ["narrowed", "wide_groups"]

#: Narrowing steps tried per view before ``detail: auto`` collapses a whole level instead.
MAX_STEPS = 3


def narrowed(graph: Graph, options: Any) -> Iterator[Graph]:
    """``graph`` with ever more of the groups that widen its view under ``options``
    (``depth``, ``fold_repeats``) drawn as one card: the innermost wide ones first, then
    those that turn out wide once their inner groups are closed."""
    depth, fold = getattr(options, "depth", None), bool(getattr(options, "fold_repeats", False))
    current = graph
    for _ in range(MAX_STEPS):
        wide = wide_groups(current, depth, fold)
        if not wide:
            return
        closed = collapse_groups(current, _everywhere(current, wide))
        if closed is current or len(closed.nodes) == len(current.nodes):
            return  # nothing could close (a group looping through its outside)
        current = closed
        yield current


def wide_groups(graph: Graph, depth: int | None, fold: bool) -> list[Group]:
    """The innermost groups drawn open at ``depth`` whose layers stand side by side."""
    view = collapse(graph, depth) if depth is not None else graph
    view = fold_repeats(view) if fold else view
    rank = _ranks(view)
    wide: set[str] = set()
    for group in view.groups:
        if group.kind == "iteration":
            continue
        counts: dict[int, int] = {}
        for node in view.members(group.id):
            counts[rank[node.id]] = counts.get(rank[node.id], 0) + 1
        if max(counts.values(), default=0) > 1:
            wide.add(group.id)
    parents = _ancestors(view, wide)  # wide only through a wide group inside
    return [g for g in view.groups if g.id in wide and g.id not in parents]


def _ranks(graph: Graph) -> dict[str, int]:
    """Each layer's longest path from an input (the row a layered layout puts it in)."""
    rank: dict[str, int] = {}
    for node in graph.nodes:  # topological order
        before = [rank[p] for p in graph.predecessors(node.id) if p in rank]
        rank[node.id] = max(before, default=-1) + 1
    return rank


def _ancestors(graph: Graph, ids: set[str]) -> set[str]:
    """Every group enclosing one of the groups ``ids``."""
    found: set[str] = set()
    for group in graph.groups:
        if group.id in ids:
            found.update(g.id for g in graph.group_chain(group))
    return found


def _everywhere(graph: Graph, groups: list[Group]) -> list[Group]:
    """``groups`` and their twins in the other iterations of each repeat they sit in."""
    chosen: dict[str, Group] = {}
    for group in groups:
        chosen[group.id] = group
        for twin in _twins(graph, group):
            chosen[twin.id] = twin
    ids = set(chosen)
    nested = _ancestors(graph, ids) & ids  # a twin inside another chosen group goes with it
    return [group for group in chosen.values() if group.id not in nested]


def _twins(graph: Graph, group: Group) -> Iterator[Group]:
    """The group at ``group``'s place in every other iteration of its innermost repeat."""
    iteration = next((g for g in reversed(graph.group_chain(group)) if g.kind == "iteration"), None)
    if iteration is None or not group.id.startswith(iteration.id):
        return
    relative = group.id[len(iteration.id) :]
    by_id = {g.id: g for g in graph.groups}
    for sibling in graph.groups:
        if sibling.kind == "iteration" and sibling.parent == iteration.parent:
            twin = by_id.get(sibling.id + relative)
            if twin is not None and twin.id != group.id:
                yield twin
