"""Scene items for columns, boxes and text, and the legend beneath them."""

from __future__ import annotations

from nnviz_core.ir import Category
from nnviz_core.scene import (
    Circle,
    Fill,
    Group,
    Item,
    LineTo,
    MoveTo,
    Path,
    Rect,
    Span,
    Stroke,
    Text,
    text,
)
from nnviz_core.styles._common import LEGEND_SIZE, legend_order
from nnviz_core.text import line_height, text_width

from .elements import Column
from .layout import BoxShape, ColumnShape, PlacedText
from .options import FcnnOptions
from .panels import PanelShape

_LEGEND_GAP = 16.0


def neuron_paint(column: Column, options: FcnnOptions) -> tuple[str, str] | None:
    """Fill and stroke of a column's neurons; ``None`` for the per-category default."""
    if column.color:
        return column.color, "fg"
    if options.node_color == "mono":
        return "card", "fg"
    if options.node_color != "category":
        return options.node_color, "fg"
    return None


def _paints(column: Column, options: FcnnOptions) -> tuple[str, str]:
    chosen = neuron_paint(column, options)
    return chosen or (f"cat.{column.category}", f"cat.{column.category}.stroke")


def text_items(placed: PlacedText | None, role: str, layer: str | None) -> list[Item]:
    """One Text per line of a placed block."""
    if placed is None:
        return []
    return [
        Text(
            placed.x,
            placed.top + baseline,
            line.spans,
            size=line.size,
            anchor=placed.anchor,
            paint=line.paint,
            role="caption" if role == "caption" else "label",
            layer=layer,
        )
        for line, baseline in zip(placed.block.lines, placed.block.baselines, strict=True)
    ]


def column_group(shape: ColumnShape, options: FcnnOptions) -> Group:
    column, radius = shape.column, options.node_radius
    fill, stroke = _paints(column, options)
    layer = column.node
    items: list[Item] = [
        Circle(x, y, radius, fill=Fill(fill), stroke=Stroke(stroke, 1.2), role="layer", layer=layer)
        for _, (x, y) in shape.neurons
    ]
    dot = max(1.1, radius * 0.16)
    items += [
        Circle(x, y, dot, fill=Fill("muted"), role="annotation", layer=layer) for x, y in shape.dots
    ]
    if shape.bias is not None:
        items += _bias(shape.bias, radius, layer)
    items += text_items(shape.caption, "caption", layer)
    items += text_items(shape.tag, "label", layer)
    size = "?" if column.size is None else f"{column.size:,}"
    return Group(tuple(items), name=f"{column.title} ({size})", role="layer", layer=layer)


def _bias(centre: tuple[float, float], radius: float, layer: str) -> list[Item]:
    x, y = centre
    stroke = Stroke("muted", 1.0, dash=(2.5, 2.0))
    items: list[Item] = [Circle(x, y, radius, fill=Fill("card"), stroke=stroke, layer=layer)]
    size = round(radius * 0.9, 2)
    if text_width("+1", size) < 1.7 * radius:
        items.append(text(x, y + size * 0.35, "+1", size=size, paint="muted", layer=layer))
    return items


def box_group(shape: BoxShape) -> Group:
    box = shape.box
    category = box.category
    rect = Rect(
        shape.x,
        shape.y,
        shape.width,
        shape.height,
        radius=6.0,
        fill=Fill(f"cat.{category}"),
        stroke=Stroke(f"cat.{category}.stroke", 1.2),
        role="layer",
        layer=box.nodes[-1],
    )
    labels = text_items(shape.label, "label", box.nodes[-1])
    return Group((rect, *labels), name=box.title, role="layer", layer=box.nodes[-1])


def categories(
    columns: list[ColumnShape], boxes: list[BoxShape], options: FcnnOptions
) -> tuple[Category, ...]:
    """Categories whose colours appear, in the palette's order."""
    used = {s.column.category for s in columns if neuron_paint(s.column, options) is None}
    used |= {shape.box.category for shape in boxes}
    return legend_order(used)


def weight_legend(x: float, y: float) -> tuple[Group, float]:
    """Two line swatches (positive, negative) starting at (x, y), and the width they take."""
    items: list[Item] = []
    row = line_height(LEGEND_SIZE) * 1.3
    cursor = x
    for paint, label in (
        ("weight.positive", "positive weight"),
        ("weight.negative", "negative weight"),
    ):
        middle = y + row / 2
        line = (MoveTo((cursor, middle)), LineTo((cursor + 18, middle)))
        items.append(Path(line, stroke=Stroke(paint, 2.5), role="legend"))
        baseline = middle + LEGEND_SIZE * 0.35
        items.append(
            Text(
                cursor + 24,
                baseline,
                (Span(label),),
                size=LEGEND_SIZE,
                anchor="start",
                paint="muted",
                role="legend",
            )
        )
        cursor += 24 + text_width(label, LEGEND_SIZE) + _LEGEND_GAP
    return Group(tuple(items), name="Weights", role="legend"), cursor - _LEGEND_GAP - x


def panel_group(shape: PanelShape) -> Group:
    """A block's panel: a dashed, lightly filled frame with the block's name."""
    frame = Rect(
        shape.x,
        shape.y,
        shape.width,
        shape.height,
        radius=8.0,
        fill=Fill("group.fill"),
        stroke=Stroke("group.stroke", 1.0, dash=(4.0, 3.0)),
        role="group",
    )
    placed = PlacedText(
        shape.label, shape.label_x, shape.label_top, "middle" if shape.centred else "start"
    )
    return Group((frame, *text_items(placed, "label", None)), name=shape.panel.label, role="group")
