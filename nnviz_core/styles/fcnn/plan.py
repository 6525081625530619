"""Which parts of a network become neuron columns, and which become labelled summary boxes.

Every dense layer that takes a vector is a column, and so is the vector that feeds the first one:
a network input, or the flattened features that a convolutional, recurrent or attention part
produces. Layers that keep the vector's size (activations, dropout, normalisation, reshapes) fold
into the column next to them. Everything else is summarised as boxes (see :mod:`.regions`), so no
layer is dropped silently.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

from nnviz_core.errors import OptionError
from nnviz_core.ir import Graph, Node
from nnviz_core.ir.transforms import levels
from nnviz_core.styles._common import shape_text

from .elements import Column
from .options import FcnnOptions

NodeKind = Literal["dense", "input", "merge", "pass", "heavy"]
_PASS: frozenset[str] = frozenset({"activation", "dropout", "normalization", "reshape", "output"})


def node_kind(graph: Graph, node: Node, options: FcnnOptions) -> NodeKind:
    """How the fcnn style treats one IR node."""
    chain = graph.group_chain(node)
    if options.fold_repeats and any(g.kind == "iteration" and g.index > 0 for g in chain):
        return "pass"
    if options.depth is not None and len(levels(graph, node)) > options.depth:
        return "heavy"
    if node.category == "input":
        return "input"
    # A vector, or a tensor that is one in all but name (Caffe feeds 256×1×1 to InnerProduct).
    vector = all(sum(dim != 1 for dim in spec.shape) <= 1 for spec in node.inputs[:1])
    if node.category == "dense" and vector:
        return "pass" if node.display.hidden else "dense"
    if node.category == "merge":
        return "merge"
    return "pass" if node.category in _PASS else "heavy"


def repeat_count(graph: Graph, node: Node) -> int:
    """How many times a folded repeat draws this node's layer (1 outside repeats)."""
    count = 1
    for group in graph.group_chain(node):
        if group.kind == "iteration" and group.parent is not None:
            count *= graph.group(group.parent).count
    return count


