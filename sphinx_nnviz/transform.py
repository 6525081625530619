"""Turn each ``nnviz`` node into what the current builder understands.

HTML pages get the SVG inline (so the page's light/dark switch reaches its colours); every other
builder gets a standard ``image`` node pointing at a cached file of the best format it supports:
PDF for LaTeX (vector), PNG for Texinfo, SVG for EPUB, and the alt text for text and man pages.
Because only standard nodes reach the writers, no builder ever meets an unknown node.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from nnviz_core.errors import NnvizError
from sphinx_nnviz.cache import FORMATS, Request
from sphinx_nnviz.directive import internal_message, nnviz, project_cache

__all__ = ["NnvizTransform", "inline_svg", "pick_format"]

logger = logging.getLogger(__name__)

_PROLOG = re.compile(r"^\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?", re.IGNORECASE)
_ROOT = re.compile(r"<svg\b[^>]*>")
_ID = re.compile(r'\bid="([^"]+)"')
_LENGTH = re.compile(r"^\s*([0-9.]+)\s*([a-z%]*)\s*$")


def pick_format(supported: list[str]) -> str:
    """The first format the builder supports that nnviz can write; SVG when it shows none."""
    for mime in supported:
        for fmt, kind in FORMATS.items():
            if kind == mime:
                return fmt
    return "svg"


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


def _renumber(svg: str, occurrence: int) -> str:
    """Give a repeated diagram on one page its own ids, so references stay inside it.

    Ids, ``#id`` references and ARIA id lists change; class names (which the SVG's own style
    rules target) do not.
    """
    ids = set(_ID.findall(svg))
    if occurrence == 1 or not ids:
        return svg
    names = "|".join(re.escape(name) for name in sorted(ids, key=len, reverse=True))
    fresh = rf"\g<0>-{occurrence}"
    svg = re.sub(rf'(?<=\bid=")(?:{names})(?=")|(?<=#)(?:{names})(?![\w-])', fresh, svg)

    def relabel(match: re.Match[str]) -> str:
        tokens = [f"{t}-{occurrence}" if t in ids else t for t in match.group(2).split()]
        return f'{match.group(1)}"{" ".join(tokens)}"'

    return re.sub(r'(aria-(?:labelledby|describedby)=)"([^"]*)"', relabel, svg)


def _label(root: str, node: nodes.Element) -> list[str]:
    """Accessibility attributes to add: an author's ``:alt:`` replaces the SVG's own title."""
    text = str(node["alt"]).replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    extra = [] if "role=" in root else ['role="img"']
    if node.get("explicit_alt") or "aria-label" not in root:
        extra.append(f'aria-label="{text}"')
    return extra


def inline_svg(svg: str, node: nodes.Element, occurrence: int = 1) -> str:
    """The HTML of an inline diagram: a ``div.nnviz`` holding the SVG without its prolog."""
    svg = _renumber(_PROLOG.sub("", svg, count=1), occurrence)
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


def _missing(node: nodes.Element) -> nodes.Element:
    """What stands in for a diagram that could not be written: its alt text."""
    return nodes.inline("", f"[{node['alt']}]", classes=["nnviz-missing"])


def _builder_class(transform: SphinxPostTransform) -> Any:
    """The running builder's class (Sphinx 8.1+ keeps it on the environment; older ones on app)."""
    found = getattr(transform.env, "_builder_cls", None)
    return found if found is not None else type(transform.app.builder)


class NnvizTransform(SphinxPostTransform):
    """Replace every ``nnviz`` node, for whichever builder runs."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        builder = _builder_class(self)
        inline = (
            builder.format == "html"
            and not builder.name.startswith("epub")
            and self.config.nnviz_html_format == "inline"
        )
        seen: Counter[str] = Counter()
        for node in list(self.document.findall(nnviz)):
            seen[node["key"]] += 1
            replacement: nodes.Element
            try:
                if inline:
                    replacement = self._inline(node, seen[node["key"]])
                else:
                    replacement = self._image(node, pick_format(builder.supported_image_types))
            except NnvizError as error:
                logger.warning(error.message, location=node, type="nnviz", subtype="render")
                replacement = _missing(node)
            except Exception as error:  # a bug must not stop the other diagrams
                message = internal_message(error)
                logger.warning(message, location=node, type="nnviz", subtype="internal")
                replacement = _missing(node)
            node.replace_self(replacement)

    def _request(self, node: nodes.Element) -> Request:
        return Request(node["source"], node["filename"], node["style"], node["options"])

    def _inline(self, node: nodes.Element, occurrence: int) -> nodes.raw:
        path = project_cache(self.env).ensure(self._request(node), node["key"], "svg")
        html = inline_svg(path.read_text(encoding="utf-8"), node, occurrence)
        return nodes.raw("", html, format="html")

    def _image(self, node: nodes.Element, fmt: str) -> nodes.image:
        path = str(project_cache(self.env).ensure(self._request(node), node["key"], fmt))
        self.env.images.add_file(self.env.docname, path)
        image = nodes.image(uri=path, candidates={FORMATS[fmt]: path}, alt=node["alt"])
        for name in ("width", "height", "scale", "align"):
            if name in node:
                image[name] = node[name]
        image["classes"] += ["nnviz", *node["classes"]]
        image["ids"], image["names"] = list(node["ids"]), list(node["names"])
        image.source, image.line = node.source, node.line
        return image
