"""Caffe layers that rearrange tensors (flatten, reshape, slice, crop, upsample) or that
nnviz draws under their own name (Python layers)."""

from __future__ import annotations

from nnviz_core.ir.graph import Dim
from nnviz_core.sources.caffe.layers import Layer, Made, custom, spatial_rank
from nnviz_core.sources.caffe.shapes import Shape, flat, ints, size
from nnviz_core.sources.caffe.text_format import Message


def flatten(layer: Layer, ins: list[Shape]) -> Made:
    param = layer.param("flatten_param")
    axis = (ints(param, "axis") or [1])[0]
    if axis == 1 and (ints(param, "end_axis") or [-1])[0] == -1:
        return Made("flatten", {}, (flat(ins[0]),))
    out = flat(ins[0], axis - 1)
    return Made("reshape", {"target_shape": out}, (out,), raw=True)


def reshape(layer: Layer, ins: list[Shape]) -> Made:
    shape_param = layer.param("reshape_param").message("shape") or Message([], layer.location)
    dims = ints(shape_param, "dim")[1:]
    source = ins[0]
    out: list[int | None] = [
        source[i] if d == 0 and i < len(source) else d for i, d in enumerate(dims)
    ]
    if -1 in out:
        known = [d for d in out if d != -1]
        total = size(source)
        rest = size(tuple(known)) if None not in known else None
        out[out.index(-1)] = total // rest if total is not None and rest else None
    return Made("reshape", {"target_shape": tuple(out)}, (tuple(out),), raw=True)


def upsample(layer: Layer, ins: list[Shape]) -> Made:
    factor = (ints(layer.param("upsample_param"), "scale") or [2])[0]
    shape = ins[0]
    out = (shape[0], *[None if d is None else d * factor for d in shape[1:]])
    return Made(f"upsampling{spatial_rank(shape)}d", {"size": factor}, (out,))


def python(layer: Layer, ins: list[Shape]) -> Made:
    """A ``Python`` layer, drawn under its class name (``python_param { layer: "RoIPool" }``)."""
    kind = layer.param("python_param").scalar("layer", "Python")
    return custom(str(kind))(layer, ins)


def slice_(layer: Layer, ins: list[Shape]) -> Made:
    """``Slice``: one top per piece along ``axis``, cut at the ``slice_point``s (even if none)."""
    param, shape = layer.param("slice_param"), ins[0]
    axis = (ints(param, "axis") or ints(param, "slice_dim") or [1])[0] - 1
    size = shape[axis] if 0 <= axis < len(shape) else None
    points = ints(param, "slice_point")
    count = max(len(layer.tops), 1)
    if size is not None:
        cuts = points or [size * i // count for i in range(1, count)]
        bounds = [0, *cuts, size]
        pieces: list[Dim] = [bounds[i + 1] - bounds[i] for i in range(len(bounds) - 1)]
    else:
        pieces = [None] * count
    outputs = tuple(tuple(p if i == axis else d for i, d in enumerate(shape)) for p in pieces)
    return Made("custom", {"type": "Slice", "params": 0}, outputs, raw=True)


def crop(layer: Layer, ins: list[Shape]) -> Made:
    """``Crop``: the first bottom cut to the second's size from ``axis`` (default 2) on."""
    if len(ins) < 2:
        return custom("Crop")(layer, ins)
    axis = (ints(layer.param("crop_param"), "axis") or [2])[0] - 1
    out = tuple(
        ref if i >= axis else d for i, (d, ref) in enumerate(zip(ins[0], ins[1], strict=False))
    )
    return Made("custom", {"type": "Crop", "params": 0}, (out,), raw=True)
