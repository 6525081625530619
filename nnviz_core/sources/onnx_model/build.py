"""Assembling the Graph from a flattened ONNX model: nodes, edges, parameters and groups."""

from __future__ import annotations

import warnings
from typing import Any

from nnviz_core.errors import NnvizError, excerpt
from nnviz_core.ir import AttrValue, Edge, Graph, Group, GroupKind, Node, TensorSpec, freeze
from nnviz_core.ir.ops import lookup, normalise
from nnviz_core.ir.repeats import find_named_repeats
from nnviz_core.sources.onnx_model.flow import Flow, Item
from nnviz_core.sources.onnx_model.fold import fold_biases
from nnviz_core.sources.onnx_model.mapping import CONVERTERS, Context, Shape
from nnviz_core.sources.onnx_model.params import ParamCounter
from nnviz_core.sources.onnx_model.reading import Tables, Tensor, collect, import_onnx, inferred
from nnviz_core.sources.onnx_model.scopes import PREFIX, scope_groups


class Builder:
    def __init__(self, model: Any, show_plumbing: bool, name: str, source: str) -> None:
        self.onnx = import_onnx()
        self.model = inferred(model)
        self.tables = Tables()
        collect(self.model.graph, self.tables)
        self.flow = Flow(self.tables, show_plumbing)
        self.flow.walk(self.model.graph)
        self.flow.name_items()
        #: Recurrent outputs ``[steps, directions, units]``, shown as ``[steps, directions·units]``
        #: (what PyTorch returns: both directions side by side).
        self.sequences = {
            item.node.output[0]
            for item in self.flow.items
            if item.node.op_type in ("LSTM", "GRU", "RNN") and item.node.output
        }
        for item in self.flow.items:
            if item.node.op_type in ("Reshape", "Flatten") and item.data:
                self._complete_reshape(item.node)
        self.name, self.source = name, source
        self.counter = ParamCounter(self.flow, self.tables)
        self.biases = fold_biases(self.flow, self.counter)
        scope_groups(self.flow)
        self.read = {self.flow.resolve(v) for item in self.flow.items for v in item.reads}
        self.read |= {out.name for out in self.model.graph.output}

    def graph(self) -> Graph:
        nodes = [self._input(value) for value in self.flow.inputs]
        edges: list[Edge] = []
        for item in self.flow.items:
            if not item.hidden:
                node, incoming = self._node(item)
                nodes.append(node)
                edges += incoming
        groups = self._groups(nodes)
        graph = Graph(self.name, tuple(nodes), tuple(edges), groups, "channels_first", self.source)
        return find_named_repeats(graph)  # ``layer.0`` … ``layer.11`` fold as ×12

    def spec(self, value: str) -> TensorSpec:
        """A value as the IR stores it: shape without the batch axis."""
        value = self.flow.resolve(value)
        known = self.tables.values.get(value)
        if known is None or known.shape is None:
            return TensorSpec((None,), known.dtype if known else "float32")
        batch = self.flow.batch.get(value)
        shape = known.shape
        if batch is not None and batch < len(shape):
            shape = (*shape[:batch], *shape[batch + 1 :])
        if value in self.sequences and len(shape) == 3:
            steps, directions, units = shape
            shape = (steps, directions * units if directions and units else None)
        return TensorSpec(shape, known.dtype)

    def _complete_reshape(self, node: Any) -> None:
        """``x.view(x.size(0), -1)`` with a dynamic batch: inference leaves the size unknown,
        but a reshape keeps the number of values per sample, which fills in the one gap."""
        source, target = self.spec(node.input[0]).shape, self.flow.resolve(node.output[0])
        known = self.tables.values.get(target)
        out = self.spec(target).shape
        if known is None or known.shape is None or out.count(None) != 1 or None in source:
            return
        total = 1
        for dim in source:
            total *= dim or 0
        rest = 1
        for dim in out:
            rest *= dim or 1
        if total and total % rest == 0:
            batch = self.flow.batch.get(target)
            filled: list[int | None] = [total // rest if d is None else d for d in out]
            if batch is not None:
                filled.insert(batch, known.shape[batch])
            self.tables.values[target] = Tensor(tuple(filled), known.dtype)

    def _input(self, value: str) -> Node:
        spec = self.spec(value)
        node_id = self.flow.namer.input_id(value)
        attrs: dict[str, AttrValue] = {"shape": spec.shape, "dtype": spec.dtype}
        return Node(node_id, "input", value, "input", freeze(attrs), (), (spec,))

    def _node(self, item: Item) -> tuple[Node, list[Edge]]:
        edges: list[Edge] = []
        for value in item.reads:
            for source, port in self.flow.sources(value):
                if not any(e.source == source and e.source_port == port for e in edges):
                    edges.append(Edge(source, item.id, port, len(edges), self.spec(value)))
        node = item.node
        params, frozen = self.counter.count(node, self._bias(item))
        op, attrs = self._convert(item, params)
        category = lookup(op).category
        outputs = tuple(self.spec(value) for value in self._kept_outputs(node))
        return (
            Node(
                id=item.id,
                op=op,
                name=item.name,
                category=category,
                attrs=freeze(attrs),
                inputs=tuple(edge.tensor or TensorSpec((None,)) for edge in edges),
                outputs=outputs,
                params=params,
                trainable=True if params else None,
                activation=op if category == "activation" else None,
                group=item.group,
                non_trainable_params=frozen,
            ),
            edges,
        )

    def _kept_outputs(self, node: Any) -> list[str]:
        """Outputs up to the last one used: an LSTM whose states nobody reads shows only Y."""
        values = list(node.output)
        while len(values) > 1 and (
            not values[-1] or self.flow.resolve(values[-1]) not in self.read
        ):
            values.pop()
        return values

    def _convert(self, item: Item, params: int) -> tuple[str, dict[str, AttrValue]]:
        node = item.node
        converter = CONVERTERS.get(node.op_type)
        converted = converter(self._context(node, self._bias(item))) if converter else None
        if converted is not None:
            op, attrs = converted
            try:
                return op, normalise(lookup(op), attrs)
            except NnvizError as error:
                warnings.warn(
                    f"ONNX node {excerpt(item.name)} ({excerpt(node.op_type)}) drawn as a "
                    f"generic box: {error}",
                    stacklevel=4,
                )
        elif not self.onnx.defs.has(node.op_type, node.domain or ""):
            domain = f" from domain {excerpt(node.domain)}" if node.domain else ""
            warnings.warn(
                f"ONNX node {excerpt(item.name)}: op {excerpt(node.op_type)}{domain} has no "
                "nnviz equivalent; "
                "drawn as a generic box",
                stacklevel=4,
            )
        return "custom", {"type": node.op_type, "params": params}

    def _bias(self, item: Item) -> list[str]:
        return [self.biases[item.id]] if item.id in self.biases else []

    def _context(self, node: Any, extra: list[str]) -> Context:
        helper = self.onnx.helper
        attrs = {a.name: _rounded(helper.get_attribute_value(a)) for a in node.attribute}
        resolve = self.flow.resolve
        data = [resolve(value) in self.flow.data if value else False for value in node.input]
        first = next((resolve(v) for v, d in zip(node.input, data, strict=True) if d), None)
        out = self._known_shape(node.output[0]) if node.output and node.output[0] else None
        return Context(
            op_type=node.op_type,
            attrs=attrs,
            ins=[self._shape(v) if d else None for v, d in zip(node.input, data, strict=True)],
            weights=[self.counter.weight(value) for value in [*node.input, *extra]],
            constants=[self.tables.constants.get(self.counter.origin(v), ()) for v in node.input],
            batch=self.flow.batch.get(first) if first is not None else None,
            out=out,
            outputs_used=tuple(resolve(value) in self.read for value in node.output),
        )

    def _known_shape(self, value: str) -> Shape | None:
        """The IR shape, or ``None`` when even the rank is unknown."""
        known = self.tables.values.get(self.flow.resolve(value))
        return self.spec(value).shape if known is not None and known.shape is not None else None

    def _shape(self, value: str) -> Shape:
        return self.spec(value).shape

    def _groups(self, nodes: list[Node]) -> tuple[Group, ...]:
        """Subgraph and module groups holding at least one drawn node (directly or below)."""
        infos = {info.id: info for info in self.flow.groups}
        live: set[str] = set()
        for node in nodes:
            group = node.group
            while group is not None and group not in live:
                live.add(group)
                group = infos[group].parent
        return tuple(
            Group(i.id, _kind(i.id), i.label, i.parent) for i in self.flow.groups if i.id in live
        )


def _kind(group_id: str) -> GroupKind:
    return "submodel" if group_id.startswith(PREFIX) else "block"


def _rounded(value: Any) -> Any:
    """float32 attributes (``momentum: 0.8999999761581421``) as the author wrote them."""
    return float(f"{value:.6g}") if isinstance(value, float) else value


def build(model: Any, *, show_plumbing: bool, name: str, source: str) -> Graph:
    return Builder(model, show_plumbing, name, source).graph()
