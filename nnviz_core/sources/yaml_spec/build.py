"""From pending nodes to a Graph: connect references, order topologically, infer shapes."""

from __future__ import annotations

import heapq

from nnviz_core.errors import CycleError, NnvizError
from nnviz_core.ir import AttrValue, Edge, Graph, Layout, Node, TensorSpec, freeze
from nnviz_core.ir.ops import Incoming
from nnviz_core.ir.ops.apply import evaluate
from nnviz_core.sources.yaml_spec.expand import Expansion
from nnviz_core.sources.yaml_spec.layer import Pending, wrap
from nnviz_core.sources.yaml_spec.refs import resolve

#: Ops whose axis argument a channels-last author writes in their own order.
AXIS_ARGS = {"concat": "axis", "softmax": "axis"}


def connect(pendings: list[Pending]) -> list[tuple[int, ...]]:
    """Each pending node's input indices, in the order the author listed them."""
    full_ids = {pending.id: pending.index for pending in pendings}
    sources: list[tuple[int, ...]] = []
    for pending in pendings:
        try:
            sources.append(tuple(resolve(ref, full_ids) for ref in pending.inputs))
        except NnvizError as error:
            raise wrap(error, pending.loc) from None
    return sources


def topological(pendings: list[Pending], sources: list[tuple[int, ...]]) -> list[int]:
    """Kahn's order, ties broken by document order so ids and output are stable."""
    waiting = [len(set(s)) for s in sources]
    users: list[list[int]] = [[] for _ in pendings]
    for target, inputs in enumerate(sources):
        for source in set(inputs):
            users[source].append(target)
    ready = [index for index, count in enumerate(waiting) if count == 0]
    heapq.heapify(ready)
    order: list[int] = []
    while ready:
        index = heapq.heappop(ready)
        order.append(index)
        for user in users[index]:
            waiting[user] -= 1
            if waiting[user] == 0:
                heapq.heappush(ready, user)
    if len(order) < len(pendings):
        _raise_cycle(pendings, sources, set(order))
    return order


def _raise_cycle(pendings: list[Pending], sources: list[tuple[int, ...]], done: set[int]) -> None:
    """Name one cycle among the nodes that never became ready."""
    start = min(i for i in range(len(pendings)) if i not in done)
    path = [start]
    seen = {start: 0}
    current = start
    while True:
        current = min(s for s in sources[current] if s not in done)
        if current in seen:
            cycle = [*path[seen[current] :], current]
            break
        seen[current] = len(path)
        path.append(current)
    names = " → ".join(pendings[i].id for i in reversed(cycle))
    raise CycleError(
        f"the layers form a cycle: {names}; an `inputs` entry names a layer that depends on it",
        pendings[cycle[0]].loc,
    )


def build_graph(expansion: Expansion, name: str, layout: Layout, source: str) -> Graph:
    pendings = expansion.pendings
    sources = connect(pendings)
    order = topological(pendings, sources)
    outputs: dict[int, TensorSpec] = {}
    nodes: list[Node] = []
    edges: list[Edge] = []
    for index in order:
        pending = pendings[index]
        tensors = tuple(outputs[source] for source in sources[index])
        node = _node(pending, tensors, [pendings[source].id for source in sources[index]], layout)
        outputs[index] = node.outputs[0]
        nodes.append(node)
        for port, source_index in enumerate(sources[index]):
            edges.append(
                Edge(pendings[source_index].id, pending.id, 0, port, outputs[source_index])
            )
    return Graph(name, tuple(nodes), tuple(edges), tuple(expansion.groups), layout, source)


def _node(
    pending: Pending, tensors: tuple[TensorSpec, ...], producers: list[str], layout: Layout
) -> Node:
    """The node for ``pending``, fed ``tensors`` by the layers ``producers`` names."""
    incoming = tuple(
        Incoming(tensor.shape, producer, tensor.dtype)
        for tensor, producer in zip(tensors, producers, strict=True)
    )
    attrs = pending.attrs
    if layout == "channels_last" and incoming:
        attrs = _from_channels_last(pending, attrs, len(incoming[0].shape))
    try:
        applied = evaluate(pending.op, attrs, incoming, pending.output_shape)
    except NnvizError as error:
        raise wrap(error, pending.loc) from None
    output = TensorSpec(applied.shape, applied.dtype)
    trainable = pending.trainable
    if trainable is None and applied.params:
        trainable = True
    return Node(
        id=pending.id,
        op=pending.op.name,
        name=pending.name,
        category=pending.category or pending.op.category,
        attrs=freeze(applied.attrs),
        inputs=tensors,
        outputs=(output,),
        params=applied.params,
        trainable=trainable,
        activation=applied.activation,
        group=pending.group,
        display=pending.display,
        location=pending.loc,
        non_trainable_params=applied.non_trainable,
    )


def _from_channels_last(
    pending: Pending, attrs: dict[str, AttrValue], rank: int
) -> dict[str, AttrValue]:
    """Axis arguments a channels-last author wrote, as axes of the channels-first IR shape."""
    axis_arg = AXIS_ARGS.get(pending.op.name)
    if axis_arg in pending.explicit:
        return {**attrs, axis_arg: _first_axis(attrs[axis_arg], rank)}
    dims = attrs.get("dims")
    if pending.op.name == "permute" and isinstance(dims, tuple) and len(dims) == rank:
        moved = [_first_axis(d - 1, rank) if isinstance(d, int) else d for d in dims]
        order: list[AttrValue] = [None] * rank
        for position, source in enumerate(moved):
            order[channels_first_axis(position, rank)] = (
                source + 1 if isinstance(source, int) else source
            )
        return {**attrs, "dims": tuple(order)}
    return attrs


def channels_first_axis(position: int, rank: int) -> int:
    """The channels-first axis a channels-last position stands for (its last is the channels)."""
    return 0 if position == rank - 1 else position + 1


def _first_axis(axis: AttrValue, rank: int) -> AttrValue:
    """A channels-last author's axis as an axis of the channels-first IR shape."""
    if not isinstance(axis, int) or rank < 2 or not -rank <= axis < rank:
        return axis
    return channels_first_axis(axis % rank, rank)
