"""Pure Graph → Graph transforms every style applies before drawing.

``fold_repeats`` draws each repeat once (marked ×N by the style), ``collapse`` turns groups nested
deeper than a depth into single nodes, and ``visible`` drops hidden layers while keeping the flow
through them. Each returns a new Graph and leaves its argument untouched.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from nnviz_core.ir.graph import Category, Edge, Graph, Group, Node, TensorSpec, freeze
from nnviz_core.ir.order import topological

__all__ = ["collapse", "collapse_groups", "fold_repeats", "group_depth", "levels", "visible"]


def _rewire(graph: Graph, mapping: Mapping[str, str]) -> tuple[Edge, ...]:
    """Edges with their ends renamed through ``mapping``, minus self-loops and duplicates."""
    return _distinct(
        (edge, mapping.get(edge.source, edge.source), mapping.get(edge.target, edge.target))
        for edge in graph.edges
    )


def _distinct(renamed: Iterable[tuple[Edge, str, str]]) -> tuple[Edge, ...]:
    """Edges given new ``(source, target)`` ends, no self-loops: of the edges that were moved,
    the first of each pair; edges left in place stay whole, so the three outputs of an
    ``unbind`` still reach the three inputs of an attention."""
    pairs: set[tuple[str, str]] = set()
    moved_pairs: set[tuple[str, str]] = set()
    ports: set[tuple[str, int, str, int]] = set()
    edges: list[Edge] = []
    for edge, source, target in renamed:
        moved = source != edge.source or target != edge.target
        pair, wired = (source, target), (source, edge.source_port, target, edge.target_port)
        if source == target or wired in ports or pair in (pairs if moved else moved_pairs):
            continue
        pairs.add(pair)
        ports.add(wired)
        if moved:
            moved_pairs.add(pair)
        edges.append(replace(edge, source=source, target=target) if moved else edge)
    return tuple(edges)


def _iteration_of(graph: Graph, node: Node, repeat_id: str) -> Group | None:
    """The iteration group of ``repeat_id`` that encloses ``node``, if any."""
    for group in graph.group_chain(node):
        if group.kind == "iteration" and group.parent == repeat_id:
            return group
    return None


def _without(groups: tuple[Group, ...], dropped: set[str]) -> tuple[Group, ...]:
    """``groups`` minus the ``dropped`` ones and every group nested inside one of them."""
    parents = {group.id: group.parent for group in groups}
    gone: dict[str, bool] = {}

    def is_gone(group_id: str) -> bool:
        if group_id not in gone:
            parent = parents[group_id]
            gone[group_id] = group_id in dropped or (parent is not None and is_gone(parent))
        return gone[group_id]

    return tuple(group for group in groups if not is_gone(group.id))


class _Folding:
    """Repeats folded one after another, as a record of removed nodes and renamed edge ends.

    Each fold touches only its repeat's nodes and the edges ending there, and the graph is rebuilt
    once at the end, so folding many repeats stays linear in the size of the graph.
    """

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        #: Nodes of later iterations, mapped onto the kept first iteration.
        self.removed: set[str] = set()
        #: Later iterations of the folded repeats (their nested groups go with them).
        self.dropped: set[str] = set()
        self.ends = [(edge.source, edge.target) for edge in graph.edges]
        self.alive = [True] * len(graph.edges)
        #: The edges ending at each node, by index (entries may be stale, never missing).
        self.at: dict[str, list[int]] = {}
        for index, ends in enumerate(self.ends):
            for end in ends:
                self.at.setdefault(end, []).append(index)

    def present(self, group: Group) -> bool:
        """Whether a group is still there: neither it nor an enclosing group was dropped."""
        return all(g.id not in self.dropped for g in (*self.graph.group_chain(group), group))

    def fold(self, repeat: Group) -> None:
        """Keep the first iteration of ``repeat``; map every other iteration's nodes onto it."""
        iterations = self._iterations(repeat)
        if len(iterations) < 2:
            return
        kept = iterations[0][1]
        mapping: dict[str, str] = {}
        owner: dict[str, str] = {}
        for position, (gid, nodes) in enumerate(iterations):
            for index, node in enumerate(nodes):
                owner[node.id] = gid
                if position:
                    mapping[node.id] = kept[min(index, len(kept) - 1)].id
        self._drop_between(owner)
        self._rename(mapping)
        self.removed.update(mapping)
        self.dropped.update(gid for gid, _ in iterations[1:])

    def _iterations(self, repeat: Group) -> list[tuple[str, list[Node]]]:
        """The repeat's iterations that still hold nodes, by index, with those nodes in order."""
        found: dict[str, list[Node]] = {}
        for node in self.graph.members(repeat.id):
            if node.id in self.removed:
                continue
            iteration = _iteration_of(self.graph, node, repeat.id)
            if iteration is not None:
                found.setdefault(iteration.id, []).append(node)
        return sorted(found.items(), key=lambda item: self.graph.group(item[0]).index)

    def _drop_between(self, owner: Mapping[str, str]) -> None:
        """Edges from one iteration to another vanish (the iterations become one)."""
        for node_id in owner:
            for index in self.at.get(node_id, ()):
                source, target = self.ends[index]
                if source in owner and target in owner and owner[source] != owner[target]:
                    self.alive[index] = False

    def _rename(self, mapping: Mapping[str, str]) -> None:
        """Edges ending at a removed node end at its counterpart in the kept iteration."""
        for old, new in mapping.items():
            moved = self.at.pop(old, [])
            for index in moved:
                source, target = self.ends[index]
                self.ends[index] = (mapping.get(source, source), mapping.get(target, target))
            self.at.setdefault(new, []).extend(moved)

    def result(self) -> Graph:
        """The folded graph (the same object when no repeat had two iterations to fold)."""
        graph = self.graph
        if not self.dropped:
            return graph
        ends = zip(graph.edges, self.ends, self.alive, strict=True)
        renamed = ((edge, source, target) for edge, (source, target), alive in ends if alive)
        nodes = tuple(node for node in graph.nodes if node.id not in self.removed)
        groups = _without(graph.groups, self.dropped)
        return replace(graph, nodes=nodes, edges=_distinct(renamed), groups=groups)


