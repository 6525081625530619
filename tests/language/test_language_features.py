"""The YAML language: shorthand, graphs, blocks, repeats, groups, display keys and layouts."""

from __future__ import annotations

from pathlib import Path

import pytest

import nnviz_core
from nnviz_core.errors import ReferenceError, SpecValueError
from nnviz_core.ir import Display, Graph, TensorSpec
from nnviz_core.sources.yaml_spec import load_mapping, load_path, load_text

LENET = """\
name: LeNet-5
input: [1, 32, 32]
layers:
  - conv2d: {filters: 6, kernel: 5, activation: tanh}
  - avgpool2d: 2
  - conv2d: {filters: 16, kernel: 5, activation: tanh}
  - avgpool2d: 2
  - flatten
  - dense: 120
  - dense: 84
  - dense: {units: 10, activation: softmax, name: logits}
"""

RESIDUAL = """\
name: Residual stage
input: [64, 56, 56]
blocks:
  basic:
    args: {filters: 64, stride: 1}
    layers:
      - {id: a, conv2d: {filters: $filters, kernel: 3, stride: $stride, padding: same}}
      - batchnorm
      - relu
      - {id: b, conv2d: {filters: $filters, kernel: 3, padding: same}}
      - {add: [input, b]}
      - relu
layers:
  - {basic: {filters: 64}, repeat: 2, label: conv2_x}
  - {id: head, global_avgpool2d: {}}
  - {dense: 1000, inputs: [head]}
"""


def shapes(graph: Graph) -> dict[str, tuple[int | None, ...]]:
    return {node.id: node.outputs[0].shape for node in graph.nodes}


def test_lenet_shapes_ids_and_params() -> None:
    graph = load_text(LENET)
    assert graph.name == "LeNet-5"
    assert [n.id for n in graph.nodes] == [
        "input", "conv2d_1", "avgpool2d_1", "conv2d_2", "avgpool2d_2", "flatten_1",
        "dense_1", "dense_2", "dense_3",
    ]  # fmt: skip
    assert shapes(graph)["avgpool2d_2"] == (16, 5, 5)
    assert shapes(graph)["flatten_1"] == (400,)
    assert graph.total_params == 61_706
    last = graph.nodes[-1]
    assert (last.name, last.activation, last.category, last.params) == (
        "logits", "softmax", "dense", 850,
    )  # fmt: skip
    assert graph.node("avgpool2d_1").attrs["strides"] == (2, 2)
    assert graph.node("conv2d_1").attrs["kernel"] == (5, 5)
    assert graph.node("conv2d_1").location is not None
    assert str(graph.node("conv2d_1").location) == "<string>:4:5"


def test_edges_carry_tensors_and_follow_the_chain() -> None:
    graph = load_text(LENET)
    first = graph.edges[0]
    assert (first.source, first.target, first.tensor) == (
        "input", "conv2d_1", TensorSpec((1, 32, 32)),
    )  # fmt: skip
    assert graph.node("conv2d_1").inputs == (TensorSpec((1, 32, 32)),)
    assert graph.predecessors("dense_1") == ("flatten_1",)


def test_blocks_repeat_into_iteration_groups() -> None:
    graph = load_text(RESIDUAL)
    groups = {g.id: g for g in graph.groups}
    assert groups["basic_1"].kind == "repeat"
    assert (groups["basic_1"].count, groups["basic_1"].label) == (2, "conv2_x")
    assert [(g.id, g.index, g.parent) for g in graph.groups if g.kind == "iteration"] == [
        ("basic_1.0", 0, "basic_1"),
        ("basic_1.1", 1, "basic_1"),
    ]
    assert graph.node("basic_1.1.a").group == "basic_1.1"
    assert set(graph.predecessors("basic_1.0.add_1")) == {"input", "basic_1.0.b"}
    assert set(graph.predecessors("basic_1.1.add_1")) == {"basic_1.0.relu_2", "basic_1.1.b"}
    assert graph.predecessors("dense_1") == ("head",)
    assert shapes(graph)["head"] == (64,)
    assert graph.node("basic_1.0.a").attrs["strides"] == (1, 1)
    assert graph.node("basic_1.0.batchnorm_1").params == 256


def test_block_arguments_substitute_whole_values_and_inside_text() -> None:
    graph = load_text(
        "input: [8]\n"
        "blocks:\n"
        "  mlp:\n"
        "    args: {width: 4, act: relu}\n"
        "    layers:\n"
        "      - dense: {units: $width, activation: $act, label: 'dense ${width}'}\n"
        "layers:\n"
        "  - mlp: {width: 32}\n"
        "  - mlp\n"
        "  - {mlp: {width: 3}, id: last}\n"
    )
    dense = [n for n in graph.nodes if n.op == "dense"]
    assert [n.outputs[0].shape for n in dense] == [(32,), (4,), (3,)]
    assert [n.display.label for n in dense] == ["dense 32", "dense 4", "dense 3"]
    assert [n.id for n in dense] == ["mlp_1.dense_1", "mlp_2.dense_1", "last.dense_1"]
    assert [(g.id, g.kind, g.label) for g in graph.groups] == [
        ("mlp_1", "block", "mlp"), ("mlp_2", "block", "mlp"), ("last", "block", "mlp"),
    ]  # fmt: skip


