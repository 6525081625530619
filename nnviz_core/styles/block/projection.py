"""The block style's oblique camera and the visible faces of a box.

Blocks are drawn in a fixed oblique projection (as PlotNeuralNet, NN-SVG and visualkeras do): the
front face is a true rectangle and depth recedes up and to the right at ``angle`` degrees, shortened
by half.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from nnviz_core.scene import Point

#: Depth is drawn at this fraction of its length (a cabinet-like projection).
DEPTH_RATIO = 0.5


@dataclass(frozen=True)
class Camera:
    """The offset one pixel of depth moves a point on screen."""

    dx: float
    dy: float

    @classmethod
    def oblique(cls, angle: float) -> Camera:
        """Depth up and to the right at ``angle`` degrees; 0 draws flat boxes (no depth)."""
        if angle <= 0:
            return cls(0.0, 0.0)
        radians = math.radians(angle)
        return cls(DEPTH_RATIO * math.cos(radians), -DEPTH_RATIO * math.sin(radians))

    def offset(self, depth: float) -> Point:
        return depth * self.dx, depth * self.dy


@dataclass(frozen=True)
class BoxFaces:
    """The three visible faces of a box and its three hidden edges, in screen coordinates."""

    front: tuple[Point, ...]
    top: tuple[Point, ...]
    side: tuple[Point, ...]
    hidden: tuple[tuple[Point, Point], ...]


def box_faces(
    x: float, y: float, width: float, height: float, depth: float, cam: Camera
) -> BoxFaces:
    """Faces of a box whose front face has its top-left corner at (x, y)."""
    ox, oy = cam.offset(depth)
    right, bottom = x + width, y + height
    back = (x + ox, bottom + oy)
    return BoxFaces(
        front=((x, y), (right, y), (right, bottom), (x, bottom)),
        top=((x, y), (right, y), (right + ox, y + oy), (x + ox, y + oy)),
        side=((right, y), (right + ox, y + oy), (right + ox, bottom + oy), (right, bottom)),
        hidden=(
            ((x, bottom), back),
            (back, (right + ox, bottom + oy)),
            (back, (x + ox, y + oy)),
        ),
    )
