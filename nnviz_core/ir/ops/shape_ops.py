"""Ops that move values around without learning anything: flatten, reshape, permute,
upsampling, zero padding and cropping."""

from __future__ import annotations

import math

from nnviz_core.ir.graph import Dim
from nnviz_core.ir.ops.base import Arg, Call, Op, Shape, described, fmt
from nnviz_core.ir.ops.conv import SPATIAL


def flatten_shape(call: Call) -> Shape:
    """Shape: `[a, b, …]` → `[a·b·…]`."""
    dims = call.shape
    return (None,) if any(d is None for d in dims) else (math.prod([d for d in dims if d]),)


def reshape_shape(call: Call) -> Shape:
    """Shape: → `target_shape` (one −1 is inferred; the sizes must agree)."""
    target = call.attrs["target_shape"]
    assert isinstance(target, tuple)
    dims = [d if isinstance(d, int) else None for d in target]
    if dims.count(-1) > 1:
        call.fail(f"at most one -1 is allowed in the target shape, got {fmt(dims)}")
    size = None if any(d is None for d in call.shape) else math.prod([d or 0 for d in call.shape])
    if size is None or None in dims:
        return tuple(None if d == -1 else d for d in dims)
    known = math.prod([d for d in dims if d is not None and d != -1])
    if -1 in dims:
        if size % known:
            _mismatch(call, dims, size)
        return tuple(size // known if d == -1 else d for d in dims)
    if known != size:
        _mismatch(call, dims, size)
    return tuple(dims)


def _mismatch(call: Call, dims: list[Dim], size: int) -> None:
    call.fail(
        f"cannot reshape {described(call.inputs[0])} ({size} values) to {fmt(dims)}; "
        "the sizes must multiply to the same total (use -1 for one inferred dimension)"
    )


def permute_shape(call: Call) -> Shape:
    """Shape: axes reordered by `dims` (1-based)."""
    dims = call.attrs["dims"]
    assert isinstance(dims, tuple)
    shape = call.shape
    if sorted(d for d in dims if isinstance(d, int)) != list(range(1, len(shape) + 1)):
        call.fail(
            f"dims {fmt(dims)} must order the axes 1..{len(shape)} of "
            f"{described(call.inputs[0])} (1-based, batch excluded, like Keras Permute)"
        )
    return tuple(shape[d - 1] for d in dims if isinstance(d, int))


def upsampling_shape(call: Call) -> Shape:
    """Shape: `[C, *S]` → `[C, *S·size]`."""
    shape = call.spatial(call.op.rank, SPATIAL[call.op.rank])
    factors = call.ints("size")
    sizes = [None if n is None else n * f for n, f in zip(shape[1:], factors, strict=True)]
    return (shape[0], *sizes)


def _border_totals(call: Call, attr: str) -> tuple[Dim, list[tuple[Dim, int]]]:
    """Channels and, per spatial axis, its size with the integer (before + after) total of `attr`.

    Padding and cropping read the same per-axis pairs; only the sign differs.
    """
    shape = call.spatial(call.op.rank, SPATIAL[call.op.rank])
    pairs = call.attrs[attr]
    assert isinstance(pairs, tuple)
    totals: list[tuple[Dim, int]] = []
    for n, pair in zip(shape[1:], pairs, strict=True):
        assert isinstance(pair, tuple)
        totals.append((n, sum(p for p in pair if isinstance(p, int))))
    return shape[0], totals


def padding_shape(call: Call) -> Shape:
    """Shape: `[C, *S]` → `[C, *(S + before + after)]`."""
    channels, totals = _border_totals(call, "padding")
    return (channels, *(None if n is None else n + pad for n, pad in totals))


def cropping_shape(call: Call) -> Shape:
    """Shape: `[C, *S]` → `[C, *(S − before − after)]`."""
    channels, totals = _border_totals(call, "cropping")
    for n, cut in totals:
        if n is not None and n <= cut:
            call.fail(
                f"cropping {cut} of {n} positions leaves nothing of {described(call.inputs[0])}"
            )
    return (channels, *(None if n is None else n - cut for n, cut in totals))


def _ops() -> list[Op]:
    ops = [
        Op("flatten", "reshape", "Collapses all dimensions into one vector.", flatten_shape),
        Op(
            "reshape",
            "reshape",
            "Rearranges the values into a new shape (one -1 inferred).",
            reshape_shape,
            args=(Arg("target_shape", "shape", None, "The new shape.", ("shape",), required=True),),
            main="target_shape",
            aliases=("view",),
        ),
        Op(
            "permute",
            "reshape",
            "Reorders axes; `dims` are 1-based like Keras Permute.",
            permute_shape,
            args=(Arg("dims", "shape", None, "New order of the axes.", required=True),),
            main="dims",
            aliases=("transpose",),
        ),
    ]
    for rank in (1, 2, 3):
        d = f"{rank}d"
        ops.append(
            Op(
                f"upsampling{d}",
                "upsampling",
                f"Repeats {rank}D positions by an integer factor "
                f"(Keras UpSampling{d.upper()}, PyTorch Upsample).",
                upsampling_shape,
                args=(
                    Arg(
                        "size",
                        "ints",
                        2,
                        "Factor per spatial dimension.",
                        ("scale_factor",),
                        minimum=1,
                    ),
                    Arg(
                        "interpolation",
                        "choice",
                        "nearest",
                        "How new values are computed.",
                        ("mode",),
                        choices=("nearest", "linear", "bilinear", "bicubic", "trilinear"),
                    ),
                ),
                main="size",
                rank=rank,
                aliases=(f"upsample{d}", f"up_sampling{d}"),
            )
        )
        ops.append(
            Op(
                f"zero_padding{d}",
                "reshape",
                f"Pads {rank}D inputs with zeros "
                f"(Keras ZeroPadding{d.upper()}, PyTorch ZeroPad{d}).",
                padding_shape,
                args=(
                    Arg(
                        "padding",
                        "pairs",
                        1,
                        "Zeros per side, per dimension or [before, after] pairs.",
                    ),
                ),
                main="padding",
                rank=rank,
                aliases=(f"zeropadding{d}", f"zero_pad{d}", f"zeropad{d}"),
            )
        )
        ops.append(
            Op(
                f"cropping{d}",
                "reshape",
                f"Cuts positions off the edges of {rank}D inputs (Keras Cropping{d.upper()}).",
                cropping_shape,
                args=(
                    Arg(
                        "cropping",
                        "pairs",
                        0,
                        "Positions cut per side, per dimension or [before, after] pairs.",
                    ),
                ),
                main="cropping",
                rank=rank,
                aliases=(f"crop{d}",),
            )
        )
    return ops


OPS = tuple(_ops())
