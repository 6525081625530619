"""One real forward pass of a Keras model, keeping every layer's output by layer name.

The Keras source names a flat model's nodes after its layers, so the outputs are filed under
those names. Maps are turned channels first, as the IR stores shapes.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from nnviz_core.errors import SourceError

__all__ = ["channels_first", "first_kernels", "run"]

Arrays = dict[str, np.ndarray[Any, np.dtype[np.float64]]]


def channels_first(value: np.ndarray[Any, Any]) -> np.ndarray[Any, np.dtype[np.float64]]:
    """A channels-last map (H, W, C) as (C, H, W); vectors stay as they are."""
    array = np.asarray(value, dtype=np.float64)
    return np.moveaxis(array, -1, 0) if array.ndim == 3 else array


def run(model: Any, sample: np.ndarray[Any, Any]) -> Arrays:
    """Every layer's output (batch dropped) for ``sample`` (batch of one, channels last)."""
    import keras

    layers = [layer for layer in model.layers if type(layer).__name__ != "InputLayer"]
    try:
        probe = keras.Model(model.inputs, [layer.output for layer in layers])
        outputs = probe(sample, training=False)
    except Exception as error:  # Keras raises many kinds for a model it cannot run
        raise SourceError(
            f"{model.name}: running it on the example input {list(sample.shape)} raised "
            f"{type(error).__name__}: {error}"
        ) from error
    kept: Arrays = {}
    for layer, output in zip(layers, outputs, strict=True):
        array = keras.ops.convert_to_numpy(output)
        if array.ndim >= 2:
            kept[layer.name] = channels_first(array[0])
    return kept


def first_kernels(model: Any) -> Arrays:
    """The first Conv2D's weights as (out, in, kh, kw), by its layer name."""
    import keras

    for layer in model.layers:
        if isinstance(layer, keras.layers.Conv2D):
            kernel = keras.ops.convert_to_numpy(layer.kernel)  # (kh, kw, in, out)
            return {layer.name: np.transpose(kernel, (3, 2, 0, 1)).astype(np.float64)}
    return {}
