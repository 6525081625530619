"""Tiny Keras models covering what the Keras source must draw (built fresh on every call)."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

os.environ["KERAS_BACKEND"] = "torch"

import keras  # the backend is chosen just above
from keras import layers


def mlp() -> keras.Model:
    return keras.Sequential(
        [
            keras.Input((20,), name="features"),
            layers.Dense(16, activation="relu", name="hidden_1"),
            layers.Dense(8, activation="relu", name="hidden_2"),
            layers.Dense(3, activation="softmax", name="classes"),
        ],
        name="mlp",
    )


def inception() -> keras.Model:
    inputs = keras.Input((16, 16, 8), name="stem")
    one = layers.Conv2D(4, 1, activation="relu", name="branch_1x1")(inputs)
    three = layers.Conv2D(4, 1, activation="relu", name="reduce_3x3")(inputs)
    three = layers.Conv2D(6, 3, padding="same", activation="relu", name="branch_3x3")(three)
    pool = layers.MaxPooling2D(3, strides=1, padding="same", name="pool_3x3")(inputs)
    pool = layers.Conv2D(2, 1, activation="relu", name="branch_pool")(pool)
    x = layers.Concatenate(name="mixed")([one, three, pool])
    x = layers.GlobalAveragePooling2D(name="gap")(x)
    return keras.Model(inputs, layers.Dense(10, name="logits")(x), name="inception")


def unet() -> keras.Model:
    inputs = keras.Input((32, 32, 3), name="image")
    down = layers.Conv2D(8, 3, padding="same", activation="relu", name="down_conv")(inputs)
    x = layers.MaxPooling2D(2, name="down_pool")(down)
    x = layers.Conv2D(16, 3, padding="same", activation="relu", name="bottom_conv")(x)
    x = layers.UpSampling2D(2, name="up")(x)
    x = layers.Concatenate(name="skip_join")([down, x])
    x = layers.Conv2D(8, 3, padding="same", activation="relu", name="up_conv")(x)
    outputs = layers.Conv2D(1, 1, activation="sigmoid", name="mask")(x)
    return keras.Model(inputs, outputs, name="unet")


def transformer() -> keras.Model:
    tokens = keras.Input((10,), dtype="int32", name="tokens")
    x = layers.Embedding(50, 16, name="embed")(tokens)
    attended = layers.MultiHeadAttention(2, 8, name="attention")(x, x)
    x = layers.LayerNormalization(name="norm_1")(layers.Add(name="residual_1")([x, attended]))
    y = layers.Dense(32, activation="relu", name="ffn_1")(x)
    y = layers.Dense(16, name="ffn_2")(y)
    x = layers.LayerNormalization(name="norm_2")(layers.Add(name="residual_2")([x, y]))
    x = layers.GlobalAveragePooling1D(name="pool")(x)
    return keras.Model(tokens, layers.Dense(2, name="head")(x), name="transformer")


def sequential_cnn() -> keras.Model:
    return keras.Sequential(
        [
            keras.Input((28, 28, 1), name="image"),
            layers.Conv2D(8, 3, activation="relu", name="conv_a"),
            layers.MaxPooling2D(2, name="pool"),
            layers.BatchNormalization(name="norm"),
            layers.Conv2D(16, 3, strides=2, padding="same", activation="relu", name="conv_b"),
            layers.Flatten(name="flat"),
            layers.Dropout(0.25, name="drop"),
            layers.Dense(10, activation="softmax", name="logits"),
        ],
        name="sequential_cnn",
    )


def residual() -> keras.Model:
    inputs = keras.Input((16, 16, 8), name="features")
    x = layers.Conv2D(8, 3, padding="same", name="conv_1")(inputs)
    x = layers.BatchNormalization(name="bn_1")(x)
    x = layers.ReLU(name="relu_1")(x)
    x = layers.Conv2D(8, 3, padding="same", name="conv_2")(x)
    x = layers.Add(name="skip")([inputs, x])
    x = layers.Activation("relu", name="relu_2")(x)
    x = layers.GlobalAveragePooling2D(name="gap")(x)
    outputs = layers.Dense(5, name="classes")(x)
    return keras.Model(inputs, outputs, name="residual")


def multi_io() -> keras.Model:
    image = keras.Input((32, 32, 3), name="image")
    tokens = keras.Input((12,), dtype="int32", name="tokens")
    x = layers.Conv2D(4, 3, activation="relu", name="conv")(image)
    x = layers.GlobalMaxPooling2D(name="pool")(x)
    t = layers.Embedding(100, 6, name="embed")(tokens)
    t = layers.LSTM(8, name="lstm")(t)
    joined = layers.Concatenate(name="join")([x, t])
    score = layers.Dense(1, activation="sigmoid", name="score")(joined)
    label = layers.Dense(3, activation="softmax", name="label")(joined)
    return keras.Model([image, tokens], [score, label], name="multi_io")


def shared_layer() -> keras.Model:
    left = keras.Input((20,), name="left")
    right = keras.Input((20,), name="right")
    encoder = layers.Dense(6, activation="tanh", name="encoder")
    distance = layers.Subtract(name="difference")([encoder(left), encoder(right)])
    outputs = layers.Dense(1, name="similarity")(distance)
    return keras.Model([left, right], outputs, name="siamese")


def nested() -> keras.Model:
    block_in = keras.Input((8, 8, 4), name="block_in")
    y = layers.Conv2D(4, 3, padding="same", name="block_conv")(block_in)
    y = layers.Add(name="block_add")([block_in, y])
    block = keras.Model(block_in, y, name="res_block")
    head = keras.Sequential(
        [keras.Input((4,)), layers.Dense(6, name="head_dense"), layers.Dense(2, name="head_out")],
        name="head",
    )
    inputs = keras.Input((8, 8, 4), name="pixels")
    x = block(inputs)
    x = layers.GlobalAveragePooling2D(name="gap")(x)
    outputs = head(x)
    return keras.Model(inputs, outputs, name="nested")


def frozen() -> keras.Model:
    model = sequential_cnn()
    model.get_layer("conv_a").trainable = False
    return model


class ResidualBlock(layers.Layer):
    """A custom block of two dense layers: drawn as a group of its sublayers."""

    def __init__(self, units: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.inner = layers.Dense(units, activation="relu", name="inner")
        self.outer = layers.Dense(units, name="outer")

    def call(self, x: Any) -> Any:
        return self.outer(self.inner(x))


class Subclassed(keras.Model):
    """Keras draws this as one box; we draw its sublayers in call order."""

    def __init__(self) -> None:
        super().__init__(name="subclassed")
        self.conv = layers.Conv2D(6, 3, activation="relu", name="conv")
        self.pool = layers.GlobalAveragePooling2D(name="pool")
        self.block = ResidualBlock(12, name="block")
        self.out = layers.Dense(4, activation="softmax", name="out")

    def call(self, x: Any) -> Any:
        return self.out(self.block(self.pool(self.conv(x))))


class Scale(layers.Layer):
    """A layer nnviz has no canonical op for."""

    def call(self, x: Any) -> Any:
        return x * 2.0


def with_unknown_layer() -> keras.Model:
    inputs = keras.Input((10,), name="x")
    x = Scale(name="scale")(inputs)
    return keras.Model(inputs, layers.Dense(3, name="dense_out")(x), name="unknown")


def subclassed() -> keras.Model:
    return Subclassed()


#: Models Keras itself can draw, for the parity tests.
GRAPH_MODELS: dict[str, Callable[[], keras.Model]] = {
    "mlp": mlp,
    "sequential_cnn": sequential_cnn,
    "inception": inception,
    "unet": unet,
    "transformer": transformer,
    "residual": residual,
    "multi_io": multi_io,
    "shared_layer": shared_layer,
    "nested": nested,
}
