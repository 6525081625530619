"""PowerPoint backend: the Scene as native, editable shapes on 16:9 slides.

Every style works without style-specific code because this draws Scene primitives: rectangles
and rounded rectangles, freeform polygons, ovals, lines and freeforms with real arrowheads, text
boxes in DejaVu Sans at the SVG's sizes. Each layer is one named group shape, so a user moves,
recolours or deletes a layer with one click. ``as_picture: true`` places a PNG instead.
Decks of many diagrams are built by :mod:`nnviz_core.slides` on the same :class:`DeckBuilder`.
"""

from __future__ import annotations

from dataclasses import dataclass

from nnviz_core.errors import MissingDependencyError
from nnviz_core.options import RenderOptions
from nnviz_core.scene import Scene

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation"

__all__ = ["BACKEND", "MEDIA_TYPE", "PptxBackend", "require", "slide_canvas_width"]


def require() -> None:
    """Fail early, with the pip fix, when python-pptx is missing."""
    try:
        import pptx  # noqa: F401
    except ImportError as error:
        raise MissingDependencyError("PowerPoint output", "pptx", "python-pptx") from error


def slide_canvas_width(options: RenderOptions) -> float:
    """The ``width`` a style given ``fit: slide`` lays out for to fill these options' slides
    (their ``slide_size``, below a title) at full size."""
    require()
    from nnviz_core.backends.pptx.compose import DeckBuilder

    return DeckBuilder(options).canvas_width()


@dataclass(frozen=True)
class PptxBackend:
    """Writes one diagram as a one-slide presentation."""

    name: str = "pptx"
    suffix: str = ".pptx"
    media_type: str = MEDIA_TYPE

    def render(self, scene: Scene, options: RenderOptions) -> bytes:
        require()
        from nnviz_core.backends.pptx.compose import DeckBuilder

        deck = DeckBuilder(options)
        deck.add(scene)
        return deck.to_bytes()


BACKEND = PptxBackend()
