"""What becomes a neuron column, what becomes a summary box, and what links them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import fcnn_graphs as graphs
import pytest

import nnviz_core
from nnviz_core.errors import NnvizError, OptionError
from nnviz_core.ir import Display
from nnviz_core.ir.transforms import collapse
from nnviz_core.styles.fcnn import STYLE, FcnnOptions
from nnviz_core.styles.fcnn.regions import make_plan


def _columns(graph, **options):  # type: ignore[no-untyped-def]
    plan = make_plan(graph, FcnnOptions(**options))
    return [(c.kind, c.size, c.title) for c in plan.columns], plan


def test_mlp_has_one_column_per_dense_layer_and_the_input():
    columns, plan = _columns(graphs.mlp(784, 512, 512, 10))
    assert columns == [
        ("input", 784, "Input Layer"),
        ("hidden", 512, "Hidden Layer"),
        ("hidden", 512, "Hidden Layer"),
        ("output", 10, "Output Layer"),
    ]
    assert plan.boxes == ()
    assert len(plan.links) == 3


def test_activations_come_from_the_layer_or_the_activation_after_it():
    plan = make_plan(graphs.repeated(2), FcnnOptions())
    assert [c.activation for c in plan.columns] == [None, "relu", "relu", None]


def test_conv_part_is_a_box_feeding_a_feature_column():
    columns, plan = _columns(graphs.lenet())
    assert columns[0] == ("features", 400, "Features")
    [box] = plan.boxes
    assert box.title == "Conv stack"
    assert box.lines == ("input 1×32×32", "4 layers · 2,572 params")
    assert box.category == "convolution"
    assert (box.id, plan.columns[0].id) in plan.links
    assert plan.columns[0].category == "reshape"  # the flattened maps, not more convolution


def test_recurrent_part_is_named_after_its_layers_and_token_wise_dense_stays_in_it():
    columns, plan = _columns(graphs.sequence_head())
    assert columns == [("features", 8, "Features"), ("output", 3, "Output Layer")]
    [box] = plan.boxes
    assert box.title == "Embedding + LSTM stack"
    assert "per_token" in box.nodes
    assert box.category == "recurrent"


def test_layers_after_the_dense_part_become_a_box_fed_by_the_last_column():
    columns, plan = _columns(graphs.decoder_tail())
    [box] = plan.boxes
    assert box.title == "Conv2d transpose"
    assert box.output == "1×8×8"
    assert ("project", box.id) in plan.links
    assert columns[-1] == ("hidden", 128, "Hidden Layer")


def test_towers_join_at_the_merge_and_the_joint_layer_names_it():
    columns, plan = _columns(graphs.two_tower())
    assert ("input", 32, "user") in columns and ("input", 24, "item") in columns
    joint = next(c for c in plan.columns if c.id == "joint")
    assert joint.via == "concat"
    assert ("user_2", "joint") in plan.links and ("item_2", "joint") in plan.links


def test_a_final_merge_is_a_column_of_its_own():
    columns, plan = _columns(graphs.dot_product())
    assert columns[-1] == ("merge", 1, "Dot")
    assert plan.columns[-1].activation == "sigmoid"


def test_a_dense_layer_without_an_input_node_gets_one():
    columns, _ = _columns(graphs.headless())
    assert columns[0] == ("input", 7, "Input Layer")


def test_folded_repeats_draw_one_iteration_marked_with_its_count():
    _, plan = _columns(graphs.repeated(3), fold_repeats=True)
    assert [c.repeat for c in plan.columns] == [1, 3, 1]
    assert ("d0", "head") in plan.links


def test_collapsed_groups_are_boxes_named_after_the_group():
    builder = graphs.Builder("Grouped head")
    builder.add("input", "input", (64,), node_id="input")
    builder.dense(32, node_id="trunk")
    builder.groups.append(graphs.Group("head", "block", "Classifier head"))
    builder.dense(16, node_id="h1", group="head")
    builder.dense(4, node_id="h2", group="head")
    columns, plan = _columns(builder.graph(), depth=0)
    assert [(box.title, box.nodes) for box in plan.boxes] == [("Classifier head", ("h1", "h2"))]
    assert columns[-1] == ("hidden", 32, "Hidden Layer")
    assert ("trunk", plan.boxes[0].id) in plan.links


def test_collapsing_every_dense_layer_says_so():
    with pytest.raises(OptionError, match="'Autoencoder' has none at depth 0; draw it with"):
        make_plan(graphs.autoencoder(), FcnnOptions(depth=0))


def test_no_dense_layer_is_a_clear_error_that_suggests_other_styles():
    with pytest.raises(OptionError) as caught:
        STYLE.layout(graphs.conv_only(), FcnnOptions())
    assert str(caught.value) == (
        "the fcnn style draws dense (fully connected) layers as neurons, and 'All-conv' has "
        "none; draw it with style 'graph' or 'block' instead"
    )
    assert isinstance(caught.value, NnvizError)


def test_reshapes_around_the_vectors_are_named_in_notes():
    builder = graphs.Builder("Image MLP")
    builder.add("input", "input", (1, 28, 28), node_id="image")
    builder.add("flatten", "reshape", (784,))
    builder.dense(10, node_id="out")
    builder.add("reshape", "reshape", (1, 2, 5), node_id="grid")
    plan = make_plan(builder.graph(), FcnnOptions())
    assert [(c.size, c.note) for c in plan.columns] == [
        (784, "1×28×28 flattened"),
        (10, "→ 1×2×5"),
    ]


def test_blocks_get_panels_and_a_group_around_everything_does_not():
    plan = make_plan(graphs.autoencoder(), FcnnOptions())
    assert [(p.label, p.columns) for p in plan.panels] == [
        ("Encoder", ("e1", "code")),
        ("Decoder", ("d1", "d2")),
    ]
    assert make_plan(graphs.repeated(3), FcnnOptions()).panels[0].label == "Stack ×3"
    assert make_plan(graphs.repeated(3), FcnnOptions(fold_repeats=True)).panels[0].label == "Stack"
    builder = graphs.Builder("Wrapped")
    builder.groups.append(graphs.Group("all", "submodel", "Sequential"))
    builder.add("input", "input", (4,), node_id="x")
    builder.dense(3, group="all")
    builder.dense(2, group="all")
    assert make_plan(builder.graph(), FcnnOptions()).panels == ()


def test_dropout_folds_into_the_layer_before_it_and_is_named():
    graph = nnviz_core.load(Path(__file__).parents[2] / "examples" / "mlp.yaml")
    plan = make_plan(graph, FcnnOptions())
    assert [(c.activation, c.extras) for c in plan.columns] == [
        (None, ()),
        ("relu", ("dropout 0.2",)),
        ("relu", ("dropout 0.2",)),
        ("softmax", ()),
    ]


def test_display_overrides_label_note_colour_and_hidden():
    builder = graphs.Builder("Overrides")
    builder.add("input", "input", (8,), node_id="x", label="Pixels")
    builder.dense(6, node_id="a")
    builder.dense(5, node_id="skipped")
    builder.dense(3, node_id="b", label="Logits")
    nodes = builder.nodes
    nodes[1] = replace(nodes[1], display=Display(note="pretrained", color="#123456"))
    nodes[2] = replace(nodes[2], display=Display(hidden=True))
    columns, plan = _columns(builder.graph())
    assert columns == [
        ("input", 8, "Pixels"),
        ("hidden", 6, "Hidden Layer"),
        ("output", 3, "Logits"),
    ]
    assert (plan.columns[1].note, plan.columns[1].color) == ("pretrained", "#123456")
    assert ("a", "b") in plan.links


def test_dense_after_a_1x1_map_is_drawn_as_neurons() -> None:
    """Caffe's InnerProduct takes a 256×1×1 map directly: a vector in all but name."""
    from nnviz_core.ir import Edge, Graph, Node, TensorSpec

    pooled = TensorSpec((256, 1, 1))
    graph = Graph(
        name="caffe-head",
        nodes=(
            Node("data", "input", "data", "input", outputs=(pooled,)),
            Node("fc", "dense", "fc", "dense", inputs=(pooled,), outputs=(TensorSpec((10,)),)),
        ),
        edges=(Edge("data", "fc", tensor=pooled),),
    )
    from nnviz_core.scene import Circle, walk

    scene = nnviz_core.render(graph, "fcnn").scene  # no "has no dense layer" refusal
    neurons = [i.layer for i in walk(scene.items) if isinstance(i, Circle) and i.role == "layer"]
    # 256 inputs: the first and last few around an ellipsis; the 10 outputs, drawn shorter in
    # proportion, elide too
    assert neurons.count("data") == 12
    assert 2 <= neurons.count("fc") < 10


def test_depth_counts_a_repeat_as_one_level_as_every_style_does() -> None:
    graph = nnviz_core.load(
        """
name: Repeated trunk
input: [32]
blocks:
  unit:
    layers: [dense: 16, dense: 16]
layers:
  - dense: 16
  - {unit: {}, repeat: 3, label: trunk}
  - dense: 4
"""
    )
    columns, plan = _columns(graph, depth=1)  # the repeat's own level: nothing folds away
    assert plan.boxes == () and len(columns) == 1 + 1 + 3 * 2 + 1
    _, plan = _columns(graph, depth=0)
    assert [box.title for box in plan.boxes] == ["trunk"]
    assert [node.name for node in collapse(graph, 1).nodes] == [node.name for node in graph.nodes]
