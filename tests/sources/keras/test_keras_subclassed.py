"""Subclassed models: drawn from their sublayers in call order; Keras is left as it was."""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
import pytest
import torch
from keras import layers
from keras.src.layers.layer import Layer
from keras_fixtures import Subclassed, subclassed

from nnviz_core.errors import SourceError
from nnviz_core.sources.inputs import InputShape
from nnviz_core.sources.keras_model import load_keras

pytestmark = pytest.mark.keras

IMAGE = (InputShape((1, 16, 16, 3)),)


def test_sublayers_in_call_order_with_custom_blocks_as_groups() -> None:
    model = subclassed()
    graph = load_keras(model, input_shape=IMAGE)
    assert [n.id for n in graph.nodes] == [
        "input", "conv", "pool", "block/inner", "block/outer", "out",
    ]  # fmt: skip
    chain = [(e.source, e.target) for e in graph.edges]
    assert chain == [(a.id, b.id) for a, b in zip(graph.nodes, graph.nodes[1:], strict=False)]
    assert [(g.id, g.kind) for g in graph.groups] == [("block", "block")]
    assert graph.node("conv").outputs[0].shape == (6, 14, 14)
    assert graph.node("input").outputs[0].shape == (3, 16, 16)
    assert graph.total_params == model.count_params()
    assert graph.node("out").activation == "softmax"


def test_a_built_model_remembers_its_input_shape() -> None:
    model = subclassed()
    model(np.zeros((2, 16, 16, 3), dtype="float32"))
    graph = load_keras(model)
    assert graph.node("input").outputs[0].shape == (3, 16, 16)


def test_tracing_restores_keras_and_the_model() -> None:
    original = Layer.__call__
    model = subclassed()
    load_keras(model, input_shape=IMAGE)
    assert Layer.__call__ is original
    assert "call" not in vars(model)
    assert not torch.overrides._get_current_function_mode_stack()  # no tensor watcher left
    assert model(np.ones((1, 16, 16, 3), dtype="float32")).shape == (1, 4)


class Broken(keras.Model):
    def __init__(self) -> None:
        super().__init__(name="broken")
        self.dense = layers.Dense(3)

    def call(self, x: Any) -> Any:
        raise RuntimeError("forward exploded on purpose")


@pytest.mark.filterwarnings("ignore:.*build:UserWarning")  # Keras's own advice on Broken
def test_a_failing_call_is_one_error_quoting_it_and_keras_is_restored() -> None:
    original = Layer.__call__
    with pytest.raises(SourceError) as caught:
        load_keras(Broken(), input_shape=(InputShape((1, 5)),))
    message = str(caught.value)
    assert message == (
        f"Keras model 'broken' (Broken) could not be drawn (Keras {keras.__version__}): "
        "RuntimeError: forward exploded on purpose"
    )
    assert Layer.__call__ is original


def test_an_unbuilt_subclassed_model_asks_for_input_shape() -> None:
    with pytest.raises(SourceError, match=r"is subclassed and its input shape is unknown; pass "):
        load_keras(Subclassed())


class TwoInputs(keras.Model):
    def __init__(self) -> None:
        super().__init__(name="two_inputs")
        self.left = layers.Dense(4, name="left")
        self.right = layers.Dense(4, name="right")
        self.join = layers.Concatenate(name="join")

    def call(self, inputs: Any) -> Any:
        a, b = inputs
        return self.join([self.left(a), self.right(b)])


def test_several_inputs_and_a_merge() -> None:
    shapes = (InputShape((1, 3)), InputShape((1, 5)))
    graph = load_keras(TwoInputs(), input_shape=shapes)
    assert [n.id for n in graph.inputs] == ["input", "input_2"]
    assert set(graph.predecessors("join")) == {"left", "right"}
    assert graph.predecessors("right") == ("input_2",)
    assert graph.node("join").outputs[0].shape == (8,)


class WithSequentialBody(keras.Model):
    def __init__(self) -> None:
        super().__init__(name="with_body")
        self.body = keras.Sequential(
            [layers.Dense(3, name="s1"), layers.Dense(3, name="s2")], name="body"
        )
        self.head = layers.Dense(1, name="head")

    def call(self, x: Any) -> Any:
        return self.head(self.body(x) + x)  # an addition that is no layer


def test_a_keras_model_inside_is_a_submodel_group_and_tensor_sums_are_merges() -> None:
    graph = load_keras(WithSequentialBody(), input_shape=(InputShape((1, 3)),))
    assert [(n.id, n.op, n.group) for n in graph.nodes] == [
        ("input", "input", None), ("body/s1", "dense", "body"), ("body/s2", "dense", "body"),
        ("add", "add", None), ("head", "dense", None),
    ]  # fmt: skip
    assert graph.predecessors("add") == ("body/s2", "input")
    assert graph.predecessors("head") == ("add",)
    assert [(g.id, g.kind) for g in graph.groups] == [("body", "submodel")]


class TensorOps(keras.Model):
    """Skips, concatenations and reshapes written with keras.ops rather than layers."""

    def __init__(self) -> None:
        super().__init__(name="tensor_ops")
        self.conv = layers.Conv2D(4, 3, padding="same", name="conv")
        self.side = layers.Conv2D(2, 1, name="side")
        self.out = layers.Dense(3, name="out")

    def call(self, x: Any) -> Any:
        y = keras.ops.relu(self.conv(x))
        y = keras.ops.concatenate([y, self.side(x)], axis=-1)
        flat = keras.ops.reshape(y, (-1, 8 * 8 * 6))
        return self.out(flat * 0.5)


def test_keras_ops_between_layers_are_followed() -> None:
    graph = load_keras(TensorOps(), input_shape=(InputShape((1, 8, 8, 3)),))
    assert [n.id for n in graph.nodes] == ["input", "conv", "side", "concat", "out"]
    concat = graph.node("concat")
    assert concat.attrs["axis"] == 0 and concat.outputs[0].shape == (6, 8, 8)
    assert graph.predecessors("concat") == ("conv", "side")
    assert graph.predecessors("side") == ("input",)
    assert graph.predecessors("out") == ("concat",)  # through the reshape and the scaling


def test_a_subclassed_model_nested_in_a_functional_one_is_traced_in_place() -> None:
    inputs = keras.Input((16, 16, 3), name="pixels")
    inner = subclassed()
    outputs = layers.Dense(2, name="final")(inner(inputs))
    model = keras.Model(inputs, outputs, name="outer")
    graph = load_keras(model)
    assert [n.id for n in graph.nodes] == [
        "pixels", "subclassed/conv", "subclassed/pool", "subclassed/block/inner",
        "subclassed/block/outer", "subclassed/out", "final",
    ]  # fmt: skip
    assert graph.predecessors("subclassed/conv") == ("pixels",)
    assert graph.predecessors("final") == ("subclassed/out",)
    assert graph.group("subclassed/block").parent == "subclassed"
    assert graph.total_params == model.count_params()
