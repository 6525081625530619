"""A small panel of real activations at the foot of a graph card (``activations: true``).

Feature maps as a row of small equal tiles (wrapping inside the card), a dense layer as one
strip of its units across the card, the input as its picture; channels not drawn are counted
("+ 58 more"). The card grows by the panel's height before Graphviz places it, so the engine
leaves room for it.
"""

from __future__ import annotations

import math
from dataclasses import replace

from nnviz_core.activations import LayerPictures, Pictures
from nnviz_core.scene import Image, Item, Stroke, Text, span
from nnviz_core.styles.graph.cards import BODY_PAD, HEADER_HEIGHT, PAD_X, Card, paints

__all__ = ["panel_items", "with_panel", "with_panel_of"]

TILE = 26.0
GAP = 3.0
STRIP = 12.0
MORE_SIZE = 10.0
BORDER = 0.7


def _per_row(card: Card) -> int:
    return max(1, int((card.width - 2 * PAD_X + GAP) // (TILE + GAP)))


def _height(card: Card, pictures: LayerPictures) -> float:
    if pictures.kind == "vector":
        return STRIP + BODY_PAD
    rows = math.ceil(len(pictures.tiles) / _per_row(card))
    more = MORE_SIZE + 4 if pictures.more > 0 else 0.0
    return rows * TILE + (rows - 1) * GAP + more + BODY_PAD


def with_panel(card: Card, found: Pictures | None) -> Card:
    """The card grown to hold its layer's pictures (unchanged without any, or for a circle)."""
    pictures = found.of(card.node.id) if found is not None else None
    return card if pictures is None else with_panel_of(card, pictures)


def with_panel_of(card: Card, pictures: LayerPictures) -> Card:
    """The card grown to hold ``pictures``."""
    if not pictures.tiles or card.content.symbol is not None:
        return card
    body = card.height if card.content.rows else HEADER_HEIGHT + BODY_PAD
    return replace(card, panel=pictures, height=float(math.ceil(body + _height(card, pictures))))


def panel_items(card: Card) -> list[Item]:
    """The panel's pictures in the card's coordinates, under its rows."""
    pictures = card.panel
    if pictures is None:
        return []
    pen = Stroke(paints(card.node)[1], BORDER)
    top = card.height - _height(card, pictures)
    if pictures.kind == "vector" and pictures.across is not None:
        tile = pictures.across
        width = card.width - 2 * PAD_X
        text = tile.tip("vector")
        return [Image(PAD_X, top, width, STRIP, tile.png, text, stroke=pen, layer=card.node.id)]
    per_row = _per_row(card)
    items: list[Item] = []
    for index, tile in enumerate(pictures.tiles):
        x = PAD_X + (index % per_row) * (TILE + GAP)
        y = top + (index // per_row) * (TILE + GAP)
        text = tile.tip(pictures.kind)
        items.append(Image(x, y, TILE, TILE, tile.png, text, stroke=pen, layer=card.node.id))
    if pictures.more > 0:
        rows = math.ceil(len(pictures.tiles) / per_row)
        baseline = top + rows * TILE + (rows - 1) * GAP + MORE_SIZE + 1
        more = (span(f"+ {pictures.more} more"),)
        items.append(Text(PAD_X, baseline, more, MORE_SIZE, "start", "muted"))
    return items
