"""Backend-agnostic drawing primitives: what a style produces and every backend draws.

One coordinate system for everything: CSS pixels (1/96 inch), origin top-left, y pointing down.
Colours are *paints*: either a theme token (``"fg"``, ``"edge"``, ``"cat.convolution"``; see
:mod:`nnviz_core.theme`) that each backend resolves for light, dark or auto themes, or a literal
``"#rrggbb"`` an author asked for. Every item may carry a semantic ``role`` and the ``layer`` id it
belongs to, so backends can group a layer's shapes (PowerPoint) or tag them (SVG classes).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Literal

from nnviz_core.dotgraph import DotGraph

Point = tuple[float, float]
Weight = Literal["normal", "bold"]
Anchor = Literal["start", "middle", "end"]
Role = Literal[
    "layer",
    "edge",
    "label",
    "legend",
    "title",
    "caption",
    "group",
    "annotation",
    "background",
]


@dataclass(frozen=True)
class Stroke:
    """How an outline is drawn."""

    paint: str = "fg"
    width: float = 1.0
    dash: tuple[float, ...] = ()
    opacity: float = 1.0


@dataclass(frozen=True)
class Fill:
    """How an area is filled."""

    paint: str = "bg"
    opacity: float = 1.0


@dataclass(frozen=True)
class _Shape:
    role: Role | None = field(default=None, kw_only=True)
    layer: str | None = field(default=None, kw_only=True)
    fill: Fill | None = field(default=None, kw_only=True)
    stroke: Stroke | None = field(default=None, kw_only=True)


@dataclass(frozen=True)
class Rect(_Shape):
    x: float
    y: float
    width: float
    height: float
    radius: float = 0.0


@dataclass(frozen=True)
class Circle(_Shape):
    cx: float
    cy: float
    r: float


@dataclass(frozen=True)
class Polygon(_Shape):
    """A closed polygon (3D block faces, kernel pyramids, arrowheads drawn as shapes)."""

    points: tuple[Point, ...]


@dataclass(frozen=True)
class MoveTo:
    to: Point


@dataclass(frozen=True)
class LineTo:
    to: Point


@dataclass(frozen=True)
class CurveTo:
    """A cubic Bézier segment from the current point."""

    c1: Point
    c2: Point
    to: Point


@dataclass(frozen=True)
class Close:
    pass


Segment = MoveTo | LineTo | CurveTo | Close


@dataclass(frozen=True)
class Path(_Shape):
    """An open or closed path; ``arrow_end``/``arrow_start`` ask for an arrowhead of that size."""

    segments: tuple[Segment, ...]
    arrow_end: float = 0.0
    arrow_start: float = 0.0


@dataclass(frozen=True)
class Span:
    """A run of text with its own weight or baseline shift (for ℝ⁷⁸⁴-style captions)."""

    text: str
    weight: Weight = "normal"
    italic: bool = False
    shift: Literal["none", "super", "sub"] = "none"


@dataclass(frozen=True)
class Text:
    """One line of text; ``y`` is the baseline, ``x`` the anchor point."""

    x: float
    y: float
    spans: tuple[Span, ...]
    size: float = 12.0
    anchor: Anchor = "middle"
    paint: str = "fg"
    rotate: float = 0.0
    role: Role | None = None
    layer: str | None = None

    @property
    def plain(self) -> str:
        return "".join(span.text for span in self.spans)


@dataclass(frozen=True)
class Group:
    """Items drawn together; ``name`` is a human name (a layer's) used by editable backends.

    ``offset`` moves every item of the group: its items are in the group's own coordinates, so
    a style can draw a layer in its own coordinates (a graph card with its corner at the origin)
    and place it by its group. :func:`placed` bakes offsets in.
    """

    items: tuple[Item, ...]
    name: str | None = None
    role: Role | None = None
    layer: str | None = None
    offset: Point = (0.0, 0.0)


@dataclass(frozen=True)
class Image(_Shape):
    """A raster picture (a layer's real feature map, a kernel) as PNG bytes, stretched over the
    box with no smoothing; ``stroke`` draws a border round it, ``fill`` is unused.

    ``tip`` says what the picture shows (``channel 3 · −0.42…1.7``), for viewers that enlarge it.
    """

    x: float
    y: float
    width: float
    height: float
    png: bytes = field(repr=False)
    tip: str = ""


Item = Rect | Circle | Polygon | Path | Text | Image | Group


@dataclass(frozen=True)
class ChartSeries:
    """One line of a chart: its legend name, paint, and points (``None`` y values are gaps)."""

    name: str
    paint: str
    x: tuple[float, ...]
    y: tuple[float | None, ...]
    marker: bool = False  # drawn as markers only (a best-point mark), not a line


@dataclass(frozen=True)
class Chart:
    """The numbers behind a plot drawn in the Scene, for backends with native charts (PPTX).

    ``layer`` names the Group that draws the plot, which such a backend replaces by the chart.
    """

    layer: str
    x: float
    y: float
    width: float
    height: float
    title: str
    x_title: str
    y_title: str
    series: tuple[ChartSeries, ...]
    log_y: bool = False
    #: The value axis' ends and ticks as drawn (``None`` / empty: the backend's own choice).
    y_range: tuple[float, float] | None = None
    y_ticks: tuple[float, ...] = ()


@dataclass(frozen=True)
class Scene:
    """A finished drawing of ``width`` × ``height`` CSS pixels.

    ``dot`` holds the Graphviz graph, as data, when the style that made the scene used Graphviz,
    so the ``dot`` format can write it; other styles leave it ``None``. ``charts`` carries the
    data of plots (training curves) so editable backends can draw them as native charts.
    """

    width: float
    height: float
    items: tuple[Item, ...]
    title: str = ""
    description: str = ""
    dot: DotGraph | None = None
    charts: tuple[Chart, ...] = ()


@lru_cache(maxsize=4096)
def span(content: str, weight: Weight = "normal", italic: bool = False) -> Span:
    """A plain Span, shared: spans are immutable and the same labels recur across a drawing."""
    return Span(content, weight, italic)


def text(
    x: float,
    y: float,
    content: str,
    *,
    size: float = 12.0,
    weight: Weight = "normal",
    anchor: Anchor = "middle",
    paint: str = "fg",
    role: Role | None = None,
    layer: str | None = None,
) -> Text:
    """A single-span text item, the common case."""
    return Text(
        x,
        y,
        (span(content, weight),),
        size=size,
        anchor=anchor,
        paint=paint,
        role=role,
        layer=layer,
    )


def walk(items: tuple[Item, ...]) -> list[Item]:
    """Every item where it is drawn (group offsets applied), groups flattened, in drawing order."""
    flat: list[Item] = []
    for item in placed(items):
        if isinstance(item, Group):
            flat.extend(walk(item.items))
        else:
            flat.append(item)
    return flat


def placed(items: tuple[Item, ...], dx: float = 0.0, dy: float = 0.0) -> tuple[Item, ...]:
    """The items moved by (dx, dy) with every group's offset baked into its items.

    For backends and checks that want page coordinates only; items and groups that do not move
    are returned as they are.
    """
    result: list[Item] = []
    for item in items:
        if isinstance(item, Group):
            ox, oy = dx + item.offset[0], dy + item.offset[1]
            inner = placed(item.items, ox, oy)
            if inner is not item.items or item.offset != (0.0, 0.0):
                item = Group(inner, item.name, item.role, item.layer)
        elif dx or dy:
            item = moved(item, dx, dy)
        result.append(item)
    changed = any(new is not old for new, old in zip(result, items, strict=True))
    return tuple(result) if changed else items


def _move_segment(segment: Segment, dx: float, dy: float) -> Segment:
    if isinstance(segment, Close):
        return segment
    to = (segment.to[0] + dx, segment.to[1] + dy)
    if isinstance(segment, CurveTo):
        c1 = (segment.c1[0] + dx, segment.c1[1] + dy)
        return CurveTo(c1, (segment.c2[0] + dx, segment.c2[1] + dy), to)
    return type(segment)(to)


def moved(item: Item, dx: float, dy: float) -> Item:
    """The same item moved by (dx, dy); a group's items move and its offset stays."""
    if isinstance(item, Group):
        inner = tuple(moved(child, dx, dy) for child in item.items)
        return Group(inner, item.name, item.role, item.layer, item.offset)
    if isinstance(item, Text):
        x, y = item.x + dx, item.y + dy
        return Text(
            x, y, item.spans, item.size, item.anchor, item.paint, item.rotate, item.role, item.layer
        )
    role, layer, fill, stroke = item.role, item.layer, item.fill, item.stroke
    if isinstance(item, Rect):
        x, y = item.x + dx, item.y + dy
        return Rect(
            x,
            y,
            item.width,
            item.height,
            item.radius,
            role=role,
            layer=layer,
            fill=fill,
            stroke=stroke,
        )
    if isinstance(item, Circle):
        x, y = item.cx + dx, item.cy + dy
        return Circle(x, y, item.r, role=role, layer=layer, fill=fill, stroke=stroke)
    if isinstance(item, Image):
        return replace(item, x=item.x + dx, y=item.y + dy)
    if isinstance(item, Polygon):
        points = tuple((x + dx, y + dy) for x, y in item.points)
        return Polygon(points, role=role, layer=layer, fill=fill, stroke=stroke)
    segments = tuple(_move_segment(segment, dx, dy) for segment in item.segments)
    return Path(
        segments, item.arrow_end, item.arrow_start, role=role, layer=layer, fill=fill, stroke=stroke
    )
