"""What the viewer shows about each layer and group, as plain data for the page's JSON island.

The inspect tooltip and find read this: a layer's name, op, shapes in and out, arguments,
parameters, trainable flag and note; a group's label, kind, repeats, size and parameters. Text
only, built here from the Graph, so no style needs to know about the viewer.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from nnviz_core.ir import Graph, Group, Node
from nnviz_core.ir.graph import AttrValue
from nnviz_core.styles import shape_text
from nnviz_core.styles.graph.labels import op_title

__all__ = ["details", "island"]


def _value(value: AttrValue) -> str:
    """An argument as a reader writes it: ``7×7`` for a kernel, ``true``, ``none``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "none"
    if isinstance(value, tuple):
        if all(isinstance(item, int) and not isinstance(item, bool) for item in value):
            return "×".join(str(item) for item in value) if value else "()"
        return ", ".join(_value(item) for item in value)
    return str(value)


def _layer(node: Node, graph: Graph) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "n": node.display.label or node.name,
        "op": op_title(node.op),
        "in": [shape_text(spec, graph.layout) for spec in node.inputs],
        "out": [shape_text(spec, graph.layout) for spec in node.outputs],
        "args": [
            [str(name), _value(value)]
            for name, value in sorted(node.attrs.items())
            if value is not None  # an argument left unset says nothing
        ],
        "p": node.params,
    }
    optional = {
        "np": node.non_trainable_params or None,
        "t": node.trainable,
        "act": node.activation,
        "note": node.display.note,
        "g": node.group,
    }
    entry.update({key: value for key, value in optional.items() if value is not None})
    return entry


def _chain(groups: Mapping[str, Group], group_id: str | None) -> Iterator[str]:
    """A group and the groups holding it, innermost first."""
    seen: set[str] = set()
    while group_id is not None and group_id in groups and group_id not in seen:
        seen.add(group_id)
        yield group_id
        group_id = groups[group_id].parent


def _group(group: Group, size: int, params: int) -> dict[str, Any]:
    entry: dict[str, Any] = {"label": group.label, "kind": group.kind, "size": size, "p": params}
    if group.count > 1:
        entry["count"] = group.count
    if group.parent is not None:
        entry["parent"] = group.parent
    return entry


def details(graph: Graph) -> dict[str, Any]:
    """Every layer's and group's details, by the id the SVG marks them with (``data-layer``)."""
    groups = {group.id: group for group in graph.groups}
    sizes = dict.fromkeys(groups, 0)
    params = dict.fromkeys(groups, 0)
    for node in graph.nodes:
        for group_id in _chain(groups, node.group):
            sizes[group_id] += 1
            params[group_id] += node.params
    return {
        "layers": {node.id: _layer(node, graph) for node in graph.nodes},
        "groups": {g.id: _group(g, sizes[g.id], params[g.id]) for g in graph.groups},
    }


def island(data: dict[str, Any]) -> str:
    """``data`` as a JSON island: JSON text in an inert ``<template>``, with ``&``, ``<`` and
    ``>`` escaped so no text in it can end the element or open markup. (Not a ``<script
    type="application/json">``: themes that swap pages in, Material's instant navigation, run
    every script of the new page, whatever its type.)"""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<template class="nnviz-data">{text}</template>'