def fold_repeats(graph: Graph) -> Graph:
    """Each ``repeat`` group reduced to its first iteration; the group (with ``count``) stays.

    Edges that left a later iteration now leave the kept one, edges between iterations vanish,
    and nested repeats inside the kept iteration are folded too.
    """
    repeats = [group for group in graph.groups if group.kind == "repeat"]
    if not repeats:
        return graph
    folding = _Folding(graph)
    for repeat in repeats:
        if folding.present(repeat):
            folding.fold(repeat)
    return folding.result()


def levels(graph: Graph, item: Node | Group) -> tuple[Group, ...]:
    """The groups ``item`` sits in, outermost first, as the ``depth`` option counts them: an
    iteration shares its repeat's level, so it is left out."""
    return tuple(g for g in graph.group_chain(item) if g.kind != "iteration")


def group_depth(graph: Graph, group: Group) -> int:
    """Nesting level of a group (top level = 1); an iteration shares its repeat's level."""
    return len(levels(graph, group)) + (group.kind != "iteration")


def _summary_category(members: list[Node]) -> Category:
    categories = {node.category for node in members}
    return members[0].category if len(categories) == 1 else "custom"


Boundary = tuple[tuple[TensorSpec, ...], tuple[TensorSpec, ...]]


def _owners(graph: Graph, group_ids: set[str]) -> dict[str, str]:
    """Each node inside one of ``group_ids`` mapped to that group (the groups do not nest)."""
    owner: dict[str, str] = {}
    for node in graph.nodes:
        for group in graph.group_chain(node):
            if group.id in group_ids:
                owner[node.id] = group.id
                break
    return owner


def _boundaries(graph: Graph, owner: Mapping[str, str]) -> dict[str, Boundary]:
    """Tensors entering and leaving each owning group (one per producing output), in one pass."""
    found: dict[str, tuple[dict[tuple[str, int], TensorSpec], ...]] = {
        group: ({}, {}) for group in owner.values()
    }
    for edge in graph.edges:
        source_group, target_group = owner.get(edge.source), owner.get(edge.target)
        if source_group == target_group:
            continue
        tensor = edge.tensor or graph.node(edge.source).output
        if tensor is None:
            continue
        key = (edge.source, edge.source_port)
        if target_group is not None:
            found[target_group][0].setdefault(key, tensor)
        if source_group is not None:
            found[source_group][1].setdefault(key, tensor)
    return {
        group: (tuple(entering.values()), tuple(leaving.values()))
        for group, (entering, leaving) in found.items()
    }


def _trainable(members: list[Node]) -> bool | None:
    flags = {node.trainable for node in members if node.params}
    return flags.pop() if len(flags) == 1 else None


