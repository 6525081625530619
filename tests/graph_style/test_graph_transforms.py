"""IR transforms on hand-built graphs: fold_repeats, collapse, visible."""

from __future__ import annotations

from dataclasses import replace

from graph_style_samples import chain, lenet, nested, tiny_resnet

from nnviz_core.ir import Display
from nnviz_core.ir.transforms import collapse, fold_repeats, group_depth, visible


def _pairs(graph):
    return [(edge.source, edge.target) for edge in graph.edges]


def test_fold_keeps_first_iteration_and_rewires_the_exit():
    folded = fold_repeats(tiny_resnet(3))
    ids = [node.id for node in folded.nodes]
    assert "b0_conv_a" in ids and "b1_conv_a" not in ids and "b2_add" not in ids
    assert ("b0_add", "gap") in _pairs(folded)
    assert ("stem", "b0_conv_a") in _pairs(folded) and ("stem", "b0_add") in _pairs(folded)
    assert not any(node.startswith(("b1", "b2")) for pair in _pairs(folded) for node in pair)


def test_fold_keeps_the_repeat_group_with_its_count():
    folded = fold_repeats(tiny_resnet(3))
    kinds = {group.id: (group.kind, group.count) for group in folded.groups}
    assert kinds == {"stage": ("repeat", 3), "stage.0": ("iteration", 1)}


def test_fold_drops_edges_between_iterations():
    folded = fold_repeats(tiny_resnet(2))
    assert ("b0_add", "b0_conv_a") not in _pairs(folded)
    assert len(folded.edges) == len(set(_pairs(folded)))


def test_fold_without_repeats_returns_the_same_graph():
    graph = lenet()
    assert fold_repeats(graph) is graph


def test_group_depth_counts_iterations_with_their_repeat():
    graph = tiny_resnet(2)
    assert group_depth(graph, graph.group("stage")) == 1
    assert group_depth(graph, graph.group("stage.1")) == 1
    assert group_depth(nested(), nested().group("down2")) == 2


def test_collapse_depth_zero_turns_top_groups_into_nodes():
    graph = nested()
    collapsed = collapse(graph, 0)
    ids = [node.id for node in collapsed.nodes]
    assert ids == ["x", "encoder", "out"]
    encoder = collapsed.node("encoder")
    assert encoder.params == 34
    assert encoder.name == "Encoder"
    assert encoder.op == "block"
    assert encoder.attrs["layers"] == 5
    assert encoder.inputs[0].shape == (8, 16, 16)
    assert encoder.outputs[0].shape == (8, 16, 16)
    assert _pairs(collapsed) == [("x", "encoder"), ("encoder", "out")]
    assert collapsed.groups == ()


def test_collapse_depth_one_keeps_the_outer_cluster():
    collapsed = collapse(nested(), 1)
    assert [node.id for node in collapsed.nodes] == ["x", "down1", "down2", "mid", "out"]
    assert collapsed.node("down1").group == "encoder"
    assert collapsed.node("down2").category == "custom"  # conv + relu: mixed categories
    assert [group.id for group in collapsed.groups] == ["encoder"]


def test_collapse_of_a_repeat_sums_every_iteration():
    collapsed = collapse(tiny_resnet(3), 0)
    stage = collapsed.node("stage")
    assert stage.params == 3 * (2320 + 64 + 2320)
    assert stage.attrs["count"] == 3
    assert ("stem", "stage") in _pairs(collapsed) and ("stage", "gap") in _pairs(collapsed)


def test_collapse_deeper_than_every_group_changes_nothing():
    graph = nested()
    assert collapse(graph, 5) is graph


def test_visible_bridges_hidden_chains():
    graph = lenet()
    hide = {"pool1", "conv2"}
    nodes = tuple(
        replace(node, display=Display(hidden=True)) if node.id in hide else node
        for node in graph.nodes
    )
    shown = visible(replace(graph, nodes=nodes))
    assert "pool1" not in [node.id for node in shown.nodes]
    assert ("conv1", "pool2") in _pairs(shown)
    assert len(shown.nodes) == len(graph.nodes) - 2


def test_visible_keeps_the_arriving_tensor_on_bridged_edges():
    graph = lenet()
    nodes = tuple(
        replace(node, display=Display(hidden=True)) if node.id == "flatten" else node
        for node in graph.nodes
    )
    edges = tuple(
        replace(edge, tensor=graph.node(edge.source).output) for edge in chain("pool2", "flatten")
    ) + tuple(
        replace(edge, tensor=graph.node("flatten").output) for edge in chain("flatten", "fc1")
    )
    rest = tuple(e for e in graph.edges if "flatten" not in (e.source, e.target))
    shown = visible(replace(graph, nodes=nodes, edges=rest + edges))
    bridge = [e for e in shown.edges if (e.source, e.target) == ("pool2", "fc1")]
    assert bridge and bridge[0].tensor is not None and bridge[0].tensor.shape == (400,)


def test_visible_without_hidden_nodes_returns_the_same_graph():
    graph = lenet()
    assert visible(graph) is graph
