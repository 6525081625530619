"""A Keras model of many nested blocks draws a first view within the budget; its preprocessing
layers (``Rescaling``, ``Normalization``) are drawn as themselves."""

from __future__ import annotations

import warnings

import keras
import pytest
import scene_checks

import nnviz_core
from nnviz_core.detail import CARD_BUDGET
from nnviz_core.ir import Graph
from nnviz_core.scene import Group, Scene, Text
from nnviz_core.sources.keras_model import load_keras

pytestmark = pytest.mark.keras


def cards(scene: Scene) -> set[str]:
    return {str(item.layer) for item in scene_checks.with_role(scene.items, "layer")}


def card_text(scene: Scene, layer: str) -> list[str]:
    """The lines of text on one layer's card."""
    found: list[str] = []

    def walk(items: tuple[object, ...]) -> None:
        for item in items:
            if isinstance(item, Text):
                found.append(item.plain)
            elif isinstance(item, Group):
                walk(item.items)

    for card in scene_checks.with_role(scene.items, "layer"):
        if card.layer == layer and isinstance(card, Group):
            walk(card.items)
    return found


def _block(index: int) -> keras.Sequential:
    return keras.Sequential(
        [
            keras.layers.Conv2D(8, 3, padding="same"),
            keras.layers.BatchNormalization(),
            keras.layers.ReLU(),
            keras.layers.Conv2D(8, 3, padding="same"),
            keras.layers.BatchNormalization(),
            keras.layers.ReLU(),
        ],
        name=f"block{index}",
    )


def _model() -> keras.Model:
    """Preprocessing, twelve nested six-layer blocks, a head: 77 layers."""
    # Named: Keras numbers default names per session (input_layer_3 after other tests).
    inputs = keras.Input((32, 32, 3), name="input_layer")
    x = keras.layers.Rescaling(1 / 255, offset=-0.5, name="rescaling")(inputs)
    x = keras.layers.Normalization(mean=0.5, variance=0.25, name="normalization")(x)
    for index in range(12):
        x = _block(index)(x)
    x = keras.layers.GlobalAveragePooling2D()(x)
    return keras.Model(inputs, keras.layers.Dense(10)(x), name="blocks")


@pytest.fixture(scope="module")
def graph() -> Graph:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # every layer has a catalogue op: no generic node
        return load_keras(_model())


def test_the_first_view_collapses_the_blocks(graph: Graph) -> None:
    drawn = cards(nnviz_core.render(graph).scene)
    assert len(drawn) == 17 <= CARD_BUDGET
    assert {f"block{index}" for index in range(12)} <= drawn
    assert len(cards(nnviz_core.render(graph, detail="full").scene)) == 77


def test_an_explicit_depth_wins(graph: Graph) -> None:
    assert len(cards(nnviz_core.render(graph, depth=1).scene)) == 77


def test_rescaling_and_normalization_are_drawn_as_themselves(graph: Graph) -> None:
    rescaling, normalization = graph.node("rescaling"), graph.node("normalization")
    assert (rescaling.op, rescaling.category) == ("rescaling", "normalization")
    assert dict(rescaling.attrs) == {"scale": pytest.approx(1 / 255), "offset": -0.5}
    assert (normalization.op, normalization.category) == ("normalization", "normalization")
    scene = nnviz_core.render(graph).scene
    assert card_text(scene, "rescaling")[0] == "Rescaling"
    assert card_text(scene, "normalization")[0] == "Normalization"
    edges = {(edge.source, edge.target) for edge in graph.edges}
    assert {("input_layer", "rescaling"), ("rescaling", "normalization")} <= edges
