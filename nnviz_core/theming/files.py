"""Theme files read into checked plain data, every mistake located at the author's text.

A theme file is YAML (JSON is YAML too) with the keys of :data:`KEYS`; the same declarations
give the JSON Schema (:mod:`nnviz_core.theming.schema`), so the two never disagree. Values are
checked here, one file at a time; :mod:`nnviz_core.theming.build` merges a file over the theme
it extends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from nnviz_core.errors import SpecValueError, UnknownNameError, did_you_mean, excerpt
from nnviz_core.sources.yaml_spec.spec import check_keys, describe, expect_map, expect_str
from nnviz_core.sources.yaml_spec.tree import Val, parse_text
from nnviz_core.theme import TOKENS

__all__ = ["FONT_KEYS", "KEYS", "PATTERNS", "SCALES", "WEIGHTS", "ThemeFile", "parse"]

#: Top-level keys, with what each holds (the schema's descriptions).
KEYS: dict[str, str] = {
    "name": "The theme's name (default: the file's name).",
    "description": "One line saying what the theme is for.",
    "extends": "A built-in theme or another theme file (relative to this one) to start from; "
    "default: the built-in `default`.",
    "fonts": "The font text is measured and drawn with.",
    "lines": "Line widths.",
    "corners": "Corner radii.",
    "colors": "Token colours for the light and the dark half: `{light: {token: '#rrggbb'}}`.",
    "hatching": "Hatch patterns over fills whose colour alone tells categories apart "
    "(print): `{cat.convolution: diagonal}`; `none` removes one.",
    "dashes": "Dash patterns (dash and gap lengths in px) for lines of a colour token, so lines "
    "told apart by colour are told apart in grey too: `{series.val: [6, 3]}`; `[]` removes one.",
}
#: At most this many dash and gap lengths, each at most this long (px).
DASH_COUNT, DASH_LENGTH = 8, 50.0
FONT_KEYS: dict[str, str] = {
    "family": "Font family, found through fontconfig (e.g. `DejaVu Serif`).",
    "fallback": "Families a viewer without the font uses, in order (the SVG's font stack).",
    "path": "The regular face's font file (.ttf/.otf), relative to the theme file, when "
    "fontconfig does not have the font.",
    "bold_path": "The bold face's font file (default: the regular file).",
    "size": "Text size relative to the default; the drawing grows with it.",
    "weights": "CSS weights (100–900) of normal and bold text, e.g. `{normal: 300, bold: 600}`; "
    "the faces fontconfig has nearest to them are measured and drawn.",
}
#: The CSS weights a theme may ask for, and the text kinds they apply to.
WEIGHTS = tuple(range(100, 1000, 100))
WEIGHT_KINDS = ("normal", "bold")
#: Scales with their bounds: ``fonts.size``, ``lines.scale``, ``corners.scale``.
SCALES: dict[str, tuple[float, float]] = {"size": (0.5, 3.0), "scale": (0.0, 4.0)}
#: Hatch patterns: the angles (degrees) of their line families; ``none`` removes a hatch.
PATTERNS: dict[str, tuple[float, ...]] = {
    "none": (),
    "diagonal": (45.0,),
    "back-diagonal": (135.0,),
    "cross": (45.0, 135.0),
    "horizontal": (0.0,),
    "vertical": (90.0,),
    "grid": (0.0, 90.0),
}
MODES = ("light", "dark")
_HEX = re.compile(r"#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})")


@dataclass
class ThemeFile:
    """One file's checked values; absent keys stay empty (the extended theme's apply)."""

    filename: str
    name: str | None = None
    description: str | None = None
    extends: tuple[str, Val] | None = None
    fonts: dict[str, Any] = field(default_factory=dict)
    lines: float | None = None
    corners: float | None = None
    colors: dict[str, dict[str, str]] = field(default_factory=lambda: {"light": {}, "dark": {}})
    hatching: dict[str, str] = field(default_factory=dict)
    dashes: dict[str, tuple[float, ...]] = field(default_factory=dict)


def parse(text: str, filename: str) -> ThemeFile:
    """The checked values of a theme file's text; errors are located in ``filename``."""
    root = parse_text(text, filename)
    result = ThemeFile(filename)
    if root is None:
        return result
    top = expect_map(root, "a theme file")
    check_keys(root, tuple(KEYS), "a theme file")
    for key in ("name", "description"):
        if key in top:
            setattr(result, key, expect_str(top[key], key))
    if "extends" in top:
        result.extends = (expect_str(top["extends"], "extends"), top["extends"])
    if "fonts" in top:
        result.fonts = _fonts(top["fonts"])
    if "lines" in top:
        result.lines = _scale(top["lines"], "lines")
    if "corners" in top:
        result.corners = _scale(top["corners"], "corners")
    if "colors" in top:
        result.colors = _colors(top["colors"])
    if "hatching" in top:
        result.hatching = _hatching(top["hatching"])
    if "dashes" in top:
        result.dashes = _dashes(top["dashes"])
    return result


