"""The tiles are the model's real activations: decoded pixels equal the hooked tensors after
the documented normalisation and colour map (docs/activations.rst)."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path
from typing import Any

import pytest

torch = pytest.importorskip("torch")
np = pytest.importorskip("numpy")
colorcet = pytest.importorskip("colorcet")
from PIL import Image  # noqa: E402

import nnviz_core  # noqa: E402

pytestmark = pytest.mark.torch

_IMAGE = re.compile(r'<image [^>]*data-layer="([^"]+)" href="data:image/png;base64,([^"]+)"')


def _net() -> Any:
    torch.manual_seed(7)
    return torch.nn.Sequential(
        torch.nn.Conv2d(1, 5, 3, padding=1),
        torch.nn.ReLU(),
        torch.nn.MaxPool2d(2),
        torch.nn.Flatten(),
        torch.nn.Linear(5 * 4 * 4, 12),
        torch.nn.Tanh(),
        torch.nn.Linear(12, 3),
    )


def _hooked(net: Any, sample: Any) -> dict[str, Any]:
    """Every module's output by its index in the Sequential, with plain forward hooks."""
    seen: dict[str, Any] = {}
    handles = [
        module.register_forward_hook(
            lambda _m, _i, out, key=key: seen.__setitem__(key, out[0].detach().double().numpy())
        )
        for key, module in net.named_children()
    ]
    with torch.no_grad():
        net.eval()(torch.from_numpy(sample))
    for handle in handles:
        handle.remove()
    return seen


def _lut(name: str) -> Any:
    return np.array([[int(c[i : i + 2], 16) for i in (1, 3, 5)] for c in getattr(colorcet, name)])


def _expected(values: Any, limit: float, signed: bool) -> Any:
    """The documented mapping: grey t = v / max for values ≥ 0, diverging t = 1/2 + v / (2
    max|v|) for signed ones; colour = entry round(255 t)."""
    t = 0.5 + values / (2 * limit) if signed else values / limit
    return _lut("coolwarm" if signed else "gray")[np.rint(t * 255).astype(int)]


def _pixels(data: str) -> Any:
    """A tile's decoded RGB pixels, as the PNG holds them (enlarged by whole pixels)."""
    image = np.asarray(Image.open(io.BytesIO(base64.b64decode(data))).convert("RGB"))
    return image


def _downscaled(image: Any, shape: tuple[int, int]) -> Any:
    fy, fx = image.shape[0] // shape[0], image.shape[1] // shape[1]
    assert image.shape[:2] == (shape[0] * fy, shape[1] * fx)
    return image[::fy, ::fx]


def _tiles(svg: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for layer, data in _IMAGE.findall(svg):
        found.setdefault(layer, []).append(data)
    return found


@pytest.fixture(params=["lenet", "block"])
def drawn(
    tmp_path: Path, request: pytest.FixtureRequest
) -> tuple[dict[str, list[str]], dict[str, Any], Any]:
    net = _net()
    sample = np.random.default_rng(3).random((1, 1, 8, 8), dtype=np.float32)
    np.save(tmp_path / "sample.npy", sample[0])
    svg = nnviz_core.render(
        net,
        request.param,
        input_shape="1,1,8,8",
        activations=True,
        example_input=str(tmp_path / "sample.npy"),
        tiles=4,
    ).svg
    return _tiles(svg), _hooked(net, sample), sample


def test_feature_map_tiles_are_the_hooked_relu_outputs(drawn: Any) -> None:
    tiles, hooked, _ = drawn
    relu = hooked["1"]  # the convolution is drawn with the ReLU riding on it
    assert len(tiles["0"]) == 4  # tiles=4 of the 5 channels
    limit = float(relu.max())
    for channel, data in enumerate(tiles["0"]):
        pixels = _downscaled(_pixels(data), relu.shape[1:])
        assert np.array_equal(pixels, _expected(relu[channel], limit, signed=False))


def test_signed_vectors_use_the_diverging_map(drawn: Any) -> None:
    tiles, hooked, _ = drawn
    tanh = hooked["5"]
    assert tanh.min() < 0 < tanh.max()
    (data,) = tiles["4"]
    pixels = _downscaled(_pixels(data), (tanh.shape[0], 1))[:, 0]
    assert np.array_equal(pixels, _expected(tanh, float(np.abs(tanh).max()), signed=True))


def test_the_input_is_drawn_as_itself(drawn: Any) -> None:
    tiles, _, sample = drawn
    (data,) = next(value for key, value in tiles.items() if key not in ("0", "2", "4", "6"))
    pixels = _downscaled(_pixels(data), (8, 8))
    assert np.array_equal(
        pixels, _expected(sample[0, 0].astype(np.float64), float(sample.max()), False)
    )


def test_same_model_and_input_give_the_same_bytes(tmp_path: Path) -> None:
    sample = np.random.default_rng(3).random((1, 8, 8), dtype=np.float32)
    np.save(tmp_path / "s.npy", sample)
    args = {"input_shape": "1,1,8,8", "activations": True, "example_input": str(tmp_path / "s.npy")}
    first = nnviz_core.render(_net(), "lenet", **args).svg
    assert first == nnviz_core.render(_net(), "lenet", **args).svg


def test_graph_cards_show_each_layer_s_own_output(tmp_path: Path) -> None:
    net = _net()
    sample = np.random.default_rng(5).random((1, 1, 8, 8), dtype=np.float32)
    np.save(tmp_path / "s.npy", sample)
    svg = nnviz_core.render(
        net, "graph", input_shape="1,1,8,8", activations=True, example_input=str(tmp_path / "s.npy")
    ).svg
    tiles, hooked = _tiles(svg), _hooked(net, sample)
    conv, relu = hooked["0"], hooked["1"]  # the graph draws the ReLU as a card of its own
    for channel, data in enumerate(tiles["0"]):
        pixels = _downscaled(_pixels(data), conv.shape[1:])
        assert np.array_equal(pixels, _expected(conv[channel], float(np.abs(conv).max()), True))
    for channel, data in enumerate(tiles["1"]):
        pixels = _downscaled(_pixels(data), relu.shape[1:])
        assert np.array_equal(pixels, _expected(relu[channel], float(relu.max()), False))
