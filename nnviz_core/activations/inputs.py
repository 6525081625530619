"""The example input a model is run on: an image file, a ``.npy`` array or an import path.

Whatever it is, it becomes one float array shaped like the model's input with a batch of one,
channels first (PyTorch) or last (Keras). An image is converted to the model's channel count
(grey or RGB), resized to its height and width and scaled to 0–1; a model expecting other
scaling takes a ``.npy`` file or a ``pkg.mod:sample`` function instead, which are used as given.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from nnviz_core.errors import MissingDependencyError, OptionError, excerpt
from nnviz_core.files import is_file

__all__ = ["IMAGE_SUFFIXES", "is_file_input", "load_input"]

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp")
Shape = tuple[int, ...]


def is_file_input(value: str) -> bool:
    """Whether an ``example_input`` names a file (an image or ``.npy``), not an import path."""
    return value.strip().lower().endswith((*IMAGE_SUFFIXES, ".npy"))


def load_input(value: Any, shape: Shape, channels_last: bool = False) -> np.ndarray[Any, Any]:
    """``value`` as a batch of one for an input of ``shape`` (channels first, batch dropped)."""
    if isinstance(value, str) and not value.strip().lower().endswith((*IMAGE_SUFFIXES, ".npy")):
        from nnviz_core.sources.resolve import import_object, is_import_path

        if not is_import_path(value.strip()):
            raise OptionError(_expected(value))
        value = import_object(value.strip(), role="example_input")
        value = value() if callable(value) else value
        return _batched(_array(value), shape, str(value), channels_last)
    if isinstance(value, str | Path):
        path = Path(value)
        if not is_file(path):
            raise OptionError(f"example_input {excerpt(str(value))}: no such file")
        if path.suffix.lower() == ".npy":
            return _batched(np.load(path, allow_pickle=False), shape, str(path), channels_last)
        return _image(path, shape, channels_last)
    return _batched(_array(value), shape, "example_input", channels_last)


def _expected(value: object) -> str:
    return (
        f"example_input {excerpt(value)}: expected an image file "
        f"({', '.join(IMAGE_SUFFIXES)}), a .npy array file or an import path pkg.module:sample"
    )


def _array(value: Any) -> np.ndarray[Any, Any]:
    """A tensor, an array or nested lists as a NumPy array."""
    if hasattr(value, "detach"):
        value = value.detach().cpu().numpy()
    try:
        return np.asarray(value, dtype=np.float32)
    except (TypeError, ValueError) as error:
        raise OptionError(
            f"example_input: cannot read a {type(value).__name__} as an array ({error})"
        ) from None


def _batched(
    array: np.ndarray[Any, Any], shape: Shape, shown: str, channels_last: bool
) -> np.ndarray[Any, Any]:
    """``array`` with a batch of one; its shape must be the model's (either layout is fine)."""
    want = (*shape[1:], shape[0]) if channels_last and len(shape) > 1 else shape
    if array.ndim == len(want):
        array = array[None]
    if tuple(array.shape) != (1, *want):
        raise OptionError(
            f"example_input {excerpt(shown)}: shape {list(array.shape)} does not match the "
            f"model's input {[1, *want]} (batch of one)"
        )
    return array.astype(np.float32)


def _image(path: Path, shape: Shape, channels_last: bool) -> np.ndarray[Any, Any]:
    try:
        from PIL import Image
    except ImportError as missing:
        raise MissingDependencyError(
            "Reading an image example_input", "activations", "pillow"
        ) from missing
    if len(shape) != 3 or shape[0] not in (1, 3):
        raise OptionError(
            f"example_input {excerpt(str(path))}: an image fits a model input of 1 or 3 channels "
            f"with a height and width, not {list(shape)}; pass a .npy array instead"
        )
    channels, height, width = shape
    with Image.open(path) as opened:
        picture = opened.convert("L" if channels == 1 else "RGB")
        if picture.size != (width, height):
            picture = picture.resize((width, height), Image.Resampling.BOX)
        pixels = np.asarray(picture, dtype=np.float32) / 255.0
    planes = pixels[None] if channels == 1 else pixels.transpose(2, 0, 1)
    batch = planes.transpose(1, 2, 0) if channels_last else planes
    return batch[None].astype(np.float32)
