"""Assembles the finished Scene: connections under neurons, boxes, captions, legend and title."""

from __future__ import annotations

import math

from nnviz_core.ir import Graph
from nnviz_core.scene import Item, Scene
from nnviz_core.styles._common import TITLE_SIZE, legend, legend_size, title
from nnviz_core.text import ASCENT, line_height

from .draw import box_group, categories, column_group, panel_group, weight_legend
from .edges import box_arrow, connections, edge_group, feed_lines
from .elements import Plan
from .layout import Arranger, BoxShape, ColumnShape, bounds
from .options import FcnnOptions
from .weights import WeightSource, parse

MARGIN = 16.0
_SECTION_GAP = 16.0


def _weights(plan: Plan, default: WeightSource | None) -> dict[str, WeightSource | None]:
    """The weight source of each column's incoming connections (a layer's own key wins)."""
    found: dict[str, WeightSource | None] = {}
    for column in plan.columns:
        own = parse(column.weights, f"layer {column.node!r}: weights") if column.weights else None
        found[column.id] = own or default
    return found


def _edges(
    plan: Plan,
    columns: list[ColumnShape],
    boxes: list[BoxShape],
    options: FcnnOptions,
    weights: dict[str, WeightSource | None],
) -> list[Item]:
    by_column = {shape.column.id: shape for shape in columns}
    by_box = {shape.box.id: shape for shape in boxes}
    paint = options.edge_color
    items: list[Item] = []
    for source, target in plan.links:
        if source in by_column and target in by_column:
            pair = (by_column[source], by_column[target])
            items += connections(*pair, options, paint, weights[target])
        elif source in by_box and target in by_column:
            items.append(feed_lines(by_box[source], by_column[target], options, paint, False))
        elif source in by_column and target in by_box:
            items.append(feed_lines(by_box[target], by_column[source], options, paint, True))
        elif source in by_box and target in by_box:
            items.append(box_arrow(by_box[source], by_box[target], options, paint))
    return items


def compose(graph: Graph, plan: Plan, options: FcnnOptions, default: WeightSource | None) -> Scene:
    """Measure once, centre everything on the canvas, and draw."""
    arranger = Arranger(plan, options)
    shapes = arranger.shapes()
    left, top, right, bottom = bounds(shapes, options.node_radius)
    weights = _weights(plan, default)
    shown = categories(shapes.columns, shapes.boxes, options) if options.legend else ()
    legend_width, legend_height = legend_size(shown, max(right - left, 320.0))
    weighted = options.legend and any(weights[c.id] for c in plan.columns)
    key_width = weight_legend(0.0, 0.0)[1] if weighted else 0.0
    key_height = line_height(11.0) * 1.3 if weighted else 0.0
    heading = line_height(TITLE_SIZE) + 8 if options.title else 0.0
    inner = max(right - left, legend_width, key_width)
    dx = float(math.ceil(MARGIN + (inner - (right - left)) / 2 - left))
    dy = float(math.ceil(MARGIN + heading - top))
    shapes = arranger.shapes(dx, dy)
    # dx and dy are rounded up to whole pixels: the far edges keep their full margin too.
    width = float(math.ceil(max(inner + 2 * MARGIN, dx + right + MARGIN)))
    items: list[Item] = [panel_group(shape) for shape in shapes.panels]
    items.append(edge_group(_edges(plan, shapes.columns, shapes.boxes, options, weights)))
    items += [box_group(shape) for shape in shapes.boxes]
    items += [column_group(shape, options) for shape in shapes.columns]
    cursor = dy + bottom
    if shown:
        cursor += _SECTION_GAP
        items.append(legend(shown, MARGIN + (inner - legend_width) / 2, cursor, inner))
        cursor += legend_height
    if weighted:
        cursor += 4.0 if shown else _SECTION_GAP
        items.append(weight_legend(MARGIN + (inner - key_width) / 2, cursor)[0])
        cursor += key_height
    if options.title:
        items.append(title(options.title, width / 2, MARGIN + TITLE_SIZE * ASCENT))
    sizes = ", ".join("?" if c.size is None else str(c.size) for c in plan.columns)
    description = f"Fully connected diagram of {graph.name}: layer sizes {sizes}."
    height = float(math.ceil(cursor + MARGIN))
    return Scene(width, height, tuple(items), title=graph.name, description=description)
