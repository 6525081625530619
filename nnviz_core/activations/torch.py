"""One real forward pass of a PyTorch model, keeping every drawn layer's output.

The source's own tracer runs the model (torch.fx first, then hooks, as when the graph was
traced), so each kept tensor is filed under the very key the source gave the layer's node: a
layer and its pictures cannot drift apart. Only the first sample of the batch is kept.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch
from torch import fx, nn

from nnviz_core.errors import SourceError
from nnviz_core.sources.torch_model import fx_trace, hook_trace
from nnviz_core.sources.torch_model.recorder import Record, Recorder, tensors
from nnviz_core.sources.torch_model.state import (
    model_device,
    parameter_names,
    preserved,
    state_on,
)

__all__ = ["first_kernels", "run"]

Arrays = dict[str, np.ndarray[Any, np.dtype[np.float64]]]


class _Keeping(Recorder):
    """A recorder that also keeps each drawn call's first output, by its node's key."""

    def __init__(self, parameters: dict[int, str]) -> None:
        super().__init__(parameters)
        self.kept: Arrays = {}

    def _add(self, record: Record, inputs: Any, output: Any) -> None:
        super()._add(record, inputs, output)
        first = next(tensors(output), None)
        if first is not None and first.is_floating_point() and first.dim() >= 2:
            self.kept[record.key] = first.detach()[0].to("cpu", torch.float64).numpy()


def run(model: nn.Module, sample: np.ndarray[Any, Any], shown: str) -> Arrays:
    """Every drawn layer's output (batch dropped) for ``sample`` (one input, batch included)."""
    device = model_device(model)
    tensor = torch.from_numpy(np.ascontiguousarray(sample)).to(device, torch.float32)
    error: Exception | None = None
    with preserved(model):
        for module, runner in _ways(model):
            state = state_on(module, device)
            recorder = _Keeping(parameter_names(module, state))
            try:
                runner(module, state, (tensor,), recorder)
            except Exception as failure:  # the forward may raise anything: try the next way
                error = failure
                continue
            return recorder.kept
    raise SourceError(
        f"{shown}: forward() on the example input {list(tensor.shape)} raised "
        f"{type(error).__name__}: {error}; check that the example input matches the model"
    )


class _Computing(fx_trace._Runner):
    """The source's fx runner computing every layer: it skips shape-keeping ones (ReLU, batch
    norm) since a trace needs only shapes, but their values are what is drawn here."""

    def call_module(self, target: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        return fx.Interpreter.call_module(self, target, args, kwargs)


class _Wrapped(nn.Module):
    """Lets ``functional_call`` swap the weights while the interpreter runs."""

    def __init__(self, graph_module: fx.GraphModule, recorder: Recorder) -> None:
        super().__init__()
        self.gm = graph_module
        self.recorder = recorder

    def forward(self, *inputs: Any) -> Any:
        return _Computing(self.gm, self.recorder).run(*inputs)


def _fx_run(
    graph_module: fx.GraphModule,
    state: dict[str, torch.Tensor],
    inputs: tuple[Any, ...],
    recorder: Recorder,
) -> Any:
    prefixed = {f"gm.{name}": value for name, value in state.items()}
    wrapper = _Wrapped(graph_module, recorder)
    return torch.func.functional_call(wrapper, prefixed, inputs, strict=False)


def _ways(model: nn.Module) -> list[tuple[nn.Module, Any]]:
    """(module to run, runner), torch.fx first as the source traces, then hooks."""
    found: list[tuple[nn.Module, Any]] = []
    try:
        if not fx_trace.is_leaf(model):
            found.append((fx_trace.symbolic(model, 1), _fx_run))
    except Exception:  # any failure of symbolic tracing means "use hooks"
        pass
    found.append((model, hook_trace.run))
    return found


def first_kernels(model: nn.Module) -> tuple[str, np.ndarray[Any, np.dtype[np.float64]]] | None:
    """The module path and weights (out, in, kh, kw) of the first 2D convolution."""
    for path, module in model.named_modules():
        if isinstance(module, nn.Conv2d):
            weight = module.weight.detach().to("cpu", torch.float64).numpy()
            return path, weight
    return None
