"""Sphinx extension: ``extensions = ["sphinx_nnviz"]`` adds the ``.. nnviz::`` directive.

Diagrams are rendered while pages are read (errors become located warnings) into a
content-addressed cache, then each builder receives the best form it can show: inline SVG for
HTML, vector PDF for LaTeX (or TikZ code, with ``nnviz_latex_format = "tikz"``), PNG for
Texinfo, SVG files for EPUB, alt text for text and man pages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

import nnviz_core
from nnviz_core.hosting import ALIASES, VIEWER_SCRIPT, directive_css, viewer_script, write_atomic
from sphinx_nnviz.config import install_host, register
from sphinx_nnviz.directive import NnvizDirective, alias, nnviz
from sphinx_nnviz.latex import add_tikz_package, copy_pictures
from sphinx_nnviz.options import option_spec
from sphinx_nnviz.transform import NnvizTransform

__all__ = ["NnvizDirective", "__version__", "nnviz", "setup"]

__version__ = nnviz_core.__version__


def _install_assets(app: Sphinx) -> None:
    """Write ``_static/nnviz.css`` (the theme's light/dark colours and the viewer's controls)
    and the viewer's script, for HTML-like builders."""
    if app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    assets = [("nnviz.css", directive_css())]
    if not app.builder.name.startswith("epub"):  # EPUB pages hold image files: no viewer
        assets.append((VIEWER_SCRIPT, viewer_script()))
    for name, text in assets:
        data = text.encode("utf-8")
        target = static / name
        if not target.is_file() or target.read_bytes() != data:
            write_atomic(target, data)


def _has_diagram(node: nodes.Node) -> bool:
    return isinstance(node, nodes.raw) and bool(node.get("nnviz"))


def _add_viewer(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Load the viewer's script on pages that show a diagram inline, and only there (EPUB
    pages have image files, no inline diagrams, so none)."""
    if doctree is not None and next(doctree.findall(_has_diagram), None) is not None:
        app.add_js_file(VIEWER_SCRIPT, defer="defer")


def setup(app: Sphinx) -> dict[str, Any]:
    directive = type("NnvizDirective", (NnvizDirective,), {"option_spec": option_spec()})
    app.add_directive("nnviz", directive)
    for name, style in ALIASES.items():  # ``.. nnviz-history::``: the directive, style fixed
        app.add_directive(name, alias(name, style, option_spec()))
    app.add_node(nnviz)
    app.add_post_transform(NnvizTransform)
    register(app)
    app.add_css_file("nnviz.css")
    app.connect("config-inited", add_tikz_package)
    app.connect("builder-inited", install_host)
    app.connect("builder-inited", _install_assets)
    app.connect("html-page-context", _add_viewer)
    app.connect("build-finished", copy_pictures)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
