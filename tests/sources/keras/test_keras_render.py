"""Keras models through the public API in every style: clean scenes, same bytes every time."""

from __future__ import annotations

import pytest
import scene_checks
from keras_fixtures import GRAPH_MODELS, subclassed

import nnviz_core
from nnviz_core.errors import OptionError
from nnviz_core.ir import Graph
from nnviz_core.sources.inputs import InputShape
from nnviz_core.sources.keras_model import load_keras

pytestmark = pytest.mark.keras

STYLES = ("graph", "block", "lenet", "fcnn")
MODELS = (*sorted(GRAPH_MODELS), "subclassed")


def _graph(name: str) -> Graph:
    if name == "subclassed":
        return load_keras(subclassed(), input_shape=(InputShape((1, 16, 16, 3)),))
    return load_keras(GRAPH_MODELS[name]())


@pytest.fixture(scope="module")
def graphs() -> dict[str, Graph]:
    return {name: _graph(name) for name in MODELS}


#: The fcnn style refuses U-Net, which has no dense layer to draw as neurons (tested below).
CASES = [(name, style) for name in MODELS for style in STYLES if (name, style) != ("unet", "fcnn")]


@pytest.mark.parametrize(("name", "style"), CASES)
def test_renders_cleanly_and_deterministically(
    graphs: dict[str, Graph], name: str, style: str
) -> None:
    diagram = nnviz_core.render(graphs[name], style)
    scene_checks.assert_inside_canvas(diagram.scene)
    scene_checks.assert_no_overlap(diagram.scene, "layer")
    assert diagram.svg == nnviz_core.render(_graph(name), style).svg


def test_the_graph_card_shows_keras_order_and_names(graphs: dict[str, Graph]) -> None:
    svg = nnviz_core.render(graphs["multi_io"], "graph").svg
    assert "32×32×3 → 30×30×4" in svg  # channels last, as Keras users read shapes
    assert ">embed<" in svg and ">Embedding<" in svg


def test_collapsed_submodels_show_as_single_cards(graphs: dict[str, Graph]) -> None:
    diagram = nnviz_core.render(graphs["nested"], "graph", depth=0)
    svg = diagram.svg
    assert ">res_block<" in svg and ">head<" in svg
    assert ">block_conv<" not in svg and ">head_out<" not in svg


def test_fcnn_refuses_a_network_without_dense_layers(graphs: dict[str, Graph]) -> None:
    with pytest.raises(OptionError) as caught:
        nnviz_core.render(graphs["unet"], "fcnn")
    assert str(caught.value) == (
        "the fcnn style draws dense (fully connected) layers as neurons, and 'unet' has none; "
        "draw it with style 'graph' or 'block' instead"
    )
