"""Colours and TikZ styles of a figure, collected while it is drawn and written once at its top.

Every theme token a figure uses becomes a named colour (``cat.convolution.stroke`` →
``nnvizCatConvolutionStroke``) and every layer category a style (``nnviz/convolution``, with
``nnviz/convolution/top`` and ``/side`` for the lit faces of 3D blocks); items refer to them by
name, so an author restyles a whole category in one line. Both are *provided*, not defined: a
colour or style the document already has wins (``\\providecolor`` and the ``.provide style``
handler below), so a line in the preamble restyles every figure, and one edit at the top of a
file restyles that figure. Items with a role (``edge``, ``legend``, ``label``…) also take an
empty hook style ``nnviz/<role>``, applied last, for further tweaks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nnviz_core.backends._svg_items import num
from nnviz_core.backends._svg_paint import check_paint
from nnviz_core.ir.graph import CATEGORIES
from nnviz_core.scene import Circle, Path, Polygon, Rect
from nnviz_core.theme import ThemeMode, resolve

__all__ = ["PROVIDE_HANDLER", "PX", "Styles", "colour_name", "length", "style_name"]

Shape = Rect | Circle | Polygon | Path
#: One CSS pixel of the Scene in TeX's big points: the figure keeps the SVG's size.
PX = 0.75
#: ``key/.provide style={…}``: define a style unless the document defined it first.
PROVIDE_HANDLER = (
    r"\pgfkeys{/handlers/.provide style/.code={\pgfkeysifdefined{\pgfkeyscurrentpath/.@cmd}"
    r"{}{\edef\nnvizkey{\pgfkeyscurrentpath}\pgfkeys{\nnvizkey/.style={#1}}}}}"
)
_CATEGORY = re.compile(r"cat\.([a-z_]+)(?:\.(top|side|stroke))?")
_WORD = re.compile(r"[A-Za-z0-9]+")


def length(pixels: float) -> str:
    """A length of the Scene as a TeX dimension (``1.3`` px → ``0.98bp``)."""
    return f"{num(pixels * PX)}bp"


def colour_name(paint: str) -> str:
    """The LaTeX colour of a paint: ``nnvizCatDense`` for a token, ``nnvizHex1f77b4`` else."""
    if paint.startswith("#"):
        return "nnvizHex" + paint[1:]
    return "nnviz" + "".join(word[:1].upper() + word[1:] for word in _WORD.findall(paint))


def _category(paint: str | None) -> tuple[str, str] | None:
    """``(category, face)`` of a category token (face ``""``, ``top``, ``side``, ``stroke``)."""
    if paint is None:
        return None
    found = _CATEGORY.fullmatch(paint)
    if found is None or found.group(1) not in CATEGORIES:
        return None
    return found.group(1), found.group(2) or ""


@dataclass
class Styles:
    """The colours, category styles and role hooks a figure uses, in one theme mode."""

    mode: ThemeMode
    colours: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Colour name -> (paint, colour value)."""
    categories: dict[tuple[str, str], None] = field(default_factory=dict)
    roles: dict[str, None] = field(default_factory=dict)

    def colour(self, paint: str) -> str:
        """The colour name of ``paint`` (checked), recorded for the definitions."""
        paint = check_paint(paint)
        name = colour_name(paint)
        self.colours[name] = (paint, resolve(paint, self.mode))
        return name

    def role(self, role: str | None) -> list[str]:
        """The hook style of a role, as an option list (empty without a role)."""
        if role is None:
            return []
        self.roles[role] = None
        return [f"nnviz/{role}"]

    def shape(self, shape: Shape) -> list[str]:
        """The options that paint ``shape``: its category style, then what differs from it."""
        fill = shape.fill.paint if shape.fill else None
        stroke = shape.stroke.paint if shape.stroke else None
        found = _category(fill)
        if found is None or found[1] == "stroke":
            found = _category(stroke)
            found = (found[0], "") if found is not None and found[1] == "stroke" else None
        options = self._category(found, fill, stroke) if found else self._plain(fill, stroke)
        return options + self._lines(shape)

    def _category(self, found: tuple[str, str], fill: str | None, stroke: str | None) -> list[str]:
        category, face = found
        self.categories[(category, "")] = None  # a face's style starts from its category's
        self.categories[found] = None
        own_fill = f"cat.{category}" + (f".{face}" if face else "")
        own_stroke = f"cat.{category}.stroke"
        self.colour(f"cat.{category}")  # a face's colour may be defined from it
        self.colour(own_fill)
        self.colour(own_stroke)
        options = [style_name(category, face)]
        if fill != own_fill:
            options.append("fill=none" if fill is None else f"fill={self.colour(fill)}")
        if stroke != own_stroke:
            options.append("draw=none" if stroke is None else f"draw={self.colour(stroke)}")
        return options

    def _plain(self, fill: str | None, stroke: str | None) -> list[str]:
        options = [] if fill is None else [f"fill={self.colour(fill)}"]
        return options + ([] if stroke is None else [f"draw={self.colour(stroke)}"])

    @staticmethod
    def _lines(shape: Shape) -> list[str]:
        """Line width, dashes and opacities: per item, never part of a category's look."""
        options = []
        if shape.fill is not None and shape.fill.opacity != 1:
            options.append(f"fill opacity={num(shape.fill.opacity)}")
        stroke = shape.stroke
        if stroke is not None:
            options.append(f"line width={length(stroke.width)}")
            if stroke.dash:
                pattern = " ".join(
                    f"{'on' if index % 2 == 0 else 'off'} {length(part)}"
                    for index, part in enumerate(_even(stroke.dash))
                )
                options.append(f"dash pattern={pattern}")
            if stroke.opacity != 1:
                options.append(f"draw opacity={num(stroke.opacity)}")
        return options

    def definitions(self) -> list[str]:
        """The colour and style lines for the top of the figure, sorted (same bytes each run).

        A block face's colour that is its category's colour mixed with white or black is
        defined as that mix, so redefining the category's colour recolours its faces too.
        """
        lines = [self._colour_line(name, *self.colours[name]) for name in sorted(self.colours)]
        lines.append(PROVIDE_HANDLER)
        for category, face in sorted(self.categories):
            base = style_name(category)
            stroke = f"draw={colour_name(f'cat.{category}.stroke')}"
            body = f"fill={colour_name(f'cat.{category}')}, {stroke}"
            if face:  # a face is drawn like its category, in its own tone
                body = f"{base}, fill={colour_name(f'cat.{category}.{face}')}"
            lines.append(f"\\tikzset{{{style_name(category, face)}/.provide style={{{body}}}}}")
        hooks = sorted(self.roles)
        lines.extend(f"\\tikzset{{nnviz/{role}/.provide style={{}}}}" for role in hooks)
        return lines

    def _colour_line(self, name: str, paint: str, value: str) -> str:
        found = _category(paint)
        if found is not None and found[1] in ("top", "side"):
            base = f"cat.{found[0]}"
            mixed = _mix_of(value, resolve(base, self.mode))
            if mixed is not None:
                share, other = mixed
                test = f"\\ifcsname\\string\\color@{name}\\endcsname\\else"
                return f"{test}\\colorlet{{{name}}}{{{colour_name(base)}!{share}!{other}}}\\fi"
        return f"\\providecolor{{{name}}}{{HTML}}{{{value[1:].upper()}}}"


def style_name(category: str, face: str = "") -> str:
    """``nnviz/convolution``, or ``nnviz/convolution/top`` for a lit face of a block."""
    return f"nnviz/{category}" + (f"/{face}" if face else "")


def _even(dash: tuple[float, ...]) -> tuple[float, ...]:
    """An SVG dash array of odd length repeats once to become on/off pairs, as SVG reads it."""
    return dash * 2 if len(dash) % 2 else dash


def _mix_of(colour: str, base: str) -> tuple[int, str] | None:
    """``(percent, "white" | "black")`` when ``colour`` is ``base!percent!other`` in xcolor's
    terms (the closest mix, to within one unit per channel), else ``None``."""
    channels = [(int(base[i : i + 2], 16), int(colour[i : i + 2], 16)) for i in (1, 3, 5)]
    best: tuple[float, int, str] | None = None
    for other, end in (("white", 255), ("black", 0)):
        for percent in range(1, 100):
            share = percent / 100
            error = max(abs(b * share + end * (1 - share) - c) for b, c in channels)
            if best is None or error < best[0]:
                best = (error, percent, other)
    if best is None or best[0] > 1:
        return None
    return best[1], best[2]
