"""Drawing helpers of the tensor styles: mirroring a finished drawing, polylines, layer groups,
a layer's real feature maps as pictures.

Styles draw every cell at the origin and the placement moves it with
:func:`~nnviz_core.scene.moved`; ``direction: RL`` mirrors the finished drawing with :func:`mirror`.
"""

from __future__ import annotations

from dataclasses import replace

from nnviz_core.activations import LayerPictures, Pictures
from nnviz_core.ir import Node
from nnviz_core.scene import (
    Circle,
    Close,
    CurveTo,
    Group,
    Image,
    Item,
    LineTo,
    MoveTo,
    Path,
    Point,
    Polygon,
    Rect,
    Segment,
    Stroke,
    Text,
    placed,
)
from nnviz_core.styles._common import node_paint

#: A picture's box: x, y, width, height.
Frame = tuple[float, float, float, float]


def real_pictures(
    found: Pictures | None, node: Node, merged: tuple[Node, ...]
) -> LayerPictures | None:
    """``node``'s captured pictures (the last in-place layer riding on it first: a convolution
    drawn with its ReLU shows what flows on), or ``None`` when it has no tiles."""
    if found is None:
        return None
    pictures = found.of(node.id, tuple(other.id for other in merged))
    return pictures if pictures is not None and pictures.tiles else None


def tile_images(
    pictures: LayerPictures, node: Node, boxes: list[Frame], border: float
) -> list[Item]:
    """``node``'s tiles as pictures in ``boxes`` (in order), outlined in its category's colour."""
    pen = Stroke(node_paint(node)[1], border)
    return [
        Image(*box, tile.png, tile.tip(pictures.kind), stroke=pen, role="layer", layer=node.id)
        for tile, box in zip(pictures.tiles, boxes, strict=False)
    ]


def _flip(point: Point, width: float) -> Point:
    return width - point[0], point[1]


def _flip_segment(segment: Segment, width: float) -> Segment:
    if isinstance(segment, (MoveTo, LineTo)):
        return replace(segment, to=_flip(segment.to, width))
    if isinstance(segment, CurveTo):
        return CurveTo(_flip(segment.c1, width), _flip(segment.c2, width), _flip(segment.to, width))
    return segment


_ANCHOR_FLIP = {"start": "end", "middle": "middle", "end": "start"}


def mirror(item: Item, width: float) -> Item:
    """The item mirrored left-right inside a canvas ``width`` wide; text stays readable."""
    if isinstance(item, Rect | Image):
        return replace(item, x=width - item.x - item.width)
    if isinstance(item, Text):
        anchor = _ANCHOR_FLIP[item.anchor]
        return replace(item, x=width - item.x, anchor=anchor)  # type: ignore[arg-type]
    if isinstance(item, Circle):
        return replace(item, cx=width - item.cx)
    if isinstance(item, Polygon):
        return replace(item, points=tuple(_flip(p, width) for p in item.points))
    if isinstance(item, Path):
        return replace(item, segments=tuple(_flip_segment(s, width) for s in item.segments))
    children = placed(item.items, *item.offset)  # an offset would not flip: bake it in first
    mirrored = tuple(mirror(child, width) for child in children)
    return Group(mirrored, item.name, item.role, item.layer)


def polyline(points: tuple[Point, ...], *, closed: bool = False) -> tuple[Segment, ...]:
    """Path segments through ``points``."""
    segments: list[Segment] = [MoveTo(points[0])]
    segments += [LineTo(point) for point in points[1:]]
    if closed:
        segments.append(Close())
    return tuple(segments)


def item_group(items: list[Item] | tuple[Item, ...], name: str, layer: str | None) -> Group:
    """A named group of one layer's shapes, so editable backends keep them together."""
    return Group(tuple(items), name=name, role="layer", layer=layer)
