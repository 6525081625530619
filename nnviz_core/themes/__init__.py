"""Theme CSS: the token colours as CSS custom properties, following the page's light/dark switch.

An SVG embeds these rules scoped to its own hash class; hosts (the Sphinx and MkDocs adapters) add
the same rules once per page through :func:`host_css` (also shipped as ``themes/nnviz.css``).

``auto`` resolves in this order, each step overriding the one before:

1. light values;
2. dark values under ``@media (prefers-color-scheme: dark)``;
3. dark values under a page's explicit dark switch (Material ``slate``, Furo and PyData
   ``data-theme="dark"``, Bootstrap ``data-bs-theme="dark"``, JupyterLab, VS Code);
4. light values under a page's explicit light switch, so a reader who picked light in the page
   keeps it even when the operating system prefers dark.

A page with no switch at all (most Sphinx themes) stays light when the OS turns dark, while the
diagram follows the OS; so in step 2 alone the diagram paints its own dark ``bg`` behind itself
(a dark card on the light page, readable either way), and steps 3 and 4 take it off again.

Steps 3 and 4 carry one more attribute selector than step 2, so they win over the media query
whatever the order in which the page loads its style sheets; steps 3 and 4 have equal weight per
theme and 4 comes later, so a page that sets both (a light page inside a dark OS) ends light.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from importlib import resources
from typing import Literal

from nnviz_core.theme import TOKENS, css_name

__all__ = [
    "DARK_SWITCHES",
    "HOST_SCOPE",
    "LIGHT_SWITCHES",
    "host_css",
    "shipped_css",
    "theme_css",
]

ThemeChoice = Literal["auto", "light", "dark"]

#: Ancestors that mark a page as dark in Material for MkDocs, Furo, the PyData theme,
#: Bootstrap 5.3 themes (the default MkDocs theme), JupyterLab and VS Code notebooks.
DARK_SWITCHES = (
    '[data-md-color-scheme="slate"]',
    'body[data-theme="dark"]',
    'html[data-theme="dark"]',
    'html[data-bs-theme="dark"]',
    'body[data-jp-theme-light="false"]',
    "body.vscode-dark",
)
#: Their explicit light counterparts, which must win over a dark OS preference.
LIGHT_SWITCHES = (
    '[data-md-color-scheme="default"]',
    'body[data-theme="light"]',
    'html[data-theme="light"]',
    'html[data-bs-theme="light"]',
    'body[data-jp-theme-light="true"]',
    "body.vscode-light",
)
#: The class every ``theme: auto`` diagram carries, which the host style sheet targets.
HOST_SCOPE = ".nnviz-auto"


def _rule(
    selectors: Iterable[str],
    tokens: tuple[str, ...],
    dark: bool,
    indent: str,
    extra: tuple[str, ...] = (),
    palette: Mapping[str, tuple[str, str]] = TOKENS,
) -> str:
    """One rule; ``indent`` is empty for the compact form embedded in SVGs."""
    values = [f"{css_name(token)}:{palette[token][1 if dark else 0]}" for token in tokens]
    values += extra
    if not indent:
        return ",".join(selectors) + "{" + ";".join(values) + "}\n"
    head = ",\n".join(selectors)
    lines = "".join(f"{indent}{value};\n" for value in values)
    return f"{head} {{\n{lines}}}\n"


def theme_css(
    scope: str,
    theme: ThemeChoice = "auto",
    tokens: Iterable[str] | None = None,
    *,
    pretty: bool = False,
    palette: Mapping[str, tuple[str, str]] = TOKENS,
) -> str:
    """Rules defining ``--nnviz-*`` properties on ``scope`` for one theme choice.

    ``tokens`` limits the properties to those a diagram uses (all tokens by default; ``auto``
    always adds ``bg``); ``pretty`` spreads them over lines for a style sheet people read;
    ``palette`` holds the values (a theme's tokens; the default theme's unless given).
    """
    names = tuple(palette if tokens is None else tokens)
    indent = "  " if pretty else ""
    if theme != "auto":
        return _rule([scope], names, theme == "dark", indent, palette=palette)
    if "bg" not in names:
        names = ("bg", *names)
    media = _rule([scope], names, True, indent * 2, _OS_DARK_CARD, palette)
    dark = _rule(_under(DARK_SWITCHES, scope), names, True, indent, _PAGE_SWITCHED, palette)
    light = _rule(_under(LIGHT_SWITCHES, scope), names, False, indent, _PAGE_SWITCHED, palette)
    return (
        _rule([scope], names, False, indent, palette=palette)
        + "@media (prefers-color-scheme:dark){"
        + ("\n" + indent if pretty else "")
        + media.replace("\n}", "\n" + indent + "}").rstrip("\n")
        + ("\n" if pretty else "")
        + "}\n"
        + dark
        + light
    )


#: A page that says nothing about its theme may stay light while the OS is dark: light strokes
#: on a white page would vanish, so the diagram brings its own dark background in that case.
_OS_DARK_CARD = ("background:var(--nnviz-bg)", "border-radius:4px")
_PAGE_SWITCHED = ("background:transparent",)


def _under(switches: Iterable[str], scope: str) -> list[str]:
    return [f"{switch} {scope}" for switch in switches]


def host_css() -> str:
    """The style sheet hosts add to every page with diagrams (``nnviz.css`` holds the same)."""
    header = (
        "/* nnviz theme colours for host pages. Generated by nnviz_core.themes; regenerate with\n"
        "   python -m nnviz_core.themes > nnviz_core/themes/nnviz.css */\n"
    )
    sizing = "svg.nnviz {\n  max-width: 100%;\n  height: auto;\n}\n"
    return header + sizing + theme_css(HOST_SCOPE, pretty=True)


def shipped_css() -> str:
    """The text of the shipped ``nnviz.css``, for pages built without Python."""
    return resources.files(__name__).joinpath("nnviz.css").read_text(encoding="utf-8")
