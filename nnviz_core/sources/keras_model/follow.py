"""Following tensors between layers of a subclassed model on the torch backend.

A subclassed ``call`` often joins branches with plain tensor arithmetic (``x + self.conv(x)``)
or reshapes between layers; those are no layers, so the layer wrapper of ``trace`` never sees
them. On the torch backend every such operation passes through ``__torch_function__``, so a
``TorchFunctionMode`` active during the trace sees them all: an addition, product or
concatenation of two recorded tensors becomes a merge node (the skip connection appears), and
any other operation on one recorded tensor passes its origin on to the result, so the next
layer is connected to where the data really came from. Other backends keep the call-order
fallback described in ``trace``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from nnviz_core.ir.graph import AttrValue
from nnviz_core.sources.keras_model.axes import ir_axis
from nnviz_core.sources.keras_model.builder import Ref
from nnviz_core.sources.keras_model.recorder import Recorder

_MERGES = {
    "add": ("add", "__add__", "__radd__", "__iadd__"),
    "subtract": ("sub", "subtract", "__sub__", "__rsub__"),
    "multiply": ("mul", "multiply", "__mul__", "__rmul__", "__imul__"),
    "maximum": ("maximum",),
    "minimum": ("minimum",),
    "concat": ("cat", "concat", "concatenate"),
}


def _merge_table(torch: Any) -> dict[Callable[..., Any], str]:
    """Torch functions and tensor methods → the canonical merge op they perform."""
    table: dict[Callable[..., Any], str] = {}
    for op, names in _MERGES.items():
        for name in names:
            for owner in (torch, torch.Tensor):
                found = getattr(owner, name, None)
                if found is not None:
                    table[found] = op
    return table


def _flat(value: Any) -> Iterator[Any]:
    if isinstance(value, list | tuple):
        for item in value:
            yield from _flat(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _flat(item)
    else:
        yield value


def _axis(
    op: str, args: Any, kwargs: dict[str, Any], rank: int, channels_last: bool
) -> dict[str, AttrValue]:
    """A concatenation's axis, as an IR axis."""
    if op != "concat":
        return {}
    dim = kwargs.get("dim", kwargs.get("axis", args[1] if len(args) > 1 else 0))
    return {"axis": ir_axis(int(dim), rank, channels_last)} if isinstance(dim, int) else {}


def observe(
    recorder: Recorder, op: str | None, args: Any, kwargs: dict[str, Any], result: Any
) -> None:
    """Record what one tensor operation did with recorded tensors."""
    if not hasattr(result, "shape") or not hasattr(result, "dtype"):
        return
    tensors: list[Any] = []
    refs: list[Ref] = []
    for tensor in _flat((args, kwargs)):
        ref = recorder.produced.get(id(tensor))
        if ref is not None and ref not in refs:
            tensors.append(tensor)
            refs.append(ref)
    if not refs:
        return
    if op is None or len(refs) < 2:  # passes its origin on: a reshape, a scale, a slice
        recorder.alive.append(result)
        recorder.produced[id(result)] = refs[0]
        return
    builder = recorder.builder
    attrs = _axis(op, args, kwargs, len(result.shape), builder.channels_last)
    group = recorder.groups[-1] if recorder.groups else recorder.base
    made = builder.merge(op, tensors, result, refs, group, attrs)
    recorder.alive.extend(tensors)
    recorder.remember([result], [made])


@contextmanager
def following(recorder: Recorder, keras: Any) -> Iterator[None]:
    """Watch tensor operations during a trace (torch backend only; elsewhere, nothing)."""
    if keras.config.backend() != "torch":
        yield
        return
    import torch
    from torch.overrides import TorchFunctionMode

    merges = _merge_table(torch)

    class Follow(TorchFunctionMode):
        def __torch_function__(
            self, func: Any, types: Any, args: Any = (), kwargs: Any = None
        ) -> Any:
            kwargs = kwargs or {}
            result = func(*args, **kwargs)
            if not recorder.paused:
                observe(recorder, merges.get(func), args, kwargs, result)
            return result

    with Follow():
        yield
