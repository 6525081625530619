"""A Keras model's real activations: each layer's tiles are its output, channels last turned
channels first, under the node id the Keras source gives the layer."""

from __future__ import annotations

import base64
import io
import os
import re
from pathlib import Path

import pytest

os.environ.setdefault("KERAS_BACKEND", "torch")
keras = pytest.importorskip("keras")
np = pytest.importorskip("numpy")
colorcet = pytest.importorskip("colorcet")
from PIL import Image  # noqa: E402

import nnviz_core  # noqa: E402

pytestmark = pytest.mark.keras


def _model() -> object:
    keras.utils.set_random_seed(3)
    return keras.Sequential(
        [
            keras.Input((8, 8, 1)),
            keras.layers.Conv2D(4, 3, padding="same", activation="relu", name="conv"),
            keras.layers.MaxPooling2D(2, name="pool"),
            keras.layers.Flatten(name="flat"),
            keras.layers.Dense(5, activation="tanh", name="dense"),
        ],
        name="tiny",
    )


def test_keras_tiles_are_the_layer_outputs(tmp_path: Path) -> None:
    model = _model()
    sample = np.random.default_rng(1).random((8, 8, 1), dtype=np.float32)
    np.save(tmp_path / "s.npy", sample)
    svg = nnviz_core.render(
        model, "lenet", activations=True, example_input=str(tmp_path / "s.npy"), tiles=4
    ).svg
    probe = keras.Model(model.inputs, model.get_layer("conv").output)
    conv = keras.ops.convert_to_numpy(probe(sample[None]))[0].astype(np.float64)  # (8, 8, 4)
    found = re.findall(r'<image [^>]*data-layer="conv" href="data:image/png;base64,([^"]+)"', svg)
    assert len(found) == 4
    grey = np.array(
        [[int(c[i : i + 2], 16) for i in (1, 3, 5)] for c in __import__("colorcet").gray]
    )
    for channel, data in enumerate(found):
        image = np.asarray(Image.open(io.BytesIO(base64.b64decode(data))).convert("RGB"))
        pixels = image[:: image.shape[0] // 8, :: image.shape[1] // 8]
        t = conv[..., channel] / conv.max()
        assert np.array_equal(pixels, grey[np.rint(t * 255).astype(int)])
