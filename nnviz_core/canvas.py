"""What a diagram is drawn for: a docs column, a slide or a printed page, and its text floor.

Pages shrink a wide picture to their column and slides and paper shrink it to their box, so
text drawn at 11 px may be read at 3. Every layout is given a :class:`Canvas` and re-lays itself
out to keep the *effective* text size (drawn size × the scale its host applies) above the floor
that canvas promises; :func:`effective_text` measures that, for styles, warnings and the
readability benchmark alike. Sizes are CSS pixels (96 per inch; a point is 4/3 px).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from nnviz_core.scene import Group, Item, Scene, Text

__all__ = [
    "CANVASES",
    "PX_PER_PT",
    "Canvas",
    "Fit",
    "canvas_for",
    "effective_text",
    "host_scale",
    "smallest_size",
    "smallest_text",
]

Fit = Literal["page", "slide", "paper", "none"]
PX_PER_PT = 96 / 72  # CSS px per point


@dataclass(frozen=True)
class Canvas:
    """The box a diagram lands in and the smallest text it must keep there.

    ``width`` and ``height`` are the box in CSS px; ``height`` is a layout target on a page (it
    scrolls) but a hard limit on a slide or paper, where a picture is shrunk to fit
    (``fits_height``). ``floor`` is the smallest effective text size, in CSS px.
    """

    fit: Fit
    width: float
    height: float | None
    floor: float
    fits_height: bool

    def keeps(self, shown: float | None) -> bool:
        """Whether text shown at ``shown`` px keeps the floor (``None``: no text to read)."""
        return shown is None or shown >= self.floor - 1e-6

    @property
    def aspect(self) -> float | None:
        """The tallest height-to-width ratio a layout should aim for, if the canvas has one."""
        return None if self.height is None else self.height / self.width


#: The canvases as laid out by default: a docs column of the common themes (Furo, Material,
#: Read the Docs: 700–760 px), a 16:9 slide's content box (13.33 × 7.5 in less margins) and an
#: A4/letter LaTeX ``\textwidth`` (≈ 6.25 in) above most of its ``\textheight``.
CANVASES: dict[Fit, Canvas] = {
    "page": Canvas("page", 720.0, 1440.0, 9.0, fits_height=False),
    "slide": Canvas("slide", 1200.0, 600.0, 10 * PX_PER_PT, fits_height=True),
    "paper": Canvas("paper", 600.0, 800.0, 6 * PX_PER_PT, fits_height=True),
    "none": Canvas("none", float("inf"), None, 0.0, fits_height=False),
}


def canvas_for(fit: Fit, width: float | None = None) -> Canvas:
    """The canvas for a ``fit`` option, with its width replaced when ``width`` is given.

    A given width keeps the canvas's proportions (a wider slide box is taller too), so the
    aspect a layout aims for does not change with the width alone.
    """
    base = CANVASES[fit]
    if width is None or fit == "none":
        return base
    height = None if base.height is None else base.height * width / base.width
    return Canvas(base.fit, float(width), height, base.floor, base.fits_height)


def host_scale(scene: Scene, canvas: Canvas) -> float:
    """How much the host shrinks ``scene`` to fit ``canvas`` (1.0 when it fits; never enlarges)."""
    scale = 1.0
    if scene.width > canvas.width:
        scale = canvas.width / scene.width
    if canvas.fits_height and canvas.height is not None and scene.height > canvas.height:
        scale = min(scale, canvas.height / scene.height)
    return scale


def smallest_text(scene: Scene) -> float | None:
    """The smallest font size drawn in ``scene`` (in its own px), or ``None`` with no text."""
    return smallest_size(scene.items)


def smallest_size(items: Iterable[Item]) -> float | None:
    """The smallest font size among ``items`` and their groups' items, or ``None``."""
    return min((item.size for item in _texts(items)), default=None)


def effective_text(scene: Scene, canvas: Canvas) -> float | None:
    """The smallest text of ``scene`` as read on ``canvas``, in CSS px (``None``: no text)."""
    smallest = smallest_text(scene)
    return None if smallest is None else smallest * host_scale(scene, canvas)


def _texts(items: Iterable[Item]) -> Iterator[Text]:
    for item in items:
        if isinstance(item, Text):
            yield item
        elif isinstance(item, Group):
            yield from _texts(item.items)
