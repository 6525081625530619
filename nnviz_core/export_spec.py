"""Write a Graph back out as an editable YAML spec that loads into the same network.

Imported models (PyTorch, Keras, ONNX, Caffe) become specs people can edit, trim and keep in
their docs. Every layer is written with its id and, when it is not simply the previous layer, its
inputs; arguments at their defaults are left out. Each layer is checked against the op catalogue
as it is written: where inference would give another shape the spec states ``output_shape``, and
where the catalogue cannot reproduce it (another parameter count, an op outside the vocabulary) the
layer becomes a ``custom`` op with its real shape and count, so the spec always loads into the
same ops, shapes and parameter counts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from nnviz_core.errors import NnvizError
from nnviz_core.ir import AttrValue, Graph, Group, Node
from nnviz_core.ir.ops import Incoming, apply, lookup
from nnviz_core.ir.ops.values import coerce

__all__ = ["export_spec", "spec_mapping"]

_UNSAFE = re.compile(r"[^A-Za-z0-9_]+")


def _ids(graph: Graph) -> dict[str, str]:
    """A spec id for every node: letters, digits and ``_`` only (a ``.`` separates scopes)."""
    taken: set[str] = set()
    found: dict[str, str] = {}
    for node in graph.nodes:
        base = _UNSAFE.sub("_", node.id).strip("_") or node.op
        if base[0].isdigit():
            base = f"{node.op}_{base}"
        candidate, number = base, 1
        while candidate in taken:
            number += 1
            candidate = f"{base}_{number}"
        taken.add(candidate)
        found[node.id] = candidate
    return found


def _plain(value: AttrValue) -> Any:
    """An attribute as YAML writes it: tuples as lists."""
    return [_plain(item) for item in value] if isinstance(value, tuple) else value


def _shape(shape: tuple[int | None, ...]) -> list[int | None]:
    return list(shape)


def _args(node: Node) -> dict[str, Any]:
    """The node's attributes without those at the op's default; equal pairs as one number."""
    op = lookup(node.op)
    args: dict[str, Any] = {}
    for arg in op.args:
        if arg.name not in node.attrs:
            continue
        value = node.attrs[arg.name]
        default = None if arg.default is None else coerce(op, arg, arg.default)
        if value == default:
            continue
        same = isinstance(value, tuple) and len(set(value)) == 1 and len(value) > 1
        args[arg.name] = value[0] if same and isinstance(value, tuple) else _plain(value)
    # a source may fuse an activation into the layer (Caffe's in-place ReLU)
    takes = any(arg.name == "activation" for arg in op.args)
    if takes and node.activation and "activation" not in args:
        args["activation"] = node.activation
    return args


@dataclass
class _Writer:
    """Turns nodes into spec layers, remembering what was written last."""

    graph: Graph
    ids: dict[str, str]
    previous: str | None = None
    custom: list[str] = field(default_factory=list)

    def incoming(self, node: Node) -> list[Incoming]:
        """The tensors a spec layer sees: each source's first output, as the spec connects."""
        found = []
        for source in self.graph.predecessors(node.id):
            output = self.graph.node(source).output
            shape = output.shape if output else ()
            found.append(Incoming(shape, self.ids[source], output.dtype if output else "float32"))
        return found

    def layer(self, node: Node) -> dict[str, Any]:
        spec_id = self.ids[node.id]
        entry: dict[str, Any] = {"id": spec_id, **self._op(node)}
        sources = [self.ids[s] for s in self.graph.predecessors(node.id)]
        if sources != [self.previous]:
            entry["inputs"] = sources
        if node.name != spec_id:
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
            try:
                applied = apply(lookup(node.op), args, self.incoming(node))
            except (NnvizError, KeyError):
                applied = None
            same_params = applied is not None and applied.params == node.params
            if applied is not None and same_params:
                wrote: dict[str, Any] = {node.op: args}
                if applied.shape != shape:
                    wrote["output_shape"] = _shape(shape)
                if lookup(node.op).category != node.category:
                    wrote["category"] = node.category
                return wrote
            self.custom.append(node.id)
        kind = node.attrs.get("type", node.op) if node.op == "custom" else node.op
        body: dict[str, Any] = {"type": kind}
        if node.params:
            body["params"] = node.params
        return {"custom": body, "output_shape": _shape(shape), "category": node.category}


