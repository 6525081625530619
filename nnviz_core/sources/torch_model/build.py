"""Records of a trace → the IR: canonical ops, parameter counts, edges and module groups.

Each parameter is counted once, on the first node that uses it (a leaf module's own weights, or a
bare ``nn.Parameter`` used in ``forward``), so the graph's total equals the model's. A module
called twice draws two nodes; the second (like a layer with weights tied to another's) carries a
note instead of the weights again.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any

from torch import nn

from nnviz_core.errors import NnvizError, excerpt
from nnviz_core.ir.graph import AttrValue, Display, Edge, Graph, Group, Node, freeze
from nnviz_core.ir.ops import lookup, normalise
from nnviz_core.sources.torch_model.functions import KNOWN_GENERIC, map_function
from nnviz_core.sources.torch_model.leaf_repeats import find_leaf_repeats
from nnviz_core.sources.torch_model.modules import map_module, torch_class
from nnviz_core.sources.torch_model.recorder import Record
from nnviz_core.sources.torch_model.repeats import find_repeats

#: Titles of generic nodes whose Python names read badly on a diagram.
GENERIC_TITLES = {"getitem": "slice", "truediv": "div", "floordiv": "div"}


@dataclass
class _Weights:
    """Parameters already counted, by identity, so tied and shared weights count once."""

    model: nn.Module
    owners: dict[int, str] = field(default_factory=dict)

    def count(self, tensors: list[nn.Parameter], owner: str) -> tuple[int, int, str | None]:
        """(total, frozen) element counts of the tensors not counted before, and who counted
        them first when every one of them was (a second call, tied weights)."""
        total = frozen = 0
        earlier: list[str] = []
        for tensor in tensors:
            if id(tensor) in self.owners:
                earlier.append(self.owners[id(tensor)])
                continue
            self.owners[id(tensor)] = owner
            total += tensor.numel()
            frozen += 0 if tensor.requires_grad else tensor.numel()
        return total, frozen, earlier[0] if earlier and not total else None

    def of(self, record: Record) -> list[nn.Parameter]:
        own = list(record.module.parameters()) if record.module is not None else []
        return own + [self.model.get_parameter(name) for name in record.used_params]


def _module_op(record: Record, unknown: list[str]) -> tuple[str, dict[str, Any]]:
    module = record.module
    assert module is not None
    if torch_class(module) == "Flatten":
        shape = list(record.outputs[0].shape) if record.outputs else []
        start = module.start_dim
        return ("flatten", {}) if start == 1 and len(shape) == 1 else ("reshape", {"shape": shape})
    mapped = map_module(module)
    if mapped is None:
        unknown.append(type(module).__name__)
        return "custom", {"type": type(module).__name__}
    op, args = mapped
    if op.startswith("upsampling") and record.inputs:
        op = f"upsampling{max(1, min(3, len(record.inputs[0].shape) - 1))}d"
    return op, args


def _function_op(record: Record, unknown: list[str]) -> tuple[str, dict[str, Any]]:
    rank = len(record.inputs[0].shape) if record.inputs else 0
    shape = record.outputs[0].shape if record.outputs else ()
    out = [int(dim) if dim is not None else -1 for dim in shape]
    mapped = map_function(record.name, record.args, record.kwargs, rank, out)
    if mapped is not None:
        return mapped
    if record.name not in KNOWN_GENERIC:
        unknown.append(record.name)
    return "custom", {"type": GENERIC_TITLES.get(record.name, record.name)}


def _attrs(
    op: str, args: dict[str, Any], kind: str, unknown: list[str]
) -> tuple[str, dict[str, AttrValue]]:
    """Normalised attributes; arguments the catalogue cannot express make a generic node."""
    if op == "custom":
        return op, {"type": kind if not isinstance(args.get("type"), str) else args["type"]}
    try:
        return op, normalise(lookup(op), args)
    except NnvizError:
        unknown.append(kind)
        return "custom", {"type": kind}


def _node(record: Record, weights: _Weights, unknown: list[str]) -> Node:
    if record.kind == "input":
        spec = record.outputs[0]
        attrs: dict[str, AttrValue] = {"shape": spec.shape, "dtype": spec.dtype}
        return Node(record.key, "input", record.name, "input", freeze(attrs), (), (spec,))
    if record.kind == "parameter":
        return _parameter_node(record, weights)
    chosen = _module_op if record.kind == "module" else _function_op
    kind = type(record.module).__name__ if record.module is not None else record.name
    op, attrs = _attrs(*chosen(record, unknown), kind, unknown)
    params, frozen, sharer = weights.count(weights.of(record), record.key)
    category = lookup(op).category
    note = f"shares weights with {sharer}" if sharer else None
    activation = str(attrs.get("activation", op)) if category == "activation" else None
    return Node(
        id=record.key,
        op=op,
        name=record.key if record.kind == "function" else record.name,
        category=category,
        attrs=freeze({**attrs, "params": params} if op == "custom" else attrs),
        inputs=tuple(record.inputs),
        outputs=tuple(record.outputs),
        params=params,
        trainable=(frozen < params) if params else None,
        activation=activation,
        group=record.scope[-1] if record.scope else None,
        display=Display(note=note),
        non_trainable_params=frozen if frozen < params else 0,
    )


def _parameter_node(record: Record, weights: _Weights) -> Node:
    """A learned tensor used directly in ``forward`` (a class token, a position embedding)."""
    params, frozen, _ = weights.count(weights.of(record), record.key)
    attrs = normalise(lookup("custom"), {"type": "Parameter"})
    return Node(
        id=record.key,
        op="custom",
        name=record.name,
        category="custom",
        attrs=freeze({**attrs, "params": params}),
        outputs=tuple(record.outputs),
        params=params,
        trainable=(frozen < params) if params else None,
        group=record.scope[-1] if record.scope else None,
        non_trainable_params=frozen if frozen < params else 0,
    )


def _edges(records: list[Record]) -> tuple[Edge, ...]:
    edges = []
    for record in records:
        for target_port, (source, port) in enumerate(record.sources):
            tensor = records[source].outputs[port]
            edges.append(Edge(records[source].key, record.key, port, target_port, tensor))
    return tuple(edges)


def _label(key: str) -> str:
    path, _, call = key.partition("@")
    return f"{path} (call {int(call) + 1})" if call else path


def _groups(records: list[Record]) -> list[Group]:
    """A ``submodel`` group per called container module, in order of first call."""
    groups: dict[str, Group] = {}
    for record in records:
        for depth, key in enumerate(record.scope):
            if key not in groups:
                parent = record.scope[depth - 1] if depth else None
                groups[key] = Group(key, "submodel", _label(key), parent)
    return list(groups.values())


def build_graph(records: list[Record], model: nn.Module, name: str) -> Graph:
    """The IR of a traced model; unknown layers warn once each and draw as generic nodes."""
    weights = _Weights(model)
    unknown: list[str] = []
    nodes = [_node(record, weights, unknown) for record in records]
    for kind in dict.fromkeys(unknown):
        warnings.warn(
            f"{name}: {excerpt(kind)} has no equivalent in nnviz's op catalogue; "
            "it is drawn as a generic node",
            stacklevel=3,
        )
    graph = Graph(name, tuple(nodes), _edges(records), tuple(_groups(records)))
    return find_leaf_repeats(find_repeats(graph))
