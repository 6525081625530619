"""The ``lenet`` style: stacked 2D feature maps (NN-SVG LeNet, draw_convnet).

Each tensor is a fanned stack labelled "6@28×28", dense layers are bars or neuron columns,
convolution and pooling windows project from their input stack to their output, and the
operation is captioned under the gap it crosses. Branches, skips, folding and wrapping work as
in the ``block`` style.
"""

from __future__ import annotations

from nnviz_core.ir import Category, Graph, Node
from nnviz_core.scene import Item, Scene
from nnviz_core.styles.lenet.options import LenetOptions
from nnviz_core.styles.lenet.stack import Face, projection, stack_cell, vector_cell
from nnviz_core.styles.tensor.captions import long_caption, merged_caption, short_caption
from nnviz_core.styles.tensor.cell import Cell
from nnviz_core.styles.tensor.compose import compose, heading_space
from nnviz_core.styles.tensor.glyphs import attention_cell, ball_cell, recurrent_cell
from nnviz_core.styles.tensor.layout import Placement, Settings
from nnviz_core.styles.tensor.place import place
from nnviz_core.styles.tensor.sizes import Extents, Scaler
from nnviz_core.styles.tensor.structure import Structure, structure
from nnviz_core.styles.tensor.view import TensorView, tensor_view

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


def _cell(
    node: Node, view: TensorView, scalers: tuple[Scaler, Scaler], options: LenetOptions
) -> tuple[Cell, Face | None]:
    caption = _caption(node, view.merged.get(node.id, ()))
    if node.category == "merge":
        return ball_cell(node, caption), None
    if node.category == "recurrent":
        return recurrent_cell(node, caption), None
    if node.category == "attention":
        return attention_cell(node, caption), None
    spec = node.output
    if spec is not None and spec.rank == 1:
        return vector_cell(node, scalers[1], options.neurons, caption)
    return stack_cell(node, scalers[0], options.max_maps, caption)


class LenetStyle:
    """Stacked feature maps, one stack per tensor."""

    name = "lenet"
    description = (
        "Stacked 2D feature maps labelled 6@28×28, with kernel projections (NN-SVG LeNet)."
    )
    options = LenetOptions

    def layout(self, graph: Graph, options: LenetOptions) -> Scene:
        view = tensor_view(
            graph,
            fold=options.fold_repeats,
            merge_inplace=options.merge_inplace,
            depth=options.depth,
        )
        struct = structure(view, elide=options.elide)
        ext = Extents.of(node.output for node in view.nodes)
        high = max(options.min_size, options.max_size)
        scalers = (
            Scaler(options.scale, options.min_size, high, ext.spatial),
            Scaler(options.scale, options.min_size, high, ext.vector),
        )
        cells: dict[str, Cell] = {}
        faces: dict[str, Face] = {}
        for node in (n for n in view.nodes if n.id in struct.column):
            cell, face = _cell(node, view, scalers, options)
            cells[node.id] = cell
            if face is not None:
                faces[node.id] = face
        kernel_edges = _kernel_edges(view, faces, struct) if options.kernels else frozenset()
        settings = Settings(options.spacing, options.wrap, gap_captions=True, quiet=kernel_edges)
        placement = place(struct, cells, settings, view.repeats, top=heading_space(options.title))
        placement.items.extend(_projections(view, placement, faces, kernel_edges))
        categories: list[Category] = [n.category for n in view.nodes if n.id in struct.column]
        return compose(graph, placement, options, categories)


def _kernel_edges(
    view: TensorView, faces: dict[str, Face], struct: Structure
) -> frozenset[tuple[str, str]]:
    """Edges drawn as a kernel projection: a windowed op between two stacks in one lane."""
    nodes = {node.id: node for node in view.nodes}
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


def _projections(
    view: TensorView,
    placement: Placement,
    faces: dict[str, Face],
    edges: frozenset[tuple[str, str]],
) -> list[Item]:
    nodes = {node.id: node for node in view.nodes}
    items: list[Item] = []
    for u, v in sorted(edges):
        row = placement.row[u]
        if placement.row[v] != row or row in placement.reversed:
            continue  # across rows or against a reversed row: the edge is drawn instead
        origins = (placement.origins[u], placement.origins[v])
        items += projection(nodes[u], nodes[v], (faces[u], faces[v]), origins)
    return items


STYLE = LenetStyle()