def test_nested_blocks_and_inline_groups() -> None:
    graph = load_text(
        "input: [3, 32, 32]\n"
        "blocks:\n"
        "  conv_bn: {args: {f: 8}, layers: [{conv2d: {filters: $f, kernel: 3}}, batchnorm]}\n"
        "  stage: {args: {f: 8}, layers: [{conv_bn: {f: $f}}, {conv_bn: {f: $f}}]}\n"
        "layers:\n"
        "  - {label: Stem, layers: [{id: stem_conv, conv2d: {filters: 4, kernel: 1}}, relu]}\n"
        "  - {stage: {f: 16}, id: s1}\n"
        "  - {concat: [s1, s1]}\n"
        "  - {dense: 2, inputs: stem_conv}\n"
    )
    assert graph.node("stem_conv").group == "group_1"
    assert graph.group("group_1").label == "Stem"
    assert graph.node("s1.conv_bn_2.conv2d_1").outputs[0].shape == (16, 28, 28)
    assert graph.group("s1.conv_bn_2").parent == "s1"
    assert shapes(graph)["concat_1"] == (32, 28, 28)
    assert graph.predecessors("dense_1") == ("stem_conv",)


def test_repeat_of_a_single_op_chains_its_copies() -> None:
    graph = load_text(
        "input: [8]\nlayers:\n  - {dense: 8, repeat: 3, id: tower, label: Tower}\n  - relu\n"
    )
    assert [n.id for n in graph.nodes] == [
        "input", "tower.0.dense_1", "tower.1.dense_1", "tower.2.dense_1", "relu_1",
    ]  # fmt: skip
    assert (graph.group("tower").count, graph.group("tower").label) == (3, "Tower")
    assert graph.node("tower.0.dense_1").display.label is None
    assert graph.predecessors("relu_1") == ("tower.2.dense_1",)


def test_repeated_inline_groups_see_outer_ids_and_their_own_input() -> None:
    graph = load_text(
        "input: [8]\n"
        "layers:\n"
        "  - {id: skip, dense: 8}\n"
        "  - {label: Mix, repeat: 2, layers: [{id: d, dense: 8}, {add: [input, d, skip]}]}\n"
        "  - {dense: 2, inputs: [group_1.1.d]}\n"
    )
    assert graph.group("group_1").label == "Mix"
    assert set(graph.predecessors("group_1.1.add_1")) == {
        "group_1.0.add_1", "group_1.1.d", "skip",
    }  # fmt: skip
    assert graph.predecessors("dense_1") == ("group_1.1.d",)


def test_blocks_do_not_see_the_callers_ids() -> None:
    text = (
        "input: [8]\nblocks:\n  b: {layers: [{add: [input, outer]}]}\n"
        "layers:\n  - {id: outer, dense: 8}\n  - b\n"
    )
    with pytest.raises(ReferenceError, match="unknown input 'outer'"):
        load_text(text)


def test_display_overrides_and_layer_keys() -> None:
    graph = load_text(
        "input: [8]\n"
        "layers:\n"
        "  - {dense: {units: 4, label: Hidden, color: '#A0b'}, note: wide, trainable: false}\n"
        "  - {dropout: 0.1, hidden: true, name: drop}\n"
        "  - {custom: Capsules, output_shape: [10, 16], category: attention}\n"
    )
    dense, drop, caps = graph.nodes[1:]
    assert dense.display == Display(label="Hidden", color="#aa00bb", note="wide")
    assert dense.trainable is False
    assert graph.trainable_params == 0
    assert (drop.name, drop.display.hidden) == ("drop", True)
    assert (caps.category, caps.attrs["type"], caps.outputs[0].shape) == (
        "attention", "Capsules", (10, 16),
    )  # fmt: skip


def test_pytorch_spellings_become_canonical_attributes() -> None:
    graph = load_text(
        "input: [3, 32, 32]\n"
        "layers:\n"
        "  - conv2d: {in_channels: 3, out_channels: 8, kernel_size: 3, stride: 2, padding: 1,"
        " bias: false}\n"
        "  - batch_normalization: {num_features: 8, eps: 0.00001}\n"
        "  - max_pooling2d: {kernel_size: 2}\n"
        "  - flatten\n"
        "  - linear: {in_features: 512, out_features: 10}\n"
    )
    conv = graph.nodes[1]
    assert dict(conv.attrs) == {
        "activation": None, "dilation": (1, 1), "filters": 8, "groups": 1, "kernel": (3, 3),
        "padding": (1, 1), "strides": (2, 2), "use_bias": False,
    }  # fmt: skip
    assert [n.op for n in graph.nodes] == [
        "input", "conv2d", "batchnorm", "maxpool2d", "flatten", "dense",
    ]  # fmt: skip
    assert graph.nodes[-1].params == 5130


