"""Keras's name counters: fresh while nnviz builds a model, the process's put back afterwards."""

from __future__ import annotations

from pathlib import Path

import keras
import pytest
from keras import layers

from nnviz_core.errors import SourceError
from nnviz_core.sources.inputs import InputShape
from nnviz_core.sources.keras_model import load_keras, load_keras_file, names
from nnviz_core.sources.keras_model.names import counters, keras_names

pytestmark = [
    pytest.mark.keras,
    # Keras's own saving code converts torch tensors the old numpy way; not ours to fix.
    pytest.mark.filterwarnings("ignore:__array__ implementation:DeprecationWarning"),
]


def _auto_named() -> keras.Model:
    """A model whose every name comes from Keras's counters."""
    return keras.Sequential([keras.Input((8,)), layers.Dense(4), layers.Dense(2)])


def test_names_inside_are_those_of_a_new_process_and_the_counters_come_back() -> None:
    _auto_named()
    before = counters()
    with keras_names():
        model = _auto_named()
    assert [layer.name for layer in model.layers] == ["dense", "dense_1"]
    assert model.name == "sequential" and counters() == before


def test_the_counters_come_back_when_the_build_fails() -> None:
    before = counters()
    with pytest.raises(ValueError, match="broken"), keras_names():
        layers.Dense(1)
        raise ValueError("broken")
    assert counters() == before


def test_names_count_on_from_a_start() -> None:
    with keras_names({"dense": 3}):
        assert layers.Dense(1).name == "dense_3"


def test_drawing_a_live_model_leaves_the_counters_alone() -> None:
    model = keras.Sequential([layers.Dense(4), layers.Dense(2)])  # built by nnviz: a new input
    names_before = [layer.name for layer in model.layers]
    before = counters()
    graph = load_keras(model, input_shape=(InputShape((1, 8)),))
    assert [node.name for node in graph.nodes][1:] == names_before
    assert counters() == before


def test_a_keras_file_keeps_its_saved_names(tmp_path: Path) -> None:
    for _ in range(2):
        saved = _auto_named()  # named dense_2, dense_3… as the process counts
    path = tmp_path / "model.keras"
    saved.save(path)
    before = counters()
    graph = load_keras_file(path)
    assert graph.name == saved.name
    assert [node.name for node in graph.nodes][1:] == [layer.name for layer in saved.layers]
    assert counters() == before


def test_a_keras_that_moved_its_counters_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(names, "_ATTRIBUTE", "renamed_counters")
    with pytest.raises(SourceError) as caught, keras_names():
        pass
    assert str(caught.value) == (
        f"nnviz cannot give Keras {keras.__version__} models reproducible layer names: Keras no "
        "longer keeps its name counters in 'renamed_counters'; please report this to nnviz, or "
        "use a Keras version nnviz supports"
    )


def test_a_block_that_may_build_no_keras_model_runs_when_the_counters_moved(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = counters()
    monkeypatch.setattr(names, "_ATTRIBUTE", "renamed_counters")
    with keras_names(required=False):
        _auto_named()
    monkeypatch.undo()
    assert counters() != before  # left to Keras: nnviz could not read its counters
