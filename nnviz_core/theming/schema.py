"""The JSON Schema of theme files, generated from the same declarations the loader checks.

Editors validate and complete theme files with it (``nnviz schema --theme`` prints it; point
the YAML extension's ``yaml.schemas`` at the file); the loader has the final word and locates
its errors.
"""

from __future__ import annotations

from typing import Any

from nnviz_core.theme import TOKENS
from nnviz_core.theming.build import BUILTINS
from nnviz_core.theming.files import (
    DASH_COUNT,
    DASH_LENGTH,
    FONT_KEYS,
    HATCHABLE,
    KEYS,
    MODES,
    PATTERNS,
    SCALES,
    WEIGHTS,
)

__all__ = ["THEME_SCHEMA_ID", "theme_schema"]

THEME_SCHEMA_ID = "urn:nnviz-docs:theme:v1"
_COLOUR = {"type": "string", "pattern": "^#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})$"}
_DASH = {
    "type": "array",
    "items": {"type": "number", "minimum": 0.5, "maximum": DASH_LENGTH},
    "maxItems": DASH_COUNT,
}


def _number(bounds: tuple[float, float], description: str) -> dict[str, Any]:
    low, high = bounds
    return {"type": "number", "minimum": low, "maximum": high, "description": description}


def _fonts() -> dict[str, Any]:
    properties: dict[str, Any] = {
        key: {"type": "string", "minLength": 1, "description": text}
        for key, text in FONT_KEYS.items()
    }
    properties["fallback"] = {
        "type": "array",
        "items": {"type": "string", "minLength": 1},
        "description": FONT_KEYS["fallback"],
    }
    properties["size"] = _number(SCALES["size"], FONT_KEYS["size"])
    weight = {"enum": list(WEIGHTS)}
    properties["weights"] = {
        "type": "object",
        "properties": {"normal": weight, "bold": weight},
        "additionalProperties": False,
        "description": FONT_KEYS["weights"],
    }
    return {"type": "object", "properties": properties, "additionalProperties": False}


def _scale(what: str) -> dict[str, Any]:
    scale = _number(SCALES["scale"], f"{what} relative to the default (1).")
    return {
        "type": "object",
        "properties": {"scale": scale},
        "required": ["scale"],
        "additionalProperties": False,
    }


def _colors() -> dict[str, Any]:
    half = {
        "type": "object",
        "properties": {token: _COLOUR for token in TOKENS},
        "additionalProperties": False,
    }
    return {
        "type": "object",
        "properties": {mode: half for mode in MODES},
        "additionalProperties": False,
    }


def theme_schema() -> dict[str, Any]:
    """The schema of a theme file; every token and pattern is listed by name."""
    properties: dict[str, Any] = {
        "name": {"type": "string", "minLength": 1},
        "description": {"type": "string", "minLength": 1},
        "extends": {
            "anyOf": [{"enum": list(BUILTINS)}, {"type": "string", "pattern": r"\.(ya?ml|json)$"}]
        },
        "fonts": _fonts(),
        "lines": _scale("Line widths"),
        "corners": _scale("Corner radii"),
        "colors": _colors(),
        "hatching": {
            "type": "object",
            "properties": {token: {"enum": list(PATTERNS)} for token in HATCHABLE},
            "additionalProperties": False,
        },
        "dashes": {
            "type": "object",
            "properties": {token: _DASH for token in TOKENS},
            "additionalProperties": False,
        },
    }
    for key, text in KEYS.items():
        properties[key]["description"] = text
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": THEME_SCHEMA_ID,
        "title": "nnviz theme",
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
