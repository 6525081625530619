"""The directive's option table: the source and figure options, and every style option.

Any kebab-case name beyond the source and figure options is a style or output option; a bare one
is a flag (``:show-shapes:``), else its text is kept. The host types them when it draws, from the
core's declarations, so a directive, a MkDocs fence and the CLI reject a bad or unknown value with
the same message, and reading a page imports no style.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from docutils.parsers.rst import directives

from nnviz_core.hosting import OptionInfo, source_infos

__all__ = [
    "FIGURE_OPTIONS",
    "OPTION_HELP",
    "SOURCE_OPTIONS",
    "OptionSpec",
    "converter",
    "option_spec",
]

Converter = Callable[..., Any]  # docutils passes the text, or None for a bare option


def _align(argument: str | None) -> str:
    return str(directives.choice(argument or "", ("left", "center", "right")))


#: The options users know from ``image``/``figure``/``graphviz``, with docutils' own converters.
FIGURE_OPTIONS: dict[str, Converter] = {
    "alt": directives.unchanged,
    "align": _align,
    "caption": directives.unchanged,
    "name": directives.unchanged,
    "class": directives.class_option,
    "width": directives.length_or_percentage_or_unitless,
    "height": directives.length_or_unitless,
    "scale": directives.percentage,
}


def _flag(argument: str | None) -> str | bool:
    """A boolean option: present alone means true; ``false``/``no``/``off`` switch it off."""
    if argument is None or not argument.strip():
        return True
    return argument.strip()


def _text(argument: str | None) -> str:
    return (argument or "").strip()


def converter(info: OptionInfo) -> Converter:
    """How the directive reads a declared option: a flag for booleans, else stripped text."""
    return _flag if info.is_flag else _text


_SOURCE_INFOS = tuple(source_infos().values())


#: Where the diagram comes from and which look it takes.
#: The model's options (``:model-args:``, ``:input-shape:``, …) come from the core's declarations
#: and stay text here: the core types them, with the same messages in every host.
SOURCE_OPTIONS: dict[str, Converter] = {
    "style": directives.unchanged_required,
    "model": directives.unchanged_required,
    **{info.kebab: converter(info) for info in _SOURCE_INFOS},
}


#: What each source and figure option does, for the docs (the style options describe themselves).
OPTION_HELP: dict[str, str] = {
    "style": "The look: a registered style name (default: ``nnviz_default_style``).",
    "model": "Draw a model instead of YAML: an import path ``package.module:attribute`` "
    "(a model, a model class or a factory) or a ``.onnx``, ``.keras`` or ``.prototxt`` file.",
    **{info.kebab: info.description for info in _SOURCE_INFOS},
    "alt": "Alternative text (default: the network's name and layer count).",
    "align": "``left``, ``center`` or ``right``.",
    "caption": "Makes the diagram a numbered figure with this caption (inline markup allowed).",
    "name": "A label for ``:ref:`` and ``:numref:``.",
    "class": "Extra CSS classes.",
    "width": "Display width, e.g. ``400px`` or ``80%``.",
    "height": "Display height, e.g. ``300px``.",
    "scale": "Display scale in percent of the natural size.",
}


class StyleValue(str):
    """A value of a style option that shares its name with a figure option (``:scale: sqrt``)."""

    __slots__ = ()


def _either(figure: Converter, style: Converter) -> Converter:
    """One option name used by the figure and by a style: the figure's form wins if it fits."""

    def convert(argument: str | None) -> Any:
        try:
            return figure(argument)
        except ValueError:
            return StyleValue(style(argument))

    return convert


_NAME = re.compile(r"^[a-z][a-z0-9_-]*$")


class OptionSpec(dict[str, Converter]):
    """The source and figure options, and any other option name as a style or output option.

    Style options are read as text (a bare one as a flag) and typed by the host when a diagram
    is drawn, with the same messages as fences and the CLI, so building the directive imports
    no style, and a cached diagram never needs one.
    """

    def __missing__(self, key: str) -> Converter:
        if isinstance(key, str) and _NAME.match(key):
            return _flag
        raise KeyError(key)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and (dict.__contains__(self, key) or bool(_NAME.match(key)))


def option_spec() -> OptionSpec:
    """The ``option_spec`` of the directive and its aliases.

    A figure option takes a style's value under the same name when the figure's form does not
    fit: ``:scale: 50`` scales the figure, ``:scale: sqrt`` is the style's ``scale``.
    """
    spec = OptionSpec(SOURCE_OPTIONS)
    for kebab, figure in FIGURE_OPTIONS.items():
        spec[kebab] = _either(figure, _flag)
    return spec


def figure_options(options: Mapping[str, Any]) -> dict[str, Any]:
    """The directive options about the figure (not a style's value under a shared name)."""
    return {
        key: value
        for key, value in options.items()
        if key in FIGURE_OPTIONS and not isinstance(value, StyleValue)
    }


def diagram_options(options: Mapping[str, Any]) -> dict[str, Any]:
    """The directive options that go to the core (style and output options), in snake case."""
    skip = set(SOURCE_OPTIONS) | set(figure_options(options))
    return {
        key.replace("-", "_"): str(value) if isinstance(value, StyleValue) else value
        for key, value in options.items()
        if key not in skip
    }
