"""The HTML a fence becomes: the inline SVG in a figure, or a visible error box.

One block element per fence (a ``<figure>`` when there is a caption, a ``<div>`` otherwise), so
``pymdownx.blocks.caption`` and lightbox plugins can wrap it. The SVG is inlined: no files, no
relative-path breakage across ``use_directory_urls``, and theme colours follow the page's CSS.
"""

from __future__ import annotations

import re
from html import escape

from mkdocs_nnviz.attributes import Figure


def figure_html(svg: str, figure: Figure, style: str) -> str:
    """The diagram as one block element, with its caption, anchor, alignment and width.

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
        "</div>",
    ]
    if figure.caption:
        parts.append(f"<figcaption>{escape(figure.caption)}</figcaption>")
    parts.append(f"</{tag}>")
    return "\n".join(parts)


_PROLOG = re.compile(r"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!DOCTYPE[^>]*>\s*)?", re.IGNORECASE)


def inline_svg(svg: str) -> str:
    """An SVG document as an HTML element: without the XML declaration and doctype."""
    return _PROLOG.sub("", svg).strip()


_ID = re.compile(r'\bid="([^"]+)"')
_ARIA_LIST = re.compile(r'\b(aria-(?:labelledby|describedby))="([^"]*)"')


def first_id(svg: str) -> str:
    """The id of the SVG's root element (a content hash), or an empty string."""
    match = _ID.search(svg)
    return match.group(1) if match else ""


def renumbered(svg: str, occurrence: int) -> str:
    """A second (third, …) copy of one diagram on a page, with ids of its own.

    Ids, ``#id`` references and ARIA id lists get a ``-N`` suffix; class names, which the SVG's
    own style rules target, stay as they are.
    """
    ids = set(_ID.findall(svg))
    if occurrence < 2 or not ids:
        return svg
    names = "|".join(re.escape(name) for name in sorted(ids, key=len, reverse=True))
    suffix = f"-{occurrence}"
    svg = re.sub(rf'(?<=\bid=")(?:{names})(?=")|(?<=#)(?:{names})(?![\w-])', rf"\g<0>{suffix}", svg)

    def relabel(match: re.Match[str]) -> str:
        tokens = [token + suffix if token in ids else token for token in match.group(2).split()]
        return f'{match.group(1)}="{" ".join(tokens)}"'

    return _ARIA_LIST.sub(relabel, svg)


def error_html(message: str) -> str:
    """A box in place of the diagram that says what went wrong and where."""
    return (
        '<div class="nnviz-figure nnviz-error" role="alert">'
        '<p class="nnviz-error-title">nnviz could not draw this diagram</p>'
        f"<pre>{escape(message)}</pre></div>"
    )
