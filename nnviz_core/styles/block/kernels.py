"""NN-SVG's kernel pyramids: the convolution window on the input block, joined to its output."""

from __future__ import annotations

from nnviz_core.ir import Node
from nnviz_core.scene import Fill, Item, Point, Polygon, Stroke
from nnviz_core.styles.block.box import Box
from nnviz_core.styles.block.projection import Camera
from nnviz_core.styles.tensor.captions import kernel_window

#: Where the window sits on the input's spatial face: fixed, so every build draws the same.
WINDOW_AT = (0.3, 0.3)


def _side_point(box: Box, cam: Camera, origin: Point, s: float, r: float) -> Point:
    ox, oy = cam.offset(box.depth)
    x = origin[0] + box.x + box.thickness + s * ox
    return x, origin[1] + box.y + r * box.height + s * oy


def pyramid(
    source: Node,
    target: Node,
    boxes: tuple[Box, Box],
    origins: tuple[Point, Point],
    cam: Camera,
) -> list[Item]:
    """The window on ``source``'s spatial face and the pyramid into ``target``."""
    window = kernel_window(source, target)
    if window is None:
        return []
    kh, kw, height, width = window
    share_r = min(0.5, max(0.08, kh / height))
    share_s = min(0.5, max(0.08, kw / width))
    s0, r0 = WINDOW_AT
    box, out = boxes
    corners = tuple(
        _side_point(box, cam, origins[0], s, r)
        for s, r in ((s0, r0), (s0 + share_s, r0), (s0 + share_s, r0 + share_r), (s0, r0 + share_r))
    )
    ox, oy = cam.offset(out.depth)
    apex = (
        origins[1][0] + out.x + 0.5 * ox,
        origins[1][1] + out.y + 0.5 * out.height + 0.5 * oy,
    )
    stroke = Stroke(f"cat.{target.category}.stroke", 0.8, opacity=0.9)
    items: list[Item] = [
        Polygon(corners, fill=Fill(f"cat.{target.category}", 0.9), stroke=stroke, layer=target.id)
    ]
    for index in range(4):
        face = (corners[index], corners[(index + 1) % 4], apex)
        items.append(
            Polygon(face, fill=Fill(f"cat.{target.category}", 0.18), stroke=stroke, layer=target.id)
        )
    return items
