"""Keras nets whose layers are named by Keras (``dense``, ``dense_1``…), not by their author.

``shared`` is made when the module is imported, as module-level layers often are, so models
built later count on from its name.
"""

from __future__ import annotations

import os

os.environ.setdefault("KERAS_BACKEND", "torch")

import keras
from keras import layers

shared = layers.Dense(6)


def build_mlp(hidden: int = 4) -> keras.Model:
    """A Functional model of auto-named layers, one of them made at import time."""
    inputs = keras.Input((8,))
    outputs = layers.Dense(2)(shared(layers.Dense(hidden)(inputs)))
    return keras.Model(inputs, outputs)


class Wide(keras.Sequential):
    """A model class: nnviz calls it to build the model."""

    def __init__(self) -> None:
        super().__init__([keras.Input((8,)), layers.Dense(16), layers.Dense(2)])
