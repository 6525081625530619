"""Options are declared once, here and in each style, as typed frozen dataclasses.

Each field carries a description and its allowed values; every host's option table (the Sphinx
``option_spec``, MkDocs fence attributes, CLI ``--option`` parsing, ``nnviz styles``, the JSON
Schema) is generated from these declarations, so a new option appears everywhere at once.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import types
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from nnviz_core.errors import OptionError, did_you_mean, excerpt

__all__ = [
    "OptionInfo",
    "RenderOptions",
    "StyleOptions",
    "build",
    "coerce",
    "declared",
    "json_schema",
    "option",
    "split",
]

T = TypeVar("T")
_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}
#: Integers past this have no float (float() overflows); as a float option they are infinite.
_FLOAT_INTEGERS = 2**1023


def option(
    default: Any,
    description: str,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    formats: tuple[str, ...] = (),
) -> Any:
    """Declare an option field: its default, a one-line description, optional bounds, and the
    output formats it matters for (none given: every format), so hosts offer only what applies."""
    meta = {"description": description, "minimum": minimum, "maximum": maximum, "formats": formats}
    return field(default=default, metadata=meta)


@dataclass(frozen=True)
class OptionInfo:
    """What hosts need to know about one option."""

    name: str
    default: Any
    description: str
    kinds: tuple[type, ...]
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    formats: tuple[str, ...] = ()

    def applies_to(self, fmt: str) -> bool:
        """Whether the option matters when writing ``fmt`` (``svg``, ``pdf``, ``pptx``, …)."""
        return not self.formats or fmt in self.formats

    @property
    def kebab(self) -> str:
        return self.name.replace("_", "-")

    @property
    def is_flag(self) -> bool:
        """A boolean, written bare to mean true (``None`` may stand for "decided for you")."""
        return bool(self.kinds) and set(self.kinds) <= {bool, type(None)} and bool in self.kinds

    @property
    def type_text(self) -> str:
        """A short human description of the accepted values, e.g. ``TB | LR`` or ``int``."""
        parts = [" | ".join(self.choices)] if self.choices else []
        parts += [kind.__name__ if kind is not type(None) else "none" for kind in self.kinds]
        return " | ".join(parts)


def _alternatives(annotation: Any) -> tuple[tuple[type, ...], tuple[str, ...]]:
    """Split an annotation into plain types and literal string choices."""
    origin = typing.get_origin(annotation)
    if origin is Literal:
        return (), tuple(str(arg) for arg in typing.get_args(annotation))
    if origin in (typing.Union, types.UnionType):
        kinds: tuple[type, ...] = ()
        choices: tuple[str, ...] = ()
        for arg in typing.get_args(annotation):
            more_kinds, more_choices = _alternatives(arg)
            kinds += more_kinds
            choices += more_choices
        return kinds, choices
    return (annotation,), ()


def declared(cls: type) -> tuple[OptionInfo, ...]:
    """The options a dataclass declares, in declaration order.

    Computed once per class: resolving the annotations (``typing.get_type_hints``) is slow,
    and hosts ask for every fence and directive.
    """
    return _declared(cls)


@functools.cache
def _declared(cls: type) -> tuple[OptionInfo, ...]:
    hints = typing.get_type_hints(cls)
    infos = []
    for item in dataclasses.fields(cls):
        if item.metadata.get("internal"):  # data the core attaches (pictures), not an option
            continue
        kinds, choices = _alternatives(hints[item.name])
        infos.append(
            OptionInfo(
                name=item.name,
                default=item.default,
                description=item.metadata.get("description", ""),
                kinds=kinds,
                choices=choices,
                minimum=item.metadata.get("minimum"),
                maximum=item.metadata.get("maximum"),
                formats=item.metadata.get("formats", ()),
            )
        )
    return tuple(infos)


def _convert(info: OptionInfo, value: Any) -> Any:
    text = value.strip() if isinstance(value, str) else None
    is_none = value is None or (text is not None and text.lower() in {"none", "null"})
    if is_none and type(None) in info.kinds:
        return None
    if info.choices and text is not None:
        for choice in info.choices:
            if text.lower() == choice.lower():
                return choice
    for kind in info.kinds:
        if kind is bool:
            if isinstance(value, bool):
                return value
            if text is not None and text.lower() in _TRUE | _FALSE:
                return text.lower() in _TRUE
        elif kind in (int, float):
            number = _number(kind, value, text)
            if number is not None:
                return number
        elif kind is str and isinstance(value, str):
            return value
    raise OptionError(f"option {info.name!r} expects {info.type_text}, got {excerpt(value)}")


def _number(kind: type, value: Any, text: str | None) -> int | float | None:
    """``value`` as an int or float, or ``None`` when it is not one (``2.5`` is no int)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return kind(value) if kind is int or abs(value) < _FLOAT_INTEGERS else math.inf
    if isinstance(value, float):
        return value if kind is float else int(value) if value.is_integer() else None
    if text is not None:
        try:
            result: int | float = kind(text)
        except ValueError:
            return None
        return result
    return None


