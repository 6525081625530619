"""Write a Graph back out as an editable YAML spec that loads into the same network.

Imported models (PyTorch, Keras, ONNX, Caffe) become specs people can edit, trim and keep in
their docs: one layer per line with its id and, when it is not simply the previous layer, its
inputs; arguments at their defaults left out; groups as nested ``layers``; identical repeated
blocks as one iteration with ``repeat: N``. Shapes are written channels-first.

>>> from nnviz_core.export_spec import export_spec
>>> print(export_spec(nnviz_core.load("pkg.models:build", input_shape="1,8")))  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import yaml

from nnviz_core.errors import NnvizError
from nnviz_core.export_spec.layers import Writer, node_ids
from nnviz_core.export_spec.layout import shape_as
from nnviz_core.export_spec.repeats import Fold, find_fold, folded_item
from nnviz_core.ir import Graph, Group, Layout, Node
from nnviz_core.sources.yaml_spec import load_text

__all__ = ["export_spec", "spec_mapping"]


def _declared(graph: Graph, ids: Mapping[str, str]) -> set[str]:
    """The nodes written as top-level ``input``/``inputs`` entries, the rest being layers.

    Only the leading run of plain inputs: an entry there names a node with its id, outside any
    group, drawn as declared. An input after other layers, inside a group, renamed or restyled
    is written in place as an ``input`` layer, and so is every input after it, so that the spec
    loads its nodes in the same order. A source-less node of another op (never drawn from a
    spec) is declared as an input wherever it is.
    """
    declared: set[str] = set()
    leading = True
    for node in graph.nodes:
        if graph.predecessors(node.id):
            leading = False
        elif node.op != "input" or (leading and _plain_input(node, ids[node.id])):
            declared.add(node.id)
        else:
            leading = False
    return declared


def _plain_input(node: Node, spec_id: str) -> bool:
    shown = node.display
    restyled = shown.label or shown.color or shown.note or shown.hidden
    return (
        node.group is None and node.name == spec_id and not restyled and node.trainable is not False
    )


def _inputs(
    graph: Graph, ids: Mapping[str, str], declared: set[str], layout: Layout
) -> dict[str, Any]:
    """The top-level ``input``/``inputs`` keys for the ``declared`` nodes (none if none are)."""
    found: dict[str, Any] = {}
    for node in graph.nodes:
        if node.id not in declared:
            continue
        output = node.output
        shape = shape_as(output.shape if output else (), layout)
        dtype = output.dtype if output else "float32"
        found[ids[node.id]] = shape if dtype == "float32" else {"shape": shape, "dtype": dtype}
    if not found:
        return {}
    if list(found) == ["input"]:
        return {"input": found["input"]}
    return {"inputs": found}


def _opened(graph: Graph, groups: tuple[Group, ...]) -> tuple[tuple[Group, ...], Fold | None]:
    """The groups to open before a node, stopping at a repeat that folds."""
    for index, group in enumerate(groups):
        fold = find_fold(graph, group) if group.kind == "repeat" else None
        if fold is not None:
            return groups[:index], fold
    return groups, None


def _nest(graph: Graph, writer: Writer, declared: set[str]) -> list[Any]:
    """The layers (all but the ``declared`` inputs), each group an inline ``{label, layers}``
    item around its members."""
    root: list[Any] = []
    stack: list[tuple[Group, list[Any]]] = []
    done: set[str] = set()
    for node in graph.nodes:
        if node.id in done or node.id in declared:
            continue
        chain = graph.group_chain(node)
        keep = 0
        while keep < min(len(stack), len(chain)) and stack[keep][0].id == chain[keep].id:
            keep += 1
        del stack[keep:]
        groups, fold = _opened(graph, chain[keep:])
        for group in groups:
            items: list[Any] = []
            (stack[-1][1] if stack else root).append({"label": group.label, "layers": items})
            stack.append((group, items))
        into = stack[-1][1] if stack else root
        if fold is not None:
            into.append(folded_item(fold, writer))
            done |= fold.members
        else:
            into.append(writer.layer(node))
    return root


def spec_mapping(graph: Graph, layout: Layout = "channels_first") -> dict[str, Any]:
    """The spec as plain data (what YAML would load), its shapes written in ``layout``."""
    ids = node_ids(graph)
    writer = Writer(graph, ids, layout=layout)
    declared = _declared(graph, ids)
    inputs = _inputs(graph, ids, declared, layout)
    if len(inputs.get("inputs", {})) == 1:
        writer.previous = next(iter(inputs["inputs"]))
    elif "input" in inputs:
        writer.previous = "input"
    head = {"layout": layout} if layout != "channels_first" else {}
    return {"name": graph.name, **head, **inputs, "layers": _nest(graph, writer, declared)}


class _Dumper(yaml.SafeDumper):
    """Text with line breaks or control characters double-quoted, where YAML escapes them:
    in plain or single-quoted style a line break (``\n``, U+2028…) is folded into a space."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if any(not char.isprintable() for char in value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def _flow(value: Any) -> str:
    text = yaml.dump(
        value,
        Dumper=_Dumper,
        default_flow_style=True,
        width=1_000_000,
        sort_keys=False,
        allow_unicode=True,
    )
    return text.strip().removesuffix("...").strip()