def _display(node: Node) -> dict[str, Any]:
    shown = node.display
    found: dict[str, Any] = {"label": shown.label, "color": shown.color, "note": shown.note}
    found = {key: value for key, value in found.items() if value is not None}
    if shown.hidden:
        found["hidden"] = True
    return found


def _inputs(graph: Graph, ids: Mapping[str, str]) -> dict[str, Any]:
    """The top-level ``input``/``inputs`` keys: every node that nothing feeds."""
    sources = [node for node in graph.nodes if not graph.predecessors(node.id)]
    declared: dict[str, Any] = {}
    for node in sources:
        output = node.output
        value: dict[str, Any] = {"shape": _shape(output.shape if output else ())}
        if output is not None and output.dtype != "float32":
            value["dtype"] = output.dtype
        declared[ids[node.id]] = value if "dtype" in value else value["shape"]
    if list(declared) == ["input"]:
        return {"input": declared["input"]}
    return {"inputs": declared}


def _nest(graph: Graph, writer: _Writer) -> list[Any]:
    """The layers, with each group an inline ``{label, layers}`` item around its members."""
    root: list[Any] = []
    stack: list[tuple[Group, list[Any]]] = []
    for node in graph.nodes:
        if not graph.predecessors(node.id):
            continue
        chain = graph.group_chain(node)
        keep = 0
        while keep < min(len(stack), len(chain)) and stack[keep][0].id == chain[keep].id:
            keep += 1
        del stack[keep:]
        for group in chain[keep:]:
            items: list[Any] = []
            (stack[-1][1] if stack else root).append({"label": group.label, "layers": items})
            stack.append((group, items))
        (stack[-1][1] if stack else root).append(writer.layer(node))
    return root


def spec_mapping(graph: Graph) -> dict[str, Any]:
    """The spec as plain data (what YAML would load), channels-first."""
    ids = _ids(graph)
    writer = _Writer(graph, ids)
    inputs = _inputs(graph, ids)
    if len(inputs.get("inputs", {})) == 1:
        writer.previous = next(iter(inputs["inputs"]))
    elif "input" in inputs:
        writer.previous = "input"
    return {"name": graph.name, **inputs, "layers": _nest(graph, writer)}


def _flow(value: Any) -> str:
    text = yaml.safe_dump(value, default_flow_style=True, width=1_000_000, sort_keys=False)
    return text.strip().removesuffix("...").strip()


def _lines(items: list[Any], indent: str) -> list[str]:
    lines: list[str] = []
    for item in items:
        if set(item) == {"label", "layers"}:
            lines.append(f"{indent}- label: {_flow(item['label'])}")
            lines.append(f"{indent}  layers:")
            lines += _lines(item["layers"], indent + "    ")
        else:
            lines.append(f"{indent}- {_flow(item)}")
    return lines


def export_spec(graph: Graph) -> str:
    """The Graph as YAML spec text, one layer per line, groups as nested ``layers``."""
    data = spec_mapping(graph)
    header = [
        f"# Exported by nnviz from {graph.source}.",
        "# Shapes are channels-first, without the batch dimension (docs/language.md).",
        f"name: {_flow(data['name'])}",
    ]
    if "input" in data:
        header.append(f"input: {_flow(data['input'])}")
    else:
        header.append("inputs:")
        header += [f"  {_flow(key)}: {_flow(value)}" for key, value in data["inputs"].items()]
    return "\n".join([*header, "layers:", *_lines(data["layers"], "  ")]) + "\n"
