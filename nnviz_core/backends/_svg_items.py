"""SVG elements for Scene items: escaped text, fixed-format numbers, arrowheads, spans.

Each element is written as one string. Text content goes through :func:`text_content` and every
attribute value that can carry author text (layer ids, roles, anchors) through :func:`_attr`;
characters XML cannot carry become U+FFFD, so no label can break the document or smuggle markup
into it. Numbers come from :func:`num` and colours from the validated paints of the Painter, so
they need no escaping.
"""

from __future__ import annotations

import base64
import math
from functools import lru_cache

from nnviz_core.backends._geometry import arrowed, spans_width
from nnviz_core.backends._svg_paint import Painter
from nnviz_core.errors import NnvizError
from nnviz_core.scene import (
    Circle,
    Close,
    CurveTo,
    Group,
    Image,
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
    Weight,
)
from nnviz_core.text import SCRIPT_SCALE, SUB_SHIFT, SUPER_SHIFT, css_weight

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
#: Baseline shift of a script, as a fraction of the text size.
_SHIFT = {"super": -SUPER_SHIFT, "sub": SUB_SHIFT}
#: Memo size of the pure formatters below: coordinates, labels and layer ids repeat close
#: together (a card's items share its layer and column), so a small window catches most repeats.
_MEMO = 1024