def _lines(items: list[Any], indent: str) -> list[str]:
    lines: list[str] = []
    for item in items:
        if "layers" not in item:
            lines.append(f"{indent}- {_flow(item)}")
            continue
        keys = [f"{key}: {_flow(value)}" for key, value in item.items() if key != "layers"]
        lines.append(f"{indent}- {keys[0]}")
        lines += [f"{indent}  {key}" for key in keys[1:]]
        lines.append(f"{indent}  layers:")
        lines += _lines(item["layers"], indent + "    ")
    return lines


def export_spec(graph: Graph) -> str:
    """The Graph as YAML spec text, one layer per line, groups as nested ``layers``.

    A channels-last graph (a Keras model) is written channels-last, as its author reads shapes,
    unless that spec would not load into the same network; then it is written channels-first.
    """
    text = _text(graph, "channels_first")
    if graph.layout == "channels_last":
        keras_like = _text(graph, "channels_last")
        if _loads_alike(keras_like, text):
            return keras_like
    return text


def _loads_alike(text: str, reference: str) -> bool:
    """``text`` loads, into the ops, shapes and counts ``reference`` loads into."""
    try:
        return _summary(load_text(text)) == _summary(load_text(reference))
    except NnvizError:
        return False


def _summary(graph: Graph) -> list[tuple[Any, ...]]:
    return [(node.op, node.outputs, node.params) for node in graph.nodes]


def _one_line(text: str) -> str:
    """``text`` safe inside a YAML comment: a line break there would end the comment."""
    return "".join(char if char.isprintable() else "?" for char in text)


def _text(graph: Graph, layout: Layout) -> str:
    data = spec_mapping(graph, layout)
    order = "channels-last" if layout == "channels_last" else "channels-first"
    header = [
        f"# Exported by nnviz from {_one_line(graph.source)}.",
        f"# Shapes are {order}, without the batch dimension (docs/language.md).",
        f"name: {_flow(data['name'])}",
    ]
    if "layout" in data:
        header.append(f"layout: {data['layout']}")
    if "input" in data:
        header.append(f"input: {_flow(data['input'])}")
    elif "inputs" in data:
        header.append("inputs:")
        header += [f"  {_flow(key)}: {_flow(value)}" for key, value in data["inputs"].items()]
    # a graph of inputs alone has no layers: ``layers:`` with nothing under it would be null
    layers = _lines(data["layers"], "  ")
    return "\n".join([*header, "layers:" if layers else "layers: []", *layers]) + "\n"
