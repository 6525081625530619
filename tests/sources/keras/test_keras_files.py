"""``.keras`` files (safe mode only) and the errors a user can meet loading Keras models."""

from __future__ import annotations

import dataclasses
import sys
import zipfile
from pathlib import Path

import keras
import pytest
from keras import layers
from keras_fixtures import nested, residual, with_unknown_layer

from nnviz_core.errors import MissingDependencyError, SourceError
from nnviz_core.sources.keras_model import load_keras, load_keras_file

pytestmark = [
    pytest.mark.keras,
    # Keras's own saving code converts torch tensors the old numpy way; not ours to fix.
    pytest.mark.filterwarnings("ignore:__array__ implementation:DeprecationWarning"),
]


@pytest.mark.parametrize("make", [residual, nested])
def test_a_saved_model_round_trips(tmp_path: Path, make: object) -> None:
    model = make()  # type: ignore[operator]
    path = tmp_path / "model.keras"
    model.save(path)
    loaded = load_keras_file(path)
    assert loaded.source == str(path)
    assert dataclasses.replace(loaded, source=load_keras(model).source) == load_keras(model)
    assert load_keras_file(str(path)).total_params == model.count_params()


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "absent.keras"
    with pytest.raises(SourceError, match=r"absent\.keras: no such Keras model file"):
        load_keras_file(path)


def test_a_file_that_is_no_archive_is_named(tmp_path: Path) -> None:
    path = tmp_path / "broken.keras"
    path.write_text("not a zip archive")
    with pytest.raises(SourceError) as caught:
        load_keras_file(path)
    assert str(caught.value) == (
        f"{path}: not a .keras archive (a .keras file is a zip written by "
        "model.save('model.keras')); check the path, or save the model again"
    )


def test_an_archive_keras_cannot_read_is_one_error_quoting_keras(tmp_path: Path) -> None:
    path = tmp_path / "empty.keras"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "no model here")
    with pytest.raises(SourceError) as caught:
        load_keras_file(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: Keras could not load this model: ")
    assert message.endswith("There is no item named 'config.json' in the archive")


def test_unregistered_custom_layers_fail_with_keras_reason(tmp_path: Path) -> None:
    path = tmp_path / "custom.keras"
    with_unknown_layer().save(path)
    with pytest.raises(SourceError) as caught:
        load_keras_file(path)
    assert str(caught.value) == (
        f"{path}: Keras could not load this model: Could not locate class 'Scale'. Make sure "
        "custom classes and functions are decorated with "
        "`@keras.saving.register_keras_serializable()`. If they are already decorated, make sure "
        "they are all imported so that the decorator is run before trying to load them."
    )


def test_lambda_layers_are_never_deserialised(tmp_path: Path) -> None:
    inputs = keras.Input((3,))
    model = keras.Model(inputs, layers.Lambda(lambda x: x * 2)(inputs))
    path = tmp_path / "lambda.keras"
    model.save(path)
    with pytest.raises(SourceError) as caught:
        load_keras_file(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: Keras could not load this model: Requested the ")
    assert "(nnviz loads .keras files in safe mode only; to draw this model, point" in message


def test_not_a_model() -> None:
    with pytest.raises(SourceError, match=r"expected a keras\.Model, got builtins\.str"):
        load_keras("model.keras")  # type: ignore[arg-type]


def test_an_unbuilt_sequential_model_without_input_shape() -> None:
    model = keras.Sequential([layers.Dense(4)], name="bare")
    with pytest.raises(SourceError, match=r"Sequential model 'bare' has no input shape; start it"):
        load_keras(model)


def test_keras_missing_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "keras", None)
    with pytest.raises(MissingDependencyError) as caught:
        load_keras(residual())
    assert str(caught.value) == (
        "Drawing a Keras model needs the optional dependency 'keras', which is not installed; "
        'install it with: pip install "nnviz-docs[keras]"'
    )