def _summary_node(group: Group, members: list[Node], boundary: Boundary) -> Node:
    """One node standing for a whole group: summed parameters, the group's boundary tensors."""
    inputs, outputs = boundary
    if not outputs and members[-1].outputs:
        outputs = members[-1].outputs
    attrs: dict[str, int | str] = {"layers": len(members)}
    if group.kind == "repeat":
        attrs["count"] = group.count
    return Node(
        id=group.id,
        op=group.kind,
        name=group.label,
        category=_summary_category(members),
        attrs=freeze(attrs),
        inputs=inputs,
        outputs=outputs,
        params=sum(node.params for node in members),
        trainable=_trainable(members),
        group=group.parent,
        location=members[0].location,
    )


def collapse(graph: Graph, depth: int) -> Graph:
    """Groups nested deeper than ``depth`` (top level = 1) each become one node.

    ``depth=0`` collapses every top-level group; the new node takes the group's id and label, the
    summed parameters, and the tensors that enter and leave the group.
    """
    targets = [
        g for g in graph.groups if group_depth(graph, g) == depth + 1 and g.kind != "iteration"
    ]
    return collapse_groups(graph, targets)


def collapse_groups(graph: Graph, targets: Sequence[Group]) -> Graph:
    """Each of ``targets`` (groups that do not nest in one another) becomes one node, as
    :func:`collapse` does for a whole level; the page viewer opens one group of a level so.

    A group that other layers run through (out of it and back in) cannot be one layer: it
    stays open, and the rest are collapsed again.
    """
    chosen = list(targets)
    while chosen:
        collapsed, looped = _collapsed(graph, chosen)
        kept = [g for g in chosen if g.id not in looped]
        if len(kept) == len(chosen):
            return collapsed
        chosen = kept
    return graph


def _collapsed(graph: Graph, targets: Sequence[Group]) -> tuple[Graph, set[str]]:
    """``graph`` with each of ``targets`` as one node, in an order where every edge runs
    forward, and the ids of nodes that the collapse closed into a loop."""
    gone = {g.id for g in targets}
    mapping = _owners(graph, gone)
    members: dict[str, list[Node]] = {}
    for node in graph.nodes:
        if node.id in mapping:
            members.setdefault(mapping[node.id], []).append(node)
    boundaries = _boundaries(graph, mapping)
    summaries = {
        group.id: _summary_node(group, members[group.id], boundaries[group.id])
        for group in targets
        if group.id in members
    }
    nodes: list[Node] = []
    for node in graph.nodes:
        summary = summaries.pop(mapping.get(node.id, ""), None)
        if summary is not None:
            nodes.append(summary)
        elif node.id not in mapping:
            nodes.append(node)
    groups = _without(graph.groups, gone)
    edges = _rewire(graph, mapping)
    ordered, looped = topological(nodes, edges)
    kept = nodes if looped else ordered  # a loop leaves nodes out of the order: keep them all
    return replace(graph, nodes=tuple(kept), edges=edges, groups=groups), looped


def visible(graph: Graph) -> Graph:
    """The graph without ``display.hidden`` nodes; each hidden chain is bridged by direct edges.

    Where each hidden node's flow lands is computed once, from the last layer back, so long
    hidden chains and hidden diamonds stay linear (a walk per edge was exponential in them).
    """
    hidden = {node.id for node in graph.nodes if node.display.hidden}
    if not hidden:
        return graph
    outgoing: dict[str, list[Edge]] = {}
    for edge in graph.edges:
        outgoing.setdefault(edge.source, []).append(edge)
    landing = _landings(graph, outgoing, hidden)
    renamed: list[tuple[Edge, str, str]] = []
    for edge in graph.edges:
        if edge.source in hidden:
            continue
        if edge.target not in hidden:
            renamed.append((edge, edge.source, edge.target))
            continue
        for target, tensor in landing[edge.target]:
            renamed.append((replace(edge, tensor=tensor), edge.source, target))
    nodes = tuple(node for node in graph.nodes if node.id not in hidden)
    return replace(graph, nodes=nodes, edges=_distinct(renamed))


Landing = list[tuple[str, TensorSpec | None]]


def _landings(
    graph: Graph, outgoing: Mapping[str, list[Edge]], hidden: set[str]
) -> dict[str, Landing]:
    """For each hidden node, the visible layers its output reaches through hidden ones, each
    once, in the order a depth-first walk meets them, with the tensor that arrives there."""
    landing: dict[str, Landing] = {}
    for node in reversed(graph.nodes):  # topological order: successors are done first
        if node.id not in hidden:
            continue
        found: dict[str, TensorSpec | None] = {}
        for edge in outgoing.get(node.id, ()):
            onward = landing[edge.target] if edge.target in hidden else [(edge.target, edge.tensor)]
            for target, tensor in onward:
                found.setdefault(target, tensor)
        landing[node.id] = list(found.items())
    return landing
