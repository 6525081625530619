"""Keras layer names of models nnviz builds from import paths: those of a new process.

Keras names layers from process-wide counters, so without care a docs page's diagram would depend
on the pages built before it, and nnviz would shift the names of the user's next models.
"""

from __future__ import annotations

import json
import subprocess
import sys

import keras
import pytest

import nnviz_core
from nnviz_core.errors import SourceError
from nnviz_core.sources.resolve import keras_names

pytestmark = pytest.mark.keras

MODULE = "nnviz_testmodels.keras_auto_names"
FACTORY = f"{MODULE}:build_mlp"
CLASS = f"{MODULE}:Wide"
CHILD = """
import json, sys
import keras
from nnviz_testmodels import keras_auto_names as models
model = models.build_mlp(hidden=5) if sys.argv[1] == "build_mlp" else models.Wide()
names = [layer.name for layer in model.layers if not isinstance(layer, keras.layers.InputLayer)]
print(json.dumps([model.name, *names]))
"""


@pytest.fixture(autouse=True)
def _not_imported_yet(monkeypatch: pytest.MonkeyPatch, _models_on_path: None) -> None:
    """Each test imports the model module anew, as a docs build meets it first."""
    import nnviz_testmodels

    monkeypatch.delitem(sys.modules, MODULE, raising=False)
    monkeypatch.delattr(nnviz_testmodels, "keras_auto_names", raising=False)
    monkeypatch.setattr(keras_names, "_TAKEN", {})


def _names(graph: nnviz_core.Graph) -> list[str]:
    return [graph.name, *[node.name for node in graph.nodes if node.op != "input"]]


def _other_models() -> None:
    """Models an earlier page or the user's own code built: they advance Keras's counters."""
    for _ in range(3):
        keras.Sequential([keras.Input((8,)), keras.layers.Dense(4), keras.layers.Dense(2)])


def _following(name: str) -> str:
    """The name Keras gives the next layer of the same kind: dense → dense_1 → dense_2."""
    stem, _, number = name.rpartition("_")
    return f"{stem}_{int(number) + 1}" if number.isdigit() else f"{name}_1"


def test_the_same_import_path_draws_the_same_bytes_whatever_was_built_before() -> None:
    first = nnviz_core.render(FACTORY, "graph").svg
    _other_models()
    assert nnviz_core.render(FACTORY, "graph").svg == first
    _other_models()
    assert nnviz_core.render(CLASS, "graph").svg == nnviz_core.render(CLASS, "graph").svg


@pytest.mark.parametrize(("path", "args"), [(FACTORY, {"hidden": 5}), (CLASS, {})])
def test_layers_are_named_as_in_a_new_process(
    path: str, args: dict[str, int], child_env: dict[str, str]
) -> None:
    _other_models()
    graph = nnviz_core.load(path, model_args=args)
    command = [sys.executable, "-c", CHILD, path.rpartition(":")[2]]
    child = subprocess.run(command, env=child_env, capture_output=True, text=True, check=True)
    assert _names(graph) == json.loads(child.stdout)
    assert "dense_1" in _names(graph)  # the factory counts on from the module-level layer


def test_the_users_next_layer_is_named_as_if_nnviz_had_not_run() -> None:
    before = keras.layers.Dense(1).name
    nnviz_core.load(FACTORY)
    nnviz_core.load(CLASS)
    assert keras.layers.Dense(1).name == _following(before)


def test_a_module_imported_by_the_user_counts_on_from_the_process() -> None:
    _other_models()
    from nnviz_testmodels import keras_auto_names  # its shared layer takes the next name

    graph = nnviz_core.load(FACTORY)
    assert len(set(_names(graph))) == len(_names(graph)) == 4
    assert _names(graph) == _names(nnviz_core.load(keras_auto_names.build_mlp()))


def test_a_live_model_keeps_its_names() -> None:
    _other_models()
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(4), keras.layers.Dense(2)])
    graph = nnviz_core.load(model)
    assert _names(graph) == [model.name, *[layer.name for layer in model.layers]]


def test_a_keras_that_moved_its_counters_stops_keras_drawings_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from nnviz_core.sources.keras_model import names

    monkeypatch.setattr(names, "_ATTRIBUTE", "renamed_counters")
    graph = nnviz_core.load("nnviz_testmodels.torch_nets:MLP", input_shape="1,8")
    assert graph.name == "MLP"
    with pytest.raises(SourceError) as caught:
        nnviz_core.load(FACTORY)
    assert str(caught.value).endswith(
        "Keras no longer keeps its name counters in 'renamed_counters'; please report this to "
        "nnviz, or use a Keras version nnviz supports"
    )
