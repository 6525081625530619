"""One Scene primitive → one native PowerPoint shape, with fills, lines and arrowheads in XML.

python-pptx gives shapes and geometry; the few things it has no API for (translucency, custom
dashes, arrowheads, removing the theme's shape style so nothing inherits a shadow or an accent
colour) are written straight into the shape's DrawingML.
"""

from __future__ import annotations

from typing import Any

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.util import Emu, Pt

from nnviz_core.backends.pptx.geometry import Placement, Subpath, flatten, label_box
from nnviz_core.scene import Circle, Fill, Path, Polygon, Rect, Stroke, Text
from nnviz_core.text import FONT_FAMILY
from nnviz_core.theme import ThemeMode, resolve

_ALIGN = {"start": PP_ALIGN.LEFT, "middle": PP_ALIGN.CENTER, "end": PP_ALIGN.RIGHT}
_BASELINE = {"super": "30000", "sub": "-25000"}


def _sub(parent: Any, tag: str, attrs: dict[str, str] | None = None, **more: str) -> Any:
    """Append a new DrawingML element (``a:ln``) with attributes to ``parent``."""
    element = OxmlElement(tag)
    for key, value in {**(attrs or {}), **more}.items():
        element.set(key, value)
    parent.append(element)
    return element


def _color(parent: Any, paint: str, opacity: float, mode: ThemeMode) -> None:
    solid = _sub(parent, "a:solidFill")
    rgb = _sub(solid, "a:srgbClr", val=resolve(paint, mode).lstrip("#").upper())
    if opacity < 1.0:
        _sub(rgb, "a:alpha", val=str(round(max(opacity, 0.0) * 100000)))


def _plain(shape: Any) -> Any:
    """The shape's ``spPr`` with any theme style removed, so only what we write applies."""
    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)
    return shape._element.spPr


def _fill(sp_pr: Any, fill: Fill | None, mode: ThemeMode) -> None:
    if fill is None:
        _sub(sp_pr, "a:noFill")
    else:
        _color(sp_pr, fill.paint, fill.opacity, mode)


def _arrow_size(size: float, width: float) -> str:
    ratio = size / max(width, 0.1)
    return "sm" if ratio < 3.0 else "med" if ratio < 5.0 else "lg"


def _line(
    sp_pr: Any,
    stroke: Stroke | None,
    place: Placement,
    mode: ThemeMode,
    arrows: tuple[float, float] = (0.0, 0.0),
) -> None:
    """``a:ln``: colour, width, dashes (in % of the width), round joins and arrowheads."""
    if stroke is None:
        ln = _sub(sp_pr, "a:ln")
        _sub(ln, "a:noFill")
        return
    ln = _sub(sp_pr, "a:ln", w=str(max(place.length(stroke.width), 1)))
    _color(ln, stroke.paint, stroke.opacity, mode)
    if stroke.dash:
        dashes = _sub(ln, "a:custDash")
        pattern = stroke.dash if len(stroke.dash) % 2 == 0 else stroke.dash * 2
        width = max(stroke.width, 0.1)
        for dash, space in zip(pattern[::2], pattern[1::2], strict=True):
            percent = {"d": round(dash / width * 100000), "sp": round(space / width * 100000)}
            _sub(dashes, "a:ds", {k: str(v) for k, v in percent.items()})
    _sub(ln, "a:round")
    for tag, size in (("a:headEnd", arrows[0]), ("a:tailEnd", arrows[1])):
        if size > 0:
            length = _arrow_size(size, stroke.width)
            _sub(ln, tag, type="triangle", w=length, len=length)


def _finish(
    shape: Any,
    name: str,
    item: Rect | Circle | Polygon | Path,
    place: Placement,
    mode: ThemeMode,
    arrows: tuple[float, float] = (0.0, 0.0),
) -> Any:
    shape.name = name
    sp_pr = _plain(shape)
    _fill(sp_pr, item.fill, mode)
    _line(sp_pr, item.stroke, place, mode, arrows)
    return shape


def add_rect(shapes: Any, item: Rect, place: Placement, mode: ThemeMode) -> Any:
    """A rectangle, or a rounded rectangle whose corner matches the scene's radius."""
    kind = MSO_SHAPE.ROUNDED_RECTANGLE if item.radius > 0 else MSO_SHAPE.RECTANGLE
    left, top = place.point((item.x, item.y))
    width, height = place.length(item.width), place.length(item.height)
    shape = shapes.add_shape(kind, Emu(left), Emu(top), Emu(max(width, 1)), Emu(max(height, 1)))
    if item.radius > 0:
        shape.adjustments[0] = min(item.radius / max(min(item.width, item.height), 1e-6), 0.5)
    return _finish(shape, "Rounded box" if item.radius > 0 else "Box", item, place, mode)


