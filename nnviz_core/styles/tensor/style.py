"""The one entry both tensor styles share: view, structure, cells, placement, overlays, Scene.

``block`` and ``lenet`` differ only in how a tensor looks. Each subclasses :class:`TensorStyle`
and gives a :class:`Painter` that captions and draws one tensor, and may add placement settings,
overlays drawn once every cell is placed (kernel pyramids, projections) and legend entries.
Junctions and recurrent rows look the same in both (:mod:`.glyphs`); a painter may draw a
glyph its own way (:meth:`Painter.glyph`: `block` draws attention as a block).
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Generic, TypeVar

from nnviz_core.canvas import Canvas, canvas_for, effective_text, host_scale, smallest_size
from nnviz_core.ir import Category, Graph, Node
from nnviz_core.ir.fans import Fan, fold_fans
from nnviz_core.scene import Item, Scene
from nnviz_core.styles.tensor.captions import short_caption
from nnviz_core.styles.tensor.cell import Cell
from nnviz_core.styles.tensor.compose import compose, heading_space
from nnviz_core.styles.tensor.glyphs import attention_cell, ball_cell, recurrent_cell
from nnviz_core.styles.tensor.layout import CAPTION_SIZE, ROW_GAP, Placement, Settings
from nnviz_core.styles.tensor.options import TensorOptions
from nnviz_core.styles.tensor.place import place
from nnviz_core.styles.tensor.structure import Structure, structure
from nnviz_core.styles.tensor.tries import FIRST, Try, search
from nnviz_core.styles.tensor.view import TensorView, tensor_view
from nnviz_core.zoom import for_text, zoomed

Opts = TypeVar("Opts", bound=TensorOptions)

#: Row counts in a row that may give the same layout before trying more rows stops.
SAME_ROWS = 2
#: Draws a layout with the given settings, or (``True``) only measures it; and its row count.
_Draw = Callable[[Settings, bool], tuple[Scene, int]]


@dataclass(frozen=True)
class Scope(Generic[Opts]):
    """What one diagram is drawn from: the graph, its drawn view and structure, the options."""

    graph: Graph
    view: TensorView
    struct: Structure
    options: Opts
    #: Labels (sizes under tensors) at the captions' size rather than smaller: where a
    #: canvas's floor sets the zoom, the smallest text would enlarge everything else.
    even: bool = False


class Painter(ABC, Generic[Opts]):
    """How one style draws the tensors of one diagram (it may keep state between calls)."""

    def __init__(self, scope: Scope[Opts]) -> None:
        self.scope = scope

    @abstractmethod
    def caption(self, node: Node, merged: tuple[Node, ...]) -> tuple[str, ...]:
        """The lines under ``node`` (``merged``: the in-place layers riding on it)."""

    @abstractmethod
    def cell(self, node: Node, caption: tuple[str, ...]) -> Cell:
        """``node``'s tensor drawn at the origin."""

    def glyph(self, node: Node, caption: tuple[str, ...]) -> Cell | None:
        """``node`` drawn as a shared glyph (junction, recurrent row, attention tiles), or
        ``None`` to draw it with :meth:`cell`."""
        return glyph_cell(node, caption)

    def label_size(self, size: float) -> float:
        """The size of the style's small labels (``size`` on a page): the captions' own when
        the text is to be even (:attr:`Scope.even`)."""
        return max(size, CAPTION_SIZE) if self.scope.even else size

    def settings(self) -> Settings:
        """How to place the cells; asked once every cell is drawn."""
        return Settings(self.scope.options.spacing, self.scope.options.wrap)

    def overlay(self, placement: Placement) -> list[Item]:
        """Items drawn over the placed cells."""
        return []

    def legend_extras(self) -> list[Category]:
        """Categories the legend lists beyond those of the drawn cells."""
        return []


def glyph_cell(node: Node, caption: tuple[str, ...]) -> Cell | None:
    """The junction ball, recurrent row or attention tiles of ``node``; ``None`` for a tensor."""
    if node.category == "merge":
        return ball_cell(node, caption)
    if node.category == "recurrent":
        return recurrent_cell(node, caption)
    if node.category == "attention":
        return attention_cell(node, caption)
    return None


