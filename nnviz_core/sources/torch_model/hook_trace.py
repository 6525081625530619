"""Tracing by running the model: module hooks for the hierarchy, a function mode for the ops.

This is the fallback for models torch.fx cannot trace (Python control flow on tensor values or
shapes). Forward pre/post hooks on every module keep the stack of called modules; a
``TorchFunctionMode`` sees each torch function called between them. Calls made inside a module
drawn as one op are not reported. Hooks are removed however the forward ends.
"""

from __future__ import annotations

import inspect
from contextlib import ExitStack
from typing import Any

import torch
from torch import nn
from torch.overrides import TorchFunctionMode

from nnviz_core.sources.torch_model.fx_trace import is_leaf
from nnviz_core.sources.torch_model.recorder import Recorder


class _Frames:
    """The stack of modules being called: scope keys for containers, a depth inside leaves."""

    def __init__(self, model: nn.Module, recorder: Recorder) -> None:
        # a model that is itself one layer (``nn.LSTM(...)``) is named after its class
        root = type(model).__name__.lower()
        self.paths = {id(module): path or root for path, module in model.named_modules()}
        self.recorder = recorder
        self.scope: list[str] = []
        self.kinds: list[str] = []
        self.leaf_depth = 0
        self.calls: dict[str, int] = {}

    def enter(self, module: nn.Module, args: Any, kwargs: Any) -> None:
        if self.leaf_depth or is_leaf(module):
            self.leaf_depth += 1
            self.kinds.append("leaf")
            return
        path = self.paths[id(module)]
        number = self.calls.get(path, 0)
        self.calls[path] = number + 1
        self.scope.append(path if number == 0 else f"{path}@{number}")
        self.kinds.append("scope")

    def leave(self, module: nn.Module, args: Any, kwargs: Any, output: Any) -> None:
        if self.kinds.pop() == "scope":
            self.scope.pop()
            return
        self.leaf_depth -= 1
        if self.leaf_depth == 0:
            path = self.paths[id(module)]
            self.recorder.on_module(path, module, tuple(self.scope), (args, kwargs), output)


class _Functions(TorchFunctionMode):
    """Reports torch functions called outside of leaf modules."""

    def __init__(self, frames: _Frames) -> None:
        super().__init__()
        self.frames = frames

    def __torch_function__(
        self, func: Any, types: Any, args: tuple[Any, ...] = (), kwargs: Any = None
    ) -> Any:
        kwargs = kwargs or {}
        result = func(*args, **kwargs)
        name = getattr(func, "__name__", "")
        if not self.frames.leaf_depth and name != "__get__":
            self.frames.recorder.on_function(name, tuple(self.frames.scope), args, kwargs, result)
        return result


def input_names(model: nn.Module, count: int) -> list[str]:
    """Names of the first ``count`` arguments of ``forward`` (``input_N`` past ``*args``)."""
    names = []
    for parameter in inspect.signature(model.forward).parameters.values():
        if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            break
        names.append(parameter.name)
    names += [f"input_{index + 1}" for index in range(len(names), count)]
    return names[:count]


def run(
    model: nn.Module,
    state: dict[str, torch.Tensor],
    inputs: tuple[Any, ...],
    recorder: Recorder,
) -> Any:
    """Run ``model`` on ``inputs`` with ``state`` for its weights, reporting to ``recorder``."""
    frames = _Frames(model, recorder)
    for name, value in zip(input_names(model, len(inputs)), inputs, strict=True):
        if isinstance(value, torch.Tensor):
            recorder.add_input(name, value)
    with ExitStack() as stack:
        for path, module in model.named_modules():
            if path or is_leaf(module):
                pre = module.register_forward_pre_hook(frames.enter, with_kwargs=True)
                post = module.register_forward_hook(frames.leave, with_kwargs=True)
                stack.callback(pre.remove)
                stack.callback(post.remove)
        with _Functions(frames):
            return torch.func.functional_call(model, state, inputs, strict=False)
