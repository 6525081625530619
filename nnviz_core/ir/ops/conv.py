"""Convolutions 1/2/3D, their transposed forms, and separable and depthwise convolutions.

Shapes are channels-first: a 2D convolution takes ``[channels, height, width]``. Output sizes
follow the usual rule, ``floor((n + 2p - d(k-1) - 1) / s) + 1``, with ``same`` giving
``ceil(n / s)``; parameter counts match Keras and PyTorch for the same layer.
"""

from __future__ import annotations

import math

from nnviz_core.ir.graph import AttrValue, Dim
from nnviz_core.ir.ops.base import Arg, Call, Op, Shape, channels_check, described

SPATIAL = {1: "channels, length", 2: "channels, height, width", 3: "channels, depth, height, width"}


def filters_arg() -> Arg:
    return Arg(
        "filters",
        "int",
        None,
        "Number of output channels.",
        ("out_channels",),
        minimum=1,
        required=True,
    )


def kernel_arg(required: bool = True, default: AttrValue = None) -> Arg:
    return Arg(
        "kernel",
        "ints",
        default,
        "Kernel size (one integer or one per dimension).",
        ("kernel_size",),
        minimum=1,
        required=required,
    )


def window_args() -> tuple[Arg, ...]:
    """Stride, padding and dilation, shared by every convolution."""
    return (
        Arg("strides", "ints", 1, "Step between windows.", ("stride",), minimum=1),
        Arg("padding", "padding", "valid", "`valid` (none), `same` (keep size), or pixels.", ()),
        Arg("dilation", "ints", 1, "Spacing between kernel taps.", ("dilation_rate",), minimum=1),
    )


def tail_args() -> tuple[Arg, ...]:
    """Bias, activation and PyTorch's ``in_channels`` check."""
    return (
        Arg("use_bias", "bool", True, "Add a learned bias per output channel.", ("bias",)),
        Arg("activation", "activation", None, "Activation applied to the output."),
        channels_check("in_channels", "PyTorch's input channels; checked, not needed."),
    )