def test_channels_last_layout_is_stored_channels_first() -> None:
    graph = load_text(
        "input: {shape: [32, 32, 3], layout: channels_last}\n"
        "layers:\n"
        "  - {id: a, conv2d: {filters: 8, kernel: 3, padding: same}}\n"
        "  - {id: b, conv2d: {filters: 4, kernel: 3, padding: same}, inputs: [input]}\n"
        "  - {concat: {axis: -1}, inputs: [a, b]}\n"
        "  - reshape: [16, 64, 12]\n"
    )
    assert graph.layout == "channels_last"
    assert graph.nodes[0].outputs[0].shape == (3, 32, 32)
    assert shapes(graph)["concat_1"] == (12, 32, 32)
    assert graph.node("concat_1").attrs["axis"] == 0
    assert shapes(graph)["reshape_1"] == (12, 16, 64)


def test_channels_last_permute_follows_the_authors_axes() -> None:
    graph = load_text(
        "layout: channels_last\ninput: [10, 20, 3]\nlayers:\n  - permute: [2, 1, 3]\n"
        "  - permute: [3, 1, 2]\n"
    )
    # as Keras would: [10, 20, 3] → [20, 10, 3] → [3, 20, 10]; stored channels first
    assert [n.outputs[0].shape for n in graph.nodes] == [(3, 10, 20), (3, 20, 10), (10, 3, 20)]


def test_several_named_inputs() -> None:
    graph = load_text(
        "inputs: {image: [3, 16, 16], meta: {shape: [8], dtype: float16}}\n"
        "layers:\n"
        "  - {id: f, global_avgpool2d: {}, inputs: [image]}\n"
        "  - {id: m, dense: 3, inputs: meta}\n"
        "  - {concat: [f, m]}\n"
        "  - {concat: {axis: 0, inputs: [f, m]}}\n"
    )
    assert [n.id for n in graph.inputs] == ["image", "meta"]
    assert graph.node("meta").outputs[0].dtype == "float16"
    assert shapes(graph)["concat_1"] == shapes(graph)["concat_2"] == (6,)


def test_input_layers_and_forward_references_are_ordered() -> None:
    graph = load_text(
        "layers:\n"
        "  - {id: out, add: [x, y]}\n"
        "  - {id: x, input: [4]}\n"
        "  - {id: y, dense: 4, inputs: [x]}\n"
    )
    assert [n.id for n in graph.nodes] == ["x", "y", "out"]
    assert graph.outputs[0].id == "out"


def test_author_ids_are_never_reused_for_generated_ones() -> None:
    graph = load_text("input: [4]\nlayers:\n  - dense: 4\n  - {id: dense_1, dense: 4}\n")
    assert [n.id for n in graph.nodes] == ["input", "dense_2", "dense_1"]


def test_sources_agree(tmp_path: Path) -> None:
    path = tmp_path / "lenet.yaml"
    path.write_text(LENET, encoding="utf-8")
    mapping = {"input": [1, 32, 32], "layers": ["flatten", {"dense": 10}]}
    assert load_path(path).total_params == load_text(LENET).total_params
    assert load_path(path).source == str(path)
    assert load_mapping(mapping).nodes[-1].outputs[0].shape == (10,)
    assert nnviz_core.load(mapping) == load_mapping(mapping)
    assert nnviz_core.load(str(path)).name == "LeNet-5"


def test_loading_is_deterministic() -> None:
    assert load_text(RESIDUAL) == load_text(RESIDUAL)
    assert repr(load_text(RESIDUAL)) == repr(load_text(RESIDUAL))


def test_layers_may_ask_for_illustrative_weights() -> None:
    graph = load_text(
        "input: [8]\nlayers:\n"
        "  - {dense: 6, weights: random(7)}\n"
        "  - dense: {units: 3, weights: none}\n"
    )
    assert [node.attrs.get("weights") for node in graph.nodes] == [None, "random(7)", "none"]


def test_weights_must_name_a_seeded_random_draw() -> None:
    with pytest.raises(SpecValueError) as caught:
        load_text("input: [8]\nlayers:\n  - {dense: 6, weights: lots}\n")
    assert str(caught.value) == (
        "<string>:3:25: weights must be random, random(SEED), random:SEED or none, got 'lots'"
    )
