"""Caffe's own shape arithmetic, which differs from Keras and PyTorch in places.

Pooling rounds up (``ceil``) unless ``round_mode: FLOOR``, and then drops a last window that
would start inside the padding; convolutions round down. Unknown sizes (``None``) stay unknown.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from nnviz_core.errors import SpecValueError, excerpt
from nnviz_core.ir.graph import Dim
from nnviz_core.limits import MAX_DIMENSION
from nnviz_core.sources.caffe.text_format import Message

Shape = tuple[Dim, ...]


def ints(param: Message, name: str) -> list[int]:
    values = param.scalars(name)
    for field in param.all(name):
        if not isinstance(field.value, int):
            message = f"{name} must be an integer, got {excerpt(field.value)}"
            raise SpecValueError(message, field.location)
        if abs(field.value) > MAX_DIMENSION:
            message = (
                f"{name} must be at most {MAX_DIMENSION:,} (the largest dimension nnviz "
                f"accepts), got {excerpt(field.value)}"
            )
            raise SpecValueError(message, field.location)
    return [int(v) for v in values]


def spatial(
    param: Message, name: str, rank: int, default: int | None, *, short: str | None = None
) -> tuple[int, ...]:
    """``kernel_size`` (one or one per axis), or ``kernel_h``/``kernel_w``, for ``rank`` axes."""
    prefix = short or name.split("_")[0]
    height, width = ints(param, f"{prefix}_h"), ints(param, f"{prefix}_w")
    if rank == 2 and height and width:
        return height[0], width[0]
    values = ints(param, name)
    if not values:
        if default is None:
            raise SpecValueError(f"missing {name} (or {prefix}_h and {prefix}_w)", param.location)
        values = [default]
    if len(values) == 1:
        return tuple(values * rank)
    if len(values) != rank:
        where = param.first(name)
        raise SpecValueError(
            f"{name} has {len(values)} values for {rank} spatial axes; give one or {rank}",
            where.location if where else param.location,
        )
    return tuple(values)


def conv_size(size: Dim, kernel: int, stride: int, pad: int, dilation: int) -> Dim:
    if size is None:
        return None
    return (size + 2 * pad - (dilation * (kernel - 1) + 1)) // stride + 1


def deconv_size(size: Dim, kernel: int, stride: int, pad: int, dilation: int) -> Dim:
    if size is None:
        return None
    return stride * (size - 1) + dilation * (kernel - 1) + 1 - 2 * pad


def pool_size(size: Dim, kernel: int, stride: int, pad: int, ceil: bool) -> Dim:
    """Caffe's pooling output size, including its clipping of windows that start in padding."""
    if size is None:
        return None
    span = (size + 2 * pad - kernel) / stride
    out = (math.ceil(span) if ceil else math.floor(span)) + 1
    if pad and (out - 1) * stride >= size + pad:
        out -= 1
    return out


def flat(shape: Sequence[Dim], axis: int = 0) -> Shape:
    """Dimensions from ``axis`` on multiplied into one (``None`` if any is unknown)."""
    total: Dim = 1
    for dim in shape[axis:]:
        total = None if dim is None or total is None else total * dim
    return (*shape[:axis], total)


def size(shape: Sequence[Dim]) -> Dim:
    return flat(shape)[0]
