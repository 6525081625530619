"""Merges: element-wise (add, subtract, multiply, average, maximum, minimum) and ``concat``.

A merge names its inputs (``add: [input, b]``); mismatched shapes name both producers.
"""

from __future__ import annotations

from nnviz_core.ir.ops.base import Arg, Call, Incoming, Op, Shape, described, fmt


def _compatible(a: Shape, b: Shape, skip: int | None = None) -> bool:
    if len(a) != len(b):
        return False
    return all(
        i == skip or x is None or y is None or x == y
        for i, (x, y) in enumerate(zip(a, b, strict=True))
    )


def _clash(call: Call, a: Incoming, b: Incoming, tail: str = "do not match") -> None:
    call.fail(f"shapes {described(a)} and {described(b)} {tail}")


def elementwise_shape(call: Call) -> Shape:
    """Shape: equal shapes → the same shape."""
    first = call.inputs[0]
    for other in call.inputs[1:]:
        if not _compatible(first.shape, other.shape):
            _clash(call, first, other)
    merged = [
        next((d for d in dims if d is not None), None)
        for dims in zip(*(t.shape for t in call.inputs), strict=True)
    ]
    return tuple(merged)


def concat_shape(call: Call) -> Shape:
    """Shape: shapes equal except along `axis` → their sizes along `axis` add up."""
    first = call.inputs[0]
    rank = len(first.shape)
    axis = call.num("axis")
    if not -rank <= axis < rank:
        call.fail(f"axis {axis} is out of range for {rank}-dimensional inputs {fmt(first.shape)}")
    axis %= rank
    for other in call.inputs[1:]:
        if not _compatible(first.shape, other.shape, skip=axis):
            _clash(call, first, other, f"differ outside the concatenation axis {axis}")
    sizes = [t.shape[axis] for t in call.inputs]
    total = None if None in sizes else sum(s for s in sizes if s is not None)
    return (*first.shape[:axis], total, *first.shape[axis + 1 :])


def _ops() -> list[Op]:
    ops = [
        Op(
            name,
            "merge",
            text,
            elementwise_shape,
            arity=(2, 2) if name == "subtract" else (2, None),
        )
        for name, text in (
            ("add", "Element-wise sum of equally shaped inputs."),
            ("subtract", "First input minus the second."),
            ("multiply", "Element-wise product."),
            ("average", "Element-wise mean."),
            ("maximum", "Element-wise maximum."),
            ("minimum", "Element-wise minimum."),
        )
    ]
    axis = Arg("axis", "int", 0, "Axis of the channels-first shape to join along (0 = channels).")
    ops.append(
        Op(
            "concat",
            "merge",
            "Joins inputs along an axis (default: channels).",
            concat_shape,
            args=(axis,),
            main="axis",
            arity=(2, None),
            aliases=("concatenate", "cat"),
        )
    )
    return ops


OPS = tuple(_ops())
