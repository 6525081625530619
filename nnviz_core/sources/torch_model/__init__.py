"""PyTorch models as diagram sources: a live ``nn.Module`` → the IR every style draws.

The model is traced (torch.fx, else forward hooks; on the meta device when it can be) into module
calls and the functional operations between them, mapped onto the canonical op catalogue, with
real shapes, dtypes, parameter counts and trainable flags. Called container modules become
``submodel`` groups labelled with their attribute path; runs of identical blocks become
``repeat`` groups. The model comes back exactly as it was given (mode, device, weights).

PyTorch is imported only when a model is drawn, so this package imports without it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from nnviz_core.errors import MissingDependencyError, SourceError
from nnviz_core.ir.graph import Graph
from nnviz_core.sources.inputs import parse_input_shapes

__all__ = ["load_torch"]


def load_torch(
    model: Any,
    *,
    input_shape: Any = (),
    example_inputs: Sequence[Any] | None = None,
    name: str | None = None,
) -> Graph:
    """The graph of ``model`` run on ``input_shape`` (batch included) or ``example_inputs``.

    ``input_shape`` takes :class:`~nnviz_core.sources.inputs.InputShape` values or any spelling
    :func:`~nnviz_core.sources.inputs.parse_input_shapes` accepts. Unknown layers warn and draw
    as generic nodes; a forward that raises is a :class:`SourceError` quoting its message.
    """
    try:
        import torch
    except ImportError as missing:
        raise MissingDependencyError("Drawing a PyTorch model", "torch", "torch") from missing
    from nnviz_core.sources.torch_model.build import build_graph
    from nnviz_core.sources.torch_model.trace import trace

    title = name or type(model).__name__
    if not isinstance(model, torch.nn.Module):
        raise SourceError(f"{title}: not a torch.nn.Module, so it cannot be drawn as one")
    if isinstance(model, torch.jit.ScriptModule):
        raise SourceError(
            f"{title}: a TorchScript module hides its layers from tracing; draw the nn.Module "
            "it was made from (before torch.jit.script or torch.jit.trace)"
        )
    shapes = parse_input_shapes(input_shape)
    if not shapes and example_inputs is None:
        raise SourceError(
            f"{title}: drawing a PyTorch model needs its inputs; pass input_shape, e.g. "
            '"1,3,224,224" (batch included; several: "1,3,224,224; 1,10:int64"), or '
            "example_inputs=(tensor, ...)"
        )
    example = _example(example_inputs)
    records, _ = trace(model, shapes, example, title)
    graph = build_graph(records, model, title)
    klass = type(model)
    return replace(graph, source=f"{klass.__module__}.{klass.__qualname__}")


def _example(value: Sequence[Any] | None) -> tuple[Any, ...] | None:
    """``example_inputs`` as a tuple of arguments (a single tensor is one argument)."""
    if value is None:
        return None
    import torch

    return (value,) if isinstance(value, torch.Tensor) else tuple(value)
