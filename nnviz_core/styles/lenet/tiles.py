"""A tensor drawn with its real values: a grid of feature-map tiles, a strip, the input image.

With ``activations`` the ``lenet`` stack of blank maps becomes the maps themselves: the first
channels as a grid of equal tiles (as large as the map would be drawn, shrunk so the grid stays
about one and a half maps tall), the rest counted under it ("+ 58 more"); a dense layer becomes
a strip of its units; the input is its picture. With ``weights`` the first convolution's
kernels sit in a row above its grid. The pictures come ready-made (:mod:`nnviz_core.activations`).
"""

from __future__ import annotations

import math

from nnviz_core.activations import LayerPictures
from nnviz_core.ir import Node
from nnviz_core.scene import Item, text
from nnviz_core.styles.lenet.stack import LABEL_SIZE, Face, finish
from nnviz_core.styles.tensor.cell import Cell
from nnviz_core.styles.tensor.drawing import tile_images
from nnviz_core.styles.tensor.sizes import Scaler, spatial_dims

__all__ = ["strip_cell", "tiles_cell"]

#: Gap between tiles, and the thin border round each.
GAP = 4.0
BORDER = 0.8
#: The grid stays within this many map heights.
GRID_HEIGHT = 1.6
#: A strip's width, and the height each unit of a short vector gets (within its bounds).
STRIP_WIDTH = 12.0
UNIT = 8.0
STRIP_BOUNDS = (40.0, 220.0)
#: Side of a kernel tile, and room between the kernel row and the grid.
KERNEL = 13.0
KERNEL_GAP = 6.0


def _grid(count: int) -> tuple[int, int]:
    """(columns, rows) of a grid of ``count`` tiles."""
    columns = 1 if count <= 3 else 2 if count <= 8 else 3 if count <= 12 else 4
    return columns, math.ceil(count / columns)


def tiles_cell(
    node: Node,
    spatial: Scaler,
    pictures: LayerPictures,
    kernels: LayerPictures | None,
    caption: tuple[str, ...],
    label_size: float = LABEL_SIZE,
) -> tuple[Cell, Face]:
    """A grid of the layer's first maps (the input: its picture), its front tile as the face
    kernel windows are drawn on."""
    height_dim, width_dim = spatial_dims(node.output)
    h = spatial(height_dim)
    w = spatial(width_dim) if width_dim is not None else h
    columns, rows = _grid(len(pictures.tiles))
    side = min(1.0, (GRID_HEIGHT * h - (rows - 1) * GAP) / (rows * h)) if rows > 1 else 1.0
    tw, th = w * side, h * side
    grid_w, grid_h = columns * tw + (columns - 1) * GAP, rows * th + (rows - 1) * GAP
    kernel_rows = _kernel_rows(kernels, grid_w)
    top = kernel_rows * (KERNEL + 2) + KERNEL_GAP if kernel_rows else 0.0
    more = f"+ {pictures.more} more" if pictures.more > 0 else ""
    extra = label_size + 4 if more else 0.0

    def body(x: float, y: float) -> list[Item]:
        boxes = [
            (x + (i % columns) * (tw + GAP), y + top + (i // columns) * (th + GAP), tw, th)
            for i in range(len(pictures.tiles))
        ]
        items = tile_images(pictures, node, boxes, BORDER)
        if kernels is not None:
            items += _kernel_items(kernels, node, x, y, grid_w)
        if more:
            baseline = y + top + grid_h + label_size + 1
            items.append(
                text(
                    x + grid_w / 2,
                    baseline,
                    more,
                    size=label_size,
                    paint="muted",
                    role="label",
                    layer=node.id,
                )
            )
        return items

    face = Face(0.0, top, grid_w, grid_h)
    size = (grid_w, top + grid_h + extra)
    anchors = ((grid_w / 2, 0.0), grid_w)
    cell, shifted = finish(node, body, face, size, anchors, caption, 0.0, label_size)
    return cell, Face(shifted.x, shifted.y, tw, th)


def _kernel_rows(kernels: LayerPictures | None, width: float) -> int:
    if kernels is None or not kernels.tiles:
        return 0
    per_row = max(1, int((width + 2) // (KERNEL + 2)))
    return math.ceil(len(kernels.tiles) / per_row)


def _kernel_items(
    kernels: LayerPictures, node: Node, x: float, y: float, width: float
) -> list[Item]:
    per_row = max(1, int((width + 2) // (KERNEL + 2)))
    boxes = [
        (x + (i % per_row) * (KERNEL + 2), y + (i // per_row) * (KERNEL + 2), KERNEL, KERNEL)
        for i in range(len(kernels.tiles))
    ]
    return tile_images(kernels, node, boxes, BORDER)


def strip_cell(
    node: Node,
    vector: Scaler,
    pictures: LayerPictures,
    caption: tuple[str, ...],
    label_size: float = LABEL_SIZE,
) -> tuple[Cell, Face]:
    """A dense layer's units as one strip, top to bottom."""
    spec = node.output
    units = spec.shape[0] if spec is not None and spec.shape and spec.shape[0] else 1
    low, high = STRIP_BOUNDS
    high = min(high, 2 * vector.high)  # smaller shapes (a slide's tries) shorten it too
    height = max(vector(units), min(high, max(min(low, high), units * UNIT)))

    def body(x: float, y: float) -> list[Item]:
        return tile_images(pictures, node, [(x, y, STRIP_WIDTH, height)], BORDER)

    face = Face(0.0, 0.0, STRIP_WIDTH, height)
    anchors = ((STRIP_WIDTH / 2, 0.0), STRIP_WIDTH)
    return finish(node, body, face, (STRIP_WIDTH, height), anchors, caption, 0.0, label_size)
