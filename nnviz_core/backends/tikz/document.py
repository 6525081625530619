"""A Scene as a TikZ picture: the ``\\input``-able body, and the standalone document around it.

The body is one group (nothing it defines leaks into the document): the colours and styles it
uses (see :mod:`.styles`), then a ``tikzpicture`` exactly the Scene's size with every item in
drawing order, then one invisible node per layer, named after its id, around the layer's shapes,
so an author can point at ``(conv1.north)``. Every line outside the picture ends with ``%`` so
the body adds no stray space where it is input. Same scene and options, same bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nnviz_core.backends._geometry import outline_points
from nnviz_core.backends._svg_items import num
from nnviz_core.backends.tikz.escape import BB_MACRO, GLYPH_MACRO
from nnviz_core.backends.tikz.items import draw_shape, point, unit
from nnviz_core.backends.tikz.styles import Styles, length
from nnviz_core.options import RenderOptions
from nnviz_core.scene import (
    Circle,
    Fill,
    Group,
    Image,
    Item,
    Path,
    Polygon,
    Rect,
    Scene,
    Text,
    placed,
)
from nnviz_core.theme import ThemeMode, fixed_mode, using
from nnviz_core.theming import chosen, dressed

__all__ = ["render_body", "render_document"]

Box = tuple[float, float, float, float]
_NAME = re.compile(r"[^A-Za-z0-9_-]+")
_INPUT = "% \\input this file where the figure goes (the preamble needs \\usepackage{tikz})."
_COMPILE = "% Compile with lualatex or pdflatex (-o NAME.tikz writes the picture alone)."
_USAGE = [
    "% Restyle a whole category in the preamble, e.g.",
    "%   \\tikzset{nnviz/convolution/.style={fill=yellow!25, draw=orange!80!black}}",
    "% or one colour: \\definecolor{nnvizCatConvolution}{HTML}{FFE8A3}. Each layer is a",
    "% named node (its id), for annotations: \\draw (conv1.north) -- ++(0,1);",
]


def _comment(text: str) -> str:
    """Author text on a comment line: one line, printable characters only."""
    return "".join(char if char.isprintable() else " " for char in text)


def _box(item: Item) -> Box | None:
    """The box of a shape's geometry (texts and groups: ``None``)."""
    if isinstance(item, Rect | Image):
        return item.x, item.y, item.x + item.width, item.y + item.height
    if isinstance(item, Circle):
        return item.cx - item.r, item.cy - item.r, item.cx + item.r, item.cy + item.r
    points = []
    if isinstance(item, Polygon):
        points = list(item.points)
    elif isinstance(item, Path):
        points = outline_points(item.segments)
    if not points:
        return None
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return min(xs), min(ys), max(xs), max(ys)


@dataclass
class _Layers:
    """The box of each layer's shapes, by node name, in order of first appearance."""

    boxes: dict[str, Box] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)

    def name(self, layer: str) -> str:
        """A TikZ node name for a layer id: unique, without ``.``, ``,``, ``(``, spaces…"""
        found = self.names.get(layer)
        if found is None:
            base = _NAME.sub("-", layer).strip("-") or "layer"
            found, count = base, 1
            while found in self.boxes:
                count += 1
                found = f"{base}-{count}"
            self.names[layer] = found
            self.boxes[found] = (float("inf"), float("inf"), float("-inf"), float("-inf"))
        return found

    def add(self, layer: str, box: Box) -> None:
        name = self.name(layer)
        old = self.boxes[name]
        self.boxes[name] = (
            min(old[0], box[0]),
            min(old[1], box[1]),
            max(old[2], box[2]),
            max(old[3], box[3]),
        )

    def nodes(self) -> list[str]:
        lines = []
        for name, (left, top, right, bottom) in self.boxes.items():
            if left > right:  # a layer of text only
                continue
            size = f"minimum width={length(right - left)}, minimum height={length(bottom - top)}"
            centre = point(((left + right) / 2, (top + bottom) / 2))
            lines.append(f"\\node[{size}] ({name}) at {centre} {{}};")
        return lines


def _draw(item: Item, styles: Styles, layers: _Layers, layer: str | None, out: list[str]) -> None:
    """Append the commands of ``item`` (already placed); shapes of a layer grow its box."""
    if isinstance(item, Group):
        owner = item.layer or layer
        if item.layer:
            label = f" ({_comment(item.name)})" if item.name and item.name != item.layer else ""
            out.append(f"% layer {_comment(item.layer)}{label}")
        for child in item.items:
            _draw(child, styles, layers, owner, out)
        return
    out.extend(draw_shape(item, styles))
    owner = item.layer or layer
    box = None if isinstance(item, Text) or item.role == "edge" else _box(item)
    if owner and box is not None:
        layers.add(owner, box)


def render_body(scene: Scene, options: RenderOptions, *, standalone: bool = False) -> str:
    """The figure as a group holding its definitions and its ``tikzpicture``; ``standalone``
    says in its comments that it sits in a document of its own.

    The theme's colours name the ``\\providecolor`` defaults and its line widths, corners and
    hatches are drawn (its font is not: text is set in the document's own).
    """
    theme, mode = chosen(options.theme, options.mode)
    with using(theme):
        return _body(dressed(scene, theme), options, fixed_mode(mode), standalone)


def _body(scene: Scene, options: RenderOptions, mode: ThemeMode, standalone: bool) -> str:
    styles = Styles(mode)
    items: list[Item] = list(placed(scene.items))
    if options.background == "solid":
        items.insert(0, Rect(0, 0, scene.width, scene.height, fill=Fill("bg"), role="background"))
    layers = _Layers()
    drawing: list[str] = []
    for item in items:
        _draw(item, styles, layers, None, drawing)
    picture = f"[{unit()}, inner sep=0pt, outer sep=0pt, {styles.role('picture')[0]}]"
    corner = f"({num(scene.width)},{num(scene.height)})"
    head = [f"% {_comment(scene.title)} (drawn by nnviz)" if scene.title else "% drawn by nnviz"]
    head += [_COMPILE if standalone else _INPUT, *_USAGE]
    macros = [macro for macro in (GLYPH_MACRO, BB_MACRO) if _uses(drawing, macro)]
    setup = [f"{line}%" for line in ("\\begingroup", *styles.definitions(), *macros)]
    return "\n".join(
        [
            *head,
            *setup,
            f"\\begin{{tikzpicture}}{picture}",
            f"\\path[use as bounding box] (0,0) rectangle {corner};",
            *drawing,
            *layers.nodes(),
            "\\end{tikzpicture}%",
            "\\endgroup",
            "",
        ]
    )


def _uses(lines: list[str], macro: str) -> bool:
    name = macro.split("[", 1)[0].removeprefix("\\providecommand")
    return any(name in line for line in lines)


_PREAMBLE = [
    "\\documentclass{standalone}",
    "% Latin Modern at any size, text and maths; T1 for pdflatex (Unicode engines have TU).",
    "\\ifdefined\\Umathcode\\else\\usepackage[T1]{fontenc}\\fi",
    "\\usepackage{lmodern}",
    "\\usepackage{amssymb}",
    "\\usepackage{tikz}",
    "\\begin{document}",
]


def render_document(scene: Scene, options: RenderOptions) -> str:
    """A standalone LaTeX document of the figure: ``lualatex net.tex`` gives a PDF of its size."""
    body = render_body(scene, options, standalone=True)
    return "\n".join([*_PREAMBLE, body + "\\end{document}", ""])
