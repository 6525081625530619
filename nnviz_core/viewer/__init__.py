"""The page side of nnviz: one script and one style sheet that make every diagram explorable.

A page holding nnviz diagrams loads :data:`SCRIPT` once, however many diagrams it has; each
diagram's figure carries, after its SVG, what the viewer needs beyond the picture
(:func:`payload`): a JSON island with the layers' details and the other drawings (groups
opened, finer levels), all in inert ``<template>`` elements. Without the script the page shows
the same static SVG, and the SVG itself never holds a script. The script is built from
``viewer/src`` by ``make assets`` (esbuild, pinned in ``viewer/package-lock.json``) and
committed here.

Hosts: the Sphinx extension and the MkDocs plugin copy :data:`SCRIPT` beside their pages and
append :func:`stylesheet` to their own; ``nnviz render -o net.html`` and the notebook
representation inline both (:func:`standalone_html`, :func:`notebook_html`).
"""

from __future__ import annotations

from functools import cache
from html import escape
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nnviz_core.viewer.levels import Drawing

__all__ = [
    "SCRIPT",
    "STYLESHEET",
    "notebook_html",
    "payload",
    "script",
    "standalone_html",
    "stylesheet",
]

#: The file names of the viewer's assets, as hosts write them beside their pages.
SCRIPT = "nnviz-viewer.js"
STYLESHEET = "nnviz-viewer.css"


@cache
def script() -> str:
    """The viewer's script (minified, with its licence line)."""
    return resources.files(__name__).joinpath(SCRIPT).read_text(encoding="utf-8")


@cache
def stylesheet() -> str:
    """The viewer's style sheet: its controls, tooltip and full-screen overlay."""
    return resources.files(__name__).joinpath(STYLESHEET).read_text(encoding="utf-8")


def payload(diagram: Drawing, svg: str) -> str:
    """What a page carries after a diagram's SVG (``svg``, already drawn) for the viewer: the
    details of its layers and its finer levels of detail (empty for a figure that is not of a
    network).

    Imported here, not above: a host reads the assets without importing any style."""
    if diagram.graph is None:
        return ""
    from nnviz_core.viewer.details import details, island
    from nnviz_core.viewer.levels import levels

    parts = [island(details(diagram.graph))]
    for level in levels(diagram, svg):
        parts.append(f'<template class="nnviz-level">{_inline(level)}</template>')
    return "\n".join(parts)


def _inline(svg: str) -> str:
    from nnviz_core.hosting.svg_ids import without_prolog

    return without_prolog(svg).strip()


def standalone_html(svg: str, extra: str, title: str) -> str:
    """A whole HTML page holding one explorable diagram (``nnviz render -o net.html``): the
    script and styles inline, so the file works alone, offline."""
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)}</title>",
            f"<style>\n{_PAGE_CSS}\n{stylesheet()}</style>",
            "</head>",
            "<body>",
            '<main class="nnviz-page">',
            f'<div class="nnviz-figure">\n{_inline(svg)}\n{extra}\n</div>',
            "</main>",
            f"<script>{script()}</script>",
            "</body>",
            "</html>",
            "",
        ]
    )


def notebook_html(svg: str, extra: str) -> str:
    """A notebook cell's HTML output: the diagram and what its viewer needs, then the script
    (a notebook has no page to add it to; a viewed diagram is left alone when it runs again)."""
    return "\n".join(
        [
            f"<style>{stylesheet()}</style>",
            f'<div class="nnviz-figure">\n{_inline(svg)}\n{extra}\n</div>',
            f"<script>{script()}</script>",
        ]
    )


#: The standalone page's own layout: the diagram centred, colours from the reader's system.
_PAGE_CSS = """:root { color-scheme: light dark; }
body { margin: 0; font-family: system-ui, sans-serif; background: Canvas; color: CanvasText; }
.nnviz-page { max-width: 1100px; margin: 0 auto; padding: 16px; }
.nnviz-figure { text-align: center; }
"""
