"""TikZ/PGF output for LaTeX: figures an author can restyle, annotate and diff.

Two formats, chosen by suffix as LaTeX authors name such files:

- ``tex`` (``-o net.tex``): a standalone document; ``lualatex net.tex`` (or pdflatex) gives a
  PDF of the figure's size, and the ``standalone`` package can ``\\input`` it into a paper.
- ``tikz`` (``-o net.tikz``): the picture alone, to ``\\input{net.tikz}`` in a document that
  loads ``tikz``; its text is set in that document's font.

Both draw every style's Scene with named colours and one style per layer category (see
:mod:`nnviz_core.backends.tikz.styles`), in the light colours unless ``theme`` is ``dark``.
"""

from __future__ import annotations

from nnviz_core.backends.tikz.document import render_body, render_document
from nnviz_core.options import RenderOptions
from nnviz_core.scene import Scene

__all__ = ["DOCUMENT", "PICTURE", "TikzDocument", "TikzPicture", "render_body", "render_document"]


class TikzDocument:
    """Writes a standalone LaTeX document holding the figure."""

    name = "tex"
    suffix = ".tex"
    media_type = "application/x-tex"

    def render(self, scene: Scene, options: RenderOptions) -> bytes:
        return render_document(scene, options).encode("utf-8")


class TikzPicture:
    """Writes the figure's ``tikzpicture`` (with its colours and styles) for ``\\input``."""

    name = "tikz"
    suffix = ".tikz"
    media_type = "application/x-tex"

    def render(self, scene: Scene, options: RenderOptions) -> bytes:
        return render_body(scene, options).encode("utf-8")


DOCUMENT = TikzDocument()
PICTURE = TikzPicture()
