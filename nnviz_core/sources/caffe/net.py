"""From a parsed prototxt to a Graph: layers wired by blob names, in-place layers folded in.

Caffe layers name the blobs they read (``bottom``) and write (``top``). A layer whose only top
is its only bottom (ReLU, BatchNorm, Scale, Dropout run in place) modifies the blob of the layer
that produced it; like netscope we fold it into that layer's node: its activation becomes
``Node.activation``, every one of them is listed in order in the ``in_place`` attribute (which
captions and cards show as one merged name, "BN · Scale · ReLU", not as a note line that widens
every column), and their parameters are added to the node.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field, replace

from nnviz_core.errors import (
    NnvizError,
    ReferenceError,
    ShapeError,
    SourceLocation,
    UnknownNameError,
    did_you_mean,
    excerpt,
)
from nnviz_core.ir import AttrValue, Edge, Graph, Node, TensorSpec, freeze
from nnviz_core.ir.ops import fmt, lookup, normalise
from nnviz_core.ir.repeats import find_named_repeats
from nnviz_core.limits import shape_problem
from nnviz_core.sources.caffe import catalogue
from nnviz_core.sources.caffe.groups import name_groups
from nnviz_core.sources.caffe.inputs import data_shapes, legacy_inputs
from nnviz_core.sources.caffe.layers import Layer, Made, custom
from nnviz_core.sources.caffe.shapes import Shape
from nnviz_core.sources.caffe.text_format import Message


@dataclass
class Pending:
    """A node being built: a layer's result plus the in-place layers folded into it."""

    id: str
    name: str
    made: Made
    location: SourceLocation
    inputs: list[tuple[str, int]] = field(default_factory=list)
    in_place: list[str] = field(default_factory=list)
    activation: str | None = None
    params: int = 0
    non_trainable: int = 0


class NetBuilder:
    def __init__(self, net: Message, name: str, source: str) -> None:
        self.net, self.name, self.source = net, name, source
        self.pending: dict[str, Pending] = {}
        self.blobs: dict[str, tuple[str, int]] = {}

    def build(self) -> Graph:
        for field_, shape in legacy_inputs(self.net):
            made = Made("input", {"shape": shape, "dtype": "float32"}, (shape,), raw=True)
            self._add(str(field_.value), made, field_.location, [], (str(field_.value),))
        for layer in _layers(self.net):
            self._layer(layer)
        return self._graph()

    def _layer(self, layer: Layer) -> None:
        if layer.type == "Split":
            source = self._bottom(layer, layer.bottoms[0]) if layer.bottoms else None
            for top in layer.tops if source else ():
                self.blobs[top] = source  # type: ignore[assignment]
            return
        inputs = [self._bottom(layer, bottom) for bottom in layer.bottoms]
        shapes = [self._shape(source) for source in inputs]
        if layer.type in catalogue.DATA_TYPES:
            outs = tuple(data_shapes(layer))
            made = Made(
                "input", {"shape": outs[0] if outs else (), "dtype": "float32"}, outs, raw=True
            )
        else:
            made = _apply(layer, shapes)
        host = self.pending.get(inputs[0][0]) if len(inputs) == 1 else None
        if layer.tops == layer.bottoms and host is not None and host.made.op != "input":
            self._fold(host, layer, made)
            return
        self._add(layer.name, made, layer.location, inputs, layer.tops)

    def _fold(self, host: Pending, layer: Layer, made: Made) -> None:
        if layer.type in catalogue.ACTIVATIONS and made.op != "custom":
            host.activation = made.op
        host.in_place.append(layer.type)
        host.params += made.params
        host.non_trainable += made.non_trainable

    def _add(
        self,
        name: str,
        made: Made,
        location: SourceLocation,
        inputs: list[tuple[str, int]],
        tops: tuple[str, ...],
    ) -> None:
        for shape in made.outputs:
            problem = shape_problem(shape)
            if problem:
                message = f"layer {excerpt(name)}: the output shape {fmt(shape)} {problem}"
                raise ShapeError(message, location)
        node_id, suffix = name, 2
        while node_id in self.pending:
            node_id, suffix = f"{name}_{suffix}", suffix + 1
        pending = Pending(node_id, name, made, location, inputs)
        pending.params, pending.non_trainable = made.params, made.non_trainable
        self.pending[node_id] = pending
        for port, top in enumerate(tops):
            self.blobs[top] = (node_id, port)

    def _bottom(self, layer: Layer, blob: str) -> tuple[str, int]:
        if blob not in self.blobs:
            hint = did_you_mean(blob, self.blobs)
            raise ReferenceError(
                f"layer {excerpt(layer.name)}: bottom {excerpt(blob)} "
                f"is not the top of any earlier layer{hint}",
                layer.location,
            )
        return self.blobs[blob]

    def _shape(self, source: tuple[str, int]) -> Shape:
        outputs = self.pending[source[0]].made.outputs
        return outputs[source[1]] if source[1] < len(outputs) else (None,)

    def _graph(self) -> Graph:
        groups, group_items = name_groups([p.name for p in self.pending.values()])
        nodes = tuple(
            _node(p, self._shapes_in(p), groups.get(p.name)) for p in self.pending.values()
        )
        edges = tuple(
            Edge(source, p.id, port, index, TensorSpec(self._shape((source, port))))
            for p in self.pending.values()
            for index, (source, port) in enumerate(p.inputs)
        )
        graph = Graph(self.name, nodes, edges, group_items, "channels_first", self.source)
        return find_named_repeats(graph)  # res4b … res4f fold as ×5

    def _shapes_in(self, pending: Pending) -> tuple[TensorSpec, ...]:
        return tuple(TensorSpec(self._shape(source)) for source in pending.inputs)


