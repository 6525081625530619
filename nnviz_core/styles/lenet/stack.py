"""One tensor as a fanned stack of feature maps, a bar, or a column of neurons.

Maps recede up and to the right from the front map, alternating two shades of their category's
colour (NN-SVG's look); only ``max_maps`` are drawn and the label says how many there are:
"6@28×28". Kernel windows sit at a fixed spot on the front map, so every build is identical.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from nnviz_core.ir import Node
from nnviz_core.scene import Circle, Fill, Item, LineTo, MoveTo, Path, Point, Rect, Stroke, text
from nnviz_core.styles._common import node_paint
from nnviz_core.styles.tensor.captions import kernel_window
from nnviz_core.styles.tensor.cell import Cell
from nnviz_core.styles.tensor.drawing import item_group
from nnviz_core.styles.tensor.sizes import Scaler, channels, spatial_dims
from nnviz_core.text import text_width
from nnviz_core.theme import mix

LABEL_SIZE = 10.0
BAR_WIDTH = 10.0
NEURON_R = 5.0
#: Least width of a bar's or neuron column's cell: thin columns keep room around them, so the
#: dense end of a network (and its output at the right edge) is not packed tighter than the maps.
VECTOR_CELL = 36.0
#: Gap between a label's baseline row and the lowest front map above it, beyond its size.
LABEL_DROP = 3.0
#: Room a size label takes under its map (the cell's bottom is this far below the label row's
#: top), in label sizes.
LABEL_ROOM = 1.5
#: The ``max_size`` at which a stack fans out fully; drawn smaller (a slide that must keep its
#: text large shrinks the maps), its maps recede proportionally less.
FULL_SPREAD = 110.0
#: Where the kernel window sits on the front map (fractions of its width and height).
WINDOW_AT = (0.5, 0.3)


@dataclass(frozen=True)
class Face:
    """The front map's rectangle in the cell's coordinates."""

    x: float
    y: float
    width: float
    height: float


def _label(node: Node) -> str:
    spec = node.output
    if spec is None or not spec.shape:
        return ""
    dims = ["?" if d is None else str(d) for d in spec.shape]
    if spec.rank == 1:
        return dims[0]
    return f"{dims[0]}@" + "×".join(dims[1:])


Body = Callable[[float, float], list[Item]]


def finish(
    node: Node,
    body: Body,
    face: Face,
    size: tuple[float, float],
    anchors: tuple[Point, float],
    caption: tuple[str, ...],
    reach: float,
    label_size: float = LABEL_SIZE,
) -> tuple[Cell, Face]:
    """Centre the drawing and its label under it in one cell.

    ``body(x, y)`` draws the drawing with its top-left at (x, y); ``anchors`` are the skip
    attachment point and the x where outgoing arrows leave, both relative to the drawing.
    ``reach`` is how far the deepest front map of its row hangs below the axis: its label
    sits that far below the axis, so the labels of a row share one baseline (the placement
    finds the row's reach and asks for the cell again: ``Cell.relabel``).
    """
    width, height = size
    label = _label(node)
    least = VECTOR_CELL if node.output is not None and node.output.rank == 1 else 0.0
    full = max(width, text_width(label, label_size), least)
    dx = (full - width) / 2
    axis = face.y + face.height / 2
    below = max(reach, height - axis)

    def draw(x: float, y: float) -> tuple[Item, ...]:
        items = body(x + dx, y)
        if label:
            baseline = y + axis + below + label_size + LABEL_DROP
            items.append(
                text(
                    x + full / 2,
                    baseline,
                    label,
                    size=label_size,
                    paint="muted",
                    role="label",
                    layer=node.id,
                )
            )
        return (item_group(items, node.name, node.id),)

    top, right = anchors
    shifted = Face(face.x + dx, face.y, face.width, face.height)

    def relabel(row_reach: float) -> Cell:
        return finish(node, body, face, size, anchors, caption, row_reach, label_size)[0]

    cell = Cell(
        (),
        full,
        axis + below + (LABEL_ROOM * label_size if label else 0.0),
        axis,
        shifted.x,
        dx + right,
        (top[0] + dx, top[1]),
        caption,
        draw,
        reach=height - axis,
        relabel=relabel,
    )
    return cell, shifted


def stack_cell(
    node: Node,
    spatial: Scaler,
    max_maps: int,
    caption: tuple[str, ...],
    label_size: float = LABEL_SIZE,
) -> tuple[Cell, Face]:
    """A fanned stack of ``min(channels, max_maps)`` maps."""
    spec = node.output
    height_dim, width_dim = spatial_dims(spec)
    h = spatial(height_dim)
    w = spatial(width_dim) if width_dim is not None else max(4.0, spatial.low / 2)
    count = max(1, min(channels(spec) or 1, max_maps))
    spread = min(1.0, spatial.high / FULL_SPREAD)
    step = 0.0 if count == 1 else min(8.0, max(3.0, 48.0 / count)) * spread
    fill, stroke = node_paint(node)
    shade = mix(fill, "#000000", 0.18) if fill.startswith("#") else f"{fill}.side"
    pen = Stroke(stroke, 0.9)
    paints = (Fill(fill, 0.95), Fill(shade, 0.95))

    def body(x: float, y: float) -> list[Item]:
        return [
            Rect(
                x + i * step,
                y + (count - 1 - i) * step,
                w,
                h,
                fill=paints[i % 2],
                stroke=pen,
                role="layer",
                layer=node.id,
            )
            for i in reversed(range(count))
        ]

    face = Face(0.0, (count - 1) * step, w, h)
    exits = min(count - 1, int((h / 2) // step)) if step else 0
    size = (w + (count - 1) * step, face.y + h)
    anchors = (((count - 1) * step + w / 2, 0.0), exits * step + w)
    return finish(node, body, face, size, anchors, caption, 0.0, label_size)


def vector_cell(
    node: Node,
    vector: Scaler,
    neurons: int,
    caption: tuple[str, ...],
    label_size: float = LABEL_SIZE,
) -> tuple[Cell, Face]:
    """A dense layer: a column of neurons when small, else a bar sized by its units."""
    spec = node.output
    units = spec.shape[0] if spec is not None and spec.shape else None
    fill, stroke = node_paint(node)
    paint, pen = Fill(fill), Stroke(stroke, 1.0)
    if units is not None and units <= neurons:
        gap = NEURON_R * 2.6
        count = units

        def column(x: float, y: float) -> list[Item]:
            return [
                Circle(
                    x + NEURON_R,
                    y + NEURON_R + i * gap,
                    NEURON_R,
                    fill=paint,
                    stroke=pen,
                    role="layer",
                    layer=node.id,
                )
                for i in range(count)
            ]

        height = NEURON_R * 2 + (units - 1) * gap
        face = Face(0.0, 0.0, NEURON_R * 2, height)
        anchors = ((NEURON_R, 0.0), NEURON_R * 2)
        size = (NEURON_R * 2, height)
        return finish(node, column, face, size, anchors, caption, 0.0, label_size)
    height = vector(units)

    def bar(x: float, y: float) -> list[Item]:
        return [
            Rect(
                x,
                y,
                BAR_WIDTH,
                height,
                radius=2,
                fill=paint,
                stroke=pen,
                role="layer",
                layer=node.id,
            )
        ]

    face = Face(0.0, 0.0, BAR_WIDTH, height)
    anchors = ((BAR_WIDTH / 2, 0.0), BAR_WIDTH)
    return finish(node, bar, face, (BAR_WIDTH, height), anchors, caption, 0.0, label_size)


def sized_junction(ball: Cell, node: Node, label_size: float = LABEL_SIZE) -> Cell:
    """A concat ball with its output size ("1024@32×32") just above the arrow leaving it, on
    the side away from the skips (which arrive at its top or bottom)."""
    label = _label(node)
    if not label:
        return ball
    pad = 3.0
    width = text_width(label, label_size)
    baseline = ball.axis - pad - 1.0
    extra = text(
        ball.width + pad,
        baseline,
        label,
        size=label_size,
        anchor="start",
        paint="muted",
        role="label",
        layer=node.id,
    )
    return replace(ball, items=(*ball.items, extra), width=ball.width + pad + width)


def projection(
    source: Node,
    target: Node,
    faces: tuple[Face, Face],
    origins: tuple[Point, Point],
    hollow: bool = False,
) -> list[Item]:
    """The kernel window on ``source``'s front map and two lines to ``target``'s front map;
    ``hollow``: an outline only, over a map drawn with its real values."""
    window = kernel_window(source, target)
    if window is None:
        return []
    kh, kw, height, width = window
    face, out = faces
    size_h = min(face.height * 0.5, max(3.0, face.height * kh / height))
    size_w = min(face.width * 0.5, max(3.0, face.width * kw / width))
    x = origins[0][0] + face.x + face.width * WINDOW_AT[0]
    y = origins[0][1] + face.y + face.height * WINDOW_AT[1]
    apex = (origins[1][0] + out.x + out.width * 0.5, origins[1][1] + out.y + out.height * 0.45)
    stroke = f"cat.{target.category}.stroke"
    items: list[Item] = [
        Rect(
            x,
            y,
            size_w,
            size_h,
            fill=None if hollow else Fill(f"cat.{target.category}", 0.9),
            stroke=Stroke(stroke, 1.6 if hollow else 1.0),
            layer=target.id,
        )
    ]
    rays = (MoveTo((x + size_w, y)), LineTo(apex), MoveTo((x + size_w, y + size_h)), LineTo(apex))
    items.append(Path(rays, stroke=Stroke(stroke, 0.9), layer=target.id))
    return items
