"""The ``html`` format: one diagram as a page of its own, explorable offline (``-o net.html``).

The page inlines the viewer's script and styles, so the file works alone, with no request.
A backend renders a Scene; this one also renders a whole Diagram (:meth:`render_diagram`),
which is what carries the layers' details and the finer levels of detail.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nnviz_core.backends.svg import DEFAULT_TITLE, render_svg
from nnviz_core.options import RenderOptions
from nnviz_core.scene import Scene
from nnviz_core.viewer import payload, standalone_html

if TYPE_CHECKING:
    from nnviz_core.viewer.levels import Drawing

__all__ = ["BACKEND", "HtmlBackend"]


class HtmlBackend:
    """Writes a standalone HTML page holding the SVG and its viewer."""

    name = "html"
    suffix = ".html"
    media_type = "text/html"

    def render(self, scene: Scene, options: RenderOptions) -> bytes:
        """A page with the picture alone (zoom, pan and full screen; nothing to inspect)."""
        title = scene.title or DEFAULT_TITLE
        return standalone_html(render_svg(scene, options), "", title).encode("utf-8")

    def render_diagram(self, diagram: Drawing) -> bytes:
        """A page with the picture, its layers' details and its finer levels of detail."""
        title = diagram.scene.title or DEFAULT_TITLE
        svg = diagram.svg
        return standalone_html(svg, payload(diagram, svg), title).encode("utf-8")


BACKEND = HtmlBackend()
