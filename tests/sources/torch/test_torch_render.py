"""PyTorch models through the public API in every style: clean scenes, same bytes every time."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import scene_checks
import torch_fixtures as fx
from torch import nn

import nnviz_core
from nnviz_core.errors import OptionError
from nnviz_core.ir import Graph
from nnviz_core.sources.torch_model import load_torch

pytestmark = pytest.mark.torch

STYLES = ("graph", "block", "lenet", "fcnn")
MODELS: dict[str, tuple[Callable[[], nn.Module], str]] = {
    "mlp": (fx.MLP, "1,20"),
    "cnn": (fx.cnn, "1,1,28,28"),
    "resnet": (fx.ResNetTiny, "1,3,16,16"),
    "inception": (fx.Inception, "1,8,8,8"),
    "unet": (fx.UNetTiny, "1,1,16,16"),
    "lstm": (fx.LSTMTagger, "1,7:int64"),
    "transformer": (fx.TinyTransformer, "1,8:int64"),
    "two_in_two_out": (fx.TwoInTwoOut, "1,3,8,8; 1,5"),
    "shared": (fx.Shared, "1,8"),
    "frozen": (fx.Frozen, "1,3,8,8"),
    "shape_loop": (fx.ShapeLoop, "1,3,4"),
    "loop_mlp": (fx.LoopMLP, "1,4"),
    "functional": (fx.Functional, "1,3,8,8"),
}
#: Networks without a fully connected layer on a vector, which the fcnn style refuses by design.
NO_NEURONS = {"inception", "unet", "lstm"}


def _graph(name: str) -> Graph:
    factory, shape = MODELS[name]
    return load_torch(factory(), input_shape=shape)


@pytest.fixture(scope="module")
def graphs() -> dict[str, Graph]:
    return {name: _graph(name) for name in MODELS}


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("name", sorted(MODELS))
def test_renders_cleanly_and_deterministically(
    graphs: dict[str, Graph], name: str, style: str
) -> None:
    if style == "fcnn" and name in NO_NEURONS:
        with pytest.raises(OptionError, match=r"draws dense .* has none"):
            nnviz_core.render(graphs[name], style)
        return
    diagram = nnviz_core.render(graphs[name], style)
    scene_checks.assert_inside_canvas(diagram.scene)
    scene_checks.assert_no_overlap(diagram.scene, "layer")
    assert diagram.svg == nnviz_core.render(_graph(name), style).svg


@pytest.mark.parametrize("style", ["graph", "block", "lenet"])  # fcnn summarises the stack
def test_folded_transformer_draws_one_encoder_layer_marked_times_three(
    graphs: dict[str, Graph], style: str
) -> None:
    svg = nnviz_core.render(graphs["transformer"], style, fold_repeats=True).svg
    assert "×3" in svg
    assert "encoder.layers.0.self_attn" in svg or style != "graph"
    assert "encoder.layers.1.self_attn" not in svg


def test_graph_cards_name_modules_by_attribute_path(graphs: dict[str, Graph]) -> None:
    svg = nnviz_core.render(graphs["resnet"], "graph").svg
    assert ">layer1.0.conv1<" in svg and ">Conv2D<" in svg
    assert "3×16×16 → 16×16×16" in svg


def test_depth_collapses_module_groups_to_single_cards(graphs: dict[str, Graph]) -> None:
    svg = nnviz_core.render(graphs["inception"], "graph", depth=0).svg
    assert ">b3<" in svg and ">b3.0<" not in svg


def test_a_torch_graph_saves_as_png(graphs: dict[str, Graph], tmp_path: object) -> None:
    data = nnviz_core.render(graphs["cnn"], "lenet").to_bytes("png")
    assert data.startswith(b"\x89PNG")
