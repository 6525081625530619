"""The HTML of an inline diagram: the SVG without its prolog, sized, labelled, with unique ids.

Inline SVG (rather than ``<img>``) lets the page's light/dark switch reach the diagram's colours,
keeps its text searchable, and needs no extra request; the price is that ids must be unique on
the page, which :func:`inline_svg` guarantees when a diagram appears twice.
"""

from __future__ import annotations

import re

from docutils import nodes

from nnviz_core.hosting import renumbered, without_prolog

__all__ = ["inline_svg"]

_ROOT = re.compile(r"<svg\b[^>]*>")
_LENGTH = re.compile(r"^\s*([0-9.]+)\s*([a-z%]*)\s*$")


def _css_length(value: str, scale: int) -> str:
    match = _LENGTH.match(value)
    if match is None:
        return value
    number, unit = float(match.group(1)), match.group(2) or "px"
    return f"{number * scale / 100:g}{unit}"


def _sizes(root: str, node: nodes.Element) -> tuple[str, str]:
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


def _label(root: str, node: nodes.Element) -> list[str]:
    """Accessibility attributes to add: an author's ``:alt:`` replaces the SVG's own title."""
    text = str(node["alt"]).replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    extra = [] if "role=" in root else ['role="img"']
    if node.get("explicit_alt") or "aria-label" not in root:
        extra.append(f'aria-label="{text}"')
    return extra


def inline_svg(svg: str, node: nodes.Element, occurrence: int = 1) -> str:
    """The HTML of an inline diagram: a ``div.nnviz`` holding the SVG without its prolog."""
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
    return f"{opened}{extra_anchors}\n{svg.strip()}\n</div>\n"
