"""Fitting one diagram on one slide, and the slide canvas a style lays itself out for.

A diagram is scaled (up to :data:`MAX_SCALE`) to fill the area below the title and centred;
it is never cut into pieces. Readable text on a slide comes from the layout instead: PPTX output
lays the diagram out with ``fit: slide`` for :func:`canvas_width` (:mod:`nnviz_core.api`,
:mod:`nnviz_core.slides`), so the style re-lays itself for the slide's box, with its text at
:data:`MIN_FONT_PT` or more. Where even that leaves smaller text, the slide says so in a warning.
"""

from __future__ import annotations

from dataclasses import dataclass

from nnviz_core.backends.pptx.geometry import EMU_PER_PX, Box, Placement
from nnviz_core.canvas import CANVASES
from nnviz_core.scene import Item

#: Smallest font, in points, a diagram's text should have on a slide: the slide canvas's floor
#: (10 pt), which a 16:9 slide shown on a 1080p display draws at 18 px.
MIN_FONT_PT = CANVASES["slide"].floor * 0.75
#: A small diagram is enlarged at most this much, so a three-layer net does not shout.
MAX_SCALE = 2.0


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


def _scale(box: Box, area: Area) -> float:
    width, height = max(box[2] - box[0], 1.0), max(box[3] - box[1], 1.0)
    return min(area.width / (width * EMU_PER_PX), area.height / (height * EMU_PER_PX))


def place(box: Box, area: Area, scale: float) -> Placement:
    """``box`` at ``scale``, centred in ``area``."""
    width = (box[2] - box[0]) * scale * EMU_PER_PX
    height = (box[3] - box[1]) * scale * EMU_PER_PX
    left = area.left + (area.width - width) / 2
    top = area.top + (area.height - height) / 2
    return Placement(
        scale,
        round(left - box[0] * scale * EMU_PER_PX),
        round(top - box[1] * scale * EMU_PER_PX),
    )


def fit(box: Box, area: Area) -> Placement:
    """The largest centred placement of ``box`` in ``area``, up to :data:`MAX_SCALE`."""
    return place(box, area, min(_scale(box, area), MAX_SCALE))


def canvas_width(area: Area) -> float:
    """The width, in CSS px, of the slide canvas (``fit: slide``, twice as wide as tall) that
    fits ``area``: a layout made for it is placed at full size or larger."""
    slide = CANVASES["slide"]
    height = slide.height or slide.width
    return min(area.width, area.height * slide.width / height) / EMU_PER_PX
