"""One Scene primitive → one native PowerPoint shape, written as DrawingML (ECMA-376 part 1).

python-pptx manages the package, slides, placeholders and notes, but adding shapes through it
costs a whole-slide id search per shape (quadratic on a slide of hundreds of shapes) and has no
API for translucency, custom dashes or arrowheads. So each shape is written here as one
``p:sp`` / ``p:cxnSp`` fragment, with no theme style reference (nothing inherits a shadow or
an accent colour), and a slide's fragments are parsed once.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from nnviz_core.backends.pptx.geometry import Placement, Subpath, flatten, label_box
from nnviz_core.scene import Circle, Fill, Image, Path, Polygon, Rect, Stroke, Text
from nnviz_core.text import office_face
from nnviz_core.theme import ThemeMode, resolve

_ALIGN = {"start": "l", "middle": "ctr", "end": "r"}
_BASELINE = {"super": "30000", "sub": "-25000"}
#: Characters XML 1.0 cannot carry (controls, lone surrogates, non-characters).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

EmuBox = tuple[int, int, int, int]


@dataclass(frozen=True)
class Fragment:
    """A shape's XML and the frame it occupies on the slide (left, top, right, bottom, EMU)."""

    xml: str
    box: EmuBox


def xml_safe(value: str) -> str:
    """``value`` without the characters XML cannot carry, which a log's column name or a
    model's layer name may hold: dropped, so no text can break the slide's XML."""
    return _NOT_XML.sub("", value)


def _text(value: str) -> str:
    return escape(xml_safe(value))


def _attr(value: str) -> str:
    return quoteattr(xml_safe(value))


def _color(paint: str, opacity: float, mode: ThemeMode) -> str:
    rgb = resolve(paint, mode).lstrip("#").upper()
    alpha = f'<a:alpha val="{round(max(opacity, 0.0) * 100000)}"/>' if opacity < 1.0 else ""
    return f'<a:solidFill><a:srgbClr val="{rgb}">{alpha}</a:srgbClr></a:solidFill>'


def _fill(fill: Fill | None, mode: ThemeMode) -> str:
    return "<a:noFill/>" if fill is None else _color(fill.paint, fill.opacity, mode)


def _arrow_size(size: float, width: float) -> str:
    ratio = size / max(width, 0.1)
    return "sm" if ratio < 3.0 else "med" if ratio < 5.0 else "lg"


def _line(
    stroke: Stroke | None, place: Placement, mode: ThemeMode, arrows: tuple[float, float]
) -> str:
    """``a:ln``: colour, width, dashes (in % of the width), round joins and arrowheads."""
    if stroke is None:
        return "<a:ln><a:noFill/></a:ln>"
    parts = [f'<a:ln w="{max(place.length(stroke.width), 1)}">']
    parts.append(_color(stroke.paint, stroke.opacity, mode))
    if stroke.dash:
        pattern = stroke.dash if len(stroke.dash) % 2 == 0 else stroke.dash * 2
        width = max(stroke.width, 0.1)
        parts.append("<a:custDash>")
        for dash, space in zip(pattern[::2], pattern[1::2], strict=True):
            d, sp = round(dash / width * 100000), round(space / width * 100000)
            parts.append(f'<a:ds d="{d}" sp="{sp}"/>')
        parts.append("</a:custDash>")
    parts.append("<a:round/>")
    for tag, size in (("a:headEnd", arrows[0]), ("a:tailEnd", arrows[1])):
        if size > 0:
            length = _arrow_size(size, stroke.width)
            parts.append(f'<{tag} type="triangle" w="{length}" len="{length}"/>')
    parts.append("</a:ln>")
    return "".join(parts)


def _xfrm(box: EmuBox, extra: str = "") -> str:
    width, height = max(box[2] - box[0], 1), max(box[3] - box[1], 1)
    return (
        f'<a:xfrm{extra}><a:off x="{box[0]}" y="{box[1]}"/>'
        f'<a:ext cx="{width}" cy="{height}"/></a:xfrm>'
    )


def _sp(shape_id: int, name: str, box: EmuBox, geometry: str, paint: str) -> str:
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name={_attr(name)}/><p:cNvSpPr/><p:nvPr/>'
        f"</p:nvSpPr><p:spPr>{_xfrm(box)}{geometry}{paint}</p:spPr></p:sp>"
    )


def _preset(name: str, adjust: int | None = None) -> str:
    guide = f'<a:gd name="adj" fmla="val {adjust}"/>' if adjust is not None else ""
    return f'<a:prstGeom prst="{name}"><a:avLst>{guide}</a:avLst></a:prstGeom>'