def out_length(call: Call, size: Dim, axis: int, kernel: int) -> Dim:
    """Output length along one spatial axis of a sliding window."""
    if size is None:
        return None
    stride = call.ints("strides")[axis]
    dilation = call.ints("dilation")[axis] if "dilation" in call.attrs else 1
    padding = call.attrs["padding"]
    if padding in ("same", "causal"):
        return -(-size // stride)
    pad = 0 if padding == "valid" else call.ints("padding")[axis]
    span = dilation * (kernel - 1) + 1
    out = (size + 2 * pad - span) // stride + 1
    if out < 1:
        call.fail(
            f"the input {described(call.inputs[0])} is too small for a window of {span} "
            f"along axis {axis + 1}; use padding: same or a smaller kernel"
        )
    return out


def windowed(call: Call, channels: Dim, kernel: tuple[int, ...]) -> Shape:
    shape = call.spatial(call.op.rank, SPATIAL[call.op.rank])
    sizes = [out_length(call, size, i, kernel[i]) for i, size in enumerate(shape[1:])]
    return (channels, *sizes)


def groups_ok(call: Call, channels: int, filters: int) -> int:
    groups = call.num("groups")
    if channels % groups or filters % groups:
        call.fail(
            f"groups={groups} must divide both the input channels ({channels}) "
            f"and filters ({filters})"
        )
    return groups


def conv_shape(call: Call) -> Shape:
    """Shape: `[C, *S]` → `[filters, *S′]`, S′ = ⌊(S + 2·pad − dilation·(kernel − 1) − 1) / strides⌋
    + 1, or ⌈S / strides⌉ with `same`.
    """
    return windowed(call, call.num("filters"), call.ints("kernel"))


def conv_params(call: Call) -> int:
    """Kernel weights (channels × filters / groups per tap) and biases, transposed or not."""
    channels, filters = call.channels(), call.num("filters")
    groups = groups_ok(call, channels, filters)
    weights = filters * (channels // groups) * math.prod(call.ints("kernel"))
    return weights + (filters if call.flag("use_bias") else 0)


def transpose_shape(call: Call) -> Shape:
    """Shape: `[C, *S]` → `[filters, *S′]`, S′ = (S − 1)·strides − 2·pad + dilation·(kernel − 1) +
    output_padding + 1, or S·strides with `same`.
    """
    shape = call.spatial(call.op.rank, SPATIAL[call.op.rank])
    if call.attrs["padding"] == "causal":
        call.fail("causal padding applies to convolutions, not transposed ones; use valid or same")
    sizes: list[Dim] = []
    for axis, size in enumerate(shape[1:]):
        if size is None:
            sizes.append(None)
            continue
        stride, kernel = call.ints("strides")[axis], call.ints("kernel")[axis]
        dilation, extra = call.ints("dilation")[axis], call.ints("output_padding")[axis]
        padding = call.attrs["padding"]
        if padding == "same":
            sizes.append(size * stride + extra)
            continue
        pad = 0 if padding == "valid" else call.ints("padding")[axis]
        sizes.append((size - 1) * stride - 2 * pad + dilation * (kernel - 1) + extra + 1)
    return (call.num("filters"), *sizes)


def depthwise_shape(call: Call) -> Shape:
    """Shape: `[C, *S]` → `[C·depth_multiplier, *S′]`, S′ as for a convolution."""
    return windowed(call, call.channels() * call.num("depth_multiplier"), call.ints("kernel"))


def depthwise_params(call: Call) -> int:
    outputs = call.channels() * call.num("depth_multiplier")
    return outputs * math.prod(call.ints("kernel")) + (outputs if call.flag("use_bias") else 0)


def separable_params(call: Call) -> int:
    channels, filters = call.channels(), call.num("filters")
    middle = channels * call.num("depth_multiplier")
    depthwise = middle * math.prod(call.ints("kernel"))
    return depthwise + middle * filters + (filters if call.flag("use_bias") else 0)


GROUPS = Arg("groups", "int", 1, "Split channels into groups convolved separately.", minimum=1)
MULTIPLIER = Arg("depth_multiplier", "int", 1, "Output channels per input channel.", minimum=1)
OUTPUT_PADDING = Arg(
    "output_padding", "ints", 0, "Extra size added to one side of the output.", minimum=0
)


def _ops() -> list[Op]:
    ops: list[Op] = []
    for rank in (1, 2, 3):
        d = f"{rank}d"
        ops.append(
            Op(
                f"conv{d}",
                "convolution",
                f"{rank}D convolution (Keras Conv{d.upper()}, PyTorch Conv{d}).",
                conv_shape,
                conv_params,
                (filters_arg(), kernel_arg(), *window_args(), GROUPS, *tail_args()),
                "filters",
                rank,
                aliases=(f"conv{rank}d_layer", f"convolution{d}"),
            )
        )
        ops.append(
            Op(
                f"conv{d}_transpose",
                "upsampling",
                f"Transposed {rank}D convolution "
                f"(Keras Conv{d.upper()}Transpose, PyTorch ConvTranspose{d}).",
                transpose_shape,
                conv_params,  # the same weights, read the other way round
                (filters_arg(), kernel_arg(), *window_args(), OUTPUT_PADDING, GROUPS, *tail_args()),
                "filters",
                rank,
                aliases=(f"conv_transpose{d}", f"convtranspose{d}", f"deconv{d}"),
            )
        )
    for rank in (1, 2):
        d = f"{rank}d"
        ops.append(
            Op(
                f"separable_conv{d}",
                "convolution",
                f"Depthwise then pointwise {rank}D convolution (Keras SeparableConv{d.upper()}).",
                conv_shape,
                separable_params,
                (filters_arg(), kernel_arg(), *window_args(), MULTIPLIER, *tail_args()),
                "filters",
                rank,
            )
        )
        ops.append(
            Op(
                f"depthwise_conv{d}",
                "convolution",
                f"One {rank}D filter per input channel "
                f"(Keras DepthwiseConv{d.upper()}; PyTorch Conv{d} with groups = channels).",
                depthwise_shape,
                depthwise_params,
                (kernel_arg(), *window_args(), MULTIPLIER, *tail_args()),
                "kernel",
                rank,
            )
        )
    return ops


OPS = tuple(_ops())
