"""TikZ commands for Scene items: one ``\\path`` per shape, one ``\\node`` per line of text.

The picture's unit vectors are one CSS pixel (x right, y down, like the Scene), so coordinates
are written as the Scene has them and every other length in ``bp``. Arrowheads are the triangles
the SVG draws (same length, width and trimmed line), filled with the line's colour. Text sits on
its baseline at its anchor in the document's font, at the SVG's size (``\\fontsize`` in bp), so
the figure keeps the SVG's proportions and the author's font.
"""

from __future__ import annotations

from nnviz_core.backends._geometry import arrowed
from nnviz_core.backends._svg_items import num
from nnviz_core.backends.tikz.escape import escape
from nnviz_core.backends.tikz.pictures import picture_commands
from nnviz_core.backends.tikz.styles import PX, Styles, length
from nnviz_core.errors import NnvizError
from nnviz_core.scene import (
    Circle,
    Close,
    CurveTo,
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
)
from nnviz_core.text import SCRIPT_SCALE, SUB_SHIFT, SUPER_SHIFT, line_height

__all__ = ["draw_shape", "point"]

_ANCHOR = {"start": "anchor=base west", "middle": "anchor=base", "end": "anchor=base east"}
_RAISE = {"super": SUPER_SHIFT, "sub": -SUB_SHIFT}


def point(at: Point) -> str:
    return f"({num(at[0])},{num(at[1])})"


def _options(options: list[str]) -> str:
    return "[" + ", ".join(options) + "]" if options else ""


def _segments(segments: tuple[Segment, ...]) -> str:
    parts: list[str] = []
    for segment in segments:
        if isinstance(segment, MoveTo):
            parts.append(point(segment.to))
        elif isinstance(segment, LineTo):
            parts.append("-- " + point(segment.to))
        elif isinstance(segment, CurveTo):
            controls = f"{point(segment.c1)} and {point(segment.c2)}"
            parts.append(f".. controls {controls} .. {point(segment.to)}")
        elif isinstance(segment, Close):
            parts.append("-- cycle")
    return " ".join(parts)


def _polygon(points: tuple[Point, ...]) -> str:
    return " -- ".join(point(at) for at in points) + " -- cycle"


def _rect(rect: Rect, styles: Styles) -> str:
    corner = (rect.x + rect.width, rect.y + rect.height)
    options = styles.shape(rect)
    radius = min(rect.radius, rect.width / 2, rect.height / 2)
    if radius > 0:
        options.append(f"rounded corners={length(radius)}")
    options += styles.role(rect.role)
    return f"\\path{_options(options)} {point((rect.x, rect.y))} rectangle {point(corner)};"


def _path(path: Path, styles: Styles) -> list[str]:
    segments, heads = arrowed(path)
    options = [*styles.shape(path), "line join=round", *styles.role(path.role)]
    lines = [f"\\path{_options(options)} {_segments(segments)};"]
    if heads and path.stroke is not None:
        head = ["draw=none", f"fill={styles.colour(path.stroke.paint)}"]
        if path.stroke.opacity != 1:
            head.append(f"fill opacity={num(path.stroke.opacity)}")
        head += styles.role(path.role)
        lines += [f"\\path{_options(head)} {_polygon(triangle)};" for triangle in heads]
    return lines


def draw_shape(item: Item, styles: Styles) -> list[str]:
    """The commands of one item that is not a group."""
    if isinstance(item, Text):
        return [_text(item, styles)]
    if isinstance(item, Path):
        return _path(item, styles)
    if isinstance(item, Rect):
        return [_rect(item, styles)]
    if isinstance(item, Circle):
        options = _options([*styles.shape(item), *styles.role(item.role)])
        return [f"\\path{options} {point((item.cx, item.cy))} circle[radius={num(item.r)}];"]
    if isinstance(item, Polygon):
        options = _options([*styles.shape(item), *styles.role(item.role)])
        return [f"\\path{options} {_polygon(item.points)};"]
    if isinstance(item, Image):
        lines, border = picture_commands(item)
        return lines + ([_rect(border, styles)] if border is not None else [])
    raise NnvizError(f"the TikZ backend cannot draw a {type(item).__name__} item")


def font_size(size: float) -> str:
    """``\\fontsize`` for a Scene text size: the SVG's size, the document's font."""
    return f"\\fontsize{{{length(size)}}}{{{length(line_height(size))}}}\\selectfont{{}}"


def _span(span: Span, size: float) -> str:
    """A span in the document's font: its weight and shape switched inside a group, a script
    raised and made smaller as the SVG draws it."""
    switches = ("\\bfseries{}" if span.weight == "bold" else "") + (
        "\\itshape{}" if span.italic else ""
    )
    text = switches + escape(span.text)
    if span.shift != "none":
        raised = length(_RAISE[span.shift] * size)
        return f"\\raisebox{{{raised}}}{{{font_size(size * SCRIPT_SCALE)}{text}}}"
    return f"{{{text}}}" if switches else text


def _text(item: Text, styles: Styles) -> str:
    options = [_ANCHOR[item.anchor], f"text={styles.colour(item.paint)}"]
    if item.rotate:
        options.append(f"rotate={num(-item.rotate)}")  # y points down in the Scene, up in TeX
    options += [*styles.role("text"), *styles.role(item.role)]
    content = font_size(item.size) + "".join(_span(span, item.size) for span in item.spans)
    return f"\\node{_options(options)} at {point((item.x, item.y))} {{{content}}};"


def unit() -> str:
    """The picture options that make one coordinate unit one CSS pixel, y pointing down."""
    return f"x={num(PX)}bp, y=-{num(PX)}bp"
