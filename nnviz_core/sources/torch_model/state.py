"""Running a user's model without leaving a trace on it or on PyTorch's global state.

A trace puts the model in eval mode, turns gradients off, disables the fused attention fast
path (which would hide the layers it fuses), runs on one thread and may use stand-in weights on
the meta device.
:func:`preserved` puts every one of those back, even when the forward raises.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import torch
from torch import nn

from nnviz_core.sources.inputs import InputShape


@contextmanager
def preserved(model: nn.Module) -> Iterator[None]:
    """Eval mode and no gradients inside; training flags and global switches restored after."""
    modes = [(module, module.training) for module in model.modules()]
    grad = torch.is_grad_enabled()
    dtype = torch.get_default_dtype()
    rng = torch.get_rng_state()
    fastpath = torch.backends.mha.get_fastpath_enabled()
    threads = torch.get_num_threads()
    try:
        model.eval()
        torch.set_grad_enabled(False)
        torch.backends.mha.set_fastpath_enabled(False)
        # one thread: a forward on zeros gains nothing from more, and idle OpenMP workers
        # spinning beside the Graphviz engine's process slowed small traces several times over
        torch.set_num_threads(1)
        yield
    finally:
        torch.set_num_threads(threads)
        for module, training in modes:
            module.training = training
        torch.set_grad_enabled(grad)
        torch.set_default_dtype(dtype)
        torch.set_rng_state(rng)
        torch.backends.mha.set_fastpath_enabled(fastpath)


def model_device(model: nn.Module) -> torch.device:
    """Where the model's weights live (CPU for a model without any)."""
    for tensor in (*model.parameters(), *model.buffers()):
        return tensor.device
    return torch.device("cpu")


def state_on(model: nn.Module, device: torch.device) -> dict[str, torch.Tensor]:
    """Stand-ins for every parameter and buffer: on ``meta`` they cost no memory at all."""
    named: list[tuple[str, torch.Tensor]] = [*model.named_parameters(remove_duplicate=False)]
    named += [*model.named_buffers(remove_duplicate=False)]
    if device.type != "meta":
        return dict(named)
    stand_ins: dict[int, torch.Tensor] = {}  # tied weights share one stand-in, as they must
    for _, value in named:
        stand_ins.setdefault(id(value), torch.empty_like(value, device="meta"))
    return {name: stand_ins[id(value)] for name, value in named}


def parameter_names(model: nn.Module, state: dict[str, torch.Tensor]) -> dict[int, str]:
    """Stand-in tensor identity → the name of the real parameter it replaces."""
    params = {name for name, _ in model.named_parameters(remove_duplicate=False)}
    return {id(value): name for name, value in state.items() if name in params}


def make_inputs(shapes: Sequence[InputShape], device: torch.device) -> tuple[torch.Tensor, ...]:
    """Zero tensors of the declared shapes and dtypes (zeros are valid token ids too)."""
    return tuple(
        torch.zeros(shape.shape, dtype=getattr(torch, shape.dtype), device=device)
        for shape in shapes
    )


def moved(values: Sequence[Any], device: torch.device) -> tuple[Any, ...]:
    """``example_inputs`` on ``device``: meta copies keep shape and dtype, not data."""
    if device.type == "meta":
        return tuple(
            torch.empty_like(v, device="meta") if isinstance(v, torch.Tensor) else v for v in values
        )
    return tuple(v.to(device) if isinstance(v, torch.Tensor) else v for v in values)
