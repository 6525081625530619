"""Caffe layer types: what each becomes in the canonical vocabulary, its shapes and parameters.

Each rule receives the layer and its bottoms' shapes (channels-first, without the batch axis)
and returns a :class:`Made`. Shapes follow Caffe's arithmetic (see :mod:`.shapes`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from nnviz_core.errors import ShapeError, SourceLocation, excerpt
from nnviz_core.ir.graph import AttrValue, Category, Dim
from nnviz_core.ir.ops import fmt
from nnviz_core.sources.caffe.shapes import (
    Shape,
    conv_size,
    deconv_size,
    ints,
    pool_size,
    size,
    spatial,
)
from nnviz_core.sources.caffe.text_format import Message


@dataclass(frozen=True)
class Layer:
    """One ``layer { ... }`` (or old-style ``layers { ... }``) entry."""

    name: str
    type: str
    message: Message
    location: SourceLocation
    bottoms: tuple[str, ...]
    tops: tuple[str, ...]

    def param(self, name: str) -> Message:
        return self.message.message(name) or Message([], self.location)


@dataclass(frozen=True)
class Made:
    """What a layer becomes: a canonical op with attributes, output shapes and parameters."""

    op: str
    attrs: dict[str, AttrValue]
    outputs: tuple[Shape, ...]
    params: int = 0
    non_trainable: int = 0
    category: Category | None = None
    raw: bool = field(default=False)  # attrs are final: skip the catalogue's normalisation


Rule = Callable[[Layer, list[Shape]], Made]


def _channels(shape: Shape) -> int:
    return shape[0] if shape and shape[0] is not None else 0


def spatial_rank(shape: Shape) -> int:
    return max(len(shape) - 1, 1) if shape else 2


def _padding(pads: tuple[int, ...]) -> AttrValue:
    return "valid" if not any(pads) else pads


def _window(param: Message, rank: int, kernel_default: int | None) -> tuple[tuple[int, ...], ...]:
    kernel = spatial(param, "kernel_size", rank, kernel_default, short="kernel")
    stride = spatial(param, "stride", rank, 1)
    pad = spatial(param, "pad", rank, 0)
    return kernel, stride, pad


def _num_output(layer: Layer, param_name: str) -> int:
    param = layer.param(param_name)
    found = ints(param, "num_output")
    if not found:
        message = f"layer {excerpt(layer.name)}: {param_name} needs num_output"
        raise ShapeError(message, layer.location)
    return found[0]


def convolution(layer: Layer, ins: list[Shape]) -> Made:
    param, filters = layer.param("convolution_param"), _num_output(layer, "convolution_param")
    shape, rank = ins[0], spatial_rank(ins[0])
    kernel, stride, pad = _window(param, rank, None)
    dilation = spatial(param, "dilation", rank, 1)
    groups = ints(param, "group")[0] if param.first("group") else 1
    bias = str(param.scalar("bias_term", "true")).lower() != "false"
    transposed = layer.type == "Deconvolution"
    grow = deconv_size if transposed else conv_size
    sizes = [
        grow(s, *window)
        for s, window in zip(
            shape[1:], zip(kernel, stride, pad, dilation, strict=False), strict=False
        )
    ]
    fan = (_channels(shape) // groups) * filters if transposed else filters * _channels(shape)
    weights = fan * math.prod(kernel) // (1 if transposed else groups) if _channels(shape) else 0
    attrs: dict[str, AttrValue] = {
        "filters": filters,
        "kernel": kernel,
        "strides": stride,
        "padding": _padding(pad),
        "dilation": dilation,
        "groups": groups,
        "use_bias": bias,
    }
    op = f"conv{rank}d_transpose" if transposed else f"conv{rank}d"
    params = weights + (filters if bias and weights else 0)
    return Made(op, attrs, ((filters, *sizes),), params)


def pooling(layer: Layer, ins: list[Shape]) -> Made:
    param, shape = layer.param("pooling_param"), ins[0]
    if not shape:
        message = f"layer {excerpt(layer.name)}: pooling needs channels to pool, and its input "
        raise ShapeError(message + "has no dimension besides the batch", layer.location)
    rank = spatial_rank(shape)
    kind = str(param.scalar("pool", "MAX")).upper()
    prefix = "avg" if kind in ("AVE", "1") else "max"
    if str(param.scalar("global_pooling", "false")).lower() == "true":
        out = (shape[0], *[1] * (len(shape) - 1))
        return Made(f"global_{prefix}pool{rank}d", {"keepdims": True}, (out,))
    kernel, stride, pad = _window(param, rank, None)
    ceil = str(param.scalar("round_mode", "CEIL")).upper() != "FLOOR"
    sizes = [
        pool_size(s, k, st, p, ceil)
        for s, k, st, p in zip(shape[1:], kernel, stride, pad, strict=False)
    ]
    attrs: dict[str, AttrValue] = {"pool_size": kernel, "strides": stride, "padding": _padding(pad)}
    return Made(f"{prefix}pool{rank}d", attrs, ((shape[0], *sizes),))


def inner_product(layer: Layer, ins: list[Shape]) -> Made:
    param, units = layer.param("inner_product_param"), _num_output(layer, "inner_product_param")
    axis = (ints(param, "axis") or [1])[0] - 1
    bias = str(param.scalar("bias_term", "true")).lower() != "false"
    fan_in = size(ins[0][axis:])
    params = (units * fan_in + (units if bias else 0)) if fan_in else 0
    return Made("dense", {"units": units, "use_bias": bias}, ((*ins[0][:axis], units),), params)


def concat(layer: Layer, ins: list[Shape]) -> Made:
    param = layer.param("concat_param")
    axis = (ints(param, "axis") or ints(param, "concat_dim") or [1])[0]
    axis = axis - 1 if axis > 0 else axis + len(ins[0])
    _check_ranks(layer, ins)
    if not 0 <= axis < len(ins[0]):
        has = f"they are {fmt(ins[0])}" if ins[0] else "they have no dimension besides the batch"
        raise ShapeError(
            f"layer {excerpt(layer.name)}: concat axis {axis + 1} is not an axis of its inputs "
            f"({has}); set concat_param {{ axis: N }} to one they have",
            layer.location,
        )
    total: int | None = 0
    for shape in ins:
        others = [d for i, d in enumerate(shape) if i != axis]
        if _differ(others, [d for i, d in enumerate(ins[0]) if i != axis]):
            raise ShapeError(_mismatch(layer, ins, f"except along axis {axis + 1}"), layer.location)
        along = shape[axis]
        total = None if total is None or along is None else total + along
    out = tuple(total if i == axis else d for i, d in enumerate(ins[0]))
    return Made("concat", {"axis": axis}, (out,))


def eltwise(layer: Layer, ins: list[Shape]) -> Made:
    kind = str(layer.param("eltwise_param").scalar("operation", "SUM")).upper()
    _check_ranks(layer, ins)
    if any(_differ(shape, ins[0]) for shape in ins[1:]):
        raise ShapeError(_mismatch(layer, ins, "for an element-wise operation"), layer.location)
    op = {"PROD": "multiply", "0": "multiply", "MAX": "maximum", "2": "maximum"}.get(kind, "add")
    return Made(op, {}, (ins[0],))


def _differ(one: Sequence[Dim], other: Sequence[Dim]) -> bool:
    """Two shapes that disagree on a size both know."""
    return any(a is not None and b is not None and a != b for a, b in zip(one, other, strict=True))


def _check_ranks(layer: Layer, ins: list[Shape]) -> None:
    if len(ins) < 2:
        raise ShapeError(
            f"layer {excerpt(layer.name)} ({layer.type}) needs at least 2 bottoms, got {len(ins)}",
            layer.location,
        )
    if len({len(shape) for shape in ins}) > 1:
        raise ShapeError(_mismatch(layer, ins, "in rank"), layer.location)


def _mismatch(layer: Layer, ins: list[Shape], how: str) -> str:
    pairs = zip(ins, layer.bottoms, strict=False)
    listed = ", ".join(f"{fmt(s)} (from {excerpt(b)})" for s, b in pairs)
    return f"{layer.type} {excerpt(layer.name)}: bottom shapes {listed} must agree {how}"


def same(op: str, **attrs: AttrValue) -> Rule:
    def rule(layer: Layer, ins: list[Shape]) -> Made:
        return Made(op, dict(attrs), (ins[0],) if ins else ((None,),))

    return rule


def relu(layer: Layer, ins: list[Shape]) -> Made:
    slope = layer.param("relu_param").scalar("negative_slope", 0)
    if isinstance(slope, (int, float)) and slope:
        return Made("leaky_relu", {"negative_slope": float(slope)}, (ins[0],))
    return Made("relu", {}, (ins[0],))


def dropout(layer: Layer, ins: list[Shape]) -> Made:
    rate = layer.param("dropout_param").scalar("dropout_ratio", 0.5)
    return Made("dropout", {"rate": rate if isinstance(rate, (int, float)) else 0.5}, (ins[0],))


def softmax(layer: Layer, ins: list[Shape]) -> Made:
    axis = (ints(layer.param("softmax_param"), "axis") or [1])[0]
    return Made("softmax", {"axis": axis - 1 if axis > 0 else axis}, (ins[0],))


def batch_norm(layer: Layer, ins: list[Shape]) -> Made:
    stats = 2 * _channels(ins[0]) + 1 if _channels(ins[0]) else 0
    return Made("batchnorm", {"center": False, "scale": False}, (ins[0],), stats, stats)


def scale(layer: Layer, ins: list[Shape]) -> Made:
    bias = str(layer.param("scale_param").scalar("bias_term", "false")).lower() == "true"
    if len(ins) != 1:  # the factors come from a second bottom: nothing learned
        return custom("Scale")(layer, ins)
    params = _channels(ins[0]) * (2 if bias else 1)
    return Made("scale", {"use_bias": bias}, (ins[0],), params)


def lrn(layer: Layer, ins: list[Shape]) -> Made:
    param = layer.param("lrn_param")
    found = {"size": param.scalar("local_size", 5), "alpha": param.scalar("alpha", 1.0)}
    found |= {"beta": param.scalar("beta", 0.75), "bias": param.scalar("k", 1.0)}
    return Made("lrn", {k: v for k, v in found.items() if isinstance(v, (int, float))}, (ins[0],))


def custom(kind: str, *, params: int = 0, category: Category | None = None) -> Rule:
    """A layer drawn under its own Caffe name; its outputs keep the first bottom's shape."""

    def rule(layer: Layer, ins: list[Shape]) -> Made:
        shape = ins[0] if ins else (None,)
        outputs = () if category == "output" and not layer.tops else (shape,) * len(layer.tops)
        attrs: dict[str, AttrValue] = {"type": kind, "params": params}
        return Made("custom", attrs, outputs, params, category=category, raw=True)

    return rule


def loss(kind: str) -> Rule:
    def rule(layer: Layer, ins: list[Shape]) -> Made:
        attrs: dict[str, AttrValue] = {"type": kind, "params": 0}
        return Made("custom", attrs, ((),) * len(layer.tops), category="output", raw=True)

    return rule