@lru_cache(maxsize=_MEMO)
def num(value: float) -> str:
    """A coordinate in the fixed short format: at most two decimals, no trailing zeros."""
    if not math.isfinite(value):
        raise NnvizError(
            f"the scene has a coordinate that is not a finite number ({value}); "
            "this is a bug in the style that drew it, please report it"
        )
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _escape_markup(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities: all that printable text needs in element content.

    Three ``str.replace`` calls beat one ``str.translate`` with the big table several times over.
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@lru_cache(maxsize=_MEMO)
def text_content(text: str) -> str:
    """Text escaped for element content."""
    if text.isprintable():  # no control, surrogate or non-character code point to replace
        return _escape_markup(text)
    return text.translate(_TEXT)


@lru_cache(maxsize=_MEMO)
def _attr(value: str) -> str:
    """A value escaped for a double-quoted attribute."""
    if value.isprintable():  # nor a tab or line break to write as a character reference
        return _escape_markup(value).replace('"', "&quot;")
    return value.translate(_ATTR)


def attributes(attrs: Attrs) -> str:
    """Attribute text `` key="value"`` for each pair, the values escaped."""
    return "".join([f' {key}="{_attr(value)}"' for key, value in attrs])


def tag(name: str, attrs: Attrs, content: str | None = None) -> str:
    """One element; attribute values are escaped here, ``content`` must be markup already."""
    opening = name + attributes(attrs)
    if content is None:
        return f"<{opening}/>"
    return f"<{opening}>{content}</{name}>"


@lru_cache(maxsize=_MEMO)
def _marks(role: str | None, layer: str | None, *paint_classes: str) -> str:
    """The class (role and paint classes) and ``data-layer`` attributes of an element."""
    names = ([f"nv-{role}"] if role else []) + [name for name in paint_classes if name]
    marks = f' class="{_attr(" ".join(names))}"' if names else ""
    return f'{marks} data-layer="{_attr(layer)}"' if layer else marks


def _paint(shape: Shape, painter: Painter) -> tuple[str, str, str]:
    """The fill and stroke attributes of a shape, and its fill and stroke classes."""
    fill_class = stroke_class = ""
    if shape.fill is None:
        attrs = ' fill="none"'
    else:
        colour, fill_class = painter.colour("fill", shape.fill.paint)
        attrs = f' fill="{colour}"'
        if shape.fill.opacity != 1:
            attrs += f' fill-opacity="{num(shape.fill.opacity)}"'
    stroke = shape.stroke
    if stroke is not None:
        colour, stroke_class = painter.colour("stroke", stroke.paint)
        attrs += f' stroke="{colour}" stroke-width="{num(stroke.width)}"'
        if stroke.dash:
            attrs += f' stroke-dasharray="{" ".join([num(d) for d in stroke.dash])}"'
        if stroke.opacity != 1:
            attrs += f' stroke-opacity="{num(stroke.opacity)}"'
    return attrs, fill_class, stroke_class


def _shape(name: str, geometry: str, shape: Shape, painter: Painter, extra: str = "") -> str:
    """A painted element: ``geometry`` and ``extra`` are attribute text ready to write."""
    paint, fill_class, stroke_class = _paint(shape, painter)
    marks = _marks(shape.role, shape.layer, fill_class, stroke_class)
    return f"<{name} {geometry}{paint}{extra}{marks}/>"


def _points(points: tuple[Point, ...]) -> str:
    return " ".join([f"{num(x)},{num(y)}" for x, y in points])


def _d(segments: tuple[Segment, ...]) -> str:
    parts = []
    for segment in segments:
        if isinstance(segment, CurveTo):
            (x1, y1), (x2, y2), (x, y) = segment.c1, segment.c2, segment.to
            parts.append(f"C{num(x1)} {num(y1)} {num(x2)} {num(y2)} {num(x)} {num(y)}")
        elif isinstance(segment, LineTo):
            parts.append(f"L{num(segment.to[0])} {num(segment.to[1])}")
        elif isinstance(segment, MoveTo):
            parts.append(f"M{num(segment.to[0])} {num(segment.to[1])}")
        elif isinstance(segment, Close):
            parts.append("Z")
    return "".join(parts)


def _path(path: Path, painter: Painter) -> str:
    segments, heads = arrowed(path)
    line = _shape("path", f'd="{_d(segments)}"', path, painter, ' stroke-linejoin="round"')
    if not heads or path.stroke is None:
        return line
    colour, fill_class = painter.colour("fill", path.stroke.paint)
    fill = f' fill="{colour}"'
    if path.stroke.opacity != 1:
        fill += f' fill-opacity="{num(path.stroke.opacity)}"'
    fill += _marks(path.role, path.layer, fill_class)
    return "\n".join([line, *[f'<polygon points="{_points(head)}"{fill}/>' for head in heads]])


def _font(weight: Weight, italic: bool) -> str:
    """The weight and style attributes of a span, in the active theme's weights."""
    return _weight_attrs(css_weight(weight), italic)


@lru_cache(maxsize=32)
def _weight_attrs(weight: int, italic: bool) -> str:
    shown = {400: "", 700: ' font-weight="bold"'}.get(weight, f' font-weight="{weight}"')
    return shown + (' font-style="italic"' if italic else "")


def _span_attrs(span: Span, size: float, offset: float) -> tuple[str, float]:
    """A span's tspan attributes and the baseline offset after it (scripts shift it)."""
    attrs = _font(span.weight, span.italic)
    target = 0.0
    if span.shift != "none":
        target = _SHIFT[span.shift] * size
        attrs += f' font-size="{num(size * SCRIPT_SCALE)}"'
    if target != offset:
        attrs += f' dy="{num(target - offset)}"'
    return attrs, target


def _text(item: Text, painter: Painter) -> str:
    x, anchor = item.x, item.anchor
    if anchor != "start" and len(item.spans) > 1:
        # cairosvg anchors each tspan by its own width, not the whole line as browsers and
        # librsvg do: anchor it ourselves, with the metrics the layout measured, in every file.
        x -= spans_width(item.spans, item.size) * (0.5 if anchor == "middle" else 1.0)
        anchor = "start"
    attrs = f'x="{num(x)}" y="{num(item.y)}" font-size="{num(item.size)}"'
    if anchor != "start":
        attrs += f' text-anchor="{_attr(anchor)}"'
    if item.rotate:
        attrs += f' transform="rotate({num(item.rotate)} {num(item.x)} {num(item.y)})"'
    colour, fill_class = painter.colour("fill", item.paint)
    attrs += f' fill="{colour}"{_marks(item.role, item.layer, fill_class)}'
    if len(item.spans) == 1 and item.spans[0].shift == "none":  # one run: no tspan needed
        span = item.spans[0]
        return f"<text {attrs}{_font(span.weight, span.italic)}>{text_content(span.text)}</text>"
    return f"<text {attrs}>{_runs(item)}</text>"


def _runs(item: Text) -> str:
    """The spans of a text as text and ``<tspan>`` runs."""
    runs = []
    offset = 0.0
    for span in item.spans:
        span_attrs, offset = _span_attrs(span, item.size, offset)
        content = text_content(span.text)
        runs.append(f"<tspan{span_attrs}>{content}</tspan>" if span_attrs else content)
    return "".join(runs)


def _group(group: Group, painter: Painter) -> str:
    label = group.name or group.layer
    lines = [f"<title>{text_content(label)}</title>"] if label else []
    lines += [draw(item, painter) for item in group.items]
    dx, dy = group.offset
    moved = f' transform="translate({num(dx)} {num(dy)})"' if dx or dy else ""
    return f"<g{_marks(group.role, group.layer)}{moved}>\n" + "\n".join(lines) + "\n</g>"


def _rect(rect: Rect, painter: Painter) -> str:
    geometry = f'x="{num(rect.x)}" y="{num(rect.y)}"'
    geometry += f' width="{num(rect.width)}" height="{num(rect.height)}"'
    if rect.radius:
        geometry += f' rx="{num(rect.radius)}"'
    return _shape("rect", geometry, rect, painter)


#: The first bytes of every PNG file: an Image item carries nothing else into the document.
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _image(image: Image, painter: Painter) -> str:
    """An embedded PNG (``data:image/png`` only: no external reference) under its border."""
    if not image.png.startswith(PNG_SIGNATURE):
        raise NnvizError(
            "an Image item must hold PNG bytes; this is a bug in the style that drew it"
        )
    data = base64.b64encode(image.png).decode("ascii")
    geometry = f'x="{num(image.x)}" y="{num(image.y)}"'
    geometry += f' width="{num(image.width)}" height="{num(image.height)}"'
    tip = f"<title>{text_content(image.tip)}</title>" if image.tip else ""
    marks = _marks(image.role, image.layer)
    picture = (
        f'<image {geometry} preserveAspectRatio="none" image-rendering="optimizeSpeed"'
        f'{marks} href="data:image/png;base64,{data}">{tip}</image>'
    )
    if image.stroke is None:
        return picture
    frame = Rect(
        image.x, image.y, image.width, image.height, stroke=image.stroke, layer=image.layer
    )
    return picture + "\n" + _rect(frame, painter)


def draw(item: Item, painter: Painter) -> str:
    """The SVG markup of one item (groups recursively)."""
    if isinstance(item, Text):  # the commonest items first
        return _text(item, painter)
    if isinstance(item, Path):
        return _path(item, painter)
    if isinstance(item, Rect):
        return _rect(item, painter)
    if isinstance(item, Group):
        return _group(item, painter)
    if isinstance(item, Circle):
        geometry = f'cx="{num(item.cx)}" cy="{num(item.cy)}" r="{num(item.r)}"'
        return _shape("circle", geometry, item, painter)
    if isinstance(item, Polygon):
        return _shape("polygon", f'points="{_points(item.points)}"', item, painter)
    if isinstance(item, Image):
        return _image(item, painter)
    raise NnvizError(f"the SVG backend cannot draw a {type(item).__name__} item")
