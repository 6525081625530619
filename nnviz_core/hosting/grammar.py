"""The fence grammar: read a header, then type every value from the core option declarations.

A fence accepts ``style``, every option of that style and the page-level render options (all
declared once in :mod:`nnviz_core.options` and the styles), plus the figure attributes below. An
attribute nnviz does not know is an error with a did-you-mean, never a silently ignored value.
The option tables are computed once per process (a docs build reads hundreds of fences).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from nnviz_core import registry
from nnviz_core.errors import OptionError, did_you_mean
from nnviz_core.options import OptionInfo, RenderOptions, coerce, declared
from nnviz_core.sources.resolve import SourceOptions, model_inputs

#: Attributes about the figure and the source rather than the drawing, with what they mean.
#: They take precedence over a style option of the same name (no built-in style has one).
FIGURE_ATTRIBUTES: dict[str, str] = {
    "style": "The look: a registered style, as `nnviz styles` lists them (default from the "
    "plugin's default_style).",
    "caption": "A caption under the diagram; the block becomes a <figure>.",
    "name": "An anchor id for links to the diagram (same as id).",
    "id": "An anchor id for links to the diagram.",
    "align": "left, center (default) or right.",
    "alt": "Text for screen readers (default: the diagram's own title, the network's name).",
    "class": "Extra CSS classes, separated by spaces.",
    "width": "Display width: a number of pixels, or a CSS length such as 400px, 80% or 30em.",
    "file": "Draw this YAML spec (relative to the docs directory) instead of the fence body.",
    "model": "Draw a model instead of YAML: an import path package.module:attribute (a model, "
    "a model class or a factory) or a .onnx, .keras or .prototxt file (relative to the docs "
    "directory).",
    **{info.name: info.description for info in declared(SourceOptions)},
}

#: The formats a docs page shows diagrams in (PNG and PowerPoint options stay out).
PAGE_FORMATS: tuple[str, ...] = ("svg",)

ALIGNMENTS = ("left", "center", "right")
_WIDTH = re.compile(r"^\d+(?:\.\d+)?(?:px|%|em|rem|vw|ch)?$")
_ANCHOR = re.compile(r"^[A-Za-z][\w:.-]*$")
_CLASS = re.compile(r"^-?[_A-Za-z][\w-]*$")
_TOKEN = re.compile(
    r"""\s*(?:
        (?P<key>[A-Za-z_][\w-]*)(?:=(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'{}]+)))?
        | \.(?P<cls>[\w-]+)
        | \#(?P<id>[\w:.-]+)
    )(?=\s|$)""",
    re.VERBOSE,
)

#: A fence attribute given without a value, as in ```` ```nnviz show_shapes ````.
FLAG = True


@dataclass(frozen=True)
class Header:
    """The raw attributes of one fence: ``key → text`` (or FLAG), CSS classes and an id."""

    values: Mapping[str, str | bool] = field(default_factory=dict)
    classes: tuple[str, ...] = ()
    anchor: str = ""


def parse_header(text: str) -> Header:
    """Read ``style="block" caption='LeNet' show_shapes`` or the brace form ``{... .cls #id}``."""
    inner = text.strip()
    if inner.startswith("{") and inner.endswith("}"):
        inner = inner[1:-1]
    values: dict[str, str | bool] = {}
    classes: list[str] = []
    anchor = ""
    position = 0
    while inner[position:].strip():
        match = _TOKEN.match(inner, position)
        if not match:
            rest = inner[position:].strip()
            raise OptionError(
                f"cannot read the fence header at {rest!r}; write attributes as "
                'key="value", separated by spaces'
            )
        position = match.end()
        if match.group("cls"):
            classes.append(match.group("cls"))
        elif match.group("id"):
            anchor = match.group("id")
        else:
            value = next((v for v in match.group("dq", "sq", "bare") if v is not None), None)
            values[match.group("key").replace("-", "_")] = FLAG if value is None else value
    return Header(values, tuple(classes), anchor)


@dataclass(frozen=True)
class Figure:
    """How the diagram sits in the page."""

    caption: str | None = None
    anchor: str | None = None
    align: str = "center"
    alt: str | None = None
    classes: tuple[str, ...] = ()
    width: str | None = None


@dataclass(frozen=True)
class FenceSpec:
    """Everything one fence asks for, typed and checked."""

    style: str
    options: tuple[tuple[str, Any], ...]
    figure: Figure
    file: str | None = None
    model: str | None = None
    """The ``model=`` import path or file, drawn instead of YAML."""
    source_options: tuple[tuple[str, Any], ...] = ()
    """``model_args=``, ``input_shape=``, … as written (checked by the core)."""


@cache
def option_table(style: str, formats: tuple[str, ...] = PAGE_FORMATS) -> Mapping[str, OptionInfo]:
    """The drawing options ``style`` takes in ``formats``: the style's and the render ones.

    Computed once per style and process; callers must not change the mapping.
    """
    table = {info.name: info for info in declared(registry.style(style).options)}
    for info in declared(RenderOptions):
        if any(info.applies_to(fmt) for fmt in formats):
            table.setdefault(info.name, info)
    return table


@cache
def source_infos() -> Mapping[str, OptionInfo]:
    """The model source options (``model_args``, ``input_shape``…), once per process."""
    return {info.name: info for info in declared(SourceOptions)}


def reads_own_source(style: str) -> bool:
    """Whether ``style`` reads a source of its own (training logs) instead of a network."""
    return callable(getattr(registry.style(style), "read", None))


def typed_options(
    style: str,
    values: Mapping[str, Any],
    owner: str,
    formats: tuple[str, ...] = PAGE_FORMATS,
    attributes: bool = False,
) -> dict[str, Any]:
    """Option values checked and converted; ``owner`` names where they came from in errors
    (``attributes``: they are fence attributes, so the known figure attributes are listed too)."""
    table = option_table(style, formats)
    typed: dict[str, Any] = {}
    for name, value in values.items():
        key = name.replace("-", "_")
        if key not in table and attributes:
            known = sorted(set(table) | set(FIGURE_ATTRIBUTES))
            raise OptionError(
                f"unknown attribute {name!r} for style {style!r}"
                f"{did_you_mean(key, known)}; known attributes: {', '.join(known)}"
            )
        if key not in table:
            known = sorted(table)
            raise OptionError(
                f"unknown option {name!r} for style {style!r} in {owner}"
                f"{did_you_mean(key, known)}; known options: {', '.join(known)}"
            )
        typed[key] = coerce(table[key], _flag_as_true(table[key], value))
    return typed


def _flag_as_true(info: OptionInfo, value: Any) -> Any:
    if value is FLAG and info.is_flag:
        return True
    if value is FLAG:
        raise OptionError(f'attribute {info.name!r} needs a value, e.g. {info.name}="..."')
    return value


def read_fence(header: Header, default_style: str) -> FenceSpec:
    """Split a fence's attributes into style, drawing options (as written) and figure, checking
    everything that needs no style: the drawing options are typed when the diagram is drawn."""
    raw = dict(header.values)
    style = _text(raw.pop("style", default_style), "style")
    drawing = {name: raw.pop(name) for name in list(raw) if name not in FIGURE_ATTRIBUTES}
    model, source = _model(raw, style)
    return FenceSpec(
        style=style,
        options=tuple(sorted(drawing.items())),
        figure=figure_of(raw, header),
        file=_text(raw["file"], "file") if "file" in raw else None,
        model=model,
        source_options=source,
    )


def interpret(
    header: Header, default_style: str, defaults: Callable[[str], Mapping[str, Any]]
) -> FenceSpec:
    """Check a fence's attributes and split them into style, typed drawing options and figure.

    ``defaults(style)`` gives the typed options a style starts from (the plugin's settings).
    """
    spec = read_fence(header, default_style)
    typed = typed_options(spec.style, dict(spec.options), "the fence", attributes=True)
    return replace(spec, options=tuple(sorted({**defaults(spec.style), **typed}.items())))


def _model(raw: Mapping[str, Any], style: str) -> tuple[str | None, tuple[tuple[str, Any], ...]]:
    """``model=`` and its source options, checked by the core as every host checks them."""
    infos = source_infos()
    given = {name: _flag_as_true(infos[name], raw[name]) for name in infos if name in raw}
    if "model" not in raw:
        if given:
            raise OptionError(f"{next(iter(given))}= is only used with model=; remove it")
        return None, ()
    if "file" in raw:
        raise OptionError("give either model= or file=, not both")
    if reads_own_source(style):
        raise OptionError(f"model= draws a network; style {style!r} draws a log: use file=")
    model_inputs(given)
    return _text(raw["model"], "model"), tuple(sorted(given.items()))


def _text(value: str | bool, name: str) -> str:
    if value is FLAG or not str(value).strip():
        raise OptionError(f'attribute {name!r} needs a value, e.g. {name}="..."')
    return str(value).strip()


def figure_of(raw: Mapping[str, str | bool], header: Header) -> Figure:
    anchor = _text(raw["id"], "id") if "id" in raw else header.anchor or None
    if "name" in raw:
        anchor = _text(raw["name"], "name")
    if anchor is not None and not _ANCHOR.match(anchor):
        raise OptionError(
            f"id {anchor!r} is not a valid anchor; start with a letter and use letters, "
            "digits, '-', '_', ':' or '.'"
        )
    classes = list(header.classes)
    if "class" in raw:
        classes += _text(raw["class"], "class").split()
    bad = [name for name in classes if not _CLASS.match(name)]
    if bad:
        raise OptionError(f"class {bad[0]!r} is not a valid CSS class name")
    return Figure(
        caption=_text(raw["caption"], "caption") if "caption" in raw else None,
        anchor=anchor,
        align=_align(raw),
        alt=_text(raw["alt"], "alt") if "alt" in raw else None,
        classes=tuple(classes),
        width=_width(raw),
    )


def _align(raw: Mapping[str, str | bool]) -> str:
    align = _text(raw.get("align", "center"), "align").lower()
    if align not in ALIGNMENTS:
        raise OptionError(
            f"align must be one of {', '.join(ALIGNMENTS)}, got {align!r}"
            f"{did_you_mean(align, ALIGNMENTS)}"
        )
    return align


def _width(raw: Mapping[str, str | bool]) -> str | None:
    if "width" not in raw:
        return None
    width = _text(raw["width"], "width")
    if not _WIDTH.match(width):
        raise OptionError(
            f"width {width!r} is not a length; write a number of pixels (400) "
            "or a CSS length (400px, 80%, 30em)"
        )
    return width + "px" if width.replace(".", "").isdigit() else width
