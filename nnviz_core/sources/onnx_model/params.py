"""Parameter counts from the initializers behind each node's inputs.

A weight usually is an initializer the node reads directly, or through an ``Identity`` (the
exporter deduplicates equal tensors that way). Without constant folding, weights are computed
from initializers by plumbing (an LSTM's gates sliced and concatenated); those initializers count
for the node that reads the result. Each input name and each initializer is counted once, so
tied weights are not counted twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from nnviz_core.sources.onnx_model.flow import Flow
from nnviz_core.sources.onnx_model.reading import FLOATS, Tables, Tensor

#: Inputs of BatchNormalization that are statistics, not learned (Keras's non-trainable).
STATISTICS = {"BatchNormalization": (3, 4)}
PASS_THROUGH = frozenset({"Identity", "Cast"})


def size(tensor: Tensor) -> int:
    total = 1
    for dim in tensor.shape or (0,):
        total *= dim or 0
    return total


@dataclass
class ParamCounter:
    flow: Flow
    tables: Tables
    counted: set[str] = field(default_factory=set)

    def origin(self, value: str) -> str:
        """The value behind chains of Identity and Cast."""
        value = self.flow.resolve(value)
        while value in self.flow.producer and value not in self.tables.initializers:
            item = self.flow.items[self.flow.producer[value][0]]
            if item.node.op_type not in PASS_THROUGH or not item.node.input:
                break
            value = self.flow.resolve(item.node.input[0])
        return value

    def initializer(self, value: str) -> Tensor | None:
        return self.tables.initializers.get(self.origin(value)) if value else None

    def weight(self, value: str) -> Tensor | None:
        """A weight input: an initializer, or a constant computed from them (a transposed
        weight when the exporter did not fold constants)."""
        found = self.initializer(value)
        if found is not None or not value or self.flow.resolve(value) in self.flow.data:
            return found
        computed = self.tables.values.get(self.flow.resolve(value))
        return computed if computed is not None and computed.dtype in FLOATS else None

    def count(self, node: Any, extra: list[str] | None = None) -> tuple[int, int]:
        """(parameters, of which statistics) of one node; ``extra``: a folded-in bias."""
        total = frozen = 0
        if node.op_type in PASS_THROUGH:
            return 0, 0  # a shared weight counts for the layer that uses it
        statistics = STATISTICS.get(node.op_type, ())
        for index, value in enumerate([*node.input, *(extra or [])]):
            if not value or value in self.counted:
                continue
            self.counted.add(value)
            found = sum(size(tensor) for tensor in self._weights(value))
            total += found
            frozen += found if index in statistics else 0
        return total, frozen

    def _weights(self, value: str) -> Iterator[Tensor]:
        direct = self.initializer(value)
        if direct is not None:
            if direct.dtype in FLOATS:
                yield direct
            return
        if self.flow.resolve(value) not in self.flow.data:
            yield from self._cone(self.flow.resolve(value), set())

    def _cone(self, value: str, seen: set[str]) -> Iterator[Tensor]:
        """Float initializers that a computed constant is made from."""
        if value not in self.flow.producer:
            return
        item = self.flow.items[self.flow.producer[value][0]]
        for read in map(self.flow.resolve, item.reads):
            if read in seen or read in self.flow.data:
                continue
            seen.add(read)
            tensor = self.initializer(read)  # an Identity of a weight counts as its own weight
            if tensor is None:
                yield from self._cone(read, seen)
            elif tensor.dtype in FLOATS and read not in self.counted:
                self.counted.add(read)
                yield tensor
