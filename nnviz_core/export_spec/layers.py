"""One node as one spec layer, checked against the op catalogue as it is written.

Where inference would give another shape the layer states ``output_shape``; where the catalogue
cannot reproduce the node (another parameter count, an op outside the vocabulary) it becomes a
``custom`` op with its real shape and count, so the spec loads into the same network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from nnviz_core.errors import NnvizError
from nnviz_core.export_spec.layout import args_as, shape_as
from nnviz_core.ir import AttrValue, Graph, Layout, Node
from nnviz_core.ir.ops import Applied, Incoming, apply, lookup
from nnviz_core.ir.ops.values import coerce

__all__ = ["UNSAFE", "Writer", "node_ids", "numbered", "spec_id"]

UNSAFE = re.compile(r"[^A-Za-z0-9_]+")


def node_ids(graph: Graph) -> dict[str, str]:
    """A spec id for every node: letters, digits and ``_`` only (a ``.`` separates scopes)."""
    taken: set[str] = set()
    return {node.id: spec_id(node.id, node.op, taken) for node in graph.nodes}


def spec_id(raw: str, op: str, taken: set[str]) -> str:
    """``raw`` made a valid spec id, numbered past those in ``taken`` (which it joins)."""
    base = UNSAFE.sub("_", raw).strip("_") or op
    if base[0].isdigit():
        base = f"{op}_{base}"
    candidate = numbered(base, taken)
    taken.add(candidate)
    return candidate


def numbered(base: str, taken: set[str]) -> str:
    """``base``, or ``base_2``, ``base_3``, … : the first not in ``taken``."""
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}_{number}"
    return candidate


def _plain(value: AttrValue) -> Any:
    """An attribute as YAML writes it: tuples as lists."""
    return [_plain(item) for item in value] if isinstance(value, tuple) else value


def _compact(value: AttrValue) -> Any:
    """Equal entries as one number: ``(2, 2)`` as ``2``, ``((1, 1), (1, 1))`` as ``1``.

    Only down to a number: ``((0, 0), (0, 0), (0, 0))`` is not ``(0, 0)``, which would read as
    one pair for a 3D padding.
    """
    if isinstance(value, tuple) and len(value) > 1 and len(set(value)) == 1:
        first = value[0]
        if not isinstance(first, tuple):
            return first
        if len(first) > 1 and len(set(first)) == 1 and not isinstance(first[0], tuple):
            return first[0]
    return _plain(value)


def _args(node: Node) -> dict[str, Any]:
    """The node's attributes without those at the op's default; equal pairs as one number."""
    op = lookup(node.op)
    args: dict[str, Any] = {}
    for arg in op.args:
        if arg.name not in node.attrs:
            continue
        value = node.attrs[arg.name]
        default = None if arg.default is None else coerce(op, arg, arg.default)
        if value != default:
            # a shape is dims, not one value per axis: [1, 1] is not 1
            args[arg.name] = _plain(value) if arg.kind == "shape" else _compact(value)
    # a source may fuse an activation into the layer (Caffe's in-place ReLU)
    takes = any(arg.name == "activation" for arg in op.args)
    if takes and node.activation and "activation" not in args:
        args["activation"] = node.activation
    return args


@dataclass
class Writer:
    """Turns nodes into spec layers, remembering what was written last."""

    graph: Graph
    ids: dict[str, str]
    previous: str | None = None
    custom: list[str] = field(default_factory=list)
    names: bool = True
    """Write each node's own name; off in a repeat's body, where it would repeat one name."""
    shared_names: frozenset[str] = frozenset()
    """Nodes of a repeat's body whose name every iteration shares: written even so."""
    layout: Layout = "channels_first"
    """How the spec writes shapes and axes (the IR's own order is channels-first)."""

    def incoming(self, node: Node) -> list[Incoming]:
        """The tensors a spec layer sees: each source's first output, as the spec connects."""
        found = []
        for source in self.graph.predecessors(node.id):
            output = self.graph.node(source).output
            shape = output.shape if output else ()
            found.append(Incoming(shape, self.ids[source], output.dtype if output else "float32"))
        return found

    def layer(self, node: Node) -> dict[str, Any]:
        """The spec item of ``node``; its inputs are left out when it takes the previous item."""
        spec_id = self.ids[node.id]
        entry: dict[str, Any] = {"id": spec_id, **self._op(node)}
        sources = [self.ids[s] for s in self.graph.predecessors(node.id)]
        if sources != [self.previous] and (sources or node.op != "input"):
            entry["inputs"] = sources  # an input layer takes nothing, and says nothing of it
        if (self.names or node.id in self.shared_names) and node.name != spec_id:
            entry["name"] = node.name
        if node.trainable is False:
            entry["trainable"] = False
        entry.update(_display(node))
        self.previous = spec_id
        return entry

    def _op(self, node: Node) -> dict[str, Any]:
        """``{op: args}`` plus ``output_shape``/``category`` where the catalogue needs them."""
        output = node.output
        shape = output.shape if output else ()
        if node.op != "custom":
            args = _args(node)
            inferred = self._apply(node, args, None)
            applied = inferred or self._apply(node, args, shape)
            same_params = applied is not None and applied.params == node.params
            if applied is not None and same_params:
                wrote: dict[str, Any] = {node.op: args_as(node, args, self.layout)}
                if inferred is None or applied.shape != shape:
                    wrote["output_shape"] = shape_as(shape, self.layout)
                if lookup(node.op).category != node.category:
                    wrote["category"] = node.category
                return wrote
            self.custom.append(node.id)
        kind = node.attrs.get("type", node.op) if node.op == "custom" else node.op
        body: dict[str, Any] = {"type": kind}
        if node.params:
            body["params"] = node.params
        written = shape_as(shape, self.layout)
        return {"custom": body, "output_shape": written, "category": node.category}

    def _apply(self, node: Node, args: dict[str, Any], shape: Any) -> Applied | None:
        """The op on the node's inputs as the loader will see it; with ``shape`` stated as
        ``output_shape`` (which the loader takes instead of inferring one), or None if the op
        cannot take those inputs."""
        try:
            return apply(lookup(node.op), args, self.incoming(node), shape)
        except (NnvizError, KeyError):
            return None


def _display(node: Node) -> dict[str, Any]:
    shown = node.display
    found: dict[str, Any] = {"label": shown.label, "color": shown.color, "note": shown.note}
    found = {key: value for key, value in found.items() if value is not None}
    if shown.hidden:
        found["hidden"] = True
    return found
