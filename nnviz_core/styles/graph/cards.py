"""Node cards: measured with our font metrics, drawn as Scene items in their own coordinates.

A card is a rounded box with a header band in its category colour (type in bold, name beside it)
over a white body of aligned key/value rows. Sizes are whole pixels so Graphviz, which receives
them as fixed node sizes, places exactly the boxes we draw.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from nnviz_core.activations import LayerPictures, Pictures
from nnviz_core.ir import Node
from nnviz_core.scene import (
    Circle,
    Close,
    CurveTo,
    Fill,
    Group,
    Item,
    LineTo,
    MoveTo,
    Path,
    Point,
    Rect,
    Stroke,
    Text,
    span,
)
from nnviz_core.styles._common import GROUP_OPS, node_paint
from nnviz_core.styles.graph import panel
from nnviz_core.styles.graph.labels import SHAPE_ARROW, CardContent, Row
from nnviz_core.text import text_width

TITLE_SIZE = 12.5
SUBTITLE_SIZE = 11.0
KEY_SIZE = 11.0
VALUE_SIZE = 11.0
SYMBOL_SIZE = 15.0
PAD_X = 10.0
HEADER_HEIGHT = 24.0
ROW_HEIGHT = 16.0
BODY_PAD = 5.0
KEY_GAP = 8.0
TITLE_GAP = 7.0
MIN_WIDTH = 110.0
RADIUS = 6.0
MIN_CIRCLE = 30.0
_KAPPA = 0.5523


@dataclass(frozen=True)
class Card:
    """A node's content with its measured size (whole pixels) and key column width."""

    node: Node
    content: CardContent
    width: float
    height: float
    key_width: float
    #: Real activations drawn at the card's foot (:mod:`.panel`), already in ``height``.
    panel: LayerPictures | None = None


def measure(node: Node, content: CardContent) -> Card:
    """The smallest tidy card that holds every line of ``content``.

    Plain loops and comparisons rather than ``max``: every card of a large graph is measured
    before the engine can start.
    """
    if content.symbol is not None:
        side = max(MIN_CIRCLE, text_width(content.symbol, SYMBOL_SIZE, "bold") + 14)
        side = float(math.ceil(side))
        return Card(node, content, side, side, 0.0)
    header = text_width(content.title, TITLE_SIZE, "bold")
    if content.subtitle:
        header += TITLE_GAP + text_width(content.subtitle, SUBTITLE_SIZE)
    rows = content.rows
    key_width = 0.0
    for row in rows:
        if row.key and (width := text_width(row.key, KEY_SIZE)) > key_width:
            key_width = width
    indent = key_width + KEY_GAP
    body = 0.0
    for row in rows:  # the widest row: its value, after the key column when it has a key
        width = text_width(row.value, VALUE_SIZE) + (indent if row.key else 0.0)
        if width > body:
            body = width
    width = max(MIN_WIDTH, header + 2 * PAD_X, body + 2 * PAD_X)
    height = HEADER_HEIGHT + (2 * BODY_PAD + ROW_HEIGHT * len(rows) if rows else 0.0)
    return Card(node, content, float(math.ceil(width)), float(math.ceil(height)), key_width)


#: Rows whose values read as themselves (``3×32×32 → 16×32×32``, ``64 filters, 3×3``): a
#: compact card drops their key; other rows keep theirs inline (``params 2,320 · 15.8%``).
PLAIN_ROWS = frozenset({"shape", "args"})


def compact(card: Card) -> Card:
    """The card without its key column, for a layout too wide (or too tall to fold) for its
    canvas: shapes and arguments alone, every other row with its key inline."""
    rows = card.content.rows
    if not any(row.key for row in rows):
        return card
    inline = tuple(
        row._replace(key="", value=row.value if row.key in PLAIN_ROWS else f"{row.key} {row.value}")
        if row.key
        else row
        for row in rows
    )
    return _keep_panel(card, measure(card.node, replace(card.content, rows=inline)))


#: Rows a terse card keeps: what flows through the layer and what it applies to it.
TERSE_ROWS = frozenset({"shape", "activation", "in place"})


def terse(card: Card) -> Card:
    """The card with only its :data:`TERSE_ROWS`, compact, and its output shape alone: for a
    slide or page whose box shrinks even compact cards below the text floor (arguments,
    parameter counts, dtypes and notes are what a reader of a small figure misses least, and
    a layer's input shape is the output its producer's card shows)."""
    rows = _terse_rows(card)
    if rows == card.content.rows:
        return compact(card)
    return compact(_keep_panel(card, measure(card.node, replace(card.content, rows=rows))))


def one_row(card: Card) -> Card:
    """The terse card's rows on one line ("14×14×512 · relu"), for a box where even terse
    cards stack too tall: an activation or in-place layer reads as itself after the shape."""
    rows = _terse_rows(card)
    if len(rows) < 2:
        return terse(card)
    joined = Row("", " · ".join(row.value for row in rows))
    return _keep_panel(card, measure(card.node, replace(card.content, rows=(joined,))))


def _terse_rows(card: Card) -> tuple[Row, ...]:
    """The card's :data:`TERSE_ROWS`, the shape row with the output shape alone."""
    return tuple(
        row._replace(value=row.value.rpartition(SHAPE_ARROW)[2]) if row.key == "shape" else row
        for row in card.content.rows
        if row.key in TERSE_ROWS
    )


# Immutable, so one of each serves every card of a scene.
_CARD_FILL = Fill("card")
_CLOSE = Close()


