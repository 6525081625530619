"""The ``lenet`` style: stacked 2D feature maps (NN-SVG LeNet, draw_convnet).

Each tensor is a fanned stack labelled "6@28×28", dense layers are bars or neuron columns,
convolution and pooling windows project from their input stack to their output, and the
operation is captioned under the gap it crosses. Branches, skips, folding and wrapping are the
ones every tensor style shares (:mod:`nnviz_core.styles.tensor`); this module says how a stack
looks.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from nnviz_core.ir import Node
from nnviz_core.scene import Item
from nnviz_core.styles.lenet.options import LenetOptions
from nnviz_core.styles.lenet.stack import (
    LABEL_ROOM,
    LABEL_SIZE,
    Face,
    projection,
    sized_junction,
    stack_cell,
    vector_cell,
)
from nnviz_core.styles.lenet.tiles import strip_cell, tiles_cell
from nnviz_core.styles.tensor.captions import long_caption, merged_caption, short_caption
from nnviz_core.styles.tensor.cell import Cell
from nnviz_core.styles.tensor.drawing import real_pictures
from nnviz_core.styles.tensor.layout import Placement, Settings
from nnviz_core.styles.tensor.sizes import Extents, Scaler
from nnviz_core.styles.tensor.style import Painter, Scope, TensorStyle

__all__ = ["STYLE", "LenetOptions", "LenetStyle"]

_KERNEL_OPS = ("convolution", "pooling")


def _caption(node: Node, merged: tuple[Node, ...]) -> tuple[str, ...]:
    if node.category == "input" and not node.display.label and not node.display.note:
        return ()
    if node.category in ("merge", "recurrent", "attention"):
        first = short_caption(node) if node.category != "merge" or node.display.label else ""
    else:
        first = long_caption(node)
    if node.category == "input" and not node.display.label:
        first = ""
    lines = [first, merged_caption(node, merged), node.display.note or ""]
    return tuple(line for line in lines if line)


def _on_caption_line(glyph: Cell, label_size: float, reach: float) -> Cell:
    """A captioned glyph whose caption sits on its row's caption line, under the size labels
    (of ``label_size``) that hang ``reach`` below the axis."""
    under = reach + LABEL_ROOM * label_size
    return replace(glyph, height=max(glyph.height, glyph.axis + under))


class _LenetPainter(Painter[LenetOptions]):
    """Map stacks and vectors; captions in the gaps; kernel windows projected to the output."""

    def __init__(self, scope: Scope[LenetOptions]) -> None:
        super().__init__(scope)
        options = scope.options
        ext = Extents.of(node.output for node in scope.view.nodes)
        high = max(options.min_size, options.max_size)
        self.maps = Scaler(options.scale, options.min_size, high, ext.spatial)
        self.vectors = Scaler(options.scale, options.min_size, high, ext.vector)
        self.faces: dict[str, Face] = {}
        self.kernel_edges: frozenset[tuple[str, str]] = frozenset()

    def caption(self, node: Node, merged: tuple[Node, ...]) -> tuple[str, ...]:
        return _caption(node, merged)

    def cell(self, node: Node, caption: tuple[str, ...]) -> Cell:
        options = self.scope.options
        spec = node.output
        labels = self.label_size(LABEL_SIZE)
        drawn = self._real(node, caption)
        if drawn is not None:
            cell, face = drawn
        elif spec is not None and spec.rank == 1:
            cell, face = vector_cell(node, self.vectors, options.neurons, caption, labels)
        else:
            cell, face = stack_cell(node, self.maps, options.max_maps, caption, labels)
        self.faces[node.id] = face
        return cell

    def _real(self, node: Node, caption: tuple[str, ...]) -> tuple[Cell, Face] | None:
        """``node`` drawn with its real values, when the options carry them."""
        found = self.scope.options.pictures
        pictures = real_pictures(found, node, self.scope.view.merged.get(node.id, ()))
        if found is None or pictures is None:
            return None
        labels = self.label_size(LABEL_SIZE)
        if pictures.kind == "vector":
            return strip_cell(node, self.vectors, pictures, caption, labels)
        kernels = found.kernels.get(node.id)
        return tiles_cell(node, self.maps, pictures, kernels, caption, labels)

    def glyph(self, node: Node, caption: tuple[str, ...]) -> Cell | None:
        """Shared glyphs; a concat also shows the size it makes (its inputs' channels add up)."""
        cell = super().glyph(node, caption)
        if cell is None:
            return None
        labels = self.label_size(LABEL_SIZE)
        if node.category == "merge" and "concat" in node.op.lower():
            cell = sized_junction(cell, node, labels)
        if cell.caption:  # its caption on the row's caption line, under the size labels
            cell = replace(cell, relabel=partial(_on_caption_line, cell, labels))
        return cell

    def settings(self) -> Settings:
        options = self.scope.options
        if options.kernels:
            self.kernel_edges = self._kernel_edges()
        return Settings(options.spacing, options.wrap, gap_captions=True, quiet=self.kernel_edges)

    def overlay(self, placement: Placement) -> list[Item]:
        nodes = {node.id: node for node in self.scope.view.nodes}
        faces = self.faces
        items: list[Item] = []
        hollow = self.scope.options.pictures is not None  # real maps show through the window
        for u, v in sorted(self.kernel_edges):
            row = placement.row[u]
            if placement.row[v] != row or row in placement.reversed:
                continue  # across rows or against a reversed row: the edge is drawn instead
            origins = (placement.origins[u], placement.origins[v])
            items += projection(nodes[u], nodes[v], (faces[u], faces[v]), origins, hollow)
        return items

    def _kernel_edges(self) -> frozenset[tuple[str, str]]:
        """Edges drawn as a kernel projection: a windowed op between two stacks in one lane."""
        struct, faces = self.scope.struct, self.faces
        nodes = {node.id: node for node in self.scope.view.nodes}
        return frozenset(
            (u, v)
            for u, v in struct.edges
            if u in faces
            and v in faces
            and nodes[v].category in _KERNEL_OPS
            and struct.lane.get(u) == struct.lane.get(v)
            and struct.column[v] - struct.column[u] == 1
            and projection(nodes[u], nodes[v], (faces[u], faces[v]), ((0, 0), (0, 0)))
        )


class LenetStyle(TensorStyle[LenetOptions]):
    """Stacked feature maps, one stack per tensor."""

    name = "lenet"
    description = (
        "Stacked 2D feature maps labelled 6@28×28, with kernel projections (NN-SVG LeNet)."
    )
    options = LenetOptions

    def painter(self, scope: Scope[LenetOptions]) -> Painter[LenetOptions]:
        return _LenetPainter(scope)


STYLE = LenetStyle()
