"""One tensor as a shaded 3D box: faces, in-place bands, dimension labels.

Light comes from the top left: the top face is lighter and the side face darker than the
front. The channel axis runs along the flow (thickness), height and depth show the spatial
size, so a 224×224×3 input is a tall thin slab and a 7×7×512 stage a short thick block.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from nnviz_core.ir import Node, TensorSpec
from nnviz_core.scene import (
    Anchor,
    Fill,
    Item,
    LineTo,
    MoveTo,
    Path,
    Point,
    Polygon,
    Stroke,
    Text,
    text,
)
from nnviz_core.styles._common import node_paint
from nnviz_core.styles.block.projection import BoxFaces, Camera, box_faces
from nnviz_core.styles.tensor.cell import Cell
from nnviz_core.styles.tensor.drawing import item_group
from nnviz_core.styles.tensor.sizes import Scaler, channels, spatial_dims
from nnviz_core.text import ASCENT, DESCENT, text_width
from nnviz_core.theme import mix

DIM_SIZE = 9.5
#: A vector (dense, global pooling) is a bar this thick and deep: thin enough to read as one
#: dimension, wide enough to see its colour and carry its bands (not a 4 px sliver).
VECTOR_THICKNESS = 12.0
VECTOR_DEPTH = 12.0
#: An attention layer's front face: a square showing its attention map (grid × grid tiles).
ATTENTION_FACE = 40.0
ATTENTION_GRID = 4


@dataclass(frozen=True)
class Box:
    """A block's front-face corner and size, in the cell's coordinates."""

    x: float
    y: float
    thickness: float
    height: float
    depth: float


@dataclass(frozen=True)
class Scalers:
    thickness: Scaler
    spatial: Scaler
    vector: Scaler


def box_size(spec: TensorSpec | None, scalers: Scalers) -> tuple[float, float, float]:
    """Thickness (channels), height and depth (spatial) of a tensor's block."""
    low = scalers.thickness.low
    if spec is None or spec.rank == 0:
        return low, scalers.spatial.low, scalers.spatial.low
    height, width = spatial_dims(spec)
    if spec.rank == 1:
        return max(low, VECTOR_THICKNESS), scalers.vector(height), VECTOR_DEPTH
    thickness = scalers.thickness(channels(spec))
    depth = scalers.spatial(width) if width is not None else scalers.spatial.low
    return thickness, scalers.spatial(height), depth


def _paints(node: Node) -> tuple[str, str, str, str]:
    """Front, top, side and stroke paints (an author's literal colour is shaded the same way)."""
    fill, stroke = node_paint(node)
    if fill.startswith("#"):
        return fill, mix(fill, "#ffffff", 0.45), mix(fill, "#000000", 0.18), stroke
    return fill, f"{fill}.top", f"{fill}.side", stroke


def _faces(faces: BoxFaces, node: Node, opacity: float) -> list[Item]:
    front, top, side, stroke = _paints(node)
    pen = Stroke(stroke, 0.9)
    items: list[Item] = []
    if opacity < 1:
        dash = Stroke(stroke, 0.7, dash=(3.0, 2.0), opacity=0.7)
        hidden = tuple(seg for a, b in faces.hidden for seg in (MoveTo(a), LineTo(b)))
        items.append(Path(hidden, stroke=dash, layer=node.id))
    for points, paint in ((faces.front, front), (faces.top, top), (faces.side, side)):
        fill = Fill(paint, opacity)
        items.append(Polygon(points, fill=fill, stroke=pen, role="layer", layer=node.id))
    return items


def _solid(
    box: Box, node: Node, merged: tuple[Node, ...], cam: Camera, opacity: float
) -> list[Item]:
    """The box, with thin stripes at its back end for merged in-place layers (PlotNeuralNet)."""
    faces = box_faces(box.x, box.y, box.thickness, box.height, box.depth, cam)
    items = _faces(faces, node, opacity)
    if not merged:
        return items
    band = min(5.0, max(1.5, box.thickness * 0.16), box.thickness * 0.6 / len(merged))
    for index, layer in enumerate(merged):
        x = box.x + box.thickness - band * (len(merged) - index)
        stripe = box_faces(x, box.y, band, box.height, box.depth, cam)
        _, top, _, stroke = _paints(layer)
        pen = Stroke(stroke, 0.6)
        front = Fill(_paints(layer)[0], opacity)
        items.append(Polygon(stripe.front, fill=front, stroke=pen, role="layer", layer=node.id))
        items.append(Polygon(stripe.top, fill=Fill(top, opacity), stroke=pen, layer=node.id))
    return items


def attention_size(node: Node) -> tuple[float, float, float]:
    """An attention block: a square front face for its map, one depth step per head (≤ 3)."""
    heads = node.attrs.get("num_heads", node.attrs.get("heads", 1))
    count = min(3, heads if isinstance(heads, int) and heads > 0 else 1)
    return ATTENTION_FACE, ATTENTION_FACE, 12.0 * count


