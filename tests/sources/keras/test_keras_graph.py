"""What the Keras source puts in the IR: ops, canonical arguments, shapes, dtypes, parameters."""

from __future__ import annotations

import math
import warnings

import keras
import pytest
from keras import layers
from keras_fixtures import (
    GRAPH_MODELS,
    frozen,
    multi_io,
    nested,
    residual,
    sequential_cnn,
    shared_layer,
    with_unknown_layer,
)

from nnviz_core.ir import Graph
from nnviz_core.sources.inputs import InputShape
from nnviz_core.sources.keras_model import load_keras

pytestmark = pytest.mark.keras


def by_name(graph: Graph, name: str) -> list:  # type: ignore[type-arg]
    return [node for node in graph.nodes if node.name == name]


@pytest.mark.parametrize("name", sorted(GRAPH_MODELS))
def test_parameter_total_matches_keras(name: str) -> None:
    model = GRAPH_MODELS[name]()
    graph = load_keras(model)
    assert graph.total_params == model.count_params()
    frozen_weights = sum(math.prod(w.shape) for w in model.non_trainable_weights)
    assert graph.total_params - graph.trainable_params == frozen_weights


def test_sequential_cnn_ops_arguments_and_shapes() -> None:
    graph = load_keras(sequential_cnn())
    assert graph.layout == "channels_last"
    assert graph.name == "sequential_cnn"
    assert [n.op for n in graph.nodes] == [
        "input", "conv2d", "maxpool2d", "batchnorm", "conv2d", "flatten", "dropout", "dense",
    ]  # fmt: skip
    conv = by_name(graph, "conv_b")[0]
    assert conv.attrs["filters"] == 16 and conv.attrs["kernel"] == (3, 3)
    assert conv.attrs["strides"] == (2, 2) and conv.attrs["padding"] == "same"
    assert conv.activation == "relu"
    assert conv.inputs[0].shape == (8, 13, 13) and conv.outputs[0].shape == (16, 7, 7)
    assert by_name(graph, "image")[0].outputs[0].shape == (1, 28, 28)
    assert by_name(graph, "logits")[0].attrs["units"] == 10
    assert by_name(graph, "drop")[0].attrs["rate"] == 0.25
    norm = by_name(graph, "norm")[0]
    assert (norm.params, norm.non_trainable_params) == (32, 16)


def test_linear_activation_is_left_out() -> None:
    dense = by_name(load_keras(residual()), "classes")[0]
    assert dense.activation is None and dense.attrs["activation"] is None


def test_dtypes_and_axes_of_a_multi_input_model() -> None:
    graph = load_keras(multi_io())
    assert [n.name for n in graph.inputs] == ["image", "tokens"]
    assert by_name(graph, "tokens")[0].outputs[0].dtype == "int32"
    assert by_name(graph, "embed")[0].outputs[0].shape == (6, 12)
    join = by_name(graph, "join")[0]
    assert join.op == "concat" and join.attrs["axis"] == 0
    assert {n.name for n in graph.outputs} == {"score", "label"}


def test_edges_carry_ports_and_tensors() -> None:
    graph = load_keras(residual())
    into_skip = sorted((e.target_port, e.source) for e in graph.edges if e.target == "skip")
    assert into_skip == [(0, "features"), (1, "conv_2")]
    assert all(e.tensor is not None and e.tensor.shape == (8, 16, 16) for e in graph.edges[:3])


def test_a_shared_layer_is_one_node_per_call_with_its_weights_counted_once() -> None:
    graph = load_keras(shared_layer())
    calls = by_name(graph, "encoder")
    assert [n.id for n in calls] == ["encoder", "encoder~2"]
    assert [n.params for n in calls] == [126, 0]
    assert [n.display.note for n in calls] == ["shared · call 1 of 2", "shared · call 2 of 2"]
    assert {graph.predecessors(n.id) for n in calls} == {("left",), ("right",)}


def test_nested_models_are_submodel_groups() -> None:
    graph = load_keras(nested())
    assert [(g.id, g.kind, g.label) for g in graph.groups] == [
        ("res_block", "submodel", "res_block"),
        ("head", "submodel", "head"),
    ]
    assert {n.name for n in graph.members("head")} == {"head_dense", "head_out"}
    assert graph.node("res_block/block_add").group == "res_block"


def test_frozen_layers_are_marked() -> None:
    graph = load_keras(frozen())
    assert by_name(graph, "conv_a")[0].trainable is False
    assert by_name(graph, "conv_b")[0].trainable is True
    assert by_name(graph, "flat")[0].trainable is None  # no weights, nothing to mark


