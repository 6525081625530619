"""The IR drawn from PyTorch fixture models: ops, attributes, shapes, parameters, wiring, groups."""

from __future__ import annotations

import pytest
import torch
import torch_fixtures as fx
from torch import nn

from nnviz_core.ir import Graph
from nnviz_core.ir.transforms import collapse, fold_repeats
from nnviz_core.sources.torch_model import load_torch

pytestmark = pytest.mark.torch


def ops(graph: Graph) -> list[str]:
    return [node.op for node in graph.nodes]


def links(graph: Graph) -> set[tuple[str, str]]:
    return {(edge.source, edge.target) for edge in graph.edges}


def total(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


def test_mlp_is_a_chain_of_canonical_ops_with_keras_argument_names() -> None:
    model = fx.MLP()
    graph = load_torch(model, input_shape="2,20")
    assert ops(graph) == ["input", "dense", "relu", "dropout", "dense"]
    assert links(graph) == {("x", "fc1"), ("fc1", "act"), ("act", "drop"), ("drop", "fc2")}
    fc1 = graph.node("fc1")
    assert fc1.attrs["units"] == 32 and fc1.attrs["use_bias"] is True
    assert fc1.inputs[0].shape == (20,) and fc1.outputs[0].shape == (32,)
    assert graph.node("drop").attrs["rate"] == pytest.approx(0.2)
    assert graph.node("act").activation == "relu"
    assert graph.total_params == total(model) == 1002
    assert graph.name == "MLP" and graph.source.endswith("torch_fixtures.MLP")


def test_cnn_shapes_are_channels_first_without_batch_and_conv_arguments_canonical() -> None:
    model = fx.cnn()
    graph = load_torch(model, input_shape=(4, 1, 28, 28))
    conv = graph.node("0")
    assert conv.op == "conv2d" and conv.category == "convolution"
    assert dict(conv.attrs) | {} == {
        "activation": None,
        "dilation": (1, 1),
        "filters": 6,
        "groups": 1,
        "kernel": (5, 5),
        "padding": (2, 2),
        "strides": (1, 1),
        "use_bias": True,
    }
    assert graph.node("4").attrs["padding"] == "valid"
    assert graph.node("1").op == "batchnorm" and graph.node("1").attrs["momentum"] == 0.9
    assert graph.node("3").attrs["pool_size"] == (2, 2)
    assert graph.node("7").op == "flatten" and graph.node("7").outputs[0].shape == (400,)
    assert [n.outputs[0].shape for n in graph.nodes][-3:] == [(16, 5, 5), (400,), (10,)]
    assert graph.total_params == total(model)


def test_residual_block_draws_the_functional_add_and_relu() -> None:
    graph = load_torch(fx.ResNetTiny(), input_shape="1,3,16,16")
    add = graph.node("layer1.0.add_1")
    assert add.op == "add" and add.category == "merge"
    assert set(graph.predecessors(add.id)) == {"layer1.0.bn2", "stem"}
    assert graph.node("layer1.0.relu_1").op == "relu"  # torch.relu
    assert graph.node("layer1.0.relu_2").op == "relu"  # F.relu
    assert graph.node("pool").op == "global_avgpool2d"
    assert graph.node("flatten_1").op == "flatten"  # torch.flatten(x, 1)


def test_residual_blocks_become_a_repeat_of_three_iterations() -> None:
    model = fx.ResNetTiny()
    graph = load_torch(model, input_shape="1,3,16,16")
    repeat = graph.group("layer1")
    assert (repeat.kind, repeat.count) == ("repeat", 3)
    iterations = [g for g in graph.groups if g.parent == "layer1"]
    assert [(g.id, g.kind, g.index) for g in iterations] == [
        ("layer1.0", "iteration", 0),
        ("layer1.1", "iteration", 1),
        ("layer1.2", "iteration", 2),
    ]
    folded = fold_repeats(graph)
    assert not any(node.id.startswith("layer1.1") for node in folded.nodes)
    assert ("layer1.0.relu_2", "pool") in links(folded)
    assert graph.total_params == total(model)


def test_depth_zero_collapses_the_repeat_into_one_node() -> None:
    graph = collapse(load_torch(fx.ResNetTiny(), input_shape="1,3,16,16"), 0)
    assert ops(graph) == ["input", "conv2d", "repeat", "global_avgpool2d", "flatten", "dense"]
    summary = graph.node("layer1")
    assert summary.attrs["count"] == 3 and summary.params == 3 * (2304 * 2 + 64)


def test_inception_branches_meet_in_a_channel_concat() -> None:
    model = fx.Inception()
    graph = load_torch(model, input_shape="1,8,8,8")
    cat = graph.node("cat_1")
    assert cat.op == "concat" and cat.attrs["axis"] == 0
    assert graph.predecessors("cat_1") == ("b1", "b3.1", "b5.1", "pool.1")
    assert cat.outputs[0].shape == (16, 8, 8)
    assert sorted(graph.successors("x")) == ["b1", "b3.0", "b5.0", "pool.0"]
    assert {g.id: g.kind for g in graph.groups} == {
        "b3": "submodel",
        "b5": "submodel",
        "pool": "submodel",
    }
    assert graph.node("b3.1").group == "b3"
    assert graph.total_params == total(model)


def test_unet_skip_connection_crosses_the_bottleneck() -> None:
    graph = load_torch(fx.UNetTiny(), input_shape="1,1,16,16")
    assert graph.predecessors("cat_1") == ("up", "down.1")
    up = graph.node("up")
    assert up.op == "conv2d_transpose" and up.attrs["strides"] == (2, 2)
    assert up.outputs[0].shape == (8, 16, 16)


def test_lstm_keeps_only_the_sequence_output_it_feeds_on() -> None:
    model = fx.LSTMTagger()
    graph = load_torch(model, input_shape="2,7:int64")
    assert graph.node("ids").outputs[0].dtype == "int64"
    lstm = graph.node("lstm")
    assert lstm.op == "lstm" and lstm.category == "recurrent"
    assert lstm.attrs["units"] == 32 and lstm.attrs["return_sequences"] is True
    assert lstm.outputs == (lstm.outputs[0],) and lstm.outputs[0].shape == (7, 32)
    assert graph.node("embed").attrs["input_dim"] == 100
    assert graph.total_params == total(model)


def test_transformer_encoder_layers_fold_to_times_three() -> None:
    model = fx.TinyTransformer()
    graph = load_torch(model, input_shape="2,8:int64")
    repeat = graph.group("encoder.layers")
    assert (repeat.kind, repeat.count, repeat.parent) == ("repeat", 3, "encoder")
    attention = graph.node("encoder.layers.0.self_attn")
    assert attention.op == "multi_head_attention"
    assert attention.attrs["num_heads"] == 4 and attention.attrs["key_dim"] == 8
    folded = fold_repeats(graph)
    assert sum(node.op == "multi_head_attention" for node in folded.nodes) == 1
    # the learned positions are a bare nn.Parameter added to the data: a node of their own
    # that holds their weights, the addition's second input
    positions = graph.node("pos")
    assert (positions.op, positions.attrs["type"], positions.params) == ("custom", "Parameter", 256)
    assert positions.outputs[0].shape == (8, 32)  # the broadcast leading 1 is not shown
    assert graph.predecessors("add_1") == ("embed", "pos") and graph.node("add_1").params == 0
    assert graph.total_params == total(model)
    assert graph.node("getitem_1").attrs["type"] == "slice"


def test_two_inputs_two_outputs() -> None:
    graph = load_torch(fx.TwoInTwoOut(), input_shape="2,3,8,8; 2,5")
    assert [node.id for node in graph.inputs] == ["image", "extra"]
    assert sorted(node.id for node in graph.outputs) == ["cls", "reg"]
    assert graph.node("cat_1").inputs[1].shape == (8,)


def test_a_module_called_twice_counts_its_weights_once() -> None:
    model = fx.Shared()
    graph = load_torch(model, input_shape="2,8")
    first, second = graph.node("fc"), graph.node("fc@1")
    assert first.params == 72 and second.params == 0
    assert second.display.note == "shares weights with fc"
    assert links(graph) >= {("x", "fc"), ("fc", "tanh_1"), ("tanh_1", "fc@1"), ("fc@1", "out")}
    assert graph.total_params == total(model)


def test_a_weightless_module_called_twice_has_no_note() -> None:
    class Twice(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.act = nn.ReLU()
            self.fc = nn.Linear(3, 3)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return self.act(self.fc(self.act(x)))

    graph = load_torch(Twice(), input_shape="1,3")
    assert [node.id for node in graph.nodes] == ["x", "act", "fc", "act@1"]
    assert graph.node("act@1").display.note is None


def test_frozen_layers_are_not_trainable() -> None:
    model = fx.Frozen()
    graph = load_torch(model, input_shape="1,3,8,8")
    assert graph.node("features.0").trainable is False
    assert graph.node("head").trainable is True
    assert graph.node("features.1").trainable is None  # nothing to train
    assert graph.trainable_params == 290


def test_partly_frozen_layer_reports_its_frozen_part() -> None:
    model = nn.Sequential(nn.Linear(4, 3))
    model[0].bias.requires_grad = False
    node = load_torch(model, input_shape="1,4").node("0")
    assert (node.trainable, node.params, node.non_trainable_params) == (True, 15, 3)


def test_unknown_layer_warns_and_draws_a_generic_node() -> None:
    with pytest.warns(UserWarning, match="'PixelShuffle' has no equivalent in nnviz's op"):
        graph = load_torch(fx.Strange(), input_shape="1,3,4,4")
    node = graph.node("shuffle")
    assert (node.op, node.category, node.attrs["type"]) == ("custom", "custom", "PixelShuffle")
    assert node.outputs[0].shape == (3, 8, 8)


def test_identity_modules_are_not_drawn() -> None:
    model = nn.Sequential(nn.Linear(4, 4), nn.Identity(), nn.ReLU())
    graph = load_torch(model, input_shape="1,4")
    assert ops(graph) == ["input", "dense", "relu"]
    assert ("0", "2") in links(graph)


def test_example_inputs_give_the_same_graph_as_input_shape() -> None:
    ids = torch.randint(0, 100, (2, 7))
    model = fx.LSTMTagger()
    assert load_torch(model, example_inputs=(ids,)) == load_torch(model, input_shape="2,7:int64")
    assert load_torch(model, example_inputs=ids) == load_torch(model, input_shape="2,7:int64")


def test_same_model_same_graph() -> None:
    model = fx.TinyTransformer()
    assert load_torch(model, input_shape="2,8:int64") == load_torch(model, input_shape="2,8:int64")


def test_functional_layers_draw_like_their_modules() -> None:
    model = fx.Functional()
    graph = load_torch(model, input_shape="1,3,8,8")
    by_id = {node.id: (node.op, dict(node.attrs)) for node in graph.nodes}
    assert by_id["max_pool2d_1"] == (
        "maxpool2d",
        {"padding": "valid", "pool_size": (2, 2), "strides": (2, 2)},
    )
    assert by_id["interpolate_1"] == ("upsampling2d", {"interpolation": "nearest", "size": (2, 2)})
    assert by_id["mean_1"] == ("global_avgpool2d", {"keepdims": False})
    assert by_id["adaptive_avg_pool2d_1"][0] == "adaptive_avgpool2d"
    dense = graph.node("linear_1")
    assert (dense.op, dense.attrs["units"], dense.params) == ("dense", 10, 160)
    # an embedding looked up with torch.arange inside forward: a source of its own
    assert graph.predecessors("pos") == () and "pos" in graph.predecessors("view_1")
    assert graph.node("pos").outputs[0].shape == (4, 1)  # no batch axis to drop
    assert graph.total_params == total(model)


@pytest.mark.parametrize(
    ("model", "shape", "op"),
    [
        (nn.LSTM(4, 8, batch_first=True), "1,5,4", "lstm"),
        (nn.Conv2d(3, 8, 3), "1,3,8,8", "conv2d"),
    ],
)
def test_a_model_that_is_one_layer_is_one_node(model: nn.Module, shape: str, op: str) -> None:
    graph = load_torch(model, input_shape=shape)
    assert [node.op for node in graph.nodes] == ["input", op]
    assert graph.nodes[1].id == type(model).__name__.lower()
    assert graph.total_params == total(model)


def test_multi_head_attention_takes_query_key_and_value() -> None:
    model = nn.MultiheadAttention(8, 2, batch_first=True)
    graph = load_torch(model, input_shape="1,5,8; 1,6,8; 1,6,8")
    assert graph.predecessors("multiheadattention") == ("query", "key", "value")
    assert graph.node("multiheadattention").outputs[0].shape == (5, 8)


def test_a_function_never_takes_a_module_s_id() -> None:
    class Clash(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.add_1 = nn.Linear(2, 2)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return self.add_1(x) + x

    graph = load_torch(Clash(), input_shape="1,2")
    assert [(node.id, node.op) for node in graph.nodes] == [
        ("x", "input"),
        ("add_1", "dense"),
        ("add_1'", "add"),
    ]


def test_repeats_nest_and_fold_at_the_top_of_a_sequential() -> None:
    def stage() -> nn.Module:
        return nn.Sequential(*(nn.Sequential(nn.Linear(8, 8), nn.ReLU()) for _ in range(2)))

    model = nn.Sequential(stage(), stage(), stage(), nn.Linear(8, 2))
    graph = load_torch(model, input_shape="1,8")
    outer = graph.group("[0:3]")
    assert (outer.kind, outer.count, outer.parent) == ("repeat", 3, None)
    assert graph.group("1").kind == "iteration" and graph.group("1").parent == "[0:3]"
    inner = graph.group("1[0:2]")
    assert (inner.kind, inner.count, inner.parent) == ("repeat", 2, "1")
    assert [node.id for node in fold_repeats(graph).nodes] == ["input", "0.0.0", "0.0.1", "3"]


def test_different_blocks_are_not_folded() -> None:
    model = nn.Sequential(
        nn.Sequential(nn.Linear(8, 8), nn.ReLU()),
        nn.Sequential(nn.Linear(8, 8), nn.Tanh()),
    )
    graph = load_torch(model, input_shape="1,8")
    assert {group.kind for group in graph.groups} == {"submodel"}


def test_equal_layers_of_a_module_list_fold_with_the_ops_between_them() -> None:
    model = fx.LoopMLP()
    graph = load_torch(model, input_shape="1,4")
    repeat = graph.group("layers")
    assert (repeat.kind, repeat.count) == ("repeat", 4)
    assert [g.label for g in graph.groups if g.parent == "layers"] == [
        "layers.0",
        "layers.1",
        "layers.2",
        "layers.3",
    ]
    assert graph.node("relu_2").group == "layers#1"
    assert [n.id for n in fold_repeats(graph).nodes] == ["x", "inp", "layers.0", "relu_1", "out"]
    assert graph.total_params == total(model)


def test_a_sequential_of_equal_layer_pairs_folds_by_pairs() -> None:
    pairs = [layer for _ in range(3) for layer in (nn.Linear(8, 8), nn.ReLU())]
    model = nn.Sequential(nn.Linear(4, 8), *pairs, nn.Linear(8, 2))
    graph = load_torch(model, input_shape="1,4")
    repeat = graph.group("[1:7]")
    assert (repeat.kind, repeat.count) == ("repeat", 3)
    assert [g.label for g in graph.groups if g.parent == "[1:7]"] == ["[1:3]", "[3:5]", "[5:7]"]
    assert [n.id for n in fold_repeats(graph).nodes] == ["input", "0", "1", "2", "7"]
