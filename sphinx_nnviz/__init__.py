"""Sphinx extension: ``extensions = ["sphinx_nnviz"]`` adds the ``.. nnviz::`` directive.

Diagrams are rendered while pages are read (errors become located warnings) into a
content-addressed cache, then each builder receives the best form it can show: inline SVG for
HTML, vector PDF for LaTeX (or TikZ code, with ``nnviz_latex_format = "tikz"``), PNG for
Texinfo, SVG files for EPUB, alt text for text and man pages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

import nnviz_core
from nnviz_core.hosting import ALIASES, directive_css, write_atomic
from sphinx_nnviz.config import install_host, register
from sphinx_nnviz.directive import NnvizDirective, alias, nnviz
from sphinx_nnviz.latex import add_tikz_package, copy_pictures
from sphinx_nnviz.options import option_spec
from sphinx_nnviz.transform import NnvizTransform

__all__ = ["NnvizDirective", "__version__", "nnviz", "setup"]

__version__ = nnviz_core.__version__


def _install_css(app: Sphinx) -> None:
    """Write ``_static/nnviz.css``: the theme's light/dark colours, for HTML-like builders."""
    if app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / "nnviz.css"
    data = directive_css().encode("utf-8")
    if not target.is_file() or target.read_bytes() != data:
        write_atomic(target, data)


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
    app.connect("builder-inited", _install_css)
    app.connect("build-finished", copy_pictures)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
