"""SVG elements for Scene items: escaped text, fixed-format numbers, arrowheads, spans.

Everything written goes through :func:`tag`, which escapes attribute values, and text content
through :func:`text_content`; characters XML cannot carry become U+FFFD, so no label can break
the document or smuggle markup into it.
"""

from __future__ import annotations

import math

from nnviz_core.backends._geometry import arrowed, spans_width
from nnviz_core.backends._svg_paint import Painter
from nnviz_core.errors import NnvizError
from nnviz_core.scene import (
    Circle,
    Close,
    CurveTo,
    Group,
    Item,
    LineTo,
    MoveTo,
    Path,
    Point,
    Polygon,
    Rect,
    Segment,
    Span,
    Text,
)
from nnviz_core.text import SCRIPT_SCALE, SUB_SHIFT, SUPER_SHIFT

Attrs = list[tuple[str, str]]
Shape = Rect | Circle | Polygon | Path
#: Characters XML 1.0 cannot carry: replaced by U+FFFD in one ``str.translate`` with escaping.
_NOT_XML = [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0xD800, 0xE000), 0xFFFE, 0xFFFF]
_TEXT = {code: "\ufffd" for code in _NOT_XML} | {
    ord("&"): "&amp;",
    ord("<"): "&lt;",
    ord(">"): "&gt;",
}
_ATTR = _TEXT | {ord('"'): "&quot;", ord("\n"): "&#10;", ord("\r"): "&#13;", ord("\t"): "&#9;"}


def num(value: float) -> str:
    """A coordinate in the fixed short format: at most two decimals, no trailing zeros."""
    if not math.isfinite(value):
        raise NnvizError(
            f"the scene has a coordinate that is not a finite number ({value}); "
            "this is a bug in the style that drew it, please report it"
        )
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def text_content(text: str) -> str:
    """Text escaped for element content."""
    return text.translate(_TEXT)


def tag(name: str, attrs: Attrs, content: str | None = None) -> str:
    """One element; attribute values are escaped here, ``content`` must be markup already."""
    opening = name + "".join(f' {key}="{value.translate(_ATTR)}"' for key, value in attrs)
    if content is None:
        return f"<{opening}/>"
    return f"<{opening}>{content}</{name}>"


def _marks(role: str | None, layer: str | None, classes: list[str]) -> Attrs:
    """The class (role and paint classes) and ``data-layer`` attributes of an element."""
    names = ([f"nv-{role}"] if role else []) + [name for name in classes if name]
    attrs: Attrs = [("class", " ".join(names))] if names else []
    return attrs + ([("data-layer", layer)] if layer else [])


def _paint(shape: Shape, painter: Painter) -> tuple[Attrs, list[str]]:
    attrs: Attrs = []
    classes: list[str] = []
    if shape.fill is None:
        attrs.append(("fill", "none"))
    else:
        fill, fill_class = painter.attributes("fill", shape.fill.paint)
        attrs += fill
        classes.append(fill_class)
        if shape.fill.opacity != 1:
            attrs.append(("fill-opacity", num(shape.fill.opacity)))
    if shape.stroke is not None:
        stroke, stroke_class = painter.attributes("stroke", shape.stroke.paint)
        attrs += [*stroke, ("stroke-width", num(shape.stroke.width))]
        classes.append(stroke_class)
        if shape.stroke.dash:
            attrs.append(("stroke-dasharray", " ".join(num(d) for d in shape.stroke.dash)))
        if shape.stroke.opacity != 1:
            attrs.append(("stroke-opacity", num(shape.stroke.opacity)))
    return attrs, classes


def _shape(
    name: str, geometry: Attrs, shape: Shape, painter: Painter, extra: Attrs | None = None
) -> str:
    paint, classes = _paint(shape, painter)
    return tag(name, geometry + paint + (extra or []) + _marks(shape.role, shape.layer, classes))


def _points(points: tuple[Point, ...]) -> str:
    return " ".join(f"{num(x)},{num(y)}" for x, y in points)


def _d(segments: tuple[Segment, ...]) -> str:
    parts = []
    for segment in segments:
        if isinstance(segment, MoveTo):
            parts.append(f"M{num(segment.to[0])} {num(segment.to[1])}")
        elif isinstance(segment, LineTo):
            parts.append(f"L{num(segment.to[0])} {num(segment.to[1])}")
        elif isinstance(segment, CurveTo):
            points = (segment.c1, segment.c2, segment.to)
            parts.append("C" + " ".join(f"{num(x)} {num(y)}" for x, y in points))
        elif isinstance(segment, Close):
            parts.append("Z")
    return "".join(parts)


