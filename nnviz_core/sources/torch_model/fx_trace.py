"""Tracing with torch.fx: a symbolic trace, then one run of its graph to learn the shapes.

Modules nnviz can draw as one op stay single ``call_module`` nodes; every other module is traced
through, and ``nn_module_stack`` tells which modules a node ran inside (the IR's groups). The
run happens under :func:`torch.func.functional_call` with the stand-in weights it is given, so
on the meta device nothing is computed or allocated.
"""

from __future__ import annotations

import inspect
from typing import Any

import torch
from torch import fx, nn

from nnviz_core.sources.torch_model.modules import SAME_SHAPE, torch_class
from nnviz_core.sources.torch_model.recorder import Recorder


def is_leaf(module: nn.Module) -> bool:
    """Drawn as one node: a module the catalogue maps, or a childless one that is not ours to open.

    A user's childless module with weights of its own is one (generic) layer; without weights it
    is traced through, so ``forward(a, b): return a + b`` draws the addition.
    """
    if torch_class(module) is not None:
        return True
    if any(True for _ in module.children()):
        return False
    return module.__module__.startswith(("torch.nn", "torch.ao.nn")) or any(
        True for _ in module.parameters(recurse=False)
    )


class _Tracer(fx.Tracer):
    def is_leaf_module(self, m: nn.Module, module_qualified_name: str) -> bool:
        return is_leaf(m)


def _scope(node: fx.Node, own: bool) -> tuple[str, ...]:
    """The called modules enclosing ``node`` (call suffixes kept), minus the node's own module."""
    keys = tuple(node.meta.get("nn_module_stack", {}))
    return keys[:-1] if own and keys else keys


class _Runner(fx.Interpreter):
    """Runs the traced graph and reports every call, with its real values, to the recorder."""

    def __init__(self, module: fx.GraphModule, recorder: Recorder) -> None:
        super().__init__(module)
        self.recorder = recorder

    def call_module(self, target: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        """Shape-keeping layers are not computed: in an fx graph no value steers the flow.

        (On the meta device PyTorch decomposes batch norm in Python, which would otherwise
        take most of the trace.)
        """
        module = self.fetch_attr(target)
        if torch_class(module) in SAME_SHAPE and args and isinstance(args[0], torch.Tensor):
            return torch.empty_like(args[0])
        return super().call_module(target, args, kwargs)

    def run_node(self, n: fx.Node) -> Any:
        result = super().run_node(n)
        if n.op == "placeholder":
            if isinstance(result, torch.Tensor):
                self.recorder.add_input(n.target if isinstance(n.target, str) else n.name, result)
            return result
        args, kwargs = self.fetch_args_kwargs_from_env(n)
        if n.op == "call_module":
            assert isinstance(n.target, str)
            module = self.module.get_submodule(n.target)
            self.recorder.on_module(n.target, module, _scope(n, True), (args, kwargs), result)
        elif n.op in ("call_function", "call_method"):
            raw = n.target if isinstance(n.target, str) else getattr(n.target, "__name__", "")
            self.recorder.on_function(str(raw), _scope(n, False), args, kwargs, result)
        return result


class _Wrapper(nn.Module):
    """Lets ``functional_call`` swap the weights while the interpreter runs."""

    def __init__(self, graph_module: fx.GraphModule, recorder: Recorder) -> None:
        super().__init__()
        self.gm = graph_module
        self.recorder = recorder

    def forward(self, *inputs: Any) -> Any:
        return _Runner(self.gm, self.recorder).run(*inputs)


def symbolic(model: nn.Module, count: int) -> fx.GraphModule:
    """The fx graph of ``model`` called with its first ``count`` arguments (others at default)."""
    signature = inspect.signature(model.forward)
    concrete = {
        name: parameter.default
        for position, (name, parameter) in enumerate(signature.parameters.items())
        if position >= count and parameter.default is not inspect.Parameter.empty
    }
    tracer = _Tracer()
    before = set(vars(model))
    try:
        graph = tracer.trace(model, concrete_args=concrete or None)
        return fx.GraphModule(tracer.root, graph, type(model).__name__)
    finally:
        # fx stores tensors it meets outside the module (globals) on the root as constants;
        # the graph module has its own copies, so the user's model gets its namespace back
        for added in set(vars(model)) - before:
            delattr(model, added)


def run(
    graph_module: fx.GraphModule,
    state: dict[str, torch.Tensor],
    inputs: tuple[Any, ...],
    recorder: Recorder,
) -> Any:
    """Run the traced graph on ``inputs`` with ``state`` standing in for the weights."""
    wrapper = _Wrapper(graph_module, recorder)
    prefixed = {f"gm.{name}": value for name, value in state.items()}
    return torch.func.functional_call(wrapper, prefixed, inputs, strict=False)
