"""The style sheet the plugin adds to every page: nnviz's theme colours plus figure layout."""

from __future__ import annotations

from importlib import resources

#: Where the style sheet lands in the built site.
CSS_PATH = "assets/nnviz/nnviz.css"

#: The default ``mkdocs`` theme's colour switch (Bootstrap 5) on ``<html>``; the core rules
#: cover Material, Furo, PyData and ``prefers-color-scheme``.
BOOTSTRAP_SWITCH = 'html[data-bs-theme="{mode}"] .nnviz-auto'


def css_text() -> str:
    """The core theme rules, the default MkDocs theme's switch, then the layout rules."""
    from nnviz_core.themes import host_css, theme_css

    bootstrap = "".join(
        theme_css(BOOTSTRAP_SWITCH.format(mode=mode), mode, pretty=True)
        for mode in ("dark", "light")
    )
    layout = resources.files(__name__).joinpath("nnviz-mkdocs.css").read_text(encoding="utf-8")
    return "\n".join(part.rstrip("\n") + "\n" for part in (host_css(), bootstrap, layout))
