"""Resolving a model source into a Graph: import paths, model files and live model objects.

``package.module:attr`` may name a model instance, a model class or a factory (called with
``model_args``); files are read by suffix. Whatever goes wrong surfaces as one error that names the
import path or file and quotes the underlying message.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from nnviz_core.errors import NnvizError, OptionError, SourceError, excerpt, excerpt_text
from nnviz_core.files import exists, is_file
from nnviz_core.ir import Graph
from nnviz_core.sources.resolve.frameworks import (
    FRAMEWORKS,
    Framework,
    class_framework,
    framework_of,
    loader,
)
from nnviz_core.sources.resolve.imports import import_object, is_import_path
from nnviz_core.sources.resolve.keras_names import building, import_named
from nnviz_core.sources.resolve.options import ModelInputs

__all__ = ["MODEL_SUFFIXES", "PICKLE_SUFFIXES", "fingerprint", "live_model", "load_model"]

#: Model files nnviz reads, and the options each one takes besides none.
MODEL_SUFFIXES: dict[str, tuple[str, ...]] = {
    ".onnx": ("show_plumbing",),
    ".keras": ("name_groups",),
    ".prototxt": (),
}
#: Files that are pickles: never loaded, whatever they hold.
PICKLE_SUFFIXES = (".pt", ".pth", ".pkl", ".pickle", ".ckpt", ".bin", ".joblib")
#: The options each framework takes.
_ACCEPTS: dict[Framework, tuple[str, ...]] = {
    "torch": ("input_shape", "example_inputs"),
    "keras": ("input_shape", "name_groups"),
    "onnx": ("show_plumbing",),
}


def load_model(source: Any, inputs: ModelInputs | None = None) -> Graph:
    """A Graph from an import path, a model file path, or a live model object."""
    inputs = inputs or ModelInputs()
    if isinstance(source, str | os.PathLike):
        text = os.fspath(source)
        if isinstance(source, str) and is_import_path(text) and not exists(text):
            return _from_import(text, inputs)
        return _from_file(Path(text), inputs)
    if isinstance(source, Graph):
        return source
    framework = framework_of(source) or class_framework(source)
    if framework is None:
        raise SourceError(
            f"cannot draw a {type(source).__name__}; pass a Graph, a YAML spec (a mapping, "
            "text or a .yaml path), a PyTorch module, a Keras model, an ONNX ModelProto, an "
            "import path 'package.module:attribute' or a .onnx, .keras or .prototxt file"
        )
    if isinstance(source, type):
        with building(source.__module__):
            return _from_live(_build(source, source.__name__, inputs), source.__name__, inputs)
    shown = f"{type(source).__name__} object"
    _instance_args(inputs, shown)
    return _from_live(source, shown, inputs)


def live_model(source: Any, inputs: ModelInputs | None = None) -> Any:
    """The model object an import path or live source names (a class or factory built with
    ``model_args``), for running it (activations); ``None`` for anything else (files, specs)."""
    inputs = inputs or ModelInputs()
    if isinstance(source, str) and is_import_path(source) and not exists(source):
        path = source.strip()
        target = import_named(path)
        with building(path.partition(":")[0]):
            return target if framework_of(target) else _build(target, path, inputs)
    if isinstance(source, str | os.PathLike | Graph):
        return None
    if isinstance(source, type) and class_framework(source):
        with building(source.__module__):
            return _build(source, source.__name__, inputs)
    return source if framework_of(source) else None


def fingerprint(graph: Graph) -> str:
    """A hash of everything in a Graph, for hosts' caches: a changed model draws anew."""
    return hashlib.sha256(repr(graph).encode("utf-8")).hexdigest()


def _from_import(path: str, inputs: ModelInputs) -> Graph:
    """The model an import path names; Keras names its layers as a new process would."""
    target = import_named(path)
    with building(path.strip().partition(":")[0]):
        return _from_target(target, path, inputs)


def _from_target(target: Any, path: str, inputs: ModelInputs) -> Graph:
    if isinstance(target, Graph):
        _refuse(inputs, (), path, "an nnviz Graph")
        return target
    if framework_of(target):
        _instance_args(inputs, path)
    model = target if framework_of(target) else _build(target, path, inputs)
    if isinstance(model, Graph):
        return model
    return _from_live(model, path, inputs)


def _build(target: Any, shown: str, inputs: ModelInputs) -> Any:
    """Call a model class or factory with ``model_args``; its result must be a model."""
    if not callable(target):
        raise SourceError(
            f"model {excerpt(shown)} is a {type(target).__name__}, not a model, a model class or a "
            "function that builds one"
        )
    try:
        model = target(**inputs.model_args)
    except Exception as error:
        raise SourceError(
            f"model {excerpt(shown)}: calling it{_with_args(inputs)} raised "
            f"{type(error).__name__}: {error}"
        ) from error
    if framework_of(model) is None and not isinstance(model, Graph):
        raise SourceError(
            f"model {excerpt(shown)}: calling it returned a {type(model).__name__}, not a PyTorch "
            "module, a Keras model or an ONNX model"
        )
    return model


