"""Keras models through the API: import paths, factories, instances, .keras files, every style."""

from __future__ import annotations

from pathlib import Path

import pytest
import scene_checks

import nnviz_core
from nnviz_core.errors import OptionError
from nnviz_core.export_spec import export_spec
from nnviz_core.sources.yaml_spec import load_text

pytestmark = pytest.mark.keras

FACTORY = "nnviz_testmodels.keras_nets:build_classifier"


def _summary(graph: nnviz_core.Graph) -> list[tuple[str, tuple[int | None, ...], int]]:
    return [(n.op, n.outputs[0].shape, n.params) for n in graph.nodes]


def test_a_factory_is_called_with_model_args() -> None:
    graph = nnviz_core.load(FACTORY, model_args={"classes": 3, "hidden": 16})
    assert graph.name == "tiny_classifier" and graph.layout == "channels_last"
    assert [n.op for n in graph.nodes] == ["input", "conv2d", "maxpool2d", "flatten", "dense",
                                           "dense"]  # fmt: skip
    assert graph.nodes[-1].outputs[0].shape == (3,)
    assert graph.total_params == 80 + 1352 * 16 + 16 + 16 * 3 + 3


def test_an_instance_and_a_live_model_give_the_same_graph() -> None:
    from nnviz_testmodels import keras_nets

    by_path = nnviz_core.load("nnviz_testmodels.keras_nets:classifier")
    assert _summary(by_path) == _summary(nnviz_core.load(keras_nets.classifier))
    with pytest.raises(OptionError) as caught:
        nnviz_core.load("nnviz_testmodels.keras_nets:classifier", model_args={"classes": 2})
    assert str(caught.value) == (
        "nnviz_testmodels.keras_nets:classifier: model_args does not apply to a model instance, "
        "only to a model class or a factory; remove model_args, or point at the class or factory"
    )


def test_an_unbuilt_model_is_built_from_input_shape() -> None:
    graph = nnviz_core.load("nnviz_testmodels.keras_nets:unbuilt", input_shape="1,8")
    assert _summary(graph)[1:] == [("dense", (16,), 144), ("dense", (4,), 68)]


def test_options_of_other_frameworks_are_refused() -> None:
    with pytest.raises(OptionError) as caught:
        nnviz_core.load(FACTORY, show_plumbing=True)
    assert str(caught.value) == (
        f"{FACTORY}: show_plumbing does not apply to a Keras model; it takes only model_args, "
        "input_shape, name_groups"
    )


def test_a_keras_file_loads_in_safe_mode(tmp_path: Path) -> None:
    from nnviz_testmodels import keras_nets

    target = tmp_path / "net.keras"
    keras_nets.build_classifier(classes=5).save(target)
    graph = nnviz_core.load(str(target))
    assert _summary(graph)[1:] == _summary(nnviz_core.load(FACTORY, model_args={"classes": 5}))[1:]
    with pytest.raises(OptionError, match=r"net\.keras: input_shape does not apply to a \.keras"):
        nnviz_core.load(target, input_shape="1,28,28,1")


@pytest.mark.parametrize("style", ["graph", "block", "lenet", "fcnn"])
def test_every_style_draws_the_model(style: str) -> None:
    diagram = nnviz_core.render(FACTORY, style, model_args='{"classes": 4}')
    assert diagram.svg.startswith("<svg") and diagram.graph.nodes[-1].outputs[0].shape == (4,)
    scene_checks.assert_inside_canvas(diagram.scene)
    scene_checks.assert_no_overlap(diagram.scene, "layer")


def test_an_exported_spec_loads_into_the_same_network() -> None:
    graph = nnviz_core.load(FACTORY, model_args={"classes": 3})
    text = export_spec(graph)
    assert "layout: channels_last\ninputs:\n  image: [28, 28, 1]\n" in text  # as Keras shows it
    again = load_text(text)
    assert _summary(again) == _summary(graph) and again.layout == "channels_last"
    assert [n.name for n in again.nodes] == [n.name for n in graph.nodes]
