"""The SVG backend: a Scene as a self-contained, theme-aware, deterministic SVG document.

Safe to inline in any page: every text run and attribute is escaped, there is no script, event
attribute or external reference, and every id and CSS rule is scoped by a hash of the content, so
two diagrams on one page never collide. Numbers are written with at most two decimals, so the
same scene and options always give the same bytes.

Colours and the font come from the theme ``RenderOptions.theme`` names (see
:mod:`nnviz_core.theming`): ``mode`` ``light`` and ``dark`` fix them, ``auto`` follows the
reader's system and the page's own light/dark switch (see :mod:`nnviz_core.themes`). The font is
named, not embedded: a font file would outweigh most diagrams, and the PNG/PDF converter finds
the same font through fontconfig.
"""

from __future__ import annotations

import hashlib

from nnviz_core.backends._svg_items import attributes, draw, num, tag, text_content
from nnviz_core.backends._svg_paint import Painter
from nnviz_core.options import RenderOptions
from nnviz_core.scene import Fill, Rect, Scene
from nnviz_core.theme import Theme, fixed_mode, using
from nnviz_core.theming import Mode, chosen, dressed

__all__ = ["BACKEND", "DEFAULT_TITLE", "SvgBackend", "render_svg"]

#: The accessible name of a scene that has no title.
DEFAULT_TITLE = "Neural network diagram"
_HASH_LENGTH = 12


def render_svg(scene: Scene, options: RenderOptions, *, themed: bool = True) -> str:
    """The SVG text of ``scene``.

    ``themed=False`` writes plain colours of one theme (``auto`` counts as light) and no style
    sheet: the form PNG and PDF conversion reads, since converters ignore CSS custom properties.
    """
    theme, mode = chosen(options.theme, options.mode)
    with using(theme):
        return _document(dressed(scene, theme), options, theme, mode, themed)


def _document(scene: Scene, options: RenderOptions, theme: Theme, mode: Mode, themed: bool) -> str:
    painter = Painter(fixed_mode(mode), themed, theme)
    items = list(scene.items)
    if options.background == "solid":
        items.insert(0, Rect(0, 0, scene.width, scene.height, fill=Fill("bg"), role="background"))
    body = [draw(item, painter) for item in items]
    title = scene.title or DEFAULT_TITLE
    mark = [theme.digest] if theme.digest else []  # the default theme's key is as it always was
    key = "\0".join([*body, title, scene.description, mode, str(themed), *mark])
    scope = (
        "nnviz-" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:_HASH_LENGTH]
    )
    head = [tag("title", [("id", f"{scope}-title")], text_content(title))]
    if scene.description:
        head.append(tag("desc", [("id", f"{scope}-desc")], text_content(scene.description)))
    if themed:
        head.append(tag("style", [], "\n" + painter.css(f".{scope}", mode, theme.fonts.stack)))
    # One join: the document is megabytes for a large network, so each extra copy shows.
    root = f"<svg{attributes(_root(scene, mode, scope, theme.fonts.stack))}>"
    return "\n".join([root, *head, *body, "</svg>", ""])


def _root(scene: Scene, mode: Mode, scope: str, font_stack: str) -> list[tuple[str, str]]:
    """Attributes of the ``<svg>`` element: size, scope classes, accessible name, font."""
    labels = f"{scope}-title" + (f" {scope}-desc" if scene.description else "")
    width, height = num(scene.width), num(scene.height)
    return [
        ("xmlns", "http://www.w3.org/2000/svg"),
        ("width", width),
        ("height", height),
        ("viewBox", f"0 0 {width} {height}"),
        ("id", scope),
        ("class", f"nnviz {scope} nnviz-{mode}"),
        ("role", "img"),
        ("aria-labelledby", labels),
        ("font-family", font_stack),
    ]


class SvgBackend:
    """Writes SVG (the native format; PNG and PDF are converted from it)."""

    name = "svg"
    suffix = ".svg"
    media_type = "image/svg+xml"

    def render(self, scene: Scene, options: RenderOptions) -> bytes:
        return render_svg(scene, options).encode("utf-8")


BACKEND = SvgBackend()