def test_layer_mapping_of_wrappers_shapes_and_permutations() -> None:
    inputs = keras.Input((10, 6), name="seq")
    x = layers.Bidirectional(layers.LSTM(4, return_sequences=True), name="bilstm")(inputs)
    x = layers.Permute((2, 1), name="swap")(x)
    x = layers.Reshape((5, 16), name="fold")(x)
    x = layers.LeakyReLU(0.1, name="leaky")(x)
    x = layers.Activation("linear", name="identity")(x)
    x = layers.Activation("gelu", name="smooth")(x)
    model = keras.Model(inputs, x, name="wrappers")
    graph = load_keras(model)
    lstm = graph.node("bilstm")
    assert lstm.op == "lstm" and lstm.attrs["bidirectional"] is True
    assert lstm.attrs["return_sequences"] is True and lstm.outputs[0].shape == (8, 10)
    assert lstm.params == model.get_layer("bilstm").count_params()
    assert graph.node("swap").attrs["dims"] == (2, 1)
    assert graph.node("swap").outputs[0].shape == (10, 8)
    assert graph.node("fold").attrs["target_shape"] == (16, 5)
    assert graph.node("leaky").op == "leaky_relu"
    assert graph.node("leaky").attrs["negative_slope"] == pytest.approx(0.1)
    identity = graph.node("identity")
    assert (identity.op, identity.attrs["activation"], identity.activation) == (
        "activation", "linear", "linear",
    )  # fmt: skip
    assert (graph.node("smooth").op, graph.node("smooth").activation) == ("gelu", "gelu")


def test_an_unknown_layer_becomes_a_custom_node_with_a_warning() -> None:
    expected = r"Keras layer 'scale' \(Scale\): no canonical op for this class; drawn as a generic"
    with pytest.warns(UserWarning, match=expected):
        graph = load_keras(with_unknown_layer())
    node = graph.node("scale")
    assert (node.op, node.category, node.attrs["type"]) == ("custom", "custom", "Scale")
    assert node.outputs[0].shape == (10,)


def test_an_unbuilt_sequential_model_is_built_from_input_shape() -> None:
    model = keras.Sequential([layers.Dense(4), layers.Dense(2)], name="unbuilt")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        graph = load_keras(model, input_shape=(InputShape((1, 7)),), name="Built")
    assert graph.name == "Built"
    assert [n.outputs[0].shape for n in graph.nodes] == [(7,), (4,), (2,)]
    assert graph.total_params == 7 * 4 + 4 + 4 * 2 + 2


def test_loading_is_deterministic() -> None:
    model = multi_io()
    assert load_keras(model) == load_keras(model)


def test_keras_ops_in_a_functional_model() -> None:
    a = keras.Input((4,), name="a")
    b = keras.Input((4,), name="b")
    x = keras.ops.relu(keras.ops.add(a, b))
    x = keras.ops.mean(keras.ops.expand_dims(x, -1), axis=-1)
    model = keras.Model([a, b], layers.Dense(2, name="d")(x), name="with_ops")
    with pytest.warns(UserWarning) as caught:
        graph = load_keras(model)
    assert sorted(str(w.message).split(":")[0] for w in caught) == [
        "Keras operation 'expand_dims' (ExpandDims)",
        "Keras operation 'mean' (Mean)",
    ]
    assert [(n.id, n.op) for n in graph.nodes] == [
        ("a", "input"), ("b", "input"), ("add", "add"), ("relu", "relu"),
        ("expand_dims", "custom"), ("mean", "custom"), ("d", "dense"),
    ]  # fmt: skip
    assert graph.node("mean").attrs["type"] == "Mean"
    assert graph.node("d").params == 10 and graph.total_params == model.count_params()
    assert graph.node("add").trainable is None


def test_a_nested_model_called_twice_gives_two_groups_with_weights_counted_once() -> None:
    tower_in = keras.Input((6,), name="tower_in")
    tower = keras.Model(tower_in, layers.Dense(3, name="tower_dense")(tower_in), name="tower")
    left = keras.Input((6,), name="left")
    right = keras.Input((6,), name="right")
    joined = layers.Concatenate(name="join")([tower(left), tower(right)])
    model = keras.Model([left, right], joined, name="twin_towers")
    graph = load_keras(model)
    assert [g.id for g in graph.groups] == ["tower", "tower~2"]
    assert [n.params for n in graph.nodes if n.name == "tower_dense"] == [21, 0]
    assert graph.total_params == model.count_params()
    assert set(graph.predecessors("join")) == {"tower/tower_dense", "tower~2/tower_dense"}
    assert graph.predecessors("tower~2/tower_in") == ("right",)


def test_calls_are_listed_in_the_order_the_author_wrote_them() -> None:
    graph = load_keras(GRAPH_MODELS["inception"]())
    assert [n.name for n in graph.nodes] == [
        "stem", "branch_1x1", "reduce_3x3", "branch_3x3", "pool_3x3", "branch_pool", "mixed",
        "gap", "logits",
    ]  # fmt: skip
    assert [n.name for n in load_keras(multi_io()).nodes][:2] == ["image", "tokens"]
