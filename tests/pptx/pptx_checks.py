"""Helpers for the PowerPoint tests: sample scenes and readers of produced decks."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterator
from typing import Any

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn

from nnviz_core.scene import (
    Circle,
    CurveTo,
    Fill,
    Group,
    Item,
    LineTo,
    MoveTo,
    Path,
    Polygon,
    Rect,
    Scene,
    Span,
    Stroke,
    Text,
    text,
)


def card(name: str, x: float, y: float, category: str = "convolution", size: float = 12) -> Group:
    """A layer card as the graph style draws one: a rounded box, a bold name, a shape line."""
    return Group(
        (
            Rect(
                x,
                y,
                160,
                44,
                radius=6,
                fill=Fill(f"cat.{category}"),
                stroke=Stroke(f"cat.{category}.stroke", 1.2),
                role="layer",
                layer=name,
            ),
            text(x + 80, y + 19, name, size=size, weight="bold", layer=name),
            Text(
                x + 80,
                y + 36,
                (Span("ℝ"), Span("784", shift="super")),
                size=size - 1,
                paint="muted",
                layer=name,
            ),
        ),
        name=name,
        role="layer",
        layer=name,
    )


def edge(start: tuple[float, float], end: tuple[float, float], curved: bool = False) -> Path:
    if curved:
        middle = ((start[0] + end[0]) / 2, start[1])
        segments: tuple[Any, ...] = (
            MoveTo(start),
            CurveTo(middle, (middle[0], end[1]), end),
        )
    else:
        segments = (MoveTo(start), LineTo(end))
    return Path(segments, stroke=Stroke("edge", 1.2), arrow_end=8.0, role="edge")


def small_scene() -> Scene:
    """Two cards, a straight and a curved edge, a translucent polygon, a circle, a title."""
    items: tuple[Item, ...] = (
        text(180, 24, "Tiny net", size=16, weight="bold", role="title"),
        edge((180, 84), (180, 120)),
        edge((180, 164), (300, 230), curved=True),
        card("input", 100, 40, "input"),
        card("conv1", 100, 120),
        Group(
            (
                Polygon(
                    ((280, 230), (340, 230), (330, 270), (290, 270)),
                    fill=Fill("cat.pooling", 0.6),
                    stroke=Stroke("cat.pooling.stroke", dash=(4, 2)),
                    layer="pool1",
                ),
                Circle(310, 300, 14, fill=Fill("cat.merge"), stroke=Stroke("cat.merge.stroke")),
                text(345, 300, "pool1", size=11, anchor="start"),
            ),
            name="pool1",
            layer="pool1",
        ),
    )
    return Scene(420, 340, items, title="Tiny net")


def tall_scene(layers: int = 24) -> Scene:
    """A chain of cards far too tall for one readable slide."""
    items: list[Item] = []
    for index in range(layers):
        top = 20 + index * 80
        if index:
            items.append(edge((100, top - 36), (100, top)))
        items.append(card(f"layer{index}", 20, top))
    return Scene(200, 20 + layers * 80, tuple(items), title="Deep chain")


def open_deck(data: bytes) -> Any:
    return Presentation(io.BytesIO(data))


def walk_shapes(shapes: Any) -> Iterator[Any]:
    """Every shape, inside groups too (groups themselves included)."""
    for shape in shapes:
        yield shape
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from walk_shapes(shape.shapes)


def kind(shape: Any) -> str:
    """A coarse kind: group, picture, connector, freeform, textbox, oval, rect, placeholder."""
    element = shape._element
    if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
        return "group"
    if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
        return "picture"
    if element.tag == qn("p:cxnSp"):
        return "connector"
    if shape.is_placeholder:
        return "placeholder"
    if element.find(".//" + qn("a:custGeom")) is not None:
        return "freeform"
    geometry = element.find(".//" + qn("a:prstGeom"))
    if element.nvSpPr.cNvSpPr.get("txBox") == "1":
        return "textbox"
    return str(geometry.get("prst")) if geometry is not None else "other"


def kinds(slide: Any) -> Counter[str]:
    return Counter(kind(shape) for shape in walk_shapes(slide.shapes))


def texts(shapes: Any) -> list[str]:
    return [s.text_frame.text for s in walk_shapes(shapes) if kind(s) == "textbox"]


def line_end(shape: Any, tag: str) -> Any:
    return shape._element.spPr.find(f"{qn('a:ln')}/{qn(tag)}")
