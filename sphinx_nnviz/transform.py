"""Turn each ``nnviz`` node into what the current builder understands.

HTML pages get the SVG inline (so the page's light/dark switch reaches its colours); every other
builder gets a standard ``image`` node pointing at a cached file of the best format it supports:
PDF for LaTeX (vector, drawn for the printed page: ``fit: paper`` unless the author chose a
``fit``; with ``nnviz_latex_format = "tikz"``, TikZ code the document inputs instead), PNG for
Texinfo, SVG for EPUB, and the alt text for man pages; the text builder gets the alt text alone,
set apart from a figure's caption. What a conversion remarks (a PNG too tall for the converter
is drawn smaller) is a warning at the directive, from the cache too. Because only standard
nodes reach the writers, no builder ever meets an unknown node.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from nnviz_core.errors import NnvizError
from nnviz_core.hosting import Note, Request, guard_message
from sphinx_nnviz.config import FORMATS, builder_class, host_for, printed
from sphinx_nnviz.directive import internal_message, nnviz
from sphinx_nnviz.html import inline_svg
from sphinx_nnviz.latex import note_picture, tikz_input

__all__ = ["NnvizTransform", "pick_format"]

logger = logging.getLogger(__name__)


def pick_format(supported: list[str]) -> str:
    """The first format the builder supports that nnviz can write; SVG when it shows none."""
    for mime in supported:
        for fmt, kind in FORMATS.items():
            if kind == mime:
                return fmt
    return "svg"


def _missing(node: nodes.Element) -> nodes.Element:
    """What stands in for a diagram that could not be written: its alt text."""
    return nodes.inline("", f"[{node['alt']}]", classes=["nnviz-missing"])


def _placeholder(node: nodes.Element) -> nodes.Element:
    """The text builder's stand-in: ``[image: alt]`` (Sphinx's own writes ``[image: alt][image]``
    and runs a figure's caption on without a space), so nothing is rendered for it."""
    in_figure = isinstance(node.parent, nodes.figure)
    return nodes.inline(
        "", f"[image: {node['alt']}]" + (" " if in_figure else ""), classes=["nnviz"]
    )


def _warn_notes(notes: tuple[Note, ...], request: Request, node: nodes.Element) -> None:
    """Warn at the diagram with each remark (type ``nnviz.<kind>``, for ``suppress_warnings``)."""
    for note in notes:
        text = note.short if request.text is not None else note.text
        logger.warning(text, location=node, type="nnviz", subtype=note.kind)


class NnvizTransform(SphinxPostTransform):
    """Replace every ``nnviz`` node, for whichever builder runs."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        builder = builder_class(self.env)
        inline = (
            builder.format == "html"
            and not builder.name.startswith("epub")
            and self.config.nnviz_html_format == "inline"
        )
        seen: Counter[str] = Counter()
        for node in list(self.document.findall(nnviz)):
            replacement: nodes.Element
            try:
                if inline:
                    replacement = self._inline(node, seen)
                elif builder.format == "text":
                    host_for(self.env).draw(node["request"], node["key"])  # same warnings
                    replacement = _placeholder(node)
                elif printed(self.env) and self.config.nnviz_latex_format == "tikz":
                    replacement = self._tikz(node)
                else:
                    replacement = self._image(node, pick_format(builder.supported_image_types))
            except NnvizError as error:
                message = guard_message(error.message)
                logger.warning(message, location=node, type="nnviz", subtype="render")
                replacement = _missing(node)
            except Exception as error:  # a bug must not stop the other diagrams
                message = internal_message(error)
                logger.warning(message, location=node, type="nnviz", subtype="internal")
                replacement = _missing(node)
            node.replace_self(replacement)

    def _inline(self, node: nodes.Element, seen: Counter[str]) -> nodes.raw:
        """The SVG in the page; a repeat of the same drawing (even one drawn for another
        canvas that came out alike) gets ids of its own."""
        drawn = host_for(self.env).draw(node["request"], node["key"])
        seen[drawn.root_id] += 1
        occurrence = seen[drawn.root_id]
        html = inline_svg(drawn.inline(occurrence), node, viewer=drawn.viewer_html(occurrence))
        raw = nodes.raw("", html, format="html")
        raw["nnviz"] = True  # a page with this loads the viewer (classes would wrap it in a div)
        return raw

    def _tikz(self, node: nodes.Element) -> nodes.Element:
        """The diagram as TikZ code input into the LaTeX document, drawn for the printed page;
        a target keeps the diagram's own name for references."""
        host = host_for(self.env)
        request = host.for_canvas(node["request"], "paper")
        drawn = host.draw(request)
        _warn_notes(drawn.notes, request, node)
        filed = host.file(request, drawn.key, "tikz")
        name = note_picture(self.env, filed.path)
        raw = nodes.raw("", tikz_input(name, node), format="latex")
        raw.source, raw.line = node.source, node.line
        if not node["ids"]:
            return raw
        target = nodes.target("", "", ids=list(node["ids"]), names=list(node["names"]))
        return nodes.container("", target, raw, classes=["nnviz"])

    def _image(self, node: nodes.Element, fmt: str) -> nodes.image:
        host = host_for(self.env)
        request, key = node["request"], node["key"]
        if printed(self.env):  # LaTeX: laid out for the printed page, and checked there
            request = host.for_canvas(request, "paper")
            drawn = host.draw(request)
            key = drawn.key
            _warn_notes(drawn.notes, request, node)
        filed = host.file(request, key, fmt)
        _warn_notes(filed.notes, request, node)  # a PNG drawn smaller than asked
        path = str(filed.path)
        self.env.images.add_file(self.env.docname, path)
        image = nodes.image(uri=path, candidates={FORMATS[fmt]: path}, alt=node["alt"])
        for name in ("width", "height", "scale", "align"):
            if name in node:
                image[name] = node[name]
        image["classes"] += ["nnviz", *node["classes"]]
        image["ids"], image["names"] = list(node["ids"]), list(node["names"])
        image.source, image.line = node.source, node.line
        return image
