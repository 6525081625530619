"""Glyphs both tensor styles share: junction balls, recurrent cell rows, attention tiles.

A merge is a ball with its operator (⊕ add, © concat, ⊗ multiply), PlotNeuralNet's look; a
recurrent layer is a rounded row of unrolled cells and an attention layer a stack of attention
maps, one per head (up to three drawn), rather than a fake convolution box.
"""

from __future__ import annotations

from nnviz_core.ir import Node
from nnviz_core.scene import Circle, Fill, Item, LineTo, MoveTo, Path, Rect, Stroke, text
from nnviz_core.styles._common import node_paint
from nnviz_core.styles.tensor.cell import Cell
from nnviz_core.styles.tensor.drawing import item_group

BALL_RADIUS = 11.0


def _symbol(node: Node, cx: float, cy: float, stroke: str) -> list[Item]:
    op = node.op.lower()
    arm = BALL_RADIUS * 0.55
    pen = Stroke(stroke, 1.6)
    if "concat" in op:
        return [text(cx, cy + 4.2, "C", size=12, weight="bold", paint=stroke, layer=node.id)]
    if "mul" in op:
        return [
            Path(
                (
                    MoveTo((cx - arm * 0.7, cy - arm * 0.7)),
                    LineTo((cx + arm * 0.7, cy + arm * 0.7)),
                ),
                stroke=pen,
                layer=node.id,
            ),
            Path(
                (
                    MoveTo((cx - arm * 0.7, cy + arm * 0.7)),
                    LineTo((cx + arm * 0.7, cy - arm * 0.7)),
                ),
                stroke=pen,
                layer=node.id,
            ),
        ]
    if "add" in op or "sum" in op:
        return [
            Path((MoveTo((cx - arm, cy)), LineTo((cx + arm, cy))), stroke=pen, layer=node.id),
            Path((MoveTo((cx, cy - arm)), LineTo((cx, cy + arm))), stroke=pen, layer=node.id),
        ]
    return [text(cx, cy + 3.8, op[:3], size=9, paint=stroke, layer=node.id)]


def ball_cell(node: Node, caption: tuple[str, ...]) -> Cell:
    """A junction ball: ⊕ for add, © for concat, ⊗ for multiply."""
    fill, stroke = node_paint(node)
    r = BALL_RADIUS
    ball = Circle(r, r, r, fill=Fill(fill), stroke=Stroke(stroke, 1.2), role="layer", layer=node.id)
    items = item_group([ball, *_symbol(node, r, r, stroke)], node.name, node.id)
    bottom = None if caption else (r, 2 * r)
    return Cell((items,), 2 * r, 2 * r, r, 0.0, 2 * r, (r, 0.0), caption, bottom=bottom)


def recurrent_cell(node: Node, caption: tuple[str, ...]) -> Cell:
    """A rounded row of three unrolled cells joined by arrows."""
    fill, stroke = node_paint(node)
    width, height, cell = 78.0, 30.0, 14.0
    items: list[Item] = [
        Rect(
            0,
            0,
            width,
            height,
            radius=9,
            fill=Fill(fill),
            stroke=Stroke(stroke, 1.2),
            role="layer",
            layer=node.id,
        )
    ]
    for index in range(3):
        x = 8 + index * 24
        items.append(
            Rect(
                x,
                (height - cell) / 2,
                cell,
                cell,
                radius=3,
                fill=Fill(f"cat.{node.category}.top"),
                stroke=Stroke(stroke, 1.0),
                layer=node.id,
            )
        )
        if index < 2:
            items.append(
                Path(
                    (MoveTo((x + cell + 1, height / 2)), LineTo((x + 23, height / 2))),
                    stroke=Stroke(stroke, 1.0),
                    arrow_end=3.5,
                    layer=node.id,
                )
            )
    group = item_group(items, node.name, node.id)
    return Cell((group,), width, height, height / 2, 0.0, width, (width / 2, 0.0), caption)


def attention_cell(node: Node, caption: tuple[str, ...]) -> Cell:
    """Stacked attention maps, one per head (up to three drawn), with a strong diagonal."""
    fill, stroke = node_paint(node)
    heads = node.attrs.get("num_heads", node.attrs.get("heads", 1))
    count = min(3, heads if isinstance(heads, int) and heads > 0 else 1)
    size, step, grid = 40.0, 5.0, 4
    items: list[Item] = []
    for index in reversed(range(count)):
        x, y = index * step, (count - 1 - index) * step
        items.append(
            Rect(
                x,
                y,
                size,
                size,
                radius=3,
                fill=Fill(fill),
                stroke=Stroke(stroke, 1.1),
                role="layer",
                layer=node.id,
            )
        )
    cell = (size - 8) / grid
    for row in range(grid):
        for col in range(grid):
            weight = 0.9 if row == col else 0.2 + 0.15 * ((row + 2 * col) % 3)
            items.append(
                Rect(
                    4 + col * cell,
                    (count - 1) * step + 4 + row * cell,
                    cell - 1,
                    cell - 1,
                    fill=Fill(stroke, weight),
                    layer=node.id,
                )
            )
    width = size + (count - 1) * step
    group = item_group(items, node.name, node.id)
    return Cell((group,), width, width, width / 2, 0.0, width, (width / 2, 0.0), caption)
