"""Fitting a diagram on slides without its text ever becoming unreadable.

A diagram that fits readably is scaled (up to :data:`MAX_SCALE`) to fill the area and centred.
One that does not is cut into bands (:mod:`.split`); bands of a tall diagram then stand side by
side as columns and bands of a wide one stack as rows, as many per slide as stay readable
(the diagram *wraps*), and only what does not fit goes on further slides. Every part of one
diagram is drawn at the same scale, so a layer looks the same size on every slide.
"""

from __future__ import annotations

from dataclasses import dataclass

from nnviz_core.backends.pptx.geometry import (
    EMU_PER_PX,
    Box,
    Placement,
    bounds,
    forget_bounds,
    union,
)
from nnviz_core.backends.pptx.split import Part, split
from nnviz_core.scene import Item, Path, Text, walk

#: Smallest font, in points, a diagram's text may be drawn at on a slide. A 16:9 slide shown
#: full screen on a 1920-pixel display draws 1 pt as 2 px, so 6 pt is 12 px: larger than the
#: 9.5-11 px the same labels have in a web page, and readable from a meeting-room table.
MIN_FONT_PT = 6.0
#: A small diagram is enlarged at most this much, so a three-layer net does not shout.
MAX_SCALE = 2.0
#: Bands are cut a little shorter than the most that fits, leaving room to line them up.
_HEADROOM = 0.94
#: Space between the columns (or rows) of a wrapped diagram, in EMU (0.3 inch).
GAP = 274320


@dataclass(frozen=True)
class Area:
    """A rectangle of a slide, in EMU."""

    left: int
    top: int
    width: int
    height: int


@dataclass(frozen=True)
class Placed:
    """Items and where they go on their slide."""

    items: tuple[Item, ...]
    place: Placement


def _box(items: tuple[Item, ...]) -> Box | None:
    return union(b for b in map(bounds, items) if b is not None)


def smallest_text(items: tuple[Item, ...]) -> float | None:
    sizes = [item.size for item in walk(items) if isinstance(item, Text)]
    return min(sizes) if sizes else None


def _aligned_boxes(parts: list[Part], axis: int) -> list[Box]:
    """Each part's ink box, its leading side moved so the first solid item starts alike."""
    inks = [_box(part.items) or (0.0, 0.0, 1.0, 1.0) for part in parts]
    solids = [
        _box(tuple(i for i in walk(part.items) if not isinstance(i, Path))) or ink
        for part, ink in zip(parts, inks, strict=True)
    ]
    lead = max(solid[axis] - ink[axis] for solid, ink in zip(solids, inks, strict=True))
    boxes: list[Box] = []
    for solid, ink in zip(solids, inks, strict=True):
        corner = list(ink)
        corner[axis] = solid[axis] - lead
        boxes.append((corner[0], corner[1], corner[2], corner[3]))
    return boxes


def _scale(box: Box, area: Area) -> float:
    width, height = max(box[2] - box[0], 1.0), max(box[3] - box[1], 1.0)
    return min(area.width / (width * EMU_PER_PX), area.height / (height * EMU_PER_PX))


def place(box: Box, area: Area, scale: float, align: str = "centre") -> Placement:
    """``box`` at ``scale`` in ``area``: centred, or pinned to the top (``"top"``) or left."""
    width = (box[2] - box[0]) * scale * EMU_PER_PX
    height = (box[3] - box[1]) * scale * EMU_PER_PX
    left = area.left + (0 if align == "left" else (area.width - width) / 2)
    top = area.top + (0 if align == "top" else (area.height - height) / 2)
    return Placement(
        scale,
        round(left - box[0] * scale * EMU_PER_PX),
        round(top - box[1] * scale * EMU_PER_PX),
    )


def fit(box: Box, area: Area) -> Placement:
    """The largest centred placement of ``box`` in ``area``, up to :data:`MAX_SCALE`."""
    return place(box, area, min(_scale(box, area), MAX_SCALE))


def _cells(area: Area, count: int, columns: bool) -> list[Area]:
    if columns:
        width = (area.width - (count - 1) * GAP) // count
        return [
            Area(area.left + i * (width + GAP), area.top, width, area.height) for i in range(count)
        ]
    height = (area.height - (count - 1) * GAP) // count
    return [
        Area(area.left, area.top + i * (height + GAP), area.width, height) for i in range(count)
    ]


def _wrap(parts: list[Part], area: Area, least: float, columns: bool) -> list[list[Placed]]:
    """Bands side by side (``columns``) or stacked, as many per slide as stay readable.

    The first layer of every band lines up with the others' (edge stubs poking in from the
    previous band stay above it), so a regular chain reads as one grid.
    """
    boxes = _aligned_boxes(parts, axis=1 if columns else 0)
    per_slide, scale = 1, 0.0
    for count in range(len(parts), 0, -1):
        cell = _cells(area, count, columns)[0]
        scale = min(MAX_SCALE, *(_scale(box, cell) for box in boxes))
        if scale >= least * 0.999 or count == 1:
            per_slide = count
            break
    slides: list[list[Placed]] = []
    for start in range(0, len(parts), per_slide):
        chunk = list(zip(parts, boxes, strict=True))[start : start + per_slide]
        cells = _cells(area, len(chunk), columns)
        align = "top" if columns else "left"
        slides.append(
            [
                Placed(part.items, place(box, cell, scale, align if len(chunk) > 1 else "centre"))
                for (part, box), cell in zip(chunk, cells, strict=True)
            ]
        )
    return slides


def _limit(extent: float, most: float) -> float:
    """Longest band along an axis: all of it if it fits, else a little less than the most."""
    return most if extent <= most else most * _HEADROOM


def arrange(items: tuple[Item, ...], area: Area) -> list[list[Placed]]:
    """Slides (each a list of placed parts) that show every item with readable text."""
    forget_bounds()
    box = _box(items)
    if box is None:
        return [[]]
    smallest = smallest_text(items)
    whole = fit(box, area)
    if smallest is None or whole.points(smallest) >= MIN_FONT_PT:
        return [[Placed(items, whole)]]
    least = MIN_FONT_PT / (smallest * 0.75)
    limit_x = _limit(box[2] - box[0], area.width / (least * EMU_PER_PX))
    limit_y = _limit(box[3] - box[1], area.height / (least * EMU_PER_PX))
    parts = split(items, box, limit_x, limit_y)
    if all(part.column == 0 for part in parts):
        return _wrap(parts, area, least, columns=True)
    if all(part.row == 0 for part in parts):
        return _wrap(parts, area, least, columns=False)
    boxes = [_box(part.items) or box for part in parts]
    scale = min(MAX_SCALE, *(_scale(b, area) for b in boxes))
    return [[Placed(p.items, place(b, area, scale))] for p, b in zip(parts, boxes, strict=True)]