def _outline(paint: str, dash: tuple[float, ...]) -> Stroke:
    return Stroke(paint, 1.2, dash=dash)


def _rounded_top(width: float, height: float, fill: str) -> Path:
    """A band whose top corners are rounded (the header above the body rows), at the origin."""
    r = RADIUS
    k = r * _KAPPA
    return Path(
        (
            MoveTo((0.0, height)),
            LineTo((0.0, r)),
            CurveTo((0.0, r - k), (r - k, 0.0), (r, 0.0)),
            LineTo((width - r, 0.0)),
            CurveTo((width - r + k, 0.0), (width, r - k), (width, r)),
            LineTo((width, height)),
            _CLOSE,
        ),
        fill=Fill(fill),
    )


def _ink_on(paint: str) -> str:
    """Readable text on an author's literal colour; theme tokens already pair with ``fg``."""
    if not paint.startswith("#") or len(paint) != 7:
        return "fg"
    red, green, blue = (int(paint[i : i + 2], 16) / 255 for i in (1, 3, 5))
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return "#1f2328" if luminance > 0.5 else "#ffffff"


def _header(card: Card, fill: str) -> list[Item]:
    content = card.content
    band: Item = (
        _rounded_top(card.width, HEADER_HEIGHT, fill)
        if content.rows
        else Rect(0.0, 0.0, card.width, card.height, radius=RADIUS, fill=Fill(fill))
    )
    ink = _ink_on(fill)
    baseline = HEADER_HEIGHT / 2 + TITLE_SIZE * 0.35
    title = Text(PAD_X, baseline, (span(content.title, "bold"),), TITLE_SIZE, "start", ink)
    if not content.subtitle:
        return [band, title]
    left = PAD_X + text_width(content.title, TITLE_SIZE, "bold") + TITLE_GAP
    paint = "muted" if ink == "fg" else ink
    subtitle = Text(left, baseline, (span(content.subtitle),), SUBTITLE_SIZE, "start", paint)
    return [band, title, subtitle]


def _rows(card: Card) -> list[Item]:
    items: list[Item] = []
    top = HEADER_HEIGHT + BODY_PAD
    value_x = PAD_X + card.key_width + KEY_GAP
    for index, row in enumerate(card.content.rows):
        baseline = top + index * ROW_HEIGHT + ROW_HEIGHT / 2 + VALUE_SIZE * 0.35
        if row.key:
            items.append(Text(PAD_X, baseline, (span(row.key),), KEY_SIZE, "start", "muted"))
        left = value_x if row.key else PAD_X
        value = (span(row.value, "normal", row.italic),)
        items.append(Text(left, baseline, value, VALUE_SIZE, "start", row.paint))
    return items


def _circle(card: Card, fill: str, stroke: str) -> list[Item]:
    centre = card.width / 2
    return [
        Circle(centre, centre, centre, fill=Fill(fill), stroke=_outline(stroke, ())),
        Text(
            centre,
            centre + SYMBOL_SIZE * 0.35,
            (span(card.content.symbol or "", "bold"),),
            size=SYMBOL_SIZE,
            paint=_ink_on(fill),
        ),
    ]


def paints(node: Node) -> tuple[str, str, tuple[float, ...]]:
    """Header fill, outline and dash: the category's, the author's, or a collapsed group's."""
    if node.op in GROUP_OPS and not node.display.color:
        return "group.fill", "group.stroke", (4.0, 3.0)
    fill, stroke = node_paint(node)
    return fill, stroke, ()


def draw(card: Card) -> Group:
    """The card in its own coordinates (top-left corner at the origin), as one named group
    tagged with the layer id; :func:`placed` moves it to where the engine put the node."""
    fill, stroke, dash = paints(card.node)
    if card.content.symbol is not None:
        items = _circle(card, fill, stroke)
    else:
        items = [
            Rect(0.0, 0.0, card.width, card.height, radius=RADIUS, fill=_CARD_FILL),
            *_header(card, fill),
            *_rows(card),
            *_panel(card),
            Rect(0.0, 0.0, card.width, card.height, radius=RADIUS, stroke=_outline(stroke, dash)),
        ]
    label = card.node.display.label or card.node.name
    return Group(tuple(items), name=label, role="layer", layer=card.node.id)


def _panel(card: Card) -> list[Item]:
    if card.panel is None:
        return []
    top = card.height - panel.height(card.panel, card.width, PAD_X)
    return panel.items(card.panel, card.width, top, PAD_X, paints(card.node)[1], card.node.id)


def with_panel(card: Card, found: Pictures | None) -> Card:
    """The card grown to hold its layer's real activations (:mod:`.panel`), if it has any
    (a circle card has no room for them)."""
    pictures = found.of(card.node.id) if found is not None else None
    if pictures is None or not pictures.tiles or card.content.symbol is not None:
        return card
    body = card.height if card.content.rows else HEADER_HEIGHT + BODY_PAD
    grown = body + panel.height(pictures, card.width, PAD_X)
    return replace(card, panel=pictures, height=float(math.ceil(grown)))


def _keep_panel(card: Card, smaller: Card) -> Card:
    """``smaller`` (fewer rows) with ``card``'s activation panel, if it has one."""
    if card.panel is None:
        return smaller
    return with_panel(smaller, Pictures({card.node.id: card.panel}))


def placed(drawn: Group, card: Card, center: Point) -> Group:
    """The drawn card moved so that its centre is ``center`` (its items are shared)."""
    offset = (center[0] - card.width / 2, center[1] - card.height / 2)
    return Group(drawn.items, drawn.name, drawn.role, drawn.layer, offset)