def add_circle(shapes: Any, item: Circle, place: Placement, mode: ThemeMode) -> Any:
    left, top = place.point((item.cx - item.r, item.cy - item.r))
    size = Emu(max(place.length(2 * item.r), 1))
    shape = shapes.add_shape(MSO_SHAPE.OVAL, Emu(left), Emu(top), size, size)
    return _finish(shape, "Circle", item, place, mode)


def _freeform(shapes: Any, subpaths: list[Subpath], place: Placement) -> Any:
    first = place.point(subpaths[0].points[0])
    builder = shapes.build_freeform(first[0], first[1], scale=1.0)
    for index, sub in enumerate(subpaths):
        if index:
            builder.move_to(*place.point(sub.points[0]))
        builder.add_line_segments([place.point(p) for p in sub.points[1:]], close=sub.closed)
    return builder.convert_to_shape()


def add_polygon(shapes: Any, item: Polygon, place: Placement, mode: ThemeMode) -> Any:
    shape = _freeform(shapes, [Subpath(item.points, True)], place)
    return _finish(shape, "Polygon", item, place, mode)


def add_path(shapes: Any, item: Path, place: Placement, mode: ThemeMode) -> Any | None:
    """A straight connector for a two-point line, a freeform for anything else."""
    subpaths = flatten(item.segments)
    if not subpaths:
        return None
    arrows = (item.arrow_start, item.arrow_end)
    single = subpaths[0]
    if len(subpaths) == 1 and len(single.points) == 2 and not single.closed:
        (x1, y1), (x2, y2) = (place.point(p) for p in single.points)
        shape = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, x1, y1, x2, y2)
        name = "Arrow" if any(arrows) else "Line"
    else:
        shape = _freeform(shapes, subpaths, place)
        name = "Arrow" if any(arrows) else "Path"
    return _finish(shape, name, item, place, mode, arrows)


def add_text(shapes: Any, item: Text, place: Placement, mode: ThemeMode) -> Any:
    """A text box sized by the bundled metrics, its first baseline on the scene's baseline."""
    left, top, right, bottom = label_box(item)
    x, y = place.x(left), place.y(top)
    width, height = place.length(right - left), place.length(bottom - top)
    shape = shapes.add_textbox(Emu(x), Emu(y), Emu(max(width, 1)), Emu(max(height, 1)))
    shape.name = f"Text {item.plain[:40]}"
    if item.rotate:
        _rotate_about_anchor(shape, item, place)
    frame = shape.text_frame
    frame.word_wrap = False
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = MSO_ANCHOR.TOP
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    paragraph = frame.paragraphs[0]
    paragraph.alignment = _ALIGN[item.anchor]
    paragraph.line_spacing = 1.0
    for span in item.spans:
        run = paragraph.add_run()
        run.text = span.text
        font = run.font
        font.name = FONT_FAMILY
        font.size = Pt(round(place.points(item.size) * 2) / 2)
        font.bold = span.weight == "bold"
        font.italic = span.italic
        font.color.rgb = rgb(resolve(item.paint, mode))
        if span.shift != "none":
            run._r.get_or_add_rPr().set("baseline", _BASELINE[span.shift])
    return shape


def _rotate_about_anchor(shape: Any, item: Text, place: Placement) -> None:
    """PowerPoint turns a box about its centre; SVG turns text about its anchor point."""
    import math

    angle = math.radians(item.rotate)
    ax, ay = place.x(item.x), place.y(item.y)
    cx, cy = shape.left + shape.width / 2, shape.top + shape.height / 2
    nx = ax + (cx - ax) * math.cos(angle) - (cy - ay) * math.sin(angle)
    ny = ay + (cx - ax) * math.sin(angle) + (cy - ay) * math.cos(angle)
    shape.left, shape.top = Emu(round(nx - shape.width / 2)), Emu(round(ny - shape.height / 2))
    shape.rotation = item.rotate


def rgb(color: str) -> Any:
    """A python-pptx colour from ``#rrggbb``."""
    value = color.lstrip("#")
    make: Any = RGBColor
    return make(int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))
