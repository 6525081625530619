"""Which values carry data, where the batch axis is, and which nodes are plumbing.

An exported model is full of small computations on shapes (``Shape → Gather → Unsqueeze →
Concat → Reshape``) and of casts and identities. A value *carries data* when it derives from a
model input through anything but ``Shape``; a node none of whose inputs carry data only computes
constants or shapes, and is plumbing, as are casts, identities and (un)squeezes. Plumbing is
hidden by default and the edges are drawn through it.

ONNX shapes include the batch axis, which the IR leaves out; most tensors keep it first, but
recurrent layers and the transposes around them move it, so its position is tracked per value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from nnviz_core.sources.onnx_model.names import Namer
from nnviz_core.sources.onnx_model.reading import FLOATS, Tables, subgraphs

#: Ops hidden even when they touch data: they change nothing a reader of the diagram needs.
ALWAYS_PLUMBING = frozenset(
    {"Constant", "ConstantOfShape", "Shape", "Size", "Cast", "CastLike", "Identity"}
    | {"Unsqueeze", "Squeeze"}
)
SHAPE_READERS = frozenset({"Shape", "Size"})
RECURRENT = frozenset({"LSTM", "GRU", "RNN"})
CONTROL = frozenset({"If", "Loop", "Scan"})


@dataclass
class Item:
    """One ONNX node, flattened out of its (sub)graph, with what the drawing needs of it."""

    node: Any
    id: str
    name: str
    group: str | None
    reads: list[str]
    data: bool = False
    hidden: bool = False


@dataclass
class GroupInfo:
    id: str
    label: str
    parent: str | None


@dataclass
class Flow:
    """The flattened model: items in dependency order, their groups and per-value facts."""

    tables: Tables
    show_plumbing: bool
    items: list[Item] = field(default_factory=list)
    groups: list[GroupInfo] = field(default_factory=list)
    inputs: list[str] = field(default_factory=list)
    producer: dict[str, tuple[int, int]] = field(default_factory=dict)
    alias: dict[str, str] = field(default_factory=dict)
    data: set[str] = field(default_factory=set)
    batch: dict[str, int | None] = field(default_factory=dict)
    namer: Namer = field(default_factory=Namer)
    #: The inputs' symbolic batch dimension (``batch``), which inference carries along.
    symbol: str | None = None

    def walk(self, graph: Any, group: str | None = None) -> None:
        for info in graph.input:
            if group is None and info.name not in self.tables.initializers:
                self.inputs.append(info.name)
                self.namer.input_id(info.name)
                self.data.add(info.name)
                known = self.tables.values[info.name]
                self.batch[info.name] = 0 if known.shape else None
                if known.symbols and known.symbols[0] and not self.symbol:
                    self.symbol = known.symbols[0]
        for node in graph.node:
            self._node(node, group)

    def _node(self, node: Any, group: str | None) -> None:
        reads = [value for value in node.input if value]
        item = Item(node, "", "", group, reads)
        if any(subgraphs(a) for a in node.attribute):
            item.id, item.name = self.namer.node(node)
        for attribute in node.attribute:
            for index, sub in enumerate(subgraphs(attribute)):
                sub_id = f"{item.id}.{attribute.name}" + (f"_{index}" if index else "")
                self.groups.append(GroupInfo(sub_id, f"{item.name} · {attribute.name}", group))
                self._formal_inputs(node, sub)
                self.walk(sub, sub_id)
                reads += [out.name for out in sub.output]
        item.data = any(self.resolve(value) in self.data for value in reads)
        plumbing = node.op_type in ALWAYS_PLUMBING or not item.data or self._moves_batch(node)
        item.hidden = plumbing and not self.show_plumbing
        index = len(self.items)
        self.items.append(item)
        for port, value in enumerate(node.output):
            if value:
                self.producer[value] = (index, port)
                carries = item.data and node.op_type not in SHAPE_READERS
                if carries:
                    self.data.add(value)
                self.batch[value] = self._batch(node, port, reads) if carries else None

    def name_items(self) -> None:
        """Ids and names; drawn nodes with weights first, so a module's conv or LSTM (not a
        transpose beside it) gets the module's plain name."""
        for item in sorted(self.items, key=lambda item: (item.hidden, not self._weighted(item))):
            if not item.id:
                item.id, item.name = self.namer.node(item.node)

    def _weighted(self, item: Item) -> bool:
        """Reads a float constant: an initializer or a tensor computed from them."""
        for value in map(self.resolve, item.node.input):
            known = self.tables.values.get(value)
            if value not in self.data and known is not None and known.dtype in FLOATS:
                return True
        return False

    def _moves_batch(self, node: Any) -> bool:
        """A transpose that only moves the batch axis changes nothing the IR shows."""
        if node.op_type != "Transpose" or not node.input:
            return False
        axis = self.batch.get(self.resolve(node.input[0]))
        kept = [a for a in _ints_attr(node, "perm") if a != axis]
        return axis is not None and kept == sorted(kept)

    def _formal_inputs(self, node: Any, sub: Any) -> None:
        """A loop body's inputs are the loop's own (after the trip count and condition)."""
        skip = 2 if node.op_type == "Loop" else 0
        for index, info in enumerate(sub.input):
            if index >= skip and index < len(node.input) and node.input[index]:
                self.alias[info.name] = node.input[index]

    def resolve(self, value: str) -> str:
        while value in self.alias:
            value = self.alias[value]
        return value

    def _batch(self, node: Any, port: int, reads: list[str]) -> int | None:
        """Where the batch axis of output ``port`` is, from the first data input's that has one
        (for ``If`` and ``Loop``, the subgraph outputs count as inputs)."""
        batched = (self.resolve(v) for v in reads if self.batch.get(self.resolve(v)) is not None)
        first = next(batched, None)
        axis = self.batch.get(first) if first is not None else None
        op = node.op_type
        known = self.tables.values.get(node.output[port])
        if self.symbol and known is not None and self.symbol in known.symbols:
            return known.symbols.index(self.symbol)
        if op in RECURRENT:
            batch_first = _int_attr(node, "layout", 0) == 1
            return 0 if batch_first else (2 if port == 0 else 1)
        if axis is None:
            return None
        if op == "Transpose":
            perm = _ints_attr(node, "perm")
            return perm.index(axis) if axis in perm else axis
        if op in ("Squeeze", "Unsqueeze"):
            return self._moved(node, axis)
        shape = self.tables.values.get(node.output[port])
        rank = len(shape.shape) if shape and shape.shape is not None else None
        return axis if rank is None or axis < rank else None

    def _moved(self, node: Any, axis: int) -> int | None:
        axes = _ints_attr(node, "axes") or [int(v) for v in self._constant_input(node, 1)]
        value = node.input[0] if node.op_type == "Squeeze" else node.output[0]
        known = self.tables.values.get(self.resolve(value))
        rank = len(known.shape) if known and known.shape is not None else 0
        axes = [a % rank if rank else a for a in axes]
        if node.op_type == "Squeeze":
            return None if axis in axes else axis - sum(1 for a in axes if 0 <= a < axis)
        for added in sorted(a for a in axes if a >= 0):
            if added <= axis:
                axis += 1
        return axis

    def _constant_input(self, node: Any, index: int) -> tuple[float, ...]:
        if index >= len(node.input):
            return ()
        return self.tables.constants.get(self.resolve(node.input[index]), ())

    def sources(self, value: str, seen: set[str] | None = None) -> list[tuple[str, int]]:
        """The visible (node id, port) pairs a value comes from, drawn through hidden nodes."""
        value = self.resolve(value)
        if value in self.inputs:
            return [(self.namer.input_id(value), 0)]
        if value not in self.producer:
            return []
        index, port = self.producer[value]
        item = self.items[index]
        if not item.hidden:
            return [(item.id, port)]
        seen = set() if seen is None else seen
        found: list[tuple[str, int]] = []
        for read in item.reads:
            if read not in seen and self.resolve(read) in self.data:
                seen.add(read)
                found += [s for s in self.sources(read, seen) if s not in found]
        return found


def _int_attr(node: Any, name: str, default: int) -> int:
    for attribute in node.attribute:
        if attribute.name == name:
            return int(attribute.i)
    return default


def _ints_attr(node: Any, name: str) -> list[int]:
    for attribute in node.attribute:
        if attribute.name == name:
            return [int(v) for v in attribute.ints]
    return []
