"""Turns a :class:`~.plan.Plan` into positioned neurons, boxes and text, in canvas pixels."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from nnviz_core.scene import Anchor, Point

from .elements import Box, Column, Plan
from .labels import Block, box_label, caption, via_tag
from .options import FcnnOptions
from .panels import PANEL_PAD, PanelShape, room
from .panels import shape as panel_shape
from .place import LANE_GAP, Body, cross_centres, main_centres, ranks, topological

TEXT_GAP = 8.0
BOX_PAD = 10.0
#: Layers this small are drawn in full even beside a much larger one.
SMALL = 5


@dataclass(frozen=True)
class PlacedText:
    """A text block whose anchor point is (``x``, ``top``)."""

    block: Block
    x: float
    top: float
    anchor: Anchor

    def bounds(self) -> tuple[float, float, float, float]:
        width = self.block.width
        left = self.x - {"start": 0.0, "middle": width / 2, "end": width}[self.anchor]
        return left, self.top, left + width, self.top + self.block.height


@dataclass(frozen=True)
class ColumnShape:
    """A drawn column: neurons as (true index, centre), the bias unit and the ellipsis dots."""

    column: Column
    neurons: tuple[tuple[int, Point], ...]
    bias: Point | None
    dots: tuple[Point, ...]
    caption: PlacedText | None
    tag: PlacedText | None


@dataclass(frozen=True)
class BoxShape:
    box: Box
    x: float
    y: float
    width: float
    height: float
    label: PlacedText


@dataclass(frozen=True)
class Slots:
    """Cross offsets (from the column's top edge) of the bias unit, neurons and ellipsis."""

    bias: float | None
    neurons: tuple[tuple[int, float], ...]
    ellipsis: float | None
    extent: float


def drawn_indices(size: int | None, limit: int) -> tuple[tuple[int, ...], bool]:
    """The true indices drawn for a layer, and whether some are elided."""
    if size is not None and size <= limit:
        return tuple(range(size)), False
    head, tail = (limit + 1) // 2, limit // 2
    end = size if size is not None else tail
    return (*range(head), *range(end - tail, end)), True


def neuron_limits(columns: tuple[Column, ...], most: int) -> dict[str, int]:
    """How many neurons each column draws before eliding, so heights keep the layers' order.

    A column's height, in neuron slots (the ellipsis takes one), grows with the logarithm of its
    size: the largest layer gets ``most`` neurons and the ellipsis, a 32-unit code between two
    784-unit layers about half that, so an autoencoder reads as an hourglass. Layers of up to
    :data:`SMALL` neurons are drawn in full, and when no layer is larger than ``most`` every
    layer is. A layer of unknown size is drawn as the largest.
    """
    known = [c.size for c in columns if c.size is not None]
    largest = max(known, default=most + 1)
    if largest <= most:
        return {column.id: most for column in columns}
    tallest = most + 1
    limits = {}
    for column in columns:
        size = largest if column.size is None else max(column.size, 1)
        share = round(tallest * math.log(size) / math.log(largest))
        height = min(tallest, max(min(size, SMALL, tallest), share))
        limits[column.id] = size if size <= height else max(2, height - 1)
    return limits


def slots(column: Column, options: FcnnOptions, bias: bool, limit: int) -> Slots:
    """Where a column's units go; ``limit`` is how many neurons it draws before eliding."""
    radius = options.node_radius
    pitch = 2 * radius + options.node_spacing
    cursor = radius
    bias_at = None
    if bias:
        bias_at, cursor = cursor, cursor + pitch * 1.4
    indices, elided = drawn_indices(column.size, limit)
    head = (limit + 1) // 2 if elided else len(indices)
    neurons = []
    ellipsis = None
    for position, index in enumerate(indices):
        if elided and position == head:
            ellipsis, cursor = cursor, cursor + pitch
        neurons.append((index, cursor))
        cursor += pitch
    extent = max(cursor - pitch + radius, 2 * radius)
    return Slots(bias_at, tuple(neurons), ellipsis, extent)


def biased(plan: Plan, options: FcnnOptions) -> set[str]:
    """The columns that get a +1 unit: those feeding a dense layer that has a bias."""
    if not options.show_bias:
        return set()
    targets = {c.id: c for c in plan.columns}
    return {
        source
        for source, target in plan.links
        if target in targets
        and targets[target].kind in ("hidden", "output")
        and targets[target].bias
    }


@dataclass(frozen=True)
class Shapes:
    columns: list[ColumnShape]
    boxes: list[BoxShape]
    panels: list[PanelShape]


def _fed(box: Box, features: dict[str, list[tuple[int, Column]]]) -> tuple[Column, ...]:
    """The feature columns a box hands its output to, in the plan's order (``features``: each
    node's feature columns with their index in the plan)."""
    found = sorted(pair for node in box.nodes for pair in features.get(node, []))
    return tuple(column for _, column in found)


class Arranger:
    """Computes the geometry in two passes: once to measure, once shifted onto the canvas."""

    def __init__(self, plan: Plan, options: FcnnOptions) -> None:
        self.plan = plan
        self.options = options
        self.lr = options.direction == "LR"
        self.order = topological(plan)
        self.rank = ranks(plan, self.order)
        self.stacked = max(Counter(self.rank.values()).values()) > 1
        bias = biased(plan, options)
        limits = neuron_limits(plan.columns, options.max_neurons)
        self.slots = {c.id: slots(c, options, c.id in bias, limits[c.id]) for c in plan.columns}
        self.captions = self._captions()
        self.tags = {c.id: via_tag(c) for c in plan.columns}
        features: dict[str, list[tuple[int, Column]]] = {}
        for index, column in enumerate(plan.columns):
            if column.kind == "features":
                features.setdefault(column.node, []).append((index, column))
        self.labels = {b.id: box_label(b, _fed(b, features)) for b in plan.boxes}
        self.panel_of = {c: p for p in plan.panels for c in p.columns}
        self.bodies = self._column_bodies()
        self.bodies.update(self._box_bodies())
        self.main = main_centres(self.order, self.rank, self.bodies, self._gaps())
        self.cross = cross_centres(plan, self.order, self.rank, self.bodies)

    def _captions(self) -> dict[str, Block]:
        found = {c.id: caption(c, self.options) for c in self.plan.columns}
        widest = max((block.width for block in found.values()), default=0.0)
        if self.lr and self.options.labels == "math" and widest + 12 > self.options.layer_spacing:
            found = {c.id: caption(c, self.options, wrap=True) for c in self.plan.columns}
        return found

    def extent(self, block: Block) -> tuple[float, float]:
        """(main, cross) room a horizontal text block takes."""
        if self.lr:
            return block.width, block.height
        return block.height, block.width

    def _column_bodies(self) -> dict[str, Body]:
        bodies = {}
        for column in self.plan.columns:
            caption_main, caption_cross = self.extent(self.captions[column.id])
            tag_main, tag_cross = self.extent(self.tags[column.id])
            panel = self.panel_of.get(column.id)
            before, after = room(panel, self.lr) if panel else (0.0, 0.0)
            bodies[column.id] = Body(
                main=2 * self.options.node_radius,
                cross=self.slots[column.id].extent,
                label=max(caption_main, tag_main),
                before=before + (tag_cross + TEXT_GAP if tag_cross else 0.0),
                after=after + (caption_cross + TEXT_GAP if self.stacked and caption_cross else 0.0),
            )
        return bodies

    def _box_bodies(self) -> dict[str, Body]:
        bodies = {}
        feeds: dict[str, list[str]] = {}
        for source, target in self.plan.links:
            feeds.setdefault(source, []).append(target)
        for box in self.plan.boxes:
            main, cross = self.extent(self.labels[box.id])
            fed = [self.bodies[t] for t in feeds.get(box.id, []) if t in self.slots]
            stacked = sum(b.before + b.cross + b.after for b in fed) + LANE_GAP * (len(fed) - 1)
            # Sized to its text: feed lines fan out from it to a taller column. A box feeding
            # several columns spans them, so each gets its lines straight across.
            cross = max(cross + 2 * BOX_PAD, stacked if len(fed) > 1 else 0.0)
            bodies[box.id] = Body(main=main + 2 * BOX_PAD, cross=cross)
        return bodies

    def _gaps(self) -> dict[int, float]:
        """Body gaps between consecutive ranks: ``layer_spacing`` between columns, less at boxes."""
        full = self.options.layer_spacing - 2 * self.options.node_radius
        boxed = {self.rank[b.id] for b in self.plan.boxes}
        levels = max(self.rank.values(), default=0)
        return {
            level: full if not {level, level + 1} & boxed else max(36.0, full / 2)
            for level in range(levels)
        }

    def point(self, main: float, cross: float, dx: float, dy: float) -> Point:
        return (main + dx, cross + dy) if self.lr else (cross + dx, main + dy)

    def shapes(self, dx: float = 0.0, dy: float = 0.0) -> Shapes:
        """Every column, box and panel in canvas pixels, shifted by (dx, dy)."""
        line = max(self.cross[e] + self.bodies[e].cross / 2 for e in self.order) + TEXT_GAP
        if self.plan.panels:
            line += PANEL_PAD
        columns = [self._column(c, line, dx, dy) for c in self.plan.columns]
        by_id = {s.column.id: s for s in columns}
        panels = [
            panel_shape(p, [b for c in p.columns for b in self._content(by_id[c])], self.lr)
            for p in self.plan.panels
        ]
        return Shapes(columns, [self._box(b, dx, dy) for b in self.plan.boxes], panels)

    def _content(self, shape: ColumnShape) -> list[tuple[float, float, float, float]]:
        """What a panel must enclose of a column: neurons, tag, and a caption beside it."""
        radius = self.options.node_radius
        points = [p for _, p in shape.neurons] + ([shape.bias] if shape.bias else [])
        found = [(x - radius, y - radius, x + radius, y + radius) for x, y in points]
        texts = (shape.tag, shape.caption) if self.stacked else (shape.tag,)
        return found + [text.bounds() for text in texts if text]

    def _column(self, column: Column, line: float, dx: float, dy: float) -> ColumnShape:
        main, slot = self.main[column.id], self.slots[column.id]
        top = self.cross[column.id] - slot.extent / 2
        neurons = tuple((i, self.point(main, top + at, dx, dy)) for i, at in slot.neurons)
        bias = None if slot.bias is None else self.point(main, top + slot.bias, dx, dy)
        dots: tuple[Point, ...] = ()
        if slot.ellipsis is not None:
            step = self.options.node_radius * 0.55
            dots = tuple(
                self.point(main, top + slot.ellipsis + k * step, dx, dy) for k in (-1, 0, 1)
            )
        below = line if not self.stacked else top + slot.extent + TEXT_GAP
        return ColumnShape(
            column,
            neurons,
            bias,
            dots,
            self._text(self.captions[column.id], main, below, "after", dx, dy),
            self._text(self.tags[column.id], main, top - TEXT_GAP, "before", dx, dy),
        )

    def _text(
        self, block: Block, main: float, cross: float, side: str, dx: float, dy: float
    ) -> PlacedText | None:
        """A block beside a body: ``cross`` is the body edge it keeps clear of."""
        if not block.lines:
            return None
        if self.lr:
            top = cross if side == "after" else cross - block.height
            return PlacedText(block, main + dx, top + dy, "middle")
        anchor: Anchor = "start" if side == "after" else "end"
        return PlacedText(block, cross + dx, main - block.height / 2 + dy, anchor)

    def _box(self, box: Box, dx: float, dy: float) -> BoxShape:
        body = self.bodies[box.id]
        main, cross = self.main[box.id], self.cross[box.id]
        x, y = self.point(main - body.main / 2, cross - body.cross / 2, dx, dy)
        width, height = (body.main, body.cross) if self.lr else (body.cross, body.main)
        label = self.labels[box.id]
        placed = PlacedText(label, x + width / 2, y + (height - label.height) / 2, "middle")
        return BoxShape(box, x, y, width, height, placed)


def bounds(shapes: Shapes, radius: float) -> tuple[float, float, float, float]:
    """The box (left, top, right, bottom) holding every shape and text."""
    found = [(p.x, p.y, p.x + p.width, p.y + p.height) for p in shapes.panels]
    for shape in shapes.columns:
        centres = [p for _, p in shape.neurons] + ([shape.bias] if shape.bias else [])
        found += [(x - radius, y - radius, x + radius, y + radius) for x, y in centres]
        found += [text.bounds() for text in (shape.caption, shape.tag) if text]
    for box in shapes.boxes:
        found.append((box.x, box.y, box.x + box.width, box.y + box.height))
    if not found:
        return 0.0, 0.0, 0.0, 0.0
    return (
        min(b[0] for b in found),
        min(b[1] for b in found),
        max(b[2] for b in found),
        max(b[3] for b in found),
    )
