"""The finished tensor diagram: placement, title, legend and direction in one Scene."""

from __future__ import annotations

from collections.abc import Iterable

from nnviz_core.ir import Category, Graph
from nnviz_core.scene import Item, Scene, moved
from nnviz_core.styles._common import TITLE_SIZE, legend, legend_order, legend_size, title
from nnviz_core.styles.tensor.drawing import mirror
from nnviz_core.styles.tensor.layout import MARGIN, Placement
from nnviz_core.styles.tensor.options import TensorOptions
from nnviz_core.text import text_width

LEGEND_GAP = 10.0


def heading_space(heading: str | None) -> float:
    """Room the title takes above the drawing; pass it to ``place(top=...)``."""
    return MARGIN + TITLE_SIZE * 1.6 if heading else 0.0


def compose(
    graph: Graph, placement: Placement, options: TensorOptions, categories: Iterable[Category]
) -> Scene:
    """Title above, the placed drawing (mirrored for ``RL``), the legend of ``categories`` below.

    ``placement`` must have been placed below :func:`heading_space` of ``options.title``.
    """
    heading = options.title
    cats = legend_order(categories) if options.legend else ()
    width = placement.width
    if heading:
        width = max(width, text_width(heading, TITLE_SIZE, "bold") + 2 * MARGIN)
    legend_w, legend_h = legend_size(cats, max(width - 2 * MARGIN, 240.0))
    width = max(width, legend_w + 2 * MARGIN)
    items: list[Item] = list(placement.items)
    if options.direction == "RL":
        items = [mirror(item, placement.width) for item in items]
    shift_x = (width - placement.width) / 2
    if shift_x:
        items = [moved(item, shift_x, 0.0) for item in items]
    if heading:
        items.insert(0, title(heading, width / 2, MARGIN + TITLE_SIZE))
    height = placement.height
    if cats:
        items.append(legend(cats, (width - legend_w) / 2, height, width - 2 * MARGIN))
        height += legend_h + LEGEND_GAP
    description = f"{graph.name}: {len(graph.nodes)} layers"
    return Scene(round(width, 2), round(height, 2), tuple(items), graph.name, description)
