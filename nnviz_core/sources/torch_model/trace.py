"""Choosing how to trace: torch.fx first, then hooks; on the meta device or on real tensors.

fx gives an exact graph without running Python control flow; hooks run the forward as written,
so data-dependent control flow works. The meta device computes shapes without computing or
allocating anything: a model built on it (too large for memory) always traces there, and so does
a model whose forward on real zeros could need much memory or time (:data:`REAL_BUDGET`,
:data:`REAL_WORK`). A small model runs on real zeros, which is exact and fast: PyTorch's meta
support costs seconds of imports on first use (after which meta goes first for every model).
A forward that branches on tensor values cannot run on meta tensors and falls back to real ones.
Only when every way fails does the user see an error: the last one, quoted.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Sequence
from typing import Any

import torch
from torch import nn

from nnviz_core.errors import SourceError
from nnviz_core.sources.inputs import InputShape
from nnviz_core.sources.torch_model import fx_trace, hook_trace
from nnviz_core.sources.torch_model.recorder import Record, Recorder
from nnviz_core.sources.torch_model.state import (
    make_inputs,
    model_device,
    moved,
    parameter_names,
    preserved,
    state_on,
)

META = torch.device("meta")
#: Above this guess of a real forward's memory (input bytes × leaf modules), meta goes first.
REAL_BUDGET = 256 * 2**20
#: Above this rough proxy of a forward's arithmetic (parameters × input elements per sample),
#: computing on real zeros costs more than the meta device: ResNet-18 at 224² (1.8e12) and
#: BERT-base on 128 tokens (1.4e10) go to meta, a small encoder on 128 tokens (1.4e9) does not.
REAL_WORK = 10**10


def _meta_is_warm() -> bool:
    """Whether PyTorch's meta-device machinery (dynamo, sympy) is imported already."""
    return "torch._dynamo" in sys.modules


def _sizes(
    shapes: Sequence[InputShape], example: Sequence[Any] | None
) -> list[tuple[tuple[int, ...], int]]:
    """(shape with batch, bytes per element) of each input tensor."""
    if example is not None:
        return [(tuple(t.shape), t.element_size()) for t in example if isinstance(t, torch.Tensor)]
    return [(s.shape, getattr(torch, s.dtype).itemsize) for s in shapes]


def _devices(
    model: nn.Module, shapes: Sequence[InputShape], example: Sequence[Any] | None
) -> list[torch.device]:
    """Meta first for a meta-built, costly or memory-hungry forward, or when meta is warm."""
    own = model_device(model)
    if own.type == "meta":
        return [META]
    sizes = _sizes(shapes, example)
    leaves = sum(1 for module in model.modules() if not any(True for _ in module.children()))
    hungry = sum(math.prod(shape) * width for shape, width in sizes) * leaves > REAL_BUDGET
    per_sample = max((math.prod(shape[1:]) for shape, _ in sizes), default=0)
    work = sum(p.numel() for p in model.parameters()) * per_sample > REAL_WORK
    return [META, own] if hungry or work or _meta_is_warm() else [own]


def _inputs(
    shapes: Sequence[InputShape], example: Sequence[Any] | None, device: torch.device
) -> tuple[Any, ...]:
    return moved(example, device) if example is not None else make_inputs(shapes, device)


def _attempts(model: nn.Module, count: int) -> list[tuple[str, nn.Module, Callable[..., Any]]]:
    """(method, module to run, runner) in order of preference; fx only if it traces."""
    found: list[tuple[str, nn.Module, Callable[..., Any]]] = []
    try:
        if not fx_trace.is_leaf(model):  # fx would open a single layer up into its functions
            found.append(("fx", fx_trace.symbolic(model, count), fx_trace.run))
    except Exception:  # any failure of symbolic tracing means "use hooks"
        pass
    found.append(("hooks", model, hook_trace.run))
    return found


def trace(
    model: nn.Module,
    shapes: Sequence[InputShape],
    example: Sequence[Any] | None,
    name: str,
) -> tuple[list[Record], str]:
    """The records of one successful trace and how it was made (``"fx/meta"``, ``"hooks/cpu"``)."""
    devices = _devices(model, shapes, example)
    count = len(example) if example is not None else len(shapes)
    error: Exception | None = None
    with preserved(model):
        for method, module, runner in _attempts(model, count):
            for device in devices:
                state = state_on(module, device)
                recorder = Recorder(parameter_names(module, state))
                try:
                    output = runner(module, state, _inputs(shapes, example, device), recorder)
                except Exception as failure:  # the forward may raise anything: try the next way
                    error = failure
                    continue
                return recorder.finish(output), f"{method}/{device.type}"
    raise _forward_error(name, shapes, example, error)


def _forward_error(
    name: str, shapes: Sequence[InputShape], example: Sequence[Any] | None, error: Any
) -> SourceError:
    given = (
        "; ".join(
            f"{list(s.shape)}" + ("" if s.dtype == "float32" else f" {s.dtype}") for s in shapes
        )
        if example is None
        else f"{len(example)} example input(s)"
    )
    return SourceError(
        f"{name}: forward() raised {type(error).__name__}: {error} "
        f"(inputs: {given}); check that the inputs match what the model expects"
    )