def rect(shape_id: int, item: Rect, place: Placement, mode: ThemeMode) -> Fragment:
    """A rectangle, or a rounded rectangle whose corner matches the scene's radius."""
    box = (
        *place.point((item.x, item.y)),
        *place.point((item.x + item.width, item.y + item.height)),
    )
    paint = _fill(item.fill, mode) + _line(item.stroke, place, mode, (0.0, 0.0))
    if item.radius > 0:
        share = min(item.radius / max(min(item.width, item.height), 1e-6), 0.5)
        geometry = _preset("roundRect", round(share * 100000))
        return Fragment(_sp(shape_id, "Rounded box", box, geometry, paint), box)
    return Fragment(_sp(shape_id, "Box", box, _preset("rect"), paint), box)


def picture(shape_id: int, item: Image, place: Placement, mode: ThemeMode, embed: str) -> Fragment:
    """A PNG picture (a real feature map) under its border; ``embed`` is the slide's
    relationship id of the image part holding its bytes."""
    box = (
        *place.point((item.x, item.y)),
        *place.point((item.x + item.width, item.y + item.height)),
    )
    name = item.tip or "Picture"
    xml = (
        f'<p:pic><p:nvPicPr><p:cNvPr id="{shape_id}" name={_attr(name)} descr={_attr(name)}/>'
        '<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>'
        f'<p:blipFill><a:blip r:embed="{embed}"/><a:stretch><a:fillRect/></a:stretch>'
        f"</p:blipFill><p:spPr>{_xfrm(box)}{_preset('rect')}"
        f"{_line(item.stroke, place, mode, (0.0, 0.0))}</p:spPr></p:pic>"
    )
    return Fragment(xml, box)


def circle(shape_id: int, item: Circle, place: Placement, mode: ThemeMode) -> Fragment:
    box = (*place.point((item.cx - item.r, item.cy - item.r)),
           *place.point((item.cx + item.r, item.cy + item.r)))  # fmt: skip
    paint = _fill(item.fill, mode) + _line(item.stroke, place, mode, (0.0, 0.0))
    return Fragment(_sp(shape_id, "Circle", box, _preset("ellipse"), paint), box)


def _freeform(shape_id: int, name: str, subpaths: list[Subpath], place: Placement,
              paint: str) -> Fragment:  # fmt: skip
    points = [[place.point(p) for p in sub.points] for sub in subpaths]
    xs = [x for contour in points for x, _ in contour]
    ys = [y for contour in points for _, y in contour]
    box = (min(xs), min(ys), max(max(xs), min(xs) + 1), max(max(ys), min(ys) + 1))
    width, height = box[2] - box[0], box[3] - box[1]
    path = [f'<a:path w="{width}" h="{height}">']
    for sub, contour in zip(subpaths, points, strict=True):
        x, y = contour[0]
        path.append(f'<a:moveTo><a:pt x="{x - box[0]}" y="{y - box[1]}"/></a:moveTo>')
        for x, y in contour[1:]:
            path.append(f'<a:lnTo><a:pt x="{x - box[0]}" y="{y - box[1]}"/></a:lnTo>')
        if sub.closed:
            path.append("<a:close/>")
    path.append("</a:path>")
    geometry = (
        '<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/><a:rect l="0" t="0" r="r" b="b"/>'
        f"<a:pathLst>{''.join(path)}</a:pathLst></a:custGeom>"
    )
    return Fragment(_sp(shape_id, name, box, geometry, paint), box)


def polygon(shape_id: int, item: Polygon, place: Placement, mode: ThemeMode) -> Fragment:
    paint = _fill(item.fill, mode) + _line(item.stroke, place, mode, (0.0, 0.0))
    return _freeform(shape_id, "Polygon", [Subpath(item.points, True)], place, paint)


def _connector(shape_id: int, name: str, ends: list[tuple[int, int]], line: str) -> Fragment:
    (x1, y1), (x2, y2) = ends
    box = (min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))
    flips = (' flipH="1"' if x2 < x1 else "") + (' flipV="1"' if y2 < y1 else "")
    xml = (
        f'<p:cxnSp><p:nvCxnSpPr><p:cNvPr id="{shape_id}" name={_attr(name)}/><p:cNvCxnSpPr/>'
        f"<p:nvPr/></p:nvCxnSpPr><p:spPr>{_xfrm(box, flips)}{_preset('line')}{line}</p:spPr>"
        "</p:cxnSp>"
    )
    return Fragment(xml, box)


