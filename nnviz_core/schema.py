"""The JSON Schema of the YAML architecture language, generated from the op catalogue.

Editors (VS Code's YAML extension, JetBrains) validate and complete specs with it; ``nnviz
schema`` prints it. It is deliberately a little looser than the loader (block names are the
author's own, so any other key is accepted as a block call); the loader has the final word.
"""

from __future__ import annotations

from typing import Any

from nnviz_core.ir import CATEGORIES
from nnviz_core.ir.ops import ACTIVATIONS, ALIASES, OPS, Arg, Op
from nnviz_core.ir.ops.values import PADDINGS
from nnviz_core.sources.yaml_spec.entries import DISPLAY_KEYS
from nnviz_core.sources.yaml_spec.layer import WEIGHTS_PATTERN
from nnviz_core.sources.yaml_spec.spec import LAYOUTS

SCHEMA_ID = "urn:nnviz-docs:spec:v1"
SUBSTITUTION = {"type": "string", "pattern": r"^\$[A-Za-z_][A-Za-z0-9_]*$"}


def _ints(minimum: float | None, rank: int) -> list[dict[str, Any]]:
    item: dict[str, Any] = {"type": "integer"}
    if minimum is not None:
        item["minimum"] = minimum
    return [item, {"type": "array", "items": item, "minItems": rank, "maxItems": rank}]


def arg_schema(op: Op, arg: Arg) -> dict[str, Any]:
    """The values one argument accepts, or a ``$name`` block substitution."""
    kind = arg.kind
    number: dict[str, Any] = {"type": "integer" if kind == "int" else "number"}
    if arg.minimum is not None:
        number["minimum"] = arg.minimum
    pair = {
        "type": "array",
        "items": {"type": "integer", "minimum": 0},
        "minItems": 2,
        "maxItems": 2,
    }
    options: list[dict[str, Any]] = {
        "int": [number],
        "float": [number],
        "bool": [{"type": "boolean"}],
        "str": [{"type": "string"}],
        "choice": [{"enum": list(arg.choices)}],
        "activation": [{"enum": list(ACTIVATIONS)}],
        "ints": _ints(arg.minimum, op.rank),
        "padding": [{"enum": list(PADDINGS)}, *_ints(0, op.rank)],
        "pairs": [*_ints(0, op.rank), {"type": "array", "items": pair}],
        "shape": [{"type": "array", "items": {"type": ["integer", "null"]}}],
    }[kind]
    if arg.default is None and not arg.required:
        options = [*options, {"type": "null"}]
    schema: dict[str, Any] = {"anyOf": [*options, SUBSTITUTION], "description": arg.description}
    if arg.default is not None:
        schema["default"] = list(arg.default) if isinstance(arg.default, tuple) else arg.default
    return schema


def op_schema(op: Op) -> dict[str, Any]:
    """What may follow ``<op>:`` in a layer: nothing, its main argument, a mapping, or inputs."""
    properties: dict[str, Any] = {}
    for arg in op.args:
        for spelling in (arg.name, *arg.aliases):
            properties[spelling] = arg_schema(op, arg)
    properties.update({key: {"$ref": f"#/$defs/key-{key}"} for key in (*DISPLAY_KEYS, "inputs")})
    mapping = {"type": "object", "properties": properties, "additionalProperties": False}
    options: list[dict[str, Any]] = [{"type": "null"}, mapping]
    if op.main is not None:
        main = op.arg(op.main)
        assert main is not None
        options.append(arg_schema(op, main))
    if op.is_merge:
        options.append({"type": "array", "items": {"type": "string"}, "minItems": 2})
    return {"anyOf": options, "description": op.description}


def _layer_keys() -> dict[str, Any]:
    return {
        "id": {"type": "string", "pattern": r"^[^.]+$", "description": "Name for references."},
        "inputs": {
            "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
            "description": "Layer ids this layer takes (default: the previous layer).",
        },
        "repeat": {
            "anyOf": [{"type": "integer", "minimum": 1}, SUBSTITUTION],
            "description": "Repeat the layer, block or group N times.",
        },
        "name": {"type": "string", "description": "Display name."},
        "label": {"type": "string", "description": "Text drawn instead of the name."},
        "color": {"type": "string", "pattern": "^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"},
        "note": {"type": "string", "description": "A note drawn beside the layer."},
        "hidden": {"type": "boolean", "description": "Leave the layer out of drawings."},
        "trainable": {"type": "boolean"},
        "category": {"enum": list(CATEGORIES), "description": "Colour and legend category."},
        "output_shape": {"$ref": "#/$defs/shape"},
        "weights": {
            "type": "string",
            "pattern": WEIGHTS_PATTERN,
            "description": "Illustrative weights on this layer's incoming connections (fcnn "
            "style): `random`, `random(7)` or `random:7` for a seed, or `none`.",
        },
        "layers": {"$ref": "#/$defs/layers"},
    }


def _layer() -> dict[str, Any]:
    properties: dict[str, Any] = {key: {"$ref": f"#/$defs/key-{key}"} for key in _layer_keys()}
    for name in OPS:
        properties[name] = {"$ref": f"#/$defs/op-{name}"}
    for alias, name in ALIASES.items():
        properties[alias] = {"$ref": f"#/$defs/op-{name}"}
    block_call = {"anyOf": [{"type": "null"}, {"type": "object"}, {"type": ["string", "number"]}]}
    return {
        "anyOf": [
            {"type": "string", "description": "An op or block name alone, e.g. `flatten`."},
            {
                "type": "object",
                "properties": properties,
                "additionalProperties": block_call,
                "minProperties": 1,
            },
        ]
    }


def _defs() -> dict[str, Any]:
    shape = {
        "type": "array",
        "items": {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "null"}]},
    }
    input_map = {
        "type": "object",
        "properties": {
            "shape": {"$ref": "#/$defs/shape"},
            "layout": {"$ref": "#/$defs/layout"},
            "dtype": {"type": "string"},
            "name": {"type": "string"},
        },
        "required": ["shape"],
        "additionalProperties": False,
    }
    block = {
        "type": "object",
        "properties": {
            "args": {"type": "object"},
            "layers": {"$ref": "#/$defs/layers"},
            "label": {"type": "string"},
            "description": {"type": "string"},
        },
        "required": ["layers"],
        "additionalProperties": False,
    }
    return {
        "shape": shape,
        "layout": {"enum": list(LAYOUTS)},
        "input": {"anyOf": [{"$ref": "#/$defs/shape"}, input_map]},
        "block": block,
        "layers": {"type": "array", "items": {"$ref": "#/$defs/layer"}},
        "layer": _layer(),
        **{f"key-{key}": schema for key, schema in _layer_keys().items()},
        **{f"op-{name}": op_schema(op) for name, op in OPS.items()},
    }


def spec_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a spec document."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "nnviz architecture spec",
        "description": "A neural network for nnviz to draw (see docs/language.md).",
        "type": "object",
        "properties": {
            "name": {"type": "string", "description": "The network's name (the title)."},
            "description": {"type": "string"},
            "layout": {"$ref": "#/$defs/layout"},
            "input": {"$ref": "#/$defs/input"},
            "inputs": {"type": "object", "additionalProperties": {"$ref": "#/$defs/input"}},
            "blocks": {"type": "object", "additionalProperties": {"$ref": "#/$defs/block"}},
            "layers": {"$ref": "#/$defs/layers"},
        },
        "required": ["layers"],
        "additionalProperties": False,
        "$defs": _defs(),
    }
