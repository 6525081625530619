"""The HTML a diagram becomes in a page: inline SVG in a block element, or a visible error box.

Inline SVG (rather than ``<img>``) lets the page's light/dark switch reach the diagram's colours,
keeps its text searchable, and needs no extra request; the price is that ids must be unique on
the page, which a repeat's ``-N`` ids guarantee. Two shapes, one per kind of host:

* :func:`directive_html` (Sphinx): a ``div.nnviz`` sized by ``:width:``, ``:height:`` and
  ``:scale:``, labelled by ``:alt:``, with the directive's ids and classes;
* :func:`figure_html` (Markdown fences): one block element per fence (a ``<figure>`` when there is
  a caption, a ``<div>`` otherwise), so ``pymdownx.blocks.caption`` and lightbox plugins can wrap
  it; :func:`error_html` is the box in place of a fence that failed.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from nnviz_core.hosting.grammar import Figure
from nnviz_core.hosting.svg_ids import renumbered, without_prolog
from nnviz_core.viewer import stylesheet

__all__ = [
    "directive_css",
    "directive_html",
    "error_html",
    "figure_html",
    "inline_svg",
    "page_css",
]

#: Rules for the directive's wrapper element, added after the core's theme rules.
_DIRECTIVE_CSS = """
div.nnviz { margin: 1em 0; overflow-x: auto; }
div.nnviz > svg { max-width: 100%; height: auto; }
div.nnviz.align-center { text-align: center; }
div.nnviz.align-right { text-align: right; }
div.nnviz.align-left { text-align: left; }
"""


def page_css() -> str:
    """The theme's light/dark colour rules that pages holding inline diagrams need, and the
    viewer's (its controls follow the page's colours): one style sheet for both."""
    from nnviz_core.themes import host_css

    return str(host_css()).rstrip("\n") + "\n\n" + stylesheet()


def directive_css() -> str:
    """The style sheet of pages with :func:`directive_html` diagrams (Sphinx's ``nnviz.css``)."""
    return page_css() + _DIRECTIVE_CSS


_ROOT = re.compile(r"<svg\b[^>]*>")
_LENGTH = re.compile(r"^\s*([0-9.]+)\s*([a-z%]*)\s*$")


def _css_length(value: str, scale: int) -> str:
    match = _LENGTH.match(value)
    if match is None:
        return value
    number, unit = float(match.group(1)), match.group(2) or "px"
    return f"{number * scale / 100:g}{unit}"


def _sizes(root: str, node: Any) -> tuple[str, str]:
    """CSS for the wrapper and the SVG honouring ``:width:``, ``:height:`` and ``:scale:``.

    A width goes on the wrapper and the SVG fills it, so percentages work even when
    ``:align:`` floats the wrapper (as it floats an aligned image).
    """
    scale = int(node.get("scale", 100))
    sizes: dict[str, str] = {}
    for name in ("width", "height"):
        value = node.get(name)
        if value is None and scale != 100:
            found = re.search(rf'\b{name}="([^"]+)"', root)
            value = found.group(1) if found else None
        if value is not None:
            sizes[name] = _css_length(str(value), scale)
    if "width" in sizes:
        return f"width: {sizes['width']}", f"width: 100%; height: {sizes.get('height', 'auto')}"
    if "height" in sizes:
        return "", f"width: auto; height: {sizes['height']}"
    return "", ""


def _label(root: str, node: Any) -> list[str]:
    """Accessibility attributes to add: an author's ``:alt:`` replaces the SVG's own title."""
    text = str(node["alt"]).replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    extra = [] if "role=" in root else ['role="img"']
    if node.get("explicit_alt") or "aria-label" not in root:
        extra.append(f'aria-label="{text}"')
    return extra


def directive_html(svg: str, node: Any, occurrence: int = 1, viewer: str = "") -> str:
    """The HTML of an inline diagram for a directive: a ``div.nnviz`` holding the SVG without
    its prolog, then the ``viewer`` payload; ``node`` holds the figure attributes (a docutils
    node or a mapping)."""
    svg = renumbered(without_prolog(svg), occurrence)
    wrapper = ""
    root = _ROOT.search(svg)
    if root is not None:
        opened = root.group(0)[:-1].rstrip("/").rstrip()
        if node.get("explicit_alt"):
            opened = re.sub(r'\saria-labelledby="[^"]*"', "", opened)
        extra = _label(opened, node)
        wrapper, inner = _sizes(opened, node)
        if inner:
            extra.append(f'style="{inner}"')
        if extra:
            opened += " " + " ".join(extra)
        svg = svg[: root.start()] + opened + svg[root.end() - 1 :]
    classes = ["nnviz", *node["classes"]]
    if "align" in node:
        classes.append(f"align-{node['align']}")
    ids: list[str] = list(node.get("ids", []))
    anchor = f' id="{ids[0]}"' if ids else ""
    extra_anchors = "".join(f'<span id="{name}"></span>' for name in ids[1:])
    style = f' style="{wrapper}"' if wrapper else ""
    opened = f'<div{anchor} class="{" ".join(classes)}"{style}>'
    after = f"{viewer}\n" if viewer else ""
    return f"{opened}{extra_anchors}\n{svg.strip()}\n{after}</div>\n"


def figure_html(svg: str, figure: Figure, style: str, viewer: str = "") -> str:
    """The diagram as one block element, with its caption, anchor, alignment and width, and
    the ``viewer`` payload after the SVG.

    The SVG names itself for screen readers (its ``<title>``); ``alt=`` replaces that name.
    """
    classes = ["nnviz-figure", f"nnviz-figure--{style}", f"nnviz-align-{figure.align}"]
    classes += figure.classes
    tag = "figure" if figure.caption else "div"
    anchor = f' id="{escape(figure.anchor)}"' if figure.anchor else ""
    label = f' role="img" aria-label="{escape(figure.alt)}"' if figure.alt else ""
    width = f' style="width: {escape(figure.width)}"' if figure.width else ""
    sized = " nnviz-sized" if figure.width else ""
    parts = [
        f'<{tag} class="{escape(" ".join(classes))}"{anchor}>',
        f'<div class="nnviz-diagram{sized}"{label}{width}>',
        inline_svg(svg),
        *([viewer] if viewer else []),
        "</div>",
    ]
    if figure.caption:
        parts.append(f"<figcaption>{escape(figure.caption)}</figcaption>")
    parts.append(f"</{tag}>")
    return "\n".join(parts)


def inline_svg(svg: str) -> str:
    """An SVG document as an HTML element: without the XML declaration and doctype."""
    return without_prolog(svg).strip()


def error_html(message: str) -> str:
    """A box in place of the diagram that says what went wrong and where."""
    return (
        '<div class="nnviz-figure nnviz-error" role="alert">'
        '<p class="nnviz-error-title">nnviz could not draw this diagram</p>'
        f"<pre>{escape(message)}</pre></div>"
    )