def coerce(info: OptionInfo, value: Any) -> Any:
    """Turn a Python value or host text (``"true"``, ``"3"``, ``"LR"``) into the option's type.

    Numbers must be finite (NaN passes every comparison, so range checks alone let it through)
    and inside the declared bounds.
    """
    result = _convert(info, value)
    if isinstance(result, float) and not math.isfinite(result):
        raise OptionError(f"option {info.name!r} must be {_finite(info)}, got {excerpt(value)}")
    if isinstance(result, (int, float)) and not isinstance(result, bool):
        if info.minimum is not None and result < info.minimum:
            raise OptionError(
                f"option {info.name!r} must be at least {info.minimum:g}, got {excerpt(result)}"
            )
        if info.maximum is not None and result > info.maximum:
            raise OptionError(
                f"option {info.name!r} must be at most {info.maximum:g}, got {excerpt(result)}"
            )
    return result


def _finite(info: OptionInfo) -> str:
    """``a number from 10 to 1200``: what a NaN, an infinity or an overflowing number is not."""
    if info.minimum is not None and info.maximum is not None:
        return f"a number from {info.minimum:g} to {info.maximum:g}"
    return "a finite number"


def build(cls: type[T], values: Mapping[str, Any], *, owner: str = "") -> T:
    """An options instance from loose host values; unknown names get a did-you-mean."""
    infos = {info.name: info for info in declared(cls)}
    kwargs = {}
    for raw_name, value in values.items():
        name = raw_name.replace("-", "_")
        if name not in infos:
            where = f" for {owner}" if owner else ""
            raise OptionError(
                f"unknown option {excerpt(raw_name)}{where}{did_you_mean(name, infos)}; "
                f"known options: {', '.join(infos)}"
            )
        kwargs[name] = coerce(infos[name], value)
    return cls(**kwargs)


def split(values: Mapping[str, Any], classes: Sequence[type], owner: str) -> list[Any]:
    """One instance per options class from one set of loose values (a name goes to the first
    class that declares it); a name none declares fails, naming ``owner`` and the known names."""
    tables = [{info.name for info in declared(cls)} for cls in classes]
    picked: list[dict[str, Any]] = [{} for _ in classes]
    for raw_name, value in values.items():
        name = raw_name.replace("-", "_")
        index = next((i for i, table in enumerate(tables) if name in table), None)
        if index is None:
            known = sorted(set().union(*tables))
            raise OptionError(
                f"unknown option {excerpt(raw_name)} for {owner}{did_you_mean(name, known)}; "
                f"known options: {', '.join(known)}"
            )
        picked[index][name] = value
    return [build(cls, chosen, owner=owner) for cls, chosen in zip(classes, picked, strict=True)]