def path(shape_id: int, item: Path, place: Placement, mode: ThemeMode) -> Fragment | None:
    """A straight connector for a two-point line, a freeform for anything else."""
    subpaths = flatten(item.segments)
    if not subpaths:
        return None
    arrows = (item.arrow_start, item.arrow_end)
    name = item.layer if item.role == "edge" and item.layer else "Arrow" if any(arrows) else "Line"
    line = _line(item.stroke, place, mode, arrows)
    single = subpaths[0]
    if len(subpaths) == 1 and len(single.points) == 2 and not single.closed:
        return _connector(shape_id, name, [place.point(p) for p in single.points], line)
    return _freeform(shape_id, name, subpaths, place, _fill(item.fill, mode) + line)


def _run(item: Text, index: int, place: Placement, mode: ThemeMode) -> str:
    span = item.spans[index]
    size = round(place.points(item.size) * 2) * 50
    typeface, bold = office_face(span.weight)
    attributes = f'lang="en-US" sz="{size}" b="{int(bold)}" i="{int(span.italic)}"'
    if span.shift != "none":
        attributes += f' baseline="{_BASELINE[span.shift]}"'
    face = _attr(typeface)
    return (
        f'<a:r><a:rPr {attributes} dirty="0">{_color(item.paint, 1.0, mode)}'
        f"<a:latin typeface={face}/><a:ea typeface={face}/><a:cs typeface={face}/></a:rPr>"
        f"<a:t>{_text(span.text)}</a:t></a:r>"
    )


def text(shape_id: int, item: Text, place: Placement, mode: ThemeMode) -> Fragment:
    """A text box sized by the bundled metrics, its first baseline on the scene's baseline."""
    left, top, right, bottom = label_box(item)
    box = (*place.point((left, top)), *place.point((right, bottom)))
    rotation = ""
    if item.rotate:
        box = _turned(box, place.point((item.x, item.y)), item.rotate)
        rotation = f' rot="{round(item.rotate * 60000) % 21600000}"'
    runs = "".join(_run(item, index, place, mode) for index in range(len(item.spans)))
    xml = (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name={_attr("Text " + item.plain[:40])}/>'
        '<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
        f"<p:spPr>{_xfrm(box, rotation)}{_preset('rect')}<a:noFill/></p:spPr>"
        '<p:txBody><a:bodyPr wrap="none" lIns="0" tIns="0" rIns="0" bIns="0" anchor="t" '
        'rtlCol="0"><a:noAutofit/></a:bodyPr><a:lstStyle/>'
        f'<a:p><a:pPr algn="{_ALIGN[item.anchor]}"><a:lnSpc><a:spcPct val="100000"/></a:lnSpc>'
        f"</a:pPr>{runs}</a:p></p:txBody></p:sp>"
    )
    return Fragment(xml, box)


def _turned(box: EmuBox, anchor: tuple[int, int], degrees: float) -> EmuBox:
    """PowerPoint turns a frame about its centre; SVG turns text about its anchor point."""
    angle = math.radians(degrees)
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    dx, dy = cx - anchor[0], cy - anchor[1]
    nx = anchor[0] + dx * math.cos(angle) - dy * math.sin(angle)
    ny = anchor[1] + dx * math.sin(angle) + dy * math.cos(angle)
    half_w, half_h = (box[2] - box[0]) / 2, (box[3] - box[1]) / 2
    return round(nx - half_w), round(ny - half_h), round(nx + half_w), round(ny + half_h)


def group(shape_id: int, name: str, children: list[Fragment]) -> Fragment:
    """A group shape around already written children (child space = slide space)."""
    box = (
        min(c.box[0] for c in children),
        min(c.box[1] for c in children),
        max(c.box[2] for c in children),
        max(c.box[3] for c in children),
    )
    width, height = max(box[2] - box[0], 1), max(box[3] - box[1], 1)
    frame = (
        f'<a:xfrm><a:off x="{box[0]}" y="{box[1]}"/><a:ext cx="{width}" cy="{height}"/>'
        f'<a:chOff x="{box[0]}" y="{box[1]}"/><a:chExt cx="{width}" cy="{height}"/></a:xfrm>'
    )
    xml = (
        f'<p:grpSp><p:nvGrpSpPr><p:cNvPr id="{shape_id}" name={_attr(name)}/><p:cNvGrpSpPr/>'
        f"<p:nvPr/></p:nvGrpSpPr><p:grpSpPr>{frame}</p:grpSpPr>"
        + "".join(child.xml for child in children)
        + "</p:grpSp>"
    )
    return Fragment(xml, box)
