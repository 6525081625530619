"""Text measurement with the metrics of the font the diagrams are drawn in.

The SVG names DejaVu Sans first (then Verdana, which has nearly the same widths), and the PNG/PDF
converter and PowerPoint export use it too, so widths measured here are the widths drawn. Kerning
only narrows text, so these widths are a safe upper bound.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache, lru_cache
from importlib import resources
from typing import Literal

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


@cache
def _table() -> dict[str, _EmWidths]:
    raw = json.loads(resources.files("nnviz_core").joinpath("fonts/dejavu-sans.json").read_text())
    units = float(raw["units_per_em"])
    return {
        weight: _EmWidths({chr(int(code)): width / units for code, width in raw[weight].items()})
        for weight in ("normal", "bold")
    }


@lru_cache(maxsize=16384)
def text_width(text: str, size: float, weight: Weight = "normal") -> float:
    """Width in pixels of one line of ``text`` at ``size`` pixels.

    Memoised: labels, keys and shapes repeat across a network's layers and every style and
    backend measures them.
    """
    return sum(map(_table()[weight].__getitem__, text)) * size


def line_height(size: float) -> float:
    """Distance between baselines of consecutive lines."""
    return size * 1.25
