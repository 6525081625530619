"""Parameter counts and shapes agree with Keras 3 layers (channels-last, so shapes compare
with the channel axis moved)."""

from __future__ import annotations

import math
import os
from typing import Any

import pytest

from nnviz_core.ir.ops import Incoming, apply, lookup

os.environ.setdefault("KERAS_BACKEND", "torch")
import keras  # the backend is chosen above, before the import

pytestmark = pytest.mark.keras


def channels_last(shape: tuple[Any, ...]) -> tuple[Any, ...]:
    return (*shape[1:], shape[0]) if len(shape) >= 2 else shape


def check(op: str, args: dict[str, Any], shape: tuple[int, ...], layer: Any) -> None:
    applied = apply(lookup(op), args, [Incoming(shape, "x")])
    built = keras.Sequential([keras.Input(channels_last(shape)), layer])
    assert channels_last(applied.shape) == tuple(built.output_shape[1:])
    assert applied.params == built.count_params()
    frozen = sum(math.prod(w.shape) for w in built.non_trainable_weights)
    assert applied.non_trainable == frozen


CASES = [
    ("batchnorm", {}, (64, 8, 8), lambda: keras.layers.BatchNormalization()),
    ("lstm", {"units": 64}, (32, 12), lambda: keras.layers.LSTM(64)),
    ("gru", {"units": 48, "return_sequences": True}, (32, 7),
     lambda: keras.layers.GRU(48, return_sequences=True)),
    ("simple_rnn", {"units": 16}, (32, 7), lambda: keras.layers.SimpleRNN(16)),
    ("separable_conv2d", {"filters": 32, "kernel": 3, "depth_multiplier": 2}, (16, 20, 20),
     lambda: keras.layers.SeparableConv2D(32, 3, depth_multiplier=2)),
    ("depthwise_conv2d", {"kernel": 5, "strides": 2, "padding": "same"}, (8, 15, 15),
     lambda: keras.layers.DepthwiseConv2D(5, strides=2, padding="same")),
    ("conv2d_transpose", {"filters": 8, "kernel": 3, "strides": 2, "padding": "same"},
     (4, 7, 9), lambda: keras.layers.Conv2DTranspose(8, 3, strides=2, padding="same")),
    ("conv1d", {"filters": 8, "kernel": 3, "padding": "causal", "dilation": 2}, (4, 10),
     lambda: keras.layers.Conv1D(8, 3, padding="causal", dilation_rate=2)),
    ("dense", {"units": 10}, (64, 10), lambda: keras.layers.Dense(10)),
    ("layernorm", {}, (64, 10), lambda: keras.layers.LayerNormalization()),
    ("maxpool2d", {"pool_size": 3, "strides": 2, "padding": "same"}, (4, 9, 9),
     lambda: keras.layers.MaxPooling2D(3, 2, padding="same")),
    ("zero_padding2d", {"padding": [[1, 2], [3, 4]]}, (3, 5, 5),
     lambda: keras.layers.ZeroPadding2D(((1, 2), (3, 4)))),
    ("upsampling1d", {"size": 3}, (4, 5), lambda: keras.layers.UpSampling1D(3)),
    ("cropping2d", {"cropping": [[1, 2], [3, 0]]}, (3, 8, 8),
     lambda: keras.layers.Cropping2D(((1, 2), (3, 0)))),
    ("cropping1d", {"cropping": 2}, (4, 9), lambda: keras.layers.Cropping1D(2)),
]  # fmt: skip


@pytest.mark.parametrize(("op", "args", "shape", "make"), CASES)
def test_matches_keras(op: str, args: dict[str, Any], shape: tuple[int, ...], make: Any) -> None:
    check(op, args, shape, make())


def test_attention_with_its_own_head_size_matches_keras() -> None:
    query = keras.Input((10, 64))
    value = keras.Input((7, 32))
    layer = keras.layers.MultiHeadAttention(num_heads=4, key_dim=24, value_dim=16)
    layer(query, value)
    applied = apply(
        lookup("multi_head_attention"),
        {"num_heads": 4, "key_dim": 24, "value_dim": 16},
        [Incoming((64, 10), "q"), Incoming((32, 7), "v")],
    )
    assert applied.shape == (64, 10)
    assert applied.params == layer.count_params()