def _fonts(val: Val) -> dict[str, Any]:
    fonts = expect_map(val, "fonts")
    check_keys(val, tuple(FONT_KEYS), "fonts")
    result: dict[str, Any] = {}
    for key in ("family", "path", "bold_path"):
        if key in fonts:
            result[key] = expect_str(fonts[key], f"fonts.{key}")
    if "fallback" in fonts:
        items = fonts["fallback"]
        if not items.is_list:
            raise SpecValueError(
                f"fonts.fallback must be a list of family names, got {describe(items)}",
                items.loc,
            )
        result["fallback"] = tuple(expect_str(item, "a fallback family") for item in items.value)
    if "size" in fonts:
        result["size"] = _number(fonts["size"], "fonts.size", SCALES["size"])
    if "weights" in fonts:
        result["weights"] = _weights(fonts["weights"])
    return result


def _weights(val: Val) -> dict[str, int]:
    body = expect_map(val, "fonts.weights")
    check_keys(val, WEIGHT_KINDS, "fonts.weights")
    result = {}
    for kind, weight in body.items():
        if weight.value not in WEIGHTS or isinstance(weight.value, bool):
            raise SpecValueError(
                f"fonts.weights.{kind} must be a CSS weight: 100, 200, … 900, got "
                f"{describe(weight)}",
                weight.loc,
            )
        result[kind] = int(weight.value)
    return result


def _scale(val: Val, what: str) -> float:
    body = expect_map(val, what)
    check_keys(val, ("scale",), what)
    if "scale" not in body:
        raise SpecValueError(f"{what} needs a scale, e.g. {{scale: 1.5}}", val.loc)
    return _number(body["scale"], f"{what}.scale", SCALES["scale"])


def _number(val: Val, what: str, bounds: tuple[float, float]) -> float:
    value = val.value
    low, high = bounds
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise SpecValueError(
            f"{what} must be a number from {low:g} to {high:g}, got {describe(val)}", val.loc
        )
    return float(value)


def _colors(val: Val) -> dict[str, dict[str, str]]:
    halves = expect_map(val, "colors")
    check_keys(val, MODES, "colors")
    result: dict[str, dict[str, str]] = {"light": {}, "dark": {}}
    for mode, half in halves.items():
        tokens = expect_map(half, f"colors.{mode}")
        _known_tokens(half, f"colors.{mode}")
        for token, colour in tokens.items():
            result[mode][token] = _colour(colour, f"colors.{mode}.{token}")
    return result


def _known_tokens(val: Val, what: str, allowed: tuple[str, ...] = tuple(TOKENS)) -> None:
    assert val.keys is not None
    for token, loc in val.keys.items():
        if token not in allowed:
            raise UnknownNameError(
                f"unknown token {excerpt(token)} in {what}{did_you_mean(token, allowed)}; "
                "`nnviz schema --theme` lists every token",
                loc,
            )


def _colour(val: Val, what: str) -> str:
    value = val.value
    if not isinstance(value, str) or not _HEX.fullmatch(value):
        raise SpecValueError(
            f"{what} must be a colour written '#rrggbb' (quote it: '#' starts a YAML comment), "
            f"got {describe(val)}",
            val.loc,
        )
    digits = value[1:].lower()
    return "#" + (digits if len(digits) == 6 else "".join(digit * 2 for digit in digits))


#: Tokens a hatch may lie over: the fills of layer categories.
HATCHABLE = tuple(token for token in TOKENS if token.count(".") == 1 and token[:4] == "cat.")


def _hatching(val: Val) -> dict[str, str]:
    body = expect_map(val, "hatching")
    _known_tokens(val, "hatching", HATCHABLE)
    result = {}
    for token, pattern in body.items():
        name = pattern.value
        if not isinstance(name, str) or name not in PATTERNS:
            raise SpecValueError(
                f"hatching.{token} must be one of {', '.join(PATTERNS)}, got {describe(pattern)}"
                f"{did_you_mean(str(name), PATTERNS)}",
                pattern.loc,
            )
        result[token] = name
    return result


def _dashes(val: Val) -> dict[str, tuple[float, ...]]:
    body = expect_map(val, "dashes")
    _known_tokens(val, "dashes")
    result = {}
    for token, pattern in body.items():
        what = f"dashes.{token}"
        if not pattern.is_list or len(pattern.value) > DASH_COUNT or len(pattern.value) % 2:
            raise SpecValueError(
                f"{what} must be a list of dash and gap lengths (an even number, at most "
                f"{DASH_COUNT}), e.g. [6, 3], or [] for none; got {describe(pattern)}",
                pattern.loc,
            )
        result[token] = tuple(
            _number(length, f"a length in {what}", (0.5, DASH_LENGTH)) for length in pattern.value
        )
    return result
