"""Which framework a live object belongs to, and the loader that turns it into a Graph.

Detection looks only at frameworks already imported (``sys.modules``): an object cannot be a
PyTorch module unless torch is loaded, so nnviz never imports a framework the user lacks.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import Any, Literal

from nnviz_core.errors import SourceError

__all__ = ["FRAMEWORKS", "Framework", "framework_of", "loader"]

Framework = Literal["torch", "keras", "onnx"]

#: What each framework's models are called in messages; Keras first, because on its torch
#: backend every Keras layer is also a ``torch.nn.Module``.
FRAMEWORKS: dict[Framework, str] = {
    "keras": "Keras model",
    "torch": "PyTorch module",
    "onnx": "ONNX model",
}


def _classes(framework: Framework) -> tuple[type, ...]:
    """The framework's model base classes, if the framework has been imported."""
    module = sys.modules.get(framework)
    if module is None:
        return ()
    try:
        if framework == "torch":
            return (module.nn.Module,)
        if framework == "keras":
            return (module.layers.Layer,)  # keras.Model is a Layer
        return (module.ModelProto,)
    except AttributeError:  # a partly initialised or unrelated module of that name
        return ()


def framework_of(value: Any) -> Framework | None:
    """The framework of a model instance, else ``None``."""
    for framework in FRAMEWORKS:
        classes = _classes(framework)
        if classes and isinstance(value, classes):
            return framework
    return None


def class_framework(value: Any) -> Framework | None:
    """The framework of a model class (``nn.Module`` or ``keras.Model`` subclass), else ``None``."""
    if not isinstance(value, type):
        return None
    for framework in FRAMEWORKS:
        classes = _classes(framework)
        if classes and issubclass(value, classes):
            return framework
    return None


def loader(module: str, function: str, what: str) -> Callable[..., Any]:
    """A loader function of nnviz, imported on first use."""
    try:
        found = importlib.import_module(f"nnviz_core.sources.{module}")
    except ModuleNotFoundError as error:
        if error.name != f"nnviz_core.sources.{module}":
            raise
        raise SourceError(
            f"{what} cannot be drawn by this installation of nnviz: its module "
            f"nnviz_core.sources.{module} is missing; reinstall nnviz-docs"
        ) from None
    result: Callable[..., Any] = getattr(found, function)
    return result
