"""Parity with Keras's own drawing: the same layers and connections as ``model_to_dot``.

Keras draws one box per layer; we draw one per call (a shared layer called twice gives two
cards), so both sides are compared by layer name. Keras leaves a Sequential model's input layer
out; we draw it, so it is dropped before comparing.
"""

from __future__ import annotations

import re
from typing import Any

import keras
import pydot
import pytest
from keras_fixtures import GRAPH_MODELS

from nnviz_core.ir import Graph
from nnviz_core.ir.transforms import collapse
from nnviz_core.sources.keras_model import load_keras

pytestmark = pytest.mark.keras

Drawing = tuple[set[str], set[tuple[str, str]]]


def keras_drawing(model: keras.Model, expand_nested: bool) -> Drawing:
    """Layer names and (source, target) name pairs of ``keras.utils.model_to_dot``."""
    dot = keras.utils.model_to_dot(model, expand_nested=expand_nested, show_layer_names=True)
    names: dict[str, str] = {}
    edges: list[tuple[str, str]] = []

    def visit(graph: Any) -> None:
        for node in graph.get_nodes():
            found = re.search(r"<b>(.*?)</b>", str(node.get("label") or ""))
            if found:
                names[node.get_name()] = found.group(1)
        edges.extend((e.get_source(), e.get_destination()) for e in graph.get_edges())
        for sub in graph.get_subgraphs():
            visit(sub)

    visit(dot)
    assert isinstance(dot, pydot.Dot)
    return set(names.values()), {(names[a], names[b]) for a, b in edges}


def our_drawing(graph: Graph, model: keras.Model) -> Drawing:
    drop = {n.id for n in graph.nodes if n.op == "input" and n.group is None}
    if not isinstance(model, keras.Sequential):
        drop = set()
    nodes = {n.name for n in graph.nodes if n.id not in drop}
    edges = {
        (graph.node(e.source).name, graph.node(e.target).name)
        for e in graph.edges
        if e.source not in drop
    }
    return nodes, edges


@pytest.mark.parametrize("name", sorted(GRAPH_MODELS))
def test_expanded_drawing_matches_keras(name: str) -> None:
    model = GRAPH_MODELS[name]()
    graph = load_keras(model)
    assert our_drawing(graph, model) == keras_drawing(model, expand_nested=True)


@pytest.mark.parametrize("name", sorted(GRAPH_MODELS))
def test_collapsed_drawing_matches_keras(name: str) -> None:
    model = GRAPH_MODELS[name]()
    graph = collapse(load_keras(model), 0)
    assert our_drawing(graph, model) == keras_drawing(model, expand_nested=False)


def test_parity_is_not_vacuous() -> None:
    nodes, edges = keras_drawing(GRAPH_MODELS["nested"](), expand_nested=True)
    assert {"block_conv", "head_out", "pixels"} <= nodes
    assert ("gap", "head_dense") in edges and ("pixels", "block_in") in edges


def _keras_layers(model: keras.Model) -> dict[str, keras.layers.Layer]:
    """Every layer by name, nested models' layers included (fixture names are unique)."""
    found: dict[str, keras.layers.Layer] = {}
    for layer in model.layers:
        found[layer.name] = layer
        if isinstance(layer, keras.Model):
            found.update(_keras_layers(layer))
    return found


def _keras_order(shape: tuple[int | None, ...]) -> tuple[int | None, ...]:
    """An IR shape (channels first) in Keras's channels-last order."""
    return (*shape[1:], shape[0]) if len(shape) >= 2 else shape


@pytest.mark.parametrize("name", sorted(GRAPH_MODELS))
def test_each_card_states_what_keras_states(name: str) -> None:
    """Output shape, dtype, activation, trainable flag and parameters, layer by layer."""
    model = GRAPH_MODELS[name]()
    by_name = _keras_layers(model)
    graph = load_keras(model)
    checked = 0
    for node in graph.nodes:
        layer = by_name.get(node.name)
        if layer is None or len(layer._inbound_nodes) != 1:
            continue  # shared layers have one output per call; tested elsewhere
        output = layer.output
        assert _keras_order(node.outputs[0].shape) == tuple(output.shape[1:]), node.id
        assert node.outputs[0].dtype == output.dtype, node.id
        if layer.weights:
            assert (node.params, node.trainable) == (layer.count_params(), layer.trainable)
        if getattr(layer, "activation", None) is not None:
            keras_name = layer.activation.__name__
            assert node.activation == (None if keras_name == "linear" else keras_name), node.id
        checked += 1
    assert checked >= 3