class TensorStyle(ABC, Generic[Opts]):
    """A style drawing one shape per tensor; subclasses name themselves and give a painter."""

    name: str
    description: str
    options: type[Opts]

    @abstractmethod
    def painter(self, scope: Scope[Opts]) -> Painter[Opts]:
        """The painter of one diagram."""

    def cards(self, graph: Graph, options: Opts) -> int:
        """What ``detail: auto`` counts: the tensors drawn, once in-place layers ride on the
        layer they follow (a ResNet block's BN and ReLU are no cards of their own here)."""
        _, _, struct = _drawn(graph, options)
        return len(struct.column)

    #: The options that size shapes and gaps (never text), scaled by a :class:`Try`.
    geometry: tuple[str, ...] = ("min_size", "max_size", "spacing")

    def layout(self, graph: Graph, options: Opts) -> Scene:
        """The drawing for ``options``' canvas; where no row count keeps its text legible
        there (a column narrower than the captions, a slide or paper shrinking a tall drawing
        into its box), the same text with smaller shapes, narrower captions, captions beside,
        then labels as large as the captions: an early try that does, found in a few
        drawings (:func:`~.tries.search`), or the drawing read largest.
        """
        drawn = _drawn(graph, options)  # the tries below change sizes and captions, not this
        scene = self._laid_out(drawn, options)
        if options.wrap != "auto":
            return scene
        canvas = canvas_for(options.fit, options.width)
        first = _shown(scene, canvas)
        if canvas.keeps(first):
            return scene
        found, shown = search(
            drawn[2],
            lambda attempt: self._laid_out(drawn, options, attempt),
            lambda drawing: _shown(drawing, canvas),
            canvas.keeps,
        )
        return found if shown > first else scene

    def _laid_out(self, drawn: Drawn, options: Opts, attempt: Try = FIRST) -> Scene:
        graph, view, struct = drawn
        options = attempt.options(options, self.geometry)
        painter = self.painter(Scope(graph, view, struct, options, attempt.even))
        shown = [node for node in view.nodes if node.id in struct.column]
        cells: dict[str, Cell] = {}
        for node in shown:
            caption = attempt.caption(painter.caption(node, view.merged.get(node.id, ())))
            cells[node.id] = painter.glyph(node, caption) or painter.cell(node, caption)
        heading = heading_space(options.title)
        categories = [node.category for node in shown] + painter.legend_extras()
        text = _smallest_text(cells)
        zoom, canvas = for_text(canvas_for(options.fit, options.width), text)
        settings = replace(
            painter.settings(),
            canvas=canvas,
            text=text,
            beside=attempt.captions == "beside",
            row_gap=attempt.row_gap(ROW_GAP),
        )

        def draw(settings: Settings, measure: bool = False) -> tuple[Scene, int]:
            placement = place(struct, cells, settings, view.repeats, top=heading, measure=measure)
            if not measure:
                placement.items.extend(painter.overlay(placement))
            rows = max(placement.row.values(), default=0) + 1
            return compose(graph, placement, options, categories), rows

        return zoomed(_fitted(draw, settings, canvas), zoom)


def _shown(scene: Scene, canvas: Canvas) -> float:
    """The smallest text of a finished drawing as ``canvas`` shows it (infinite: no text)."""
    shown = effective_text(scene, canvas)
    return math.inf if shown is None else shown


#: The graph as drawn (wide fans folded), its view and its structure.
Drawn = tuple[Graph, TensorView, Structure]


def _drawn(graph: Graph, options: TensorOptions) -> Drawn:
    """The graph with wide fans folded, its drawn view and its structure (columns and lanes)."""
    graph = _with_fans_folded(graph, options.fold_fans)
    view = tensor_view(
        graph,
        fold=bool(options.fold_repeats),
        merge_inplace=options.merge_inplace,
        depth=options.depth,
    )
    return graph, view, structure(view, elide=options.elide)


def _smallest_text(cells: dict[str, Cell]) -> float:
    """The smallest text the drawing will hold: the captions' or a cell's own."""
    own = smallest_size(item for cell in cells.values() for item in _items(cell))
    return CAPTION_SIZE if own is None else min(CAPTION_SIZE, own)


def _items(cell: Cell) -> tuple[Item, ...]:
    """A cell's items (drawn at the origin if the cell draws them itself)."""
    return tuple(cell.drawn(0.0, 0.0)) if cell.draw is not None else cell.items


def _fitted(draw: _Draw, settings: Settings, canvas: Canvas) -> Scene:
    """The drawing whose text reads largest on ``canvas``, from the rows its width asks for.

    The width alone gives the rows on a page; a slide or paper also shrinks a tall drawing,
    and estimates can miss by a caption, so when the text misses the floor neighbouring row
    counts are measured (positions only) while the effective text still grows, and the best
    is drawn. ``wrap`` other than ``auto`` and ``fit: none`` take the first drawing as it is.
    """
    scene, rows = draw(settings, False)
    if settings.wrap != "auto" or canvas.fit == "none":
        return scene
    best_text = settings.text * host_scale(scene, canvas)
    best: Settings | None = None
    for step in (1, -1):
        count, shown, last, same = rows, rows, best_text, 0
        while best_text < canvas.floor and same <= SAME_ROWS and count + step >= 1:
            count += step
            trial = replace(settings, count=count)
            measured, drawn_rows = draw(trial, True)
            if drawn_rows == shown:
                same += 1  # the cuts (or a U's stages) give no other layout at this count
                continue
            text = settings.text * host_scale(measured, canvas)
            if text <= last:
                break
            shown, last, same = drawn_rows, text, 0
            if text > best_text:
                best, best_text = trial, text
    return scene if best is None else draw(best, False)[0]


def _with_fans_folded(graph: Graph, limit: int) -> Graph:
    """Wide fans of interchangeable layers drawn as one tensor captioned ×N (as the graph
    style draws one card): 10,000 equal boxes side by side tell a reader nothing."""
    shown, fans = fold_fans(graph, limit)
    if not fans:
        return graph
    nodes = tuple(
        _standing_for(node, fans[node.id]) if node.id in fans else node for node in shown.nodes
    )
    return replace(shown, nodes=nodes)


def _standing_for(node: Node, fan: Fan) -> Node:
    label = f"{short_caption(node)} ×{fan.count:,}"
    return replace(node, display=replace(node.display, label=label))
