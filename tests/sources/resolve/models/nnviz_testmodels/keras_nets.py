"""A Keras Sequential net, its factory and an instance (Keras runs on the torch backend here)."""

from __future__ import annotations

import os

os.environ.setdefault("KERAS_BACKEND", "torch")

import keras
from keras import layers


def build_classifier(classes: int = 10, hidden: int = 32) -> keras.Model:
    """A factory, as docs would point at: ``nnviz_testmodels.keras_nets:build_classifier``."""
    return keras.Sequential(
        [
            keras.Input((28, 28, 1), name="image"),
            layers.Conv2D(8, 3, activation="relu", name="conv"),
            layers.MaxPooling2D(2, name="pool"),
            layers.Flatten(name="flat"),
            layers.Dense(hidden, activation="relu", name="hidden"),
            layers.Dense(classes, activation="softmax", name="logits"),
        ],
        name="tiny_classifier",
    )


def unbuilt() -> keras.Model:
    """A Sequential without an Input: it needs ``input_shape`` to be drawn."""
    return keras.Sequential(
        [layers.Dense(16, name="d1"), layers.Dense(4, name="d2")], name="unbuilt"
    )


classifier = build_classifier()