def _apply(layer: Layer, shapes: list[Shape]) -> Made:
    rule = catalogue.RULES.get(layer.type)
    if rule is None:
        warnings.warn(
            f"{layer.location}: layer type {excerpt(layer.type)} is not known to nnviz; drawn as a "
            "generic box with the shape of its first bottom",
            stacklevel=2,
        )
        rule = custom(layer.type)
    try:
        made = rule(layer, shapes or [(None,)])
        if made.raw:
            return made
        return replace(made, attrs=normalise(lookup(made.op), made.attrs))
    except NnvizError as error:
        raise (error if error.location else error.relocated(layer.location)) from None


def _node(pending: Pending, inputs: tuple[TensorSpec, ...], group: str | None) -> Node:
    made = pending.made
    op = lookup(made.op)
    attrs: dict[str, AttrValue] = dict(made.attrs)
    if pending.in_place:
        attrs["in_place"] = tuple(pending.in_place)
    if op.category == "activation":
        activation: str | None = made.op
    else:
        activation = pending.activation
    return Node(
        id=pending.id,
        op=made.op,
        name=pending.name,
        category=made.category or op.category,
        attrs=freeze(attrs),
        inputs=inputs,
        outputs=tuple(TensorSpec(shape) for shape in made.outputs),
        params=pending.params,
        trainable=True if pending.params else None,
        activation=activation,
        group=group,
        location=pending.location,
        non_trainable_params=pending.non_trainable,
    )


def _layers(net: Message) -> list[Layer]:
    """The layers of the TEST (deployment) phase, in document order."""
    found: list[Layer] = []
    for entry in net.fields:
        if entry.name not in ("layer", "layers") or not isinstance(entry.value, Message):
            continue
        message = entry.value
        if not _in_test_phase(message):
            continue
        found.append(_layer(message, entry.location, len(found)))
    return found


def _in_test_phase(message: Message) -> bool:
    for rule in message.messages("include"):
        if str(rule.scalar("phase", "TEST")).upper() not in ("TEST", "1"):
            return False
    return all(
        str(r.scalar("phase", "")).upper() not in ("TEST", "1") for r in message.messages("exclude")
    )


def _layer(message: Message, location: SourceLocation, index: int) -> Layer:
    type_field = message.first("type")
    raw = str(type_field.value) if type_field is not None else ""
    kind = catalogue.V1_NAMES.get(raw, raw)
    name = str(message.scalar("name", f"{kind.lower() or 'layer'}_{index + 1}"))
    if type_field is None:
        missing = f'layer {excerpt(name)} has no type; add e.g. `type: "ReLU"`'
        raise UnknownNameError(missing, location)
    if kind not in catalogue.KNOWN:
        hint = did_you_mean(kind, catalogue.KNOWN)
        if hint:
            raise UnknownNameError(f"unknown layer type {excerpt(raw)}{hint}", type_field.location)
    bottoms = tuple(str(v) for v in message.scalars("bottom"))
    tops = tuple(str(v) for v in message.scalars("top"))
    return Layer(name, kind, message, location, bottoms, tops)
