"""Shapes and axes between Keras (batch first, usually channels last) and the IR (channels first).

The IR stores shapes channels-first without the batch dimension; ``Graph.layout`` then tells the
styles to show them back in Keras order. Axis arguments (``Concatenate(axis=-1)``, ``Permute``)
are translated the same way, so attributes mean the same thing whatever the source.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from nnviz_core.ir.graph import AttrValue, Dim, TensorSpec


def ir_shape(shape: Sequence[Any], channels_last: bool) -> tuple[Dim, ...]:
    """``(None, 32, 32, 3)`` → ``(3, 32, 32)``: batch dropped, channels moved first."""
    dims = tuple(None if d is None else int(d) for d in tuple(shape)[1:])
    if channels_last and len(dims) >= 2:
        return (dims[-1], *dims[:-1])
    return dims


def dtype_name(dtype: Any) -> str:
    """``float32`` from a Keras dtype string, a torch/numpy dtype or a policy."""
    text = str(getattr(dtype, "name", dtype))
    return text.rsplit(".", 1)[-1] or "float32"


def spec(tensor: Any, channels_last: bool) -> TensorSpec:
    """The IR tensor of a Keras (symbolic or concrete) tensor."""
    return TensorSpec(ir_shape(tensor.shape, channels_last), dtype_name(tensor.dtype))


def ir_axis(axis: int, rank: int, channels_last: bool) -> int:
    """A Keras axis of a ``rank``-dimensional tensor (batch included) as an IR axis."""
    position = axis % rank - 1  # among the non-batch dimensions
    count = rank - 1
    if not channels_last or count < 2:
        return position
    return 0 if position == count - 1 else position + 1


def ir_permutation(dims: Sequence[int], channels_last: bool) -> tuple[int, ...]:
    """Keras ``Permute`` dims (1-based, batch excluded) as 1-based IR dims."""
    count = len(dims)
    if not channels_last or count < 2:
        return tuple(dims)

    def to_ir(k: int) -> int:
        return 0 if k == count - 1 else k + 1

    def to_keras(j: int) -> int:
        return count - 1 if j == 0 else j - 1

    return tuple(to_ir(dims[to_keras(j)] - 1) + 1 for j in range(count))


def layout_attrs(
    kind: str, config: dict[str, Any], in_rank: int, out: TensorSpec | None, channels_last: bool
) -> dict[str, AttrValue]:
    """Attributes whose meaning depends on the axis order, expressed in IR axes."""
    if kind in ("Concatenate", "Softmax") and in_rank:
        axis = config.get("axis", -1)
        if isinstance(axis, int):
            return {"axis": ir_axis(axis, in_rank, channels_last)}
    if kind == "Reshape" and out is not None:
        return {"target_shape": tuple(-1 if d is None else d for d in out.shape)}
    if kind == "Permute":
        return {"dims": ir_permutation(tuple(config["dims"]), channels_last)}
    if kind == "Bidirectional":
        return {"bidirectional": True}
    return {}
