"""Placement structure: main path, branch lanes, skips, cuts, elision, rows, merges, folding."""

from __future__ import annotations

import block_lenet_graphs as graphs

from nnviz_core.ir import Graph
from nnviz_core.styles.tensor.rows import rows
from nnviz_core.styles.tensor.structure import DOTS, main_path, structure
from nnviz_core.styles.tensor.view import tensor_view


def _ops(graph: Graph, ids: list[str]) -> list[str]:
    return [graph.node(i).op for i in ids]


def test_inception_branches_stack_in_lanes_and_rejoin() -> None:
    graph = graphs.inception()
    struct = structure(tensor_view(graph, fold=False, merge_inplace=True), elide=False)
    concat = next(n.id for n in graph.nodes if n.op == "concat")
    assert struct.column[concat] == 3
    lanes = sorted({struct.lane[n] for n in struct.order})
    assert lanes == [0, 1, 2, 3]
    assert struct.lane[concat] == 0 and struct.lane["n0"] == 0


def test_residual_skips_stay_on_the_main_path_and_shortcuts_take_a_lane() -> None:
    graph = graphs.resnet()
    view = tensor_view(graph, fold=False, merge_inplace=True)
    struct = structure(view, elide=False)
    adds = [n.id for n in view.nodes if n.op == "add"]
    assert all(struct.lane[a] == 0 for a in adds)
    shortcut = next(n.id for n in view.nodes if n.attrs.get("kernel") == 1)
    assert struct.lane[shortcut] == 1
    skips = [
        (u, v)
        for u, v in struct.edges
        if struct.column[v] - struct.column[u] > 1 and struct.lane[u] == 0 == struct.lane[v]
    ]
    assert len(skips) == 2


def test_merge_inplace_folds_bn_and_relu_into_the_conv() -> None:
    graph = graphs.resnet()
    view = tensor_view(graph, fold=False, merge_inplace=True)
    conv = next(n for n in view.nodes if n.op == "conv2d" and n.attrs.get("kernel") == 3)
    assert [n.op for n in view.merged[conv.id]] == ["batchnorm", "relu"]
    assert not any(n.op in ("batchnorm", "relu") for n in view.nodes)
    plain = tensor_view(graph, fold=False, merge_inplace=False)
    assert len(plain.nodes) == len(graph.nodes)


def test_fold_repeats_keeps_one_iteration_and_reconnects() -> None:
    graph = graphs.resnet(repeat=True)
    view = tensor_view(graph, fold=True, merge_inplace=True)
    assert [(r.label, r.count) for r in view.repeats] == [("stage 1", 2)]
    assert len([n for n in view.nodes if n.op == "add"]) == 2  # one folded + the downsample
    path = main_path(view)
    assert _ops(graph, [path[0], path[-1]]) == ["input", "dense"]


def test_hidden_layers_are_bridged() -> None:
    from dataclasses import replace

    from nnviz_core.ir.graph import Display

    graph = graphs.lenet()
    nodes = tuple(
        replace(n, display=Display(hidden=True)) if n.op == "flatten" else n for n in graph.nodes
    )
    view = tensor_view(replace(graph, nodes=nodes), fold=False, merge_inplace=False)
    assert "n6" not in {n.id for n in view.nodes}
    assert ("n5", "n7") in view.edges


def test_elide_replaces_the_middle_by_dots_between_cuts() -> None:
    view = tensor_view(graphs.chain(40), fold=False, merge_inplace=False)
    struct = structure(view, elide=True)
    assert DOTS in struct.order
    assert struct.columns == 9
    assert (DOTS, struct.order[struct.order.index(DOTS) + 1]) in struct.edges


def test_rows_break_only_at_cuts_or_forks() -> None:
    view = tensor_view(graphs.resnet(), fold=False, merge_inplace=True)
    struct = structure(view, elide=False)
    split = rows(struct, [1.0] * struct.columns, 4.0)
    cuts = struct.cuts(forks=True)
    assert len(split) > 1
    assert all(r.start in cuts for r in split[1:])


def test_forks_cut_only_after_a_residual_input() -> None:
    view = tensor_view(graphs.resnet(), fold=False, merge_inplace=True)
    struct = structure(view, elide=False)
    adds = [struct.column[n.id] for n in view.nodes if n.op == "add"]
    assert struct.cuts() == {1, adds[-1] + 1, adds[-1] + 2}
    assert adds[0] + 1 in struct.cuts(forks=True)  # the skip into the second add continues


def test_two_inputs_meet_at_a_merge() -> None:
    b = graphs.Builder("Two towers")
    image = b.add("input", "input", (3, 32, 32))
    b.add("conv2d", "convolution", (16, 32, 32), filters=16, kernel=3)
    left = b.add("global_avgpool2d", "pooling", (16,))
    side = b.add("input", "input", (8,), ())
    right = b.add("dense", "dense", (16,), units=16)
    b.add("concat", "merge", (32,), (left, right))
    struct = structure(tensor_view(b.graph(), fold=False, merge_inplace=True), elide=False)
    assert struct.lane[image] == 0 and struct.lane[side] == 1
    assert struct.column[side] == 0


def test_generic_nodes_are_captioned_with_the_type_they_stand_for() -> None:
    from nnviz_core.ir import Node, TensorSpec, freeze
    from nnviz_core.styles.tensor.captions import long_caption, short_caption

    lrn = Node(
        "lrn", "custom", "norm1", "custom", attrs=freeze({"type": "LRN"}),
        outputs=(TensorSpec((96, 55, 55)),),
    )  # fmt: skip
    assert short_caption(lrn) == "LRN"
    assert long_caption(lrn) == "LRN"