def _tiles(box: Box, node: Node) -> list[Item]:
    """The attention map on the front face: a grid with a strong diagonal (the 2D glyph's look,
    on a block so it stands among the other blocks)."""
    _, stroke = node_paint(node)
    pad = 4.0
    cell = (min(box.thickness, box.height) - 2 * pad) / ATTENTION_GRID
    items: list[Item] = []
    for row in range(ATTENTION_GRID):
        for col in range(ATTENTION_GRID):
            weight = 0.9 if row == col else 0.2 + 0.15 * ((row + 2 * col) % 3)
            x = box.x + pad + col * cell
            y = box.y + pad + row * cell
            corners = ((x, y), (x + cell - 1, y), (x + cell - 1, y + cell - 1), (x, y + cell - 1))
            items.append(Polygon(corners, fill=Fill(stroke, weight), layer=node.id))
    return items


def _label(
    x: float, baseline: float, content: str, anchor: Anchor, node: Node, size: float
) -> Text:
    return text(
        x,
        baseline,
        content,
        size=size,
        anchor=anchor,
        paint="muted",
        role="label",
        layer=node.id,
    )


def _text_box(item: Text) -> tuple[float, float, float, float]:
    width = text_width(item.plain, item.size)
    left = item.x - {"start": 0.0, "middle": width / 2, "end": width}[item.anchor]
    return left, item.y - ASCENT * item.size, left + width, item.y + DESCENT * item.size


def _dim_labels(
    box: Box, spec: TensorSpec | None, cam: Camera, node: Node, size: float
) -> list[Text]:
    """One row under the block: channels under the front face, spatial size under the depth.

    The channel count ends at the front face's right edge when it is wider than the face, so
    the spatial size can start right after it, under the receding bottom edge.
    """
    if spec is None or spec.rank == 0:
        return []
    height, width = spatial_dims(spec)
    baseline = box.y + box.height + size + 2
    corner = box.x + box.thickness
    first = str(spec.shape[0]) if spec.shape[0] is not None else "?"
    first_w = text_width(first, size)
    labels: list[Text] = []
    if first_w <= box.thickness or spec.rank == 1:
        labels.append(_label(box.x + box.thickness / 2, baseline, first, "middle", node, size))
        end = box.x + box.thickness / 2 + first_w / 2
    else:
        labels.append(_label(corner, baseline, first, "end", node, size))
        end = corner
    if spec.rank >= 2 and height is not None:
        content = f"{height}×{width}" if width is not None else str(height)
        ox, _ = cam.offset(box.depth)
        start = max(end + 5, corner + min(ox / 2, 6.0))
        labels.append(_label(start, baseline, content, "start", node, size))
    return labels


def _bounds(points: list[Point], labels: list[Text]) -> tuple[float, float, float, float]:
    boxes = [_text_box(label) for label in labels]
    xs = [p[0] for p in points] + [b[0] for b in boxes] + [b[2] for b in boxes]
    ys = [p[1] for p in points] + [b[1] for b in boxes] + [b[3] for b in boxes]
    return min(xs), min(ys), max(xs), max(ys)


def box_cell(
    node: Node,
    merged: tuple[Node, ...],
    size: tuple[float, float, float],
    cam: Camera,
    *,
    opacity: float,
    edge_labels: bool,
    caption: tuple[str, ...],
    label_size: float = DIM_SIZE,
    front: Callable[[Box], list[Item]] | None = None,
) -> tuple[Cell, Box]:
    """The cell of one block, whose bounding box (labels included) starts at (0, 0);
    ``front`` draws over the placed block's front face (real feature maps)."""
    thickness, height, depth = size
    ox, oy = cam.offset(depth)
    trial = Box(0.0, -oy, thickness, height, depth)
    labels = _dim_labels(trial, node.output, cam, node, label_size) if edge_labels else []
    faces = box_faces(trial.x, trial.y, thickness, height, depth, cam)
    left, top, right, bottom = _bounds([*faces.front, *faces.top, *faces.side], labels)
    box = Box(trial.x - left, trial.y - top, thickness, height, depth)

    def draw(x: float, y: float) -> tuple[Item, ...]:
        placed = Box(box.x + x, box.y + y, thickness, height, depth)
        items: list[Item] = _solid(placed, node, merged, cam, opacity)
        if node.category == "attention":
            items += _tiles(placed, node)
        if front is not None:
            items += front(placed)
        if edge_labels:
            items += _dim_labels(placed, node.output, cam, node, label_size)
        return (item_group(items, node.name, node.id),)

    reach = 1.0 if oy == 0 else min(1.0, (height / 2) / -oy)
    cell = Cell(
        (),
        right - left,
        bottom - top,
        box.y + height / 2,
        box.x,
        box.x + thickness + ox * reach,
        (box.x + thickness / 2 + ox / 2, box.y + oy / 2),
        caption,
        draw,
    )
    return cell, box
