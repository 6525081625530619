"""A small panel of real activations at the foot of a graph card (``activations: true``).

Feature maps as a row of small equal tiles (wrapping inside the card), a dense layer as one
strip of its units across the card, the input as its picture; channels not drawn are counted
("+ 58 more"). :mod:`.cards` grows a card by :func:`height` before Graphviz places it, so the
engine leaves room for the panel, and draws :func:`items` in it.
"""

from __future__ import annotations

import math

from nnviz_core.activations import LayerPictures
from nnviz_core.scene import Image, Item, Stroke, Text, span

__all__ = ["height", "items"]

TILE = 26.0
GAP = 3.0
STRIP = 12.0
MORE_SIZE = 10.0
BORDER = 0.7
#: Room under the panel, above the card's bottom edge.
FOOT = 5.0


def _per_row(width: float, pad: float) -> int:
    return max(1, int((width - 2 * pad + GAP) // (TILE + GAP)))


def _grid_height(count: int, per_row: int) -> float:
    rows = math.ceil(count / per_row)
    return rows * TILE + (rows - 1) * GAP


def height(pictures: LayerPictures, width: float, pad: float) -> float:
    """The panel's height in a card ``width`` wide with ``pad`` on either side."""
    if pictures.kind == "vector":
        return STRIP + FOOT
    more = MORE_SIZE + 4 if pictures.more > 0 else 0.0
    return _grid_height(len(pictures.tiles), _per_row(width, pad)) + more + FOOT


def items(
    pictures: LayerPictures, width: float, top: float, pad: float, paint: str, layer: str
) -> list[Item]:
    """The panel's pictures, its top-left at (``pad``, ``top``) in the card's coordinates."""
    pen = Stroke(paint, BORDER)
    if pictures.kind == "vector" and pictures.across is not None:
        tile = pictures.across
        tip = tile.tip("vector")
        return [Image(pad, top, width - 2 * pad, STRIP, tile.png, tip, stroke=pen, layer=layer)]
    per_row = _per_row(width, pad)
    drawn: list[Item] = []
    for index, tile in enumerate(pictures.tiles):
        x = pad + (index % per_row) * (TILE + GAP)
        y = top + (index // per_row) * (TILE + GAP)
        tip = tile.tip(pictures.kind)
        drawn.append(Image(x, y, TILE, TILE, tile.png, tip, stroke=pen, layer=layer))
    if pictures.more > 0:
        baseline = top + _grid_height(len(pictures.tiles), per_row) + MORE_SIZE + 1
        more = (span(f"+ {pictures.more} more"),)
        drawn.append(Text(pad, baseline, more, MORE_SIZE, "start", "muted"))
    return drawn
