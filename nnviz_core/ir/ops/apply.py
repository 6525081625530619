"""Applying an op to incoming tensors: checked arguments, the output shape and the parameters."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from nnviz_core.errors import ShapeError
from nnviz_core.ir.graph import AttrValue, Dim
from nnviz_core.ir.ops.base import Call, Incoming, Op, Shape, fmt
from nnviz_core.ir.ops.values import check_channels, normalise, stored
from nnviz_core.limits import shape_problem


@dataclass(frozen=True)
class Applied:
    """What an op produces from concrete inputs."""

    shape: Shape
    dtype: str
    params: int
    attrs: Mapping[str, AttrValue]
    activation: str | None
    non_trainable: int = 0


def arity_problem(op: Op, count: int) -> str | None:
    """Why ``count`` inputs do not suit ``op``, or ``None`` if they do."""
    low, high = op.arity
    if low <= count and (high is None or count <= high):
        return None
    if high == 0:
        return f"{op.name}: takes no inputs, got {count}"
    if high is None:
        example = f"`{op.name}: [a, b]`"
        return f"{op.name}: needs at least {low} inputs, got {count}; list them, e.g. {example}"
    wanted = str(low) if low == high else f"{low} to {high}"
    plural = "" if wanted == "1" else "s"
    return f"{op.name}: takes {wanted} input{plural}, got {count}"


def apply(
    op: Op,
    args: Mapping[str, Any],
    inputs: Sequence[Incoming],
    output_shape: Sequence[Dim] | None = None,
) -> Applied:
    """Normalise loose ``args`` (any spelling) and evaluate the op on ``inputs``."""
    return evaluate(op, normalise(op, args), inputs, output_shape)


def evaluate(
    op: Op,
    attrs: Mapping[str, AttrValue],
    inputs: Sequence[Incoming],
    output_shape: Sequence[Dim] | None = None,
) -> Applied:
    """Evaluate an op on already normalised attributes; ``output_shape`` overrides inference."""
    problem = arity_problem(op, len(inputs))
    if problem:
        raise ShapeError(problem)
    call = Call(op, attrs, tuple(inputs))
    if inputs:
        check_channels(call)
    shape = tuple(output_shape) if output_shape is not None else op.infer(call)
    problem = shape_problem(shape)
    if problem:
        raise ShapeError(f"{op.name}: the output shape {fmt(shape)} {problem}")
    params = op.params(call)
    frozen = op.non_trainable(call) if params else 0
    return Applied(shape, _dtype(call), params, stored(call), _activation(call), frozen)


def _dtype(call: Call) -> str:
    if call.op.name == "input":
        return str(call.attrs["dtype"])
    if call.op.category in ("embedding", "dense", "convolution") or not call.inputs:
        return "float32"
    return call.inputs[0].dtype


def _activation(call: Call) -> str | None:
    if call.op.category == "activation":
        value = call.attrs.get("activation", call.op.name)
        return str(value)
    value = call.attrs.get("activation")
    return str(value) if isinstance(value, str) and value != "linear" else None
