"""A block drawn with its real values: its front face holds the layer's first maps.

With ``activations`` a feature-map block turns to face the reader: its front face is the
spatial plane, holding a grid of the first channels' maps, and the channels recede as its
depth; a dense block's front face is the strip of its units; the input's is its picture. The
channels not drawn are counted in the caption ("+ 58 more maps").
"""

from __future__ import annotations

import math
from collections.abc import Callable

from nnviz_core.activations import LayerPictures
from nnviz_core.ir import Node
from nnviz_core.scene import Item
from nnviz_core.styles.block.box import VECTOR_DEPTH, Box, Scalers
from nnviz_core.styles.tensor.drawing import tile_images
from nnviz_core.styles.tensor.sizes import channels, spatial_dims

__all__ = ["FrontMaps", "front_maps", "more_caption"]

#: Room between the face's edge and its tiles, and between tiles.
PAD = 3.0
GAP = 3.0
BORDER = 0.7
#: Side of a kernel tile (``weights``).
KERNEL = 12.0
#: Room kept right of the tiles for the bands of in-place layers (a ReLU's stripe).
BAND_ROOM = 5.0
#: The grid of tiles stays within this many map heights.
GRID_HEIGHT = 1.5
#: A dense block's strip: its width, and the height each unit of a short vector gets.
STRIP_WIDTH = 14.0
UNIT = 8.0

Front = Callable[[Box], list[Item]]
FrontMaps = tuple[tuple[float, float, float], Front]


def more_caption(pictures: LayerPictures) -> str:
    """The caption line counting channels not drawn (``+ 58 more maps``), or nothing."""
    return f"+ {pictures.more} more maps" if pictures.more > 0 else ""


def _grid(count: int) -> tuple[int, int]:
    columns = 1 if count <= 3 else 2 if count <= 8 else 3 if count <= 12 else 4
    return columns, math.ceil(count / columns)


def _kernels(
    kernels: LayerPictures | None, node: Node, corner: tuple[float, float], per_row: int
) -> list[Item]:
    if kernels is None:
        return []
    x, y = corner
    boxes = [
        (x + (i % per_row) * (KERNEL + GAP), y + (i // per_row) * (KERNEL + GAP), KERNEL, KERNEL)
        for i in range(len(kernels.tiles))
    ]
    return tile_images(kernels, node, boxes, BORDER)


def front_maps(
    node: Node, pictures: LayerPictures, scalers: Scalers, kernels: LayerPictures | None = None
) -> FrontMaps:
    """The block's (thickness, height, depth), its front face sized for the pictures (and the
    first convolution's ``kernels``, a row of small tiles above its maps), and what draws them
    on it."""
    spec = node.output
    if pictures.kind == "vector":
        units = spec.shape[0] if spec is not None and spec.shape and spec.shape[0] else 1
        height = max(scalers.vector(units), min(220.0, max(40.0, units * UNIT)))

        def strip(box: Box) -> list[Item]:
            return tile_images(pictures, node, [(box.x, box.y, box.thickness, box.height)], BORDER)

        return (STRIP_WIDTH, height, VECTOR_DEPTH), strip
    height_dim, width_dim = spatial_dims(spec)
    h = scalers.spatial(height_dim)
    w = scalers.spatial(width_dim) if width_dim is not None else h
    columns, rows = _grid(len(pictures.tiles))
    share = min(1.0, (GRID_HEIGHT * h - (rows - 1) * GAP) / (rows * h)) if rows > 1 else 1.0
    tw, th = w * share, h * share
    face_w = columns * tw + (columns - 1) * GAP + 2 * PAD + BAND_ROOM
    inner_w = columns * tw + (columns - 1) * GAP
    per_row = max(1, int((inner_w + GAP) // (KERNEL + GAP)))
    count = len(kernels.tiles) if kernels is not None else 0
    kernel_h = math.ceil(count / per_row) * (KERNEL + GAP) + GAP if count else 0.0
    face_h = rows * th + (rows - 1) * GAP + 2 * PAD + kernel_h
    depth = scalers.thickness(channels(spec))

    def grid(box: Box) -> list[Item]:
        left, top = box.x + PAD, box.y + PAD + kernel_h
        items = _kernels(kernels, node, (box.x + PAD, box.y + PAD), per_row)
        boxes = [
            (left + (i % columns) * (tw + GAP), top + (i // columns) * (th + GAP), tw, th)
            for i in range(len(pictures.tiles))
        ]
        return items + tile_images(pictures, node, boxes, BORDER)

    return (face_w, face_h, depth), grid