class Planner:
    """Walks the graph once; ``covered`` maps each folded node to the columns its output joins."""

    def __init__(self, graph: Graph, options: FcnnOptions) -> None:
        self.graph = graph
        self.options = options
        self.kinds = {node.id: node_kind(graph, node, options) for node in graph.nodes}
        self.columns: dict[str, Column] = {}
        self.covered: dict[str, tuple[str, ...]] = {}
        self.links: dict[tuple[str, str], None] = {}

    def run(self) -> tuple[dict[str, Column], dict[tuple[str, str], None]]:
        dense = [node for node in self.graph.nodes if self.kinds[node.id] == "dense"]
        if not dense:
            raise _no_dense_error(self.graph, self.options)
        for node in dense:
            self.columns[node.id] = self._dense_column(node)
        for node in dense:
            for source in self._feeders(node.id):
                self.links[(source, node.id)] = None
            via = self._merge_before(node.id)
            if via:
                self.columns[node.id] = replace(self.columns[node.id], via=via)
        self._absorb_tail()
        return self.columns, self.links

    def element_of(self, node_id: str) -> tuple[str, ...]:
        """The columns a node's output belongs to (empty if it is part of a box)."""
        if node_id in self.columns:
            return (node_id,)
        return self.covered.get(node_id, ())

    def _dense_column(self, node: Node) -> Column:
        output = node.output
        repeat = repeat_count(self.graph, node) if self.options.fold_repeats else 1
        weights = node.attrs.get("weights")
        return Column(
            id=node.id,
            node=node.id,
            kind="hidden",
            size=output.size if output else None,
            category="dense",
            title=node.display.label or "Hidden Layer",
            color=node.display.color,
            activation=node.activation,
            repeat=repeat,
            bias=node.attrs.get("use_bias", node.attrs.get("bias", True)) is not False,
            note=node.display.note,
            weights=weights if isinstance(weights, str) else None,
        )

    def _feeders(self, node_id: str) -> tuple[str, ...]:
        predecessors = self.graph.predecessors(node_id)
        if not predecessors:
            return (self._synthetic_input(node_id),)
        found: dict[str, None] = {}
        for pred in predecessors:
            found.update(dict.fromkeys(self._source(pred)))
        return tuple(found)

    def _source(self, node_id: str) -> tuple[str, ...]:
        kind = self.kinds[node_id]
        if kind == "dense":
            return (node_id,)
        if kind == "input":
            return (self._input_column(node_id),)
        if kind == "heavy":
            return (self._features_column(node_id),)
        if node_id not in self.covered:
            self.covered[node_id] = self._feeders(node_id)
        return self.covered[node_id]

    def _merge_before(self, node_id: str) -> str | None:
        """The op of a merge feeding this layer through size-keeping layers, if any."""
        predecessors = self.graph.predecessors(node_id)
        while len(predecessors) == 1:
            node = self.graph.node(predecessors[0])
            kind = self.kinds[node.id]
            if kind == "merge":
                return node.op
            if kind != "pass":
                return None
            predecessors = self.graph.predecessors(node.id)
        return None

    def _input_column(self, node_id: str) -> str:
        if node_id not in self.columns:
            node = self.graph.node(node_id)
            output = node.output
            self.columns[node_id] = Column(
                id=node_id,
                node=node_id,
                kind="input",
                size=output.size if output else None,
                category="input",
                title=node.display.label or node.name,
                color=node.display.color,
                note=node.display.note or _flattened(self.graph, node),
            )
        return node_id

    def _synthetic_input(self, node_id: str) -> str:
        """The vector entering a source node that has no input node of its own."""
        column_id = f"{node_id}:input"
        if column_id not in self.columns:
            node = self.graph.node(node_id)
            spec = node.inputs[0] if node.inputs else node.output
            size = spec.size if spec else None
            self.columns[column_id] = Column(column_id, node_id, "input", size, "input", "input")
        return column_id

    def _features_column(self, node_id: str) -> str:
        column_id = f"{node_id}:features"
        if column_id not in self.columns:
            output = self.graph.node(node_id).output
            size = output.size if output else None
            self.columns[column_id] = Column(
                column_id, node_id, "features", size, "custom", "Features"
            )
        return column_id

    def _absorb_tail(self) -> None:
        """Fold size-keeping layers after a column into it; a final merge becomes a column."""
        for node in self.graph.nodes:
            if node.id in self.columns or node.id in self.covered:
                continue
            predecessors = self.graph.predecessors(node.id)
            mapped = [self.element_of(pred) for pred in predecessors]
            if not predecessors or not all(mapped):
                continue
            sources = tuple(dict.fromkeys(e for elements in mapped for e in elements))
            if self.kinds[node.id] == "pass":
                self.covered[node.id] = sources
            elif self.kinds[node.id] == "merge":
                self.columns[node.id] = _merge_column(node)
                self.links.update({(source, node.id): None for source in sources})


def _flattened(graph: Graph, node: Node) -> str | None:
    """``1×28×28 flattened`` for an image-shaped input drawn as a vector."""
    output = node.output
    if output is None or output.rank <= 1:
        return None
    return f"{shape_text(output, graph.layout)} flattened"


def _merge_column(node: Node) -> Column:
    output = node.output
    title = node.display.label or node.op.replace("_", " ").capitalize()
    size = output.size if output else None
    return Column(node.id, node.id, "merge", size, "merge", title, color=node.display.color)


def _no_dense_error(graph: Graph, options: FcnnOptions) -> OptionError:
    hint = "" if options.depth is None else f" at depth {options.depth}"
    return OptionError(
        f"the fcnn style draws dense (fully connected) layers as neurons, and {graph.name!r} "
        f"has none{hint}; draw it with style 'graph' or 'block' instead"
    )