def _path(path: Path, painter: Painter) -> str:
    segments, heads = arrowed(path)
    line = _shape("path", [("d", _d(segments))], path, painter, [("stroke-linejoin", "round")])
    if not heads or path.stroke is None:
        return line
    fill, fill_class = painter.attributes("fill", path.stroke.paint)
    if path.stroke.opacity != 1:
        fill.append(("fill-opacity", num(path.stroke.opacity)))
    marks = _marks(path.role, path.layer, [fill_class])
    heads_markup = (tag("polygon", [("points", _points(h)), *fill, *marks]) for h in heads)
    return "\n".join([line, *heads_markup])


def _span_attrs(span: Span, size: float, offset: float) -> tuple[Attrs, float]:
    """A span's tspan attributes and the baseline offset after it (scripts shift it)."""
    attrs: Attrs = []
    if span.weight == "bold":
        attrs.append(("font-weight", "bold"))
    if span.italic:
        attrs.append(("font-style", "italic"))
    target = {"none": 0.0, "super": -SUPER_SHIFT * size, "sub": SUB_SHIFT * size}[span.shift]
    if span.shift != "none":
        attrs.append(("font-size", num(size * SCRIPT_SCALE)))
    if target != offset:
        attrs.append(("dy", num(target - offset)))
    return attrs, target


def _text(item: Text, painter: Painter) -> str:
    x, anchor = item.x, item.anchor
    if not painter.themed and anchor != "start" and len(item.spans) > 1:
        # Converters misplace anchored text made of several tspans: anchor it ourselves.
        x -= spans_width(item.spans, item.size) * (0.5 if anchor == "middle" else 1.0)
        anchor = "start"
    attrs: Attrs = [("x", num(x)), ("y", num(item.y)), ("font-size", num(item.size))]
    if anchor != "start":
        attrs.append(("text-anchor", anchor))
    if item.rotate:
        attrs.append(("transform", f"rotate({num(item.rotate)} {num(item.x)} {num(item.y)})"))
    fill, fill_class = painter.attributes("fill", item.paint)
    attrs += fill + _marks(item.role, item.layer, [fill_class])
    if len(item.spans) == 1 and item.spans[0].shift == "none":  # one run: no tspan needed
        span_attrs, _ = _span_attrs(item.spans[0], item.size, 0.0)
        return tag("text", attrs + span_attrs, text_content(item.spans[0].text))
    return tag("text", attrs, _runs(item))


def _runs(item: Text) -> str:
    """The spans of a text as text and ``<tspan>`` runs."""
    runs = []
    offset = 0.0
    for span in item.spans:
        span_attrs, offset = _span_attrs(span, item.size, offset)
        content = text_content(span.text)
        runs.append(tag("tspan", span_attrs, content) if span_attrs else content)
    return "".join(runs)


def _group(group: Group, painter: Painter) -> str:
    label = group.name or group.layer
    lines = [tag("title", [], text_content(label))] if label else []
    lines += [draw(item, painter) for item in group.items]
    return tag("g", _marks(group.role, group.layer, []), "\n" + "\n".join(lines) + "\n")


def draw(item: Item, painter: Painter) -> str:
    """The SVG markup of one item (groups recursively)."""
    if isinstance(item, Group):
        return _group(item, painter)
    if isinstance(item, Text):
        return _text(item, painter)
    if isinstance(item, Path):
        return _path(item, painter)
    if isinstance(item, Rect):
        geometry = [("x", num(item.x)), ("y", num(item.y))]
        geometry += [("width", num(item.width)), ("height", num(item.height))]
        if item.radius:
            geometry.append(("rx", num(item.radius)))
        return _shape("rect", geometry, item, painter)
    if isinstance(item, Circle):
        geometry = [("cx", num(item.cx)), ("cy", num(item.cy)), ("r", num(item.r))]
        return _shape("circle", geometry, item, painter)
    if isinstance(item, Polygon):
        return _shape("polygon", [("points", _points(item.points))], item, painter)
    raise NnvizError(f"the SVG backend cannot draw a {type(item).__name__} item")
