"""Keras 3 models as diagram input: Sequential, Functional, nested and subclassed models.

``load_keras(model)`` walks a built Sequential or Functional model the way
``keras.utils.model_to_dot`` does (same layers, same connections), adding what Keras's drawing
lacks: canonical ops and arguments, parameter counts, and subclassed models drawn from their
sublayers. ``load_keras_file(path)`` reads a ``.keras`` file in safe mode (nothing unpickled).
Neither changes the names Keras gives the user's later models (see ``names``).

Keras is imported on first use and keeps the backend the user chose (``KERAS_BACKEND`` or
``~/.keras/keras.json``); nnviz never sets it.
"""

from __future__ import annotations

import dataclasses
import os
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nnviz_core.errors import MissingDependencyError, SourceError
from nnviz_core.ir.graph import Graph
from nnviz_core.sources.inputs import InputShape
from nnviz_core.sources.keras_model.names import counters, keras_names

if TYPE_CHECKING:
    import keras

__all__ = ["import_keras", "load_keras", "load_keras_file"]


def import_keras() -> Any:
    """The ``keras`` module, or an error that says how to install it or fix its backend."""
    try:
        import keras
    except ModuleNotFoundError as error:
        if error.name == "keras":
            raise MissingDependencyError("Drawing a Keras model", "keras", "keras") from error
        backend = os.environ.get("KERAS_BACKEND", "tensorflow (Keras's default)")
        raise SourceError(
            f"Keras could not start its backend {backend}: {error}; install that backend or "
            "choose an installed one with the KERAS_BACKEND environment variable "
            "(e.g. KERAS_BACKEND=torch)"
        ) from error
    return keras


def load_keras(
    model: keras.Model,
    *,
    input_shape: tuple[InputShape, ...] = (),
    name: str | None = None,
    name_groups: bool | None = None,
) -> Graph:
    """A Graph of a Keras model; ``input_shape`` (batch included) builds an unbuilt one.

    ``name_groups`` frames the layers of a flat model whose names share a prefix
    (``conv2_block1_…``) as groups (see ``name_groups``); by default only a model of more
    layers than a first view shows (:data:`~nnviz_core.detail.CARD_BUDGET`), whose drawing
    ``detail: auto`` then collapses block by block.

    What Keras names while nnviz builds and traces the model (an input layer, symbolic tensors)
    counts on from the process's names, which are put back afterwards.
    """
    from nnviz_core.sources.keras_model.convert import convert

    keras = import_keras()
    with keras_names(counters()):
        return convert(keras, model, input_shape, name, name_groups)


def load_keras_file(path: str | os.PathLike[str], *, name_groups: bool | None = None) -> Graph:
    """A Graph of a ``.keras`` file, loaded in safe mode (no pickled code is ever run);
    ``name_groups`` as for :func:`load_keras`."""
    keras = import_keras()
    target = Path(path)
    if not target.is_file():
        raise SourceError(f"{target}: no such Keras model file")
    if not zipfile.is_zipfile(target):  # Keras would call this "File not found"
        raise SourceError(
            f"{target}: not a .keras archive (a .keras file is a zip written by "
            "model.save('model.keras')); check the path, or save the model again"
        )
    with keras_names():  # the file's own names; anything it leaves unnamed, as in a new process
        model = _read(keras, target)
        graph = load_keras(model, name=model.name, name_groups=name_groups)
    return dataclasses.replace(graph, source=str(target))


def _read(keras: Any, target: Path) -> Any:
    """The model a ``.keras`` file holds, loaded in safe mode."""
    try:
        return keras.saving.load_model(target, compile=False, safe_mode=True)
    except Exception as error:  # Keras raises many types; the user needs its message
        raise SourceError(f"{target}: Keras could not load this model: {_reason(error)}") from error


def _reason(error: BaseException) -> str:
    """Keras's own words, without the serialised config it appends to some messages."""
    from nnviz_core.sources.keras_model.convert import plain, root_cause

    text = plain(root_cause(error)).split(" Full object config:")[0]
    if "safe_mode" in text:
        text += (
            " (nnviz loads .keras files in safe mode only; to draw this model, point nnviz at "
            "the Python object that builds it instead of the file)"
        )
    return text