def json_schema(cls: type) -> dict[str, Any]:
    """A JSON Schema object for an options dataclass."""
    properties: dict[str, Any] = {}
    for info in declared(cls):
        alternatives: list[dict[str, Any]] = []
        if info.choices:
            alternatives.append({"enum": list(info.choices)})
        for kind in info.kinds:
            name = {bool: "boolean", int: "integer", float: "number", str: "string"}.get(
                kind, "null"
            )
            schema: dict[str, Any] = {"type": name}
            if kind in (int, float):
                if info.minimum is not None:
                    schema["minimum"] = info.minimum
                if info.maximum is not None:
                    schema["maximum"] = info.maximum
            alternatives.append(schema)
        entry = alternatives[0] if len(alternatives) == 1 else {"anyOf": alternatives}
        properties[info.name] = {**entry, "description": info.description, "default": info.default}
    return {"type": "object", "properties": properties, "additionalProperties": False}


@dataclass(frozen=True)
class StyleOptions:
    """Options every style accepts; each style subclasses this with its own."""

    title: str | None = option(None, "Title drawn above the diagram (default: none).")
    legend: bool = option(True, "Draw a legend of the layer categories that appear.")
    fold_repeats: bool | None = option(
        None,
        "Draw each `repeat` group once, marked ×N (default: only when `detail: auto` needs it).",
    )
    depth: int | None = option(
        None,
        "Expand nested groups down to this depth; deeper groups become one node "
        "(default: as deep as `detail` allows).",
        minimum=0,
        maximum=1000,  # deeper than any graph nests (the YAML spec stops at 64)
    )
    fit: Literal["page", "slide", "paper", "none"] = option(
        "page",
        "What the layout is made for, keeping its text legible there: a docs page column, a "
        "16:9 slide, a printed page (paper), or none (natural size).",
    )
    width: float | None = option(
        None,
        "Width of that target in CSS pixels (default: 720 for a page, 1200 for a slide's "
        "content, 600 for paper).",
        minimum=200,
        maximum=20_000,
    )
    detail: Literal["auto", "full"] = option(
        "auto",
        "How much a large network shows: `auto` keeps the first view within 60 layers by "
        "folding repeats, then collapsing nested groups (a `fold_repeats` or `depth` you "
        "give is kept); `full` draws every layer.",
    )


@dataclass(frozen=True)
class RenderOptions:
    """Options of the output, shared by every style and format."""

    theme: (
        Literal["auto", "light", "dark", "default", "print", "colorblind", "pastel", "slides"] | str
    ) = option(
        "auto",
        "The look: a built-in theme (default, print, colorblind, pastel, slides) or the path of "
        "a theme file; `auto`, `light` and `dark` are the default theme in that mode.",
    )
    mode: Literal["auto", "light", "dark"] | None = option(
        None,
        "Which half of the theme: follow the page's light/dark switch (auto, the default), or "
        "force light or dark.",
    )
    dpi: float = option(
        192.0,
        "Resolution of PNG output (and PowerPoint pictures) in dots per inch: 96 is one pixel "
        "per CSS pixel, the default 192 two (sharp on HiDPI screens). A PNG too large for the "
        "converter is scaled down to fit, with a warning.",
        minimum=10,
        maximum=1200,
        formats=("png", "pptx"),
    )
    background: Literal["transparent", "solid"] = option(
        "transparent", "Leave the background transparent, or fill it with the theme's colour."
    )
    slide_size: str | None = option(
        None,
        "PowerPoint slide size: 16:9 (default), 4:3, 16:10, or WIDTHxHEIGHT in inches "
        "(10x5.625) or cm (25.4x14.29cm); with a template, the template's size unless given.",
        formats=("pptx",),
    )
    as_picture: bool = option(
        False,
        "PowerPoint: place the diagram as one PNG picture at `dpi`, not editable shapes.",
        formats=("pptx",),
    )
