"""The ``block`` style: shaded 3D blocks per tensor (NN-SVG AlexNet, PlotNeuralNet, visualkeras).

Sizes follow tensor shapes under a log, sqrt or linear scale; the main path runs along the
flow, branches stack below it and skips arc over the top with ⊕/© junctions; in-place layers
ride on their block as bands; repeats fold with a ×N bracket. What every tensor style shares
lives in :mod:`nnviz_core.styles.tensor`; this module says how a block looks.
"""

from __future__ import annotations

from nnviz_core.activations import LayerPictures
from nnviz_core.ir import Category, Graph, Node
from nnviz_core.scene import Item
from nnviz_core.styles.block.box import (
    DIM_SIZE,
    Box,
    Scalers,
    attention_size,
    box_cell,
    box_size,
)
from nnviz_core.styles.block.kernels import pyramid
from nnviz_core.styles.block.maps import front_maps, more_caption
from nnviz_core.styles.block.options import BlockOptions
from nnviz_core.styles.block.projection import Camera
from nnviz_core.styles.tensor.captions import dims_text, merged_caption, short_caption
from nnviz_core.styles.tensor.cell import Cell
from nnviz_core.styles.tensor.drawing import real_pictures
from nnviz_core.styles.tensor.layout import Placement
from nnviz_core.styles.tensor.sizes import CHANNEL_SCALE, CHANNEL_TOP_FLOOR, Extents, Scaler
from nnviz_core.styles.tensor.style import Painter, Scope, TensorStyle
from nnviz_core.styles.tensor.view import TensorView

__all__ = ["STYLE", "BlockOptions", "BlockStyle"]


def _scalers(view: TensorView, options: BlockOptions) -> Scalers:
    ext = Extents.of(node.output for node in view.nodes)
    low, high = options.min_size, max(options.min_size, options.max_size)
    return Scalers(
        Scaler(
            CHANNEL_SCALE[options.scale],
            options.min_thickness,
            options.max_thickness,
            max(ext.channels, CHANNEL_TOP_FLOOR),
        ),
        Scaler(options.scale, low, high, ext.spatial),
        Scaler(options.scale, low, high, ext.vector),
    )


def _caption(
    node: Node, merged: tuple[Node, ...], graph: Graph, options: BlockOptions
) -> tuple[str, ...]:
    lines = [short_caption(node)] if node.category != "merge" or node.display.label else []
    extra = merged_caption(node, merged)
    if extra:
        lines.append(extra)
    if options.dims == "text" and node.category != "merge":
        lines.append(dims_text(node.output, graph))
    lines.append(node.display.note or "")
    return tuple(line for line in lines if line)


class _BlockPainter(Painter[BlockOptions]):
    """Boxes in an oblique camera; kernel pyramids between them; bands in the legend."""

    def __init__(self, scope: Scope[BlockOptions]) -> None:
        super().__init__(scope)
        self.camera = Camera.oblique(scope.options.angle)
        self.scalers = _scalers(scope.view, scope.options)
        self.boxes: dict[str, Box] = {}
        #: Categories of the in-place layers drawn as bands (glyphs draw none).
        self.banded: list[Category] = []

    def caption(self, node: Node, merged: tuple[Node, ...]) -> tuple[str, ...]:
        lines = _caption(node, merged, self.scope.graph, self.scope.options)
        pictures = self._pictures(node)
        more = more_caption(pictures) if pictures is not None else ""
        return (*lines, more) if more else lines

    def _pictures(self, node: Node) -> LayerPictures | None:
        """``node``'s real pictures, when the options carry them (see :mod:`.maps`)."""
        merged = self.scope.view.merged.get(node.id, ())
        return real_pictures(self.scope.options.pictures, node, merged)

    def glyph(self, node: Node, caption: tuple[str, ...]) -> Cell | None:
        """Attention is a block too (its map on the front face), not a flat icon among blocks."""
        return None if node.category == "attention" else super().glyph(node, caption)

    def cell(self, node: Node, caption: tuple[str, ...]) -> Cell:
        options = self.scope.options
        riders = self.scope.view.merged.get(node.id, ()) if options.bands else ()
        self.banded += [rider.category for rider in riders]
        size = box_size(node.output, self.scalers)
        if node.category == "attention":
            size = attention_size(node)
        pictures = self._pictures(node)
        front = None
        if pictures is not None:
            found = self.scope.options.pictures
            kernels = found.kernels.get(node.id) if found is not None else None
            size, front = front_maps(node, pictures, self.scalers, kernels)
        cell, self.boxes[node.id] = box_cell(
            node,
            riders,
            size,
            self.camera,
            opacity=options.opacity,
            edge_labels=options.dims == "edges",
            caption=caption,
            label_size=self.label_size(DIM_SIZE),
            front=front,
        )
        return cell

    def overlay(self, placement: Placement) -> list[Item]:
        return self._pyramids(placement) if self.scope.options.kernels else []

    def legend_extras(self) -> list[Category]:
        """The bands' categories: only layers drawn as a band, not those riding on a junction
        or attention glyph (their caption names them, and nothing is drawn in their colour)."""
        return self.banded

    def _pyramids(self, placement: Placement) -> list[Item]:
        """Kernel pyramids between neighbouring blocks of one lane and row."""
        struct, boxes = self.scope.struct, self.boxes
        nodes = {node.id: node for node in self.scope.view.nodes}
        items: list[Item] = []
        for source, target in struct.edges:
            if source not in boxes or target not in boxes:
                continue
            near = struct.column[target] - struct.column[source] == 1
            same = struct.lane[source] == struct.lane[target]
            row = placement.row[source]
            same = same and placement.row[target] == row and row not in placement.reversed
            if near and same and nodes[target].category in ("convolution", "pooling"):
                pair = (boxes[source], boxes[target])
                origins = (placement.origins[source], placement.origins[target])
                items += pyramid(nodes[source], nodes[target], pair, origins, self.camera)
        return items


class BlockStyle(TensorStyle[BlockOptions]):
    """Shaded 3D blocks, one per tensor."""

    name = "block"
    description = "Shaded 3D blocks sized by tensor shape, with skips arced over the top."
    options = BlockOptions
    geometry = ("min_size", "max_size", "spacing", "min_thickness", "max_thickness")

    def painter(self, scope: Scope[BlockOptions]) -> Painter[BlockOptions]:
        return _BlockPainter(scope)


STYLE = BlockStyle()
