"""The directive's option table, generated from the core's option declarations.

Every option of every registered style (and the output options such as ``theme``) becomes a
kebab-case directive option; booleans are flags (``:show-shapes:``) that also accept an explicit
``true``/``false``. Values stay text here and are typed by the core, so a directive, a MkDocs fence
and the CLI reject a bad value with the same message.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from docutils.parsers.rst import directives
from sphinx.util import logging

from nnviz_core.hosting import OptionInfo, all_options, option_table, source_infos

__all__ = [
    "FIGURE_OPTIONS",
    "OPTION_HELP",
    "PAGE_FORMATS",
    "SOURCE_OPTIONS",
    "all_style_options",
    "converter",
    "option_spec",
]

logger = logging.getLogger(__name__)
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


#: The formats Sphinx builders write diagrams in.
PAGE_FORMATS = ("svg", "pdf", "png")
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


def all_style_options() -> dict[str, OptionInfo]:
    """Every option any registered style or the output accepts, by kebab-case name."""
    failed: list[str] = []
    found = all_options(PAGE_FORMATS, failed)
    for problem in failed:
        logger.warning("nnviz: %s; its options are skipped", problem)
    return found


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


def option_spec(style: str | None = None) -> dict[str, Converter]:
    """The full ``option_spec`` of the directive (of an alias, when it fixes ``style``).

    The source options win over style options of the same name; a figure option that shares
    its name with a style option takes both: ``:scale: 50`` scales the figure, ``:scale: sqrt``
    is the style's ``scale``. An alias takes its style's options and the figure's.
    """
    spec: dict[str, Converter] = {}
    if style is None:
        for kebab, info in all_style_options().items():
            spec[kebab] = converter(info)
        spec.update(SOURCE_OPTIONS)
    else:
        for info in option_table(style, PAGE_FORMATS).values():
            spec[info.kebab] = converter(info)
    for kebab, figure in FIGURE_OPTIONS.items():
        spec[kebab] = _either(figure, spec[kebab]) if kebab in spec else figure
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
