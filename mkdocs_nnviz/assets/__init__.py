"""The style sheet the plugin adds to every page: nnviz's theme colours plus figure layout."""

from __future__ import annotations

from importlib import resources

from nnviz_core.hosting import VIEWER_SCRIPT

#: Where the style sheet lands in the built site.
CSS_PATH = "assets/nnviz/nnviz.css"
#: Where the viewer's script lands; only pages with diagrams load it.
SCRIPT_PATH = f"assets/nnviz/{VIEWER_SCRIPT}"


def css_text() -> str:
    """The core theme rules (Material, the default MkDocs theme, ``prefers-color-scheme``, …)
    followed by the figure layout rules of this package."""
    from nnviz_core.hosting import page_css

    layout = resources.files(__name__).joinpath("nnviz-mkdocs.css").read_text(encoding="utf-8")
    return page_css().rstrip("\n") + "\n\n" + layout
