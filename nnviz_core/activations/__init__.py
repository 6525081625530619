"""Real activations and weights: run a trained model once and draw what its layers see.

``source → Graph`` stays as it is; when a style's options ask for ``activations`` (or
``weights``), :func:`observed` runs the model on its ``example_input`` (one forward pass, the
source's own tracer keeping each drawn layer's output under its node id), turns the arrays into
pictures (:mod:`.pictures`, :mod:`.tiles`) and hands them to the style inside its options.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import replace
from typing import Any, TypeVar

from nnviz_core.activations.options import ActivationOptions
from nnviz_core.activations.pictures import Captured, LayerPictures, Pictures, Tile, pictures
from nnviz_core.errors import MissingDependencyError, OptionError, SourceError
from nnviz_core.ir import Graph

__all__ = [
    "ActivationOptions",
    "Captured",
    "LayerPictures",
    "Pictures",
    "Tile",
    "capture",
    "observed",
    "pictures",
    "wanted",
    "weights_digest",
]

T = TypeVar("T", bound=ActivationOptions)

_NO_WEIGHTS = (
    "{what}: true needs a model with weights that nnviz can run (a PyTorch module or Keras "
    "model, as an import path pkg.module:attribute or an object); {source} is not one: point "
    "the diagram at the trained model itself"
)


def wanted(options: Any) -> bool:
    """Whether a style's options ask for a forward pass (``activations`` or ``weights``)."""
    return isinstance(options, ActivationOptions) and (options.activations or options.weights)


def observed(
    options: T, source: Any, loading: Mapping[str, Any], graph: Graph, model: Any = None
) -> T:
    """``options`` with the pictures of one forward pass attached, when they ask for them.

    ``source`` is what the graph was loaded from; ``model``, when given, the model itself (a
    host that loaded the graph from an import path passes it here).
    """
    if not wanted(options) or options.pictures is not None:
        return options
    what = "activations" if options.activations else "weights"
    live = model if model is not None else _live(source, loading)
    if live is None:
        raise OptionError(_no_weights(what, source))
    example = options.example_input
    if example is None and options.activations:
        raise OptionError(
            "activations: true needs example_input: an image file (.png, .jpg), a .npy array "
            "or an import path pkg.module:sample to run the model on"
        )
    captured = capture(live, graph, example)
    found = pictures(captured, options.tiles, options.tile_scale, options.weights)
    return replace(options, pictures=found)


def weights_digest(model: Any) -> str:
    """A hash of a model's weights (every parameter and buffer, by name), for hosts' caches."""
    hashed = hashlib.sha256()
    state = getattr(model, "state_dict", None)
    if callable(state):  # PyTorch
        for name, value in sorted(state().items()):
            hashed.update(name.encode("utf-8"))
            hashed.update(value.detach().cpu().contiguous().numpy().tobytes())
    for weight in getattr(model, "weights", ()) if not callable(state) else ():  # Keras
        hashed.update(str(weight.path).encode("utf-8"))
        hashed.update(weight.numpy().tobytes())
    return hashed.hexdigest()


def _no_weights(what: str, source: Any) -> str:
    """Why ``source`` cannot be run, naming it when it is a file."""
    shown = "an nnviz Graph" if isinstance(source, Graph) else "a YAML spec"
    named = ""
    if isinstance(source, str | os.PathLike) and "\n" not in os.fspath(source):
        named = os.fspath(source).strip()
        suffix = os.path.splitext(named)[1].lower()
        if suffix not in ("", ".yaml", ".yml"):
            shown = f"a {suffix} file"
    message = _NO_WEIGHTS.format(what=what, source=shown)
    return f"{named}: {message}" if named else message


def _live(source: Any, loading: Mapping[str, Any]) -> Any:
    from nnviz_core.sources.resolve import live_model, model_inputs

    if isinstance(source, Graph | Mapping):
        return None
    return live_model(source, model_inputs(loading))


def capture(model: Any, graph: Graph, example: Any) -> Captured:
    """One forward pass of ``model`` on ``example`` (``None``: kernels only), by node id."""
    from nnviz_core.sources.resolve import framework_of

    framework = framework_of(model)
    if framework not in ("torch", "keras"):
        raise SourceError(
            f"activations: a {type(model).__name__} cannot be run here; drawing real "
            "activations takes a PyTorch module or a Keras model"
        )
    first = graph.inputs[0] if graph.inputs else None
    shape = first.output.shape if first is not None and first.output is not None else ()
    if any(dim is None for dim in shape):
        raise SourceError(f"activations: the model's input shape {list(shape)} is not fixed")
    dims = tuple(int(dim) for dim in shape if dim is not None)
    input_id = first.id if first is not None else ""
    if framework == "torch":
        return _torch(model, graph, example, dims, input_id)
    return _keras(model, example, dims, input_id)


def _torch(
    model: Any, graph: Graph, example: Any, dims: tuple[int, ...], input_id: str
) -> Captured:
    try:
        from nnviz_core.activations import torch as torch_run
    except ImportError as missing:
        raise MissingDependencyError("Drawing PyTorch activations", "torch", "torch") from missing
    from nnviz_core.activations.inputs import load_input

    kernels = dict([found]) if (found := torch_run.first_kernels(model)) else {}
    if example is None:
        return Captured({}, kernels, input_id)
    sample = load_input(example, dims)
    values = torch_run.run(model, sample, graph.name)
    values.setdefault(input_id, sample[0].astype("float64"))
    return Captured(values, kernels, input_id)


def _keras(model: Any, example: Any, dims: tuple[int, ...], input_id: str) -> Captured:
    from nnviz_core.activations import keras as keras_run
    from nnviz_core.activations.inputs import load_input

    kernels = keras_run.first_kernels(model)
    if example is None:
        return Captured({}, kernels, input_id)
    sample = load_input(example, dims, channels_last=True)
    values = keras_run.run(model, sample)
    values.setdefault(input_id, keras_run.channels_first(sample[0]))
    return Captured(values, kernels, input_id)
