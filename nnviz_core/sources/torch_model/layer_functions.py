"""Functional layers: ``F.linear``, ``F.max_pool2d``, ``F.interpolate``, ``x.mean((2, 3))``.

Models written in the functional style (weights held as bare parameters, pooling called from
``torch.nn.functional``) draw the same cards as their module-style twins. Returns ``None`` for
anything it does not recognise, so the caller can fall back to a generic node.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

Mapped = tuple[str, dict[str, Any]]


def _arg(args: Sequence[Any], kwargs: dict[str, Any], position: int, name: str) -> Any:
    if name in kwargs:
        return kwargs[name]
    return args[position] if len(args) > position else None


def _pool(kind: str, dims: int, args: Sequence[Any], kwargs: dict[str, Any]) -> Mapped:
    kernel = _arg(args, kwargs, 1, "kernel_size")
    stride = _arg(args, kwargs, 2, "stride")
    padding = _arg(args, kwargs, 3, "padding") or "valid"
    found = {"pool_size": kernel, "strides": stride or kernel, "padding": padding}
    return f"{kind}pool{dims}d", found


def adaptive(kind: str, dims: int, size: Any) -> Mapped:
    """Adaptive pooling to ``size`` (one int or one per axis); to 1 everywhere it is global."""
    sizes = list(size) if isinstance(size, (tuple, list)) else [size] * dims
    if all(value == 1 for value in sizes):
        return f"global_{kind}pool{dims}d", {"keepdims": True}
    return f"adaptive_{kind}pool{dims}d", {"output_size": sizes}


def _mean(args: Sequence[Any], kwargs: dict[str, Any], rank: int) -> Mapped | None:
    """``x.mean((2, 3))`` over every spatial axis of an image is global average pooling."""
    dims = _arg(args, kwargs, 1, "dim")
    if dims is None:
        return None
    keep = bool(_arg(args, kwargs, 2, "keepdim"))
    axes = sorted(
        int(d) % (rank + 1) for d in (dims if isinstance(dims, (tuple, list)) else [dims])
    )
    if 2 <= rank <= 4 and axes == list(range(2, rank + 1)):
        return f"global_avgpool{rank - 1}d", {"keepdims": keep}
    return None


def _interpolate(args: Sequence[Any], kwargs: dict[str, Any], rank: int) -> Mapped | None:
    scale = _arg(args, kwargs, 2, "scale_factor")
    scales = list(scale) if isinstance(scale, (tuple, list)) else [scale]
    if scale is None or not 2 <= rank <= 4:
        return None
    if not all(float(value).is_integer() for value in scales):
        return None
    size = [int(value) for value in scales]
    mode = _arg(args, kwargs, 3, "mode") or "nearest"
    return f"upsampling{rank - 1}d", {"size": size if len(size) > 1 else size[0], "mode": mode}


def map_layer_function(
    name: str, args: Sequence[Any], kwargs: dict[str, Any], rank: int, out_shape: Sequence[int]
) -> Mapped | None:
    """``(op, loose arguments)`` for a functional layer; ``rank`` excludes the batch axis."""
    for kind in ("max", "avg"):
        for dims in (1, 2, 3):
            if name == f"{kind}_pool{dims}d":
                return _pool(kind, dims, args, kwargs)
            if name == f"adaptive_{kind}_pool{dims}d":
                return adaptive(kind, dims, _arg(args, kwargs, 1, "output_size"))
    if name == "linear" and out_shape:
        bias = _arg(args, kwargs, 2, "bias")
        return "dense", {"units": out_shape[-1], "use_bias": bias is not None}
    if name == "layer_norm":
        return "layernorm", {"eps": float(_arg(args, kwargs, 4, "eps") or 1e-5)}
    if name == "mean":
        return _mean(args, kwargs, rank)
    if name == "interpolate":
        return _interpolate(args, kwargs, rank)
    return None
