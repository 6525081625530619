"""Collecting nodes, edges and groups while a Keras model is walked or traced.

One node per layer *call* (a shared layer called twice gives two nodes), so every edge is a real
tensor; the weights of a shared layer are counted on its first call only, so the graph's total
equals ``model.count_params()``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from nnviz_core.ir.graph import (
    AttrValue,
    Display,
    Edge,
    Graph,
    Group,
    GroupKind,
    Layout,
    Node,
    TensorSpec,
    freeze,
)
from nnviz_core.ir.ops import lookup, normalise
from nnviz_core.sources.keras_model.axes import layout_attrs, spec
from nnviz_core.sources.keras_model.layers import LayerOp, drawn_layer, layer_op


@dataclass(frozen=True)
class Ref:
    """An output of a node: where an edge starts, and the tensor it carries."""

    node: str
    port: int
    tensor: TensorSpec | None = None


def _config(layer: Any) -> dict[str, Any]:
    """A layer's configuration; read once per call, as it serialises every argument."""
    target = drawn_layer(layer)
    config: dict[str, Any] = target.get_config() if hasattr(target, "get_config") else {}
    return config


def _generated(layer: Any) -> bool:
    """Whether Keras named ``layer`` after its class (``conv2d``, ``conv2d_3``)."""
    from keras.src.utils.naming import to_snake_case

    base = re.escape(to_snake_case(type(layer).__name__))
    return re.fullmatch(base + r"(_\d+)?", str(layer.name)) is not None


@dataclass(frozen=True)
class Checkpoint:
    """Sizes and sets of a :class:`Builder` at one moment."""

    nodes: int
    edges: int
    groups: int
    ids: set[str]
    counted: set[int]


@dataclass
class Builder:
    """Mutable collector; ``graph()`` freezes the result."""

    channels_last: bool
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    counted: set[int] = field(default_factory=set)
    calls: dict[int, int] = field(default_factory=dict)
    #: Layer names Keras made up from the class (``conv2d_3``), which say nothing of structure.
    generated: set[str] = field(default_factory=set)

    def checkpoint(self) -> Checkpoint:
        """What has been collected so far, to :meth:`rewind` to."""
        return Checkpoint(
            len(self.nodes), len(self.edges), len(self.groups), set(self.ids), set(self.counted)
        )

    def rewind(self, mark: Checkpoint) -> None:
        """Forget what came after ``mark`` (a trace starts over when Keras re-runs ``call``)."""
        del self.nodes[mark.nodes :], self.edges[mark.edges :], self.groups[mark.groups :]
        self.ids, self.counted = set(mark.ids), set(mark.counted)

    def unique(self, wanted: str) -> str:
        """``wanted``, or ``wanted~2``, ``wanted~3``… when it is taken."""
        candidate, index = wanted, 1
        while candidate in self.ids:
            index += 1
            candidate = f"{wanted}~{index}"
        self.ids.add(candidate)
        return candidate

    def group(self, kind: GroupKind, label: str, parent: str | None) -> str:
        prefix = f"{parent}/" if parent else ""
        gid = self.unique(f"{prefix}{label}")
        self.groups.append(Group(gid, kind, label, parent))
        return gid

    def weights(self, layer: Any) -> tuple[int, int, bool | None]:
        """(params, non-trainable params, trainable) of a layer, counted once per layer.

        A ``keras.ops`` call in a Functional model (``keras.ops.add(a, b)``) is an operation
        without weights.
        """
        weights = getattr(layer, "weights", None)
        if id(layer) in self.counted or not weights:
            return 0, 0, (bool(layer.trainable) if weights else None)
        self.counted.add(id(layer))
        frozen = sum(math.prod(w.shape) for w in layer.non_trainable_weights)
        return int(layer.count_params()), int(frozen), bool(layer.trainable)

    def _note(self, layer: Any, shared: int) -> Display:
        if shared < 2:
            return Display()
        call = self.calls.get(id(layer), 0) + 1
        self.calls[id(layer)] = call
        return Display(note=f"shared · call {call} of {shared}")

    def layer(
        self,
        layer: Any,
        inputs: Sequence[Any],
        outputs: Sequence[Any],
        sources: Sequence[Ref | None],
        group: str | None,
        shared: int = 1,
    ) -> list[Ref]:
        """A node for one call of ``layer``; returns a ref per output tensor."""
        ins = tuple(spec(t, self.channels_last) for t in inputs)
        outs = tuple(spec(t, self.channels_last) for t in outputs)
        mapped = self._op(layer, inputs, outs)
        params, frozen, trainable = self.weights(layer)
        prefix = f"{group}/" if group else ""
        node = Node(
            id=self.unique(f"{prefix}{layer.name}"),
            op=mapped.op,
            name=layer.name,
            category=mapped.category,
            attrs=freeze(mapped.attrs),
            inputs=ins,
            outputs=outs,
            params=params,
            non_trainable_params=frozen,
            trainable=trainable,
            activation=mapped.activation,
            group=group,
            display=self._note(layer, shared),
        )
        self.add(node, sources)
        if _generated(layer):
            self.generated.add(layer.name)
        return [Ref(node.id, port, tensor) for port, tensor in enumerate(outs)]

    def _op(self, layer: Any, inputs: Sequence[Any], outs: tuple[TensorSpec, ...]) -> LayerOp:
        if type(layer).__name__ == "InputLayer":
            shape = outs[0].shape if outs else ()
            dtype = outs[0].dtype if outs else "float32"
            attrs = normalise(lookup("input"), {"shape": shape, "dtype": dtype})
            return LayerOp("input", "input", attrs, None)
        rank = len(inputs[0].shape) if inputs else 0
        config = _config(layer)
        out = outs[0] if outs else None
        extra = layout_attrs(type(layer).__name__, config, rank, out, self.channels_last)
        return layer_op(layer, config, extra)

    def merge(
        self,
        op: str,
        inputs: Sequence[Any],
        output: Any,
        sources: Sequence[Ref],
        group: str | None,
        attrs: Mapping[str, AttrValue],
    ) -> Ref:
        """A merge done with tensor arithmetic rather than a layer (``x + y`` in ``call``)."""
        out = spec(output, self.channels_last)
        prefix = f"{group}/" if group else ""
        node = Node(
            id=self.unique(f"{prefix}{op}"),
            op=op,
            name=op,
            category=lookup(op).category,
            attrs=freeze(normalise(lookup(op), attrs)),
            inputs=tuple(spec(t, self.channels_last) for t in inputs),
            outputs=(out,),
            group=group,
        )
        self.add(node, sources)
        return Ref(node.id, 0, out)

    def add(self, node: Node, sources: Sequence[Ref | None]) -> None:
        self.nodes.append(node)
        for port, source in enumerate(sources):
            if source is not None:
                self.edges.append(Edge(source.node, node.id, source.port, port, source.tensor))

    def graph(self, name: str, origin: str) -> Graph:
        layout: Layout = "channels_last" if self.channels_last else "channels_first"
        return Graph(
            name=name,
            nodes=tuple(self.nodes),
            edges=tuple(self.edges),
            groups=tuple(self.groups),
            layout=layout,
            source=origin,
        )
