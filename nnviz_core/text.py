"""Text measurement with the metrics of the font the diagrams are drawn in.

The default theme names DejaVu Sans first (then Verdana, which has nearly the same widths),
measured from a bundled table; a theme naming another font is measured from that font's own
files (:mod:`nnviz_core.theming.fonts`). The SVG names the font the active theme measured with,
and the PNG/PDF converter and PowerPoint export use it too, so widths measured here are the
widths drawn. Kerning only narrows text, so these widths are a safe upper bound. Vertical
metrics stay DejaVu Sans's: rows leave room for any text font's ascent and descent.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache, lru_cache
from importlib import resources
from typing import Literal

from nnviz_core.theme import active

#: The CSS font stack every backend names; the first entry is the one measured here.
FONT_FAMILY = "DejaVu Sans"
FONT_STACK = "'DejaVu Sans', Verdana, 'Bitstream Vera Sans', sans-serif"

#: Vertical metrics of DejaVu Sans as fractions of the font size.
ASCENT = 0.928
DESCENT = 0.236
#: Superscripts and subscripts are drawn at this fraction of the size.
SCRIPT_SCALE = 0.7
#: How far a superscript's baseline rises and a subscript's drops, as fractions of the size.
SUPER_SHIFT = 0.36
SUB_SHIFT = 0.18

Weight = Literal["normal", "bold"]


class _EmWidths(dict[str, float]):
    """Advance widths in em by character; one the font lacks gets an estimate instead."""

    def __missing__(self, char: str) -> float:
        if unicodedata.combining(char):
            return 0.0
        if unicodedata.east_asian_width(char) in ("W", "F"):
            return 1.0
        return self["M"]


def font_stack() -> str:
    """The CSS font stack of the active theme (:data:`FONT_STACK` for the default)."""
    return active().fonts.stack


def font_family() -> str:
    """The first font of the active theme's stack: the one measured, named in PowerPoint."""
    return active().fonts.family


def office_face(weight: Weight) -> tuple[str, bool]:
    """The typeface PowerPoint names for text of ``weight`` in the active theme, and whether it
    is set bold: a semibold or light face is a family of its own there."""
    fonts = active().fonts
    if fonts.files is None:
        return fonts.family, weight == "bold"
    from nnviz_core.theming.fonts import office_face as face

    return face(fonts.files[weight == "bold"])


def css_weight(weight: Weight) -> int:
    """The CSS weight of text of ``weight`` in the active theme (400 and 700 by default)."""
    return active().fonts.weights[weight == "bold"]


@cache
def _table(files: tuple[str, str] | None) -> dict[str, _EmWidths]:
    """Widths in em by weight: the bundled DejaVu Sans table, or read from a regular and a bold
    font file."""
    if files is not None:
        from nnviz_core.theming.fonts import em_widths

        return {
            weight: _EmWidths(em_widths(path))
            for weight, path in zip(("normal", "bold"), files, strict=True)
        }
    raw = json.loads(resources.files("nnviz_core").joinpath("fonts/dejavu-sans.json").read_text())
    units = float(raw["units_per_em"])
    return {
        weight: _EmWidths({chr(int(code)): width / units for code, width in raw[weight].items()})
        for weight in ("normal", "bold")
    }


def text_width(text: str, size: float, weight: Weight = "normal") -> float:
    """Width in pixels of one line of ``text`` at ``size`` pixels, in the active theme's font."""
    return _width(active().fonts.files, text, size, weight)


@lru_cache(maxsize=16384)
def _width(files: tuple[str, str] | None, text: str, size: float, weight: Weight) -> float:
    """Memoised: labels, keys and shapes repeat across a network's layers and every style and
    backend measures them."""
    return sum(map(_table(files)[weight].__getitem__, text)) * size


def line_height(size: float) -> float:
    """Distance between baselines of consecutive lines."""
    return size * 1.25