def _instance_args(inputs: ModelInputs, shown: str) -> None:
    if inputs.model_args:
        raise OptionError(
            f"{shown}: model_args does not apply to a model instance, only to a model class "
            "or a factory; remove model_args, or point at the class or factory"
        )


def _with_args(inputs: ModelInputs) -> str:
    if not inputs.model_args:
        return " with no arguments"
    return " with model_args " + ", ".join(
        f"{k}={excerpt(v)}" for k, v in inputs.model_args.items()
    )


def _refuse(inputs: ModelInputs, accepted: tuple[str, ...], shown: str, what: str) -> None:
    extra = [name for name in inputs.given() if name not in accepted]
    if extra:
        takes = f"; it takes only {', '.join(accepted)}" if accepted else ""
        raise OptionError(f"{shown}: {extra[0]} does not apply to {what}{takes}")


def _from_live(model: Any, shown: str, inputs: ModelInputs) -> Graph:
    framework = framework_of(model)
    assert framework is not None
    what = f"a {FRAMEWORKS[framework]}"
    _refuse(inputs, ("model_args", *_ACCEPTS[framework]), shown, what)
    if framework == "torch":
        load = loader("torch_model", "load_torch", "PyTorch modules")
        examples = _examples(inputs.example_inputs)
        return _guard(
            shown,
            lambda: load(model, input_shape=inputs.input_shape, example_inputs=examples),
        )
    if framework == "keras":
        load = loader("keras_model", "load_keras", "Keras models")
        return _guard(
            shown,
            lambda: load(model, input_shape=inputs.input_shape, name_groups=inputs.keras_groups()),
        )
    load = loader("onnx_model", "load_onnx", "ONNX models")
    return _guard(shown, lambda: load(model, show_plumbing=inputs.show_plumbing))


def _examples(value: Any) -> tuple[Any, ...] | None:
    """Example inputs as a tuple of tensors; an import path is called to make them."""
    if value is None:
        return None
    if isinstance(value, str):
        path = value.strip()
        factory = import_object(path, role="example_inputs")
        if not callable(factory):
            return _as_tuple(factory)
        try:
            value = factory()
        except Exception as error:
            raise SourceError(
                f"example_inputs {excerpt(path)}: calling it raised {type(error).__name__}: {error}"
            ) from error
    return _as_tuple(value)


def _as_tuple(value: Any) -> tuple[Any, ...]:
    return tuple(value) if isinstance(value, tuple | list) else (value,)


def _from_file(path: Path, inputs: ModelInputs) -> Graph:
    suffix = path.suffix.lower()
    if suffix in PICKLE_SUFFIXES:
        raise SourceError(
            f"{path}: {suffix} files are pickles, which nnviz never loads (unpickling runs "
            "arbitrary code); point at the code that builds the model instead, as "
            "package.module:attribute, or export it to ONNX"
        )
    if suffix not in MODEL_SUFFIXES:
        known = ", ".join([".yaml", ".yml", *MODEL_SUFFIXES])
        raise SourceError(f"{path}: unsupported file type {excerpt(path.suffix)}; expected {known}")
    if not is_file(path):
        raise SourceError(f"{excerpt_text(path)}: no such file")
    _refuse(inputs, MODEL_SUFFIXES[suffix], str(path), f"a {suffix} file")
    shown = str(path)
    if suffix == ".onnx":
        load = loader("onnx_model", "load_onnx_file", "ONNX files")
        return _guard(shown, lambda: load(path, show_plumbing=inputs.show_plumbing))
    if suffix == ".keras":
        read = loader("keras_model", "load_keras_file", "Keras files")
        return _guard(shown, lambda: read(path, name_groups=inputs.keras_groups()))
    return _guard(shown, lambda: loader("caffe", "load_prototxt", "Caffe prototxt files")(path))


def _guard(shown: str, load: Callable[[], Graph]) -> Graph:
    """Run a loader; any failure becomes an error naming ``shown`` and quoting the cause."""
    try:
        return load()
    except NnvizError as error:
        raise named(error, shown) from error
    except Exception as error:
        raise SourceError(f"{shown}: {type(error).__name__}: {error}") from error


def named(error: NnvizError, shown: str) -> NnvizError:
    """The same error, its message starting with the source's name unless it already says it
    (in its text, or in a location that names the file).

    A loader names the model by its class (``Net: forward() raised …``); when ``shown`` says
    that name too (``pkg.models:Net``, ``Net object``), it takes the class name's place rather
    than standing before it.
    """
    if shown in error.message or (error.location and error.location.file == shown):
        return error
    clone = type(error).__new__(type(error))
    clone.__dict__.update(error.__dict__)
    NnvizError.__init__(
        clone, f"{shown}: {_without_own_name(error.message, shown)}", error.location
    )
    return clone


def _without_own_name(message: str, shown: str) -> str:
    """``message`` without a leading ``Name: `` when ``shown`` already ends with that name."""
    name, colon, rest = message.partition(": ")
    if not colon or not name.isidentifier():
        return message
    if shown.removesuffix(" object") == name or shown.endswith((f":{name}", f".{name}")):
        return rest
    return message
