"""The HTML a fence becomes: the inline SVG in a figure, or a visible error box.

One block element per fence (a ``<figure>`` when there is a caption, a ``<div>`` otherwise), so
``pymdownx.blocks.caption`` and lightbox plugins can wrap it. The SVG is inlined: no files, no
relative-path breakage across ``use_directory_urls``, and theme colours follow the page's CSS.
"""

from __future__ import annotations

from html import escape

from nnviz_core.hosting import Figure, without_prolog


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
