"""Describing a model's inputs: ``input_shape`` as users write it in every host.

``"1,3,224,224"`` is one float32 tensor (batch dimension included, as the framework sees it);
``"1,3,224,224; 1,10:int64"`` is two, the second of dtype int64. The API also takes Python
values: ``(1, 3, 224, 224)``, ``[(1, 3, 224, 224), (1, 10)]`` or ``{"shape": [...], "dtype": ...}``.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from nnviz_core.errors import OptionError, excerpt
from nnviz_core.limits import MAX_DIMENSION, shape_problem

DTYPES = (
    "float32",
    "float16",
    "bfloat16",
    "float64",
    "int64",
    "int32",
    "int16",
    "int8",
    "uint8",
    "bool",
)


#: Digits read from a dimension written as text; longer ones are past MAX_DIMENSION anyway.
_DIGITS = 18


@dataclass(frozen=True)
class InputShape:
    """One input tensor: its full shape (batch included) and dtype."""

    shape: tuple[int, ...]
    dtype: str = "float32"


def _dims(values: Sequence[Any], given: object) -> tuple[int, ...]:
    dims = tuple(_dim(value, given) for value in _sequence(values, given))
    problem = shape_problem(dims)
    if problem:
        raise OptionError(f"input_shape: {excerpt(given)} {problem}")
    return dims


def _sequence(values: Any, given: object) -> Sequence[Any]:
    if isinstance(values, Sequence) and not isinstance(values, str):
        return values
    raise OptionError(
        f"input_shape: {excerpt(given)} is not a shape; write positive integers such as "
        "1,3,224,224 (several inputs: 1,3,224,224; 1,10:int64)"
    )


def _dim(value: Any, given: object) -> int:
    """A positive integer, from an int or its digits (never more than a long int's worth)."""
    if not isinstance(value, bool | str):
        try:
            number = operator.index(value)  # int, NumPy and PyTorch integers
        except TypeError:
            number = 0
        if number > 0:
            return number
    text = value.strip() if isinstance(value, str) else ""
    if text.isdigit() and int(text[:_DIGITS]) > 0:
        return int(text) if len(text) <= _DIGITS else MAX_DIMENSION + 1
    raise OptionError(
        f"input_shape: {excerpt(given)} is not a shape; write positive integers such as "
        "1,3,224,224 (several inputs: 1,3,224,224; 1,10:int64)"
    )


def _dtype(name: str, given: object) -> str:
    dtype = name.strip().lower()
    if dtype not in DTYPES:
        raise OptionError(
            f"input_shape: unknown dtype {excerpt(name)} in {excerpt(given)}; "
            f"use one of {', '.join(DTYPES)}"
        )
    return dtype


def _one_text(text: str, given: object) -> InputShape:
    dims, _, dtype = text.partition(":")
    cleaned = dims.strip().strip("()[]")
    parts = [part for part in cleaned.replace("x", ",").split(",") if part.strip()]
    return InputShape(_dims(parts, given), _dtype(dtype, given) if dtype else "float32")


def _one_value(value: Any, given: object) -> InputShape:
    if isinstance(value, InputShape):
        return value
    if isinstance(value, str):
        return _one_text(value, given)
    if isinstance(value, Mapping):
        return InputShape(
            _dims(value.get("shape", ()), given), _dtype(str(value.get("dtype", "float32")), given)
        )
    return InputShape(_dims(value, given))


def parse_input_shapes(value: Any) -> tuple[InputShape, ...]:
    """Every accepted spelling of ``input_shape`` → one :class:`InputShape` per model input."""
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(_one_text(part, value) for part in value.split(";") if part.strip())
    if isinstance(value, (InputShape, Mapping)):
        return (_one_value(value, value),)
    items = list(_sequence(value, value))
    if items and not any(isinstance(item, Sequence | Mapping | InputShape) for item in items):
        return (_one_value(items, value),)
    return tuple(_one_value(item, value) for item in items)
