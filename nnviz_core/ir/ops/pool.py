"""Pooling 1/2/3D: windowed (max, average), global and adaptive. None of them has parameters."""

from __future__ import annotations

from nnviz_core.ir.graph import AttrValue
from nnviz_core.ir.ops.base import Arg, Call, Op, Shape
from nnviz_core.ir.ops.conv import SPATIAL, windowed

KINDS = {"max": "Max", "avg": "Average"}


def _strides_default(attrs: dict[str, AttrValue]) -> None:
    """Keras and PyTorch both stride by the window size unless told otherwise."""
    if attrs.get("strides") is None:
        attrs["strides"] = attrs["pool_size"]


def pool_shape(call: Call) -> Shape:
    """Shape: `[C, *S]` → `[C, *S′]`, S′ as for a convolution with kernel `pool_size`."""
    return windowed(call, call.shape[0] if call.shape else None, call.ints("pool_size"))


def global_shape(call: Call) -> Shape:
    """Shape: `[C, *S]` → `[C]` (or `[C, 1, …]` with `keepdims`)."""
    shape = call.spatial(call.op.rank, SPATIAL[call.op.rank])
    if call.flag("keepdims"):
        return (shape[0], *([1] * call.op.rank))
    return (shape[0],)


def adaptive_shape(call: Call) -> Shape:
    """Shape: `[C, *S]` → `[C, *output_size]`."""
    shape = call.spatial(call.op.rank, SPATIAL[call.op.rank])
    return (shape[0], *call.ints("output_size"))


def _window_args() -> tuple[Arg, ...]:
    return (
        Arg("pool_size", "ints", 2, "Window size.", ("kernel_size", "kernel"), minimum=1),
        Arg(
            "strides",
            "ints",
            None,
            "Step between windows (default: the window size).",
            ("stride",),
            minimum=1,
        ),
        Arg("padding", "padding", "valid", "`valid`, `same`, or pixels."),
    )


KEEPDIMS = Arg("keepdims", "bool", False, "Keep the spatial dimensions as size 1.")
OUTPUT_SIZE = Arg("output_size", "ints", None, "Output spatial size.", minimum=1, required=True)


def _ops() -> list[Op]:
    ops: list[Op] = []
    for rank in (1, 2, 3):
        d = f"{rank}d"
        for short, long in KINDS.items():
            ops.append(
                Op(
                    f"{short}pool{d}",
                    "pooling",
                    f"{long} pooling over {rank}D windows "
                    f"(Keras {long}Pooling{d.upper()}, PyTorch {short.capitalize()}Pool{d}).",
                    pool_shape,
                    args=_window_args(),
                    main="pool_size",
                    rank=rank,
                    aliases=(
                        f"{long.lower()}_pooling{d}",
                        f"{short}_pool{d}",
                        f"{long.lower()}pooling{d}",
                    ),
                    finish=_strides_default,
                )
            )
            ops.append(
                Op(
                    f"global_{short}pool{d}",
                    "pooling",
                    f"{long} over all {rank}D positions, "
                    f"one value per channel (Keras Global{long}Pooling{d.upper()}).",
                    global_shape,
                    args=(KEEPDIMS,),
                    rank=rank,
                    aliases=(f"global_{long.lower()}_pooling{d}", f"global_{short}_pool{d}"),
                )
            )
            ops.append(
                Op(
                    f"adaptive_{short}pool{d}",
                    "pooling",
                    f"{long} pooling to a fixed output size "
                    f"(PyTorch Adaptive{short.capitalize()}Pool{d}).",
                    adaptive_shape,
                    args=(OUTPUT_SIZE,),
                    main="output_size",
                    rank=rank,
                    aliases=(f"adaptive_{short}_pool{d}",),
                )
            )
    return ops


OPS = tuple(_ops())
