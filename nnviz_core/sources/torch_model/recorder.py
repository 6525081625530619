"""What a trace saw: module calls and functions, wired by the identity of the tensors they pass.

Both tracers (torch.fx and forward hooks) report calls to one :class:`Recorder`, so the graph
builder never knows which one ran. A tensor is linked to the call that produced it by object
identity; every tensor seen is kept alive until the trace ends so identities are never reused.

A bare ``nn.Parameter`` that ``forward`` joins to the data (ViT's class token, concatenated
to the patches; its position embedding, added to them) becomes a ``parameter`` record of its
own, so the concat and the add are drawn with both their inputs. Shape-only calls on the
parameter first (``cls_token.expand(B, -1, -1)``) are followed back to it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

import torch
from torch import nn

from nnviz_core.ir.graph import TensorSpec
from nnviz_core.sources.torch_model.functions import PLUMBING, RESHAPES, canonical_name
from nnviz_core.sources.torch_model.modules import PASSTHROUGH, torch_class

Port = tuple[int, int]

#: Calls that join a parameter to the data as a tensor of its own (a class token concatenated
#: to the patches, a position embedding added to them); a parameter given to any other call
#: (``F.linear(x, weight)``, ``x * gamma``) is that call's weight, counted on its node.
_JOINS = frozenset({"add", "sub", "rsub", "cat", "concat", "concatenate", "stack"})
#: Calls that only reshape or copy a parameter before it meets the data (``expand``).
_PARAMETER_VIEWS = PLUMBING | RESHAPES | {"expand", "expand_as", "repeat", "permute", "transpose"}


@dataclass
class Record:
    """One drawn call: an input, a leaf module call or a functional operation."""

    kind: Literal["input", "module", "function", "parameter"]
    key: str
    name: str
    scope: tuple[str, ...]
    module: nn.Module | None = None
    sources: list[Port] = field(default_factory=list)
    inputs: list[TensorSpec] = field(default_factory=list)
    outputs: list[TensorSpec] = field(default_factory=list)
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)
    call: int = 0
    used_params: list[str] = field(default_factory=list)


def tensors(value: Any) -> Iterator[torch.Tensor]:
    """Every tensor inside a (nested) tuple, list or dict, in order."""
    if isinstance(value, torch.Tensor):
        yield value
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from tensors(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from tensors(item)


def spec(tensor: torch.Tensor, batch: int | None) -> TensorSpec:
    """A tensor's IR spec: the batch dimension dropped, the dtype without ``torch.``.

    A tensor whose first dimension is not the inputs' batch size has no batch dimension (an
    LSTM's ``(layers, batch, hidden)`` state, positions made with ``torch.arange``) and keeps
    its whole shape.
    """
    dims = tuple(int(dim) for dim in tensor.shape)
    shape = dims[1:] if dims and (batch is None or dims[0] == batch) else dims
    return TensorSpec(shape, str(tensor.dtype).removeprefix("torch."))


class Recorder:
    """Collects :class:`Record` s in call order from the events a tracer reports."""

    def __init__(self, parameters: dict[int, str]) -> None:
        self.records: list[Record] = []
        self._producers: dict[int, Port] = {}
        self._alive: list[torch.Tensor] = []
        self._parameters = parameters
        self._counts: dict[str, int] = {}
        self._keys: set[str] = set()
        self._batch: int | None = None
        #: Untracked tensors that are views of a parameter (``cls_token.expand(...)``).
        self._views: dict[int, str] = {}
        #: The record drawn for each parameter fed into the data flow, by name.
        self._parameter_records: dict[str, int] = {}

    def _produce(self, index: int, value: Any) -> list[TensorSpec]:
        specs = []
        for port, tensor in enumerate(tensors(value)):
            self._producers[id(tensor)] = (index, port)
            self._alive.append(tensor)
            specs.append(spec(tensor, self._batch))
        return specs

    def _consume(self, record: Record, args: Any) -> None:
        for tensor in tensors(args):
            name = self._parameters.get(id(tensor))
            drawn = id(tensor) in self._producers  # a parameter record counts its weights
            if name is not None and not drawn and name not in record.used_params:
                record.used_params.append(name)
            port = self._producers.get(id(tensor))
            if port is not None and port not in record.sources:
                record.sources.append(port)
                record.inputs.append(spec(tensor, self._batch))

    def _tracked(self, args: Any) -> bool:
        return any(id(tensor) in self._producers for tensor in tensors(args))

    def _forward(self, args: Any, output: Any) -> None:
        """Give ``output`` the producer of the first tracked tensor in ``args`` (no node drawn)."""
        source = next(self._producers[id(t)] for t in tensors(args) if id(t) in self._producers)
        for tensor in tensors(output):
            self._producers[id(tensor)] = source
            self._alive.append(tensor)

    def _joins_nothing(self, name: str, args: Any) -> bool:
        """A concatenation of one traced tensor with empty ones (a key/value cache that starts
        empty, as in ``transformers``' GPT-2) hands that tensor through: nothing is drawn."""
        if name not in ("cat", "concat", "concatenate"):
            return False
        others = [t for t in tensors(args) if id(t) not in self._producers]
        traced = sum(1 for t in tensors(args) if id(t) in self._producers)
        return traced == 1 and bool(others) and all(t.numel() == 0 for t in others)

    def _parameter_of(self, tensor: torch.Tensor) -> str | None:
        return self._parameters.get(id(tensor)) or self._views.get(id(tensor))

    def _follow_view(self, name: str, args: Any, output: Any) -> None:
        """Remember the output of a shape-only call on one parameter as that parameter."""
        found = {self._parameter_of(tensor) for tensor in tensors(args)} - {None}
        if name not in _PARAMETER_VIEWS or len(found) != 1:
            return
        (owner,) = found
        for tensor in tensors(output):
            self._views[id(tensor)] = str(owner)
            self._alive.append(tensor)

    def _parameter_spec(self, tensor: torch.Tensor) -> TensorSpec:
        """A parameter's spec: a leading 1 (or batch) broadcasts over the batch, so it is not
        shown, like the batch of the data it joins."""
        found = spec(tensor, -1)  # no batch dimension to drop yet
        dims = found.shape
        if len(dims) > 1 and dims[0] in (1, self._batch):
            return TensorSpec(dims[1:], found.dtype)
        return found

    def _add_parameters(self, scope: tuple[str, ...], args: Any) -> None:
        """A record for each parameter (or view of one) in ``args`` that no call produced."""
        for tensor in tensors(args):
            name = self._parameter_of(tensor) if id(tensor) not in self._producers else None
            if name is None:
                continue
            index = self._parameter_records.get(name)
            if index is None:
                index = self._parameter_records[name] = len(self.records)
                key = name
                while key in self._keys:
                    key += "'"
                self._keys.add(key)
                record = Record("parameter", key, name, scope, used_params=[name])
                record.outputs = [self._parameter_spec(tensor)]
                self.records.append(record)
            self._producers[id(tensor)] = (index, 0)
            self._alive.append(tensor)

    def _add(self, record: Record, inputs: Any, output: Any) -> None:
        while record.key in self._keys:  # a function's key equal to a module's path
            record.key += "'"
        self._keys.add(record.key)
        self._consume(record, inputs)
        index = len(self.records)
        self.records.append(record)
        record.outputs = self._produce(index, output)

    def finish(self, output: Any) -> list[Record]:
        """The records that lead to the model's ``output``, with unused trailing outputs cut.

        Probes of Python control flow (``if x.sum() > 0``) and other dead ends are dropped;
        inputs always stay. Indices in ``sources`` are renumbered to match.
        """
        wanted = {self._producers[id(t)] for t in tensors(output) if id(t) in self._producers}
        if not wanted:
            return self.records
        used: dict[int, int] = {}
        for index, port in wanted:
            used[index] = max(used.get(index, 0), port)
        for index in range(len(self.records) - 1, -1, -1):
            if index in used or self.records[index].kind == "input":
                for source, port in self.records[index].sources:
                    used[source] = max(used.get(source, 0), port)
        kept = [
            index
            for index, record in enumerate(self.records)
            if index in used or record.kind == "input"
        ]
        renumber = {old: new for new, old in enumerate(kept)}
        result = []
        for old in kept:
            record = self.records[old]
            record.sources = [(renumber[source], port) for source, port in record.sources]
            record.outputs = record.outputs[: used.get(old, 0) + 1]
            result.append(record)
        return result

    def add_input(self, name: str, tensor: torch.Tensor) -> None:
        if self._batch is None and tensor.dim():
            self._batch = int(tensor.shape[0])
        self._add(Record("input", name, name, ()), (), tensor)

    def _call_number(self, key: str) -> int:
        number = self._counts.get(key, 0)
        self._counts[key] = number + 1
        return number

    def on_module(
        self, path: str, module: nn.Module, scope: tuple[str, ...], inputs: Any, output: Any
    ) -> None:
        """A leaf module returned ``output``; a pass-through module draws nothing.

        A module fed only with tensors made inside ``forward`` (a position embedding looked up
        with ``torch.arange``) is drawn too, as a node without incoming edges.
        """
        if not any(True for _ in tensors(output)):
            return
        if torch_class(module) in PASSTHROUGH:
            if self._tracked(inputs):
                self._forward(inputs, output)
            return
        call = self._call_number(path)
        key = path if call == 0 else f"{path}@{call}"
        self._add(Record("module", key, path, scope, module, call=call), inputs, output)

    def on_function(
        self, raw: str, scope: tuple[str, ...], args: tuple[Any, ...], kwargs: Any, output: Any
    ) -> None:
        """A function returned ``output``; calls not touching traced tensors are ignored."""
        name = canonical_name(raw)
        if name == "getitem" and args and not isinstance(args[0], torch.Tensor):
            return  # indexing a tuple of outputs: the tensors are already known
        if not any(True for _ in tensors(output)):
            return
        if not self._tracked((args, kwargs)):
            self._follow_view(name, (args, kwargs), output)
            return
        if name in PLUMBING or self._joins_nothing(name, (args, kwargs)):
            self._forward((args, kwargs), output)
            return
        where = scope[-1] if scope else ""
        number = self._call_number(f"{where}/{name}") + 1
        key = f"{where}.{name}_{number}" if where else f"{name}_{number}"
        record = Record("function", key, name, scope, args=args, kwargs=dict(kwargs or {}))
        if name in _JOINS:
            self._add_parameters(scope, (args, kwargs))
        self._add(record, (args, kwargs), output)
