"""The ``block`` style: shaded 3D blocks per tensor (NN-SVG AlexNet, PlotNeuralNet, visualkeras).

Sizes follow tensor shapes under a log, sqrt or linear scale; the main path runs along the
flow, branches stack below it and skips arc over the top with ⊕/© junctions; in-place layers
ride on their block as bands; repeats fold with a ×N bracket.
"""

from __future__ import annotations

from nnviz_core.ir import Category, Graph, Node
from nnviz_core.scene import Item, Scene
from nnviz_core.styles.block.box import Box, Scalers, box_cell, box_size
from nnviz_core.styles.block.kernels import pyramid
from nnviz_core.styles.block.options import BlockOptions
from nnviz_core.styles.block.projection import Camera
from nnviz_core.styles.tensor.captions import dims_text, merged_caption, short_caption
from nnviz_core.styles.tensor.cell import Cell
from nnviz_core.styles.tensor.compose import compose, heading_space
from nnviz_core.styles.tensor.glyphs import attention_cell, ball_cell, recurrent_cell
from nnviz_core.styles.tensor.layout import Placement, Settings
from nnviz_core.styles.tensor.place import place
from nnviz_core.styles.tensor.sizes import Extents, Scaler
from nnviz_core.styles.tensor.structure import Structure, structure
from nnviz_core.styles.tensor.view import TensorView, tensor_view

__all__ = ["STYLE", "BlockOptions", "BlockStyle"]


def _scalers(view: TensorView, options: BlockOptions) -> Scalers:
    ext = Extents.of(node.output for node in view.nodes)
    low, high = options.min_size, max(options.min_size, options.max_size)
    return Scalers(
        Scaler(options.scale, options.min_thickness, options.max_thickness, ext.channels),
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


class BlockStyle:
    """Shaded 3D blocks, one per tensor."""

    name = "block"
    description = "Shaded 3D blocks sized by tensor shape, with skips arced over the top."
    options = BlockOptions

    def layout(self, graph: Graph, options: BlockOptions) -> Scene:
        view = tensor_view(
            graph,
            fold=options.fold_repeats,
            merge_inplace=options.merge_inplace,
            depth=options.depth,
        )
        struct = structure(view, elide=options.elide)
        cam = Camera.oblique(options.angle)
        scalers = _scalers(view, options)
        cells: dict[str, Cell] = {}
        boxes: dict[str, Box] = {}
        for node in (n for n in view.nodes if n.id in struct.column):
            merged = view.merged.get(node.id, ())
            caption = _caption(node, merged, graph, options)
            if node.category == "merge":
                cells[node.id] = ball_cell(node, caption)
            elif node.category == "recurrent":
                cells[node.id] = recurrent_cell(node, caption)
            elif node.category == "attention":
                cells[node.id] = attention_cell(node, caption)
            else:
                cells[node.id], boxes[node.id] = box_cell(
                    node,
                    merged if options.bands else (),
                    box_size(node.output, scalers),
                    cam,
                    opacity=options.opacity,
                    edge_labels=options.dims == "edges",
                    caption=caption,
                )
        settings = Settings(options.spacing, options.wrap)
        placement = place(struct, cells, settings, view.repeats, top=heading_space(options.title))
        if options.kernels:
            placement.items.extend(_pyramids(view, struct, placement, boxes, cam))
        categories: list[Category] = [n.category for n in view.nodes if n.id in struct.column]
        if options.bands:
            categories += [
                m.category for k, ms in view.merged.items() if k in struct.column for m in ms
            ]
        return compose(graph, placement, options, categories)


def _pyramids(
    view: TensorView, struct: Structure, placement: Placement, boxes: dict[str, Box], cam: Camera
) -> list[Item]:
    """Kernel pyramids between neighbouring blocks of one lane and row."""
    nodes = {node.id: node for node in view.nodes}
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
            items += pyramid(nodes[source], nodes[target], pair, origins, cam)
    return items


STYLE = BlockStyle()
