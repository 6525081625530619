"""The intermediate representation: an immutable graph of layers, tensors and groups.

Every source (YAML, PyTorch, Keras, ONNX, Caffe) produces this, and every style consumes it. It
knows nothing about drawing: no colours, no coordinates. Shapes are stored channels-first without
the batch dimension; ``Graph.layout`` records the convention the author used so styles can show
shapes the way the author wrote them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Literal, get_args

from nnviz_core.errors import SourceLocation

#: The layer categories every style colours and every legend names.
Category = Literal[
    "input",
    "convolution",
    "pooling",
    "dense",
    "normalization",
    "activation",
    "dropout",
    "reshape",
    "merge",
    "recurrent",
    "attention",
    "embedding",
    "upsampling",
    "output",
    "custom",
]
CATEGORIES: tuple[Category, ...] = get_args(Category)

AttrValue = None | bool | int | float | str | tuple["AttrValue", ...]
Dim = int | None
GroupKind = Literal["block", "repeat", "iteration", "submodel", "group"]
Layout = Literal["channels_first", "channels_last"]


#: Characters no output format carries (XML 1.0 refuses them, and so do Graphviz's HTML
#: labels): drawn as U+FFFD, as the SVG and PPTX backends draw them in layer labels.
_UNWRITABLE = dict.fromkeys(
    [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0xD800, 0xE000), 0xFFFE, 0xFFFF],
    "\ufffd",
)


def writable(text: str) -> str:
    """``text`` with control characters and other code points no format can carry as U+FFFD."""
    return text if text.isprintable() else text.translate(_UNWRITABLE)


def freeze(mapping: Mapping[str, AttrValue] | None) -> Mapping[str, AttrValue]:
    """A read-only, key-sorted copy, so equal attributes always iterate (and print) the same."""
    return MappingProxyType(dict(sorted((mapping or {}).items())))


@dataclass(frozen=True)
class TensorSpec:
    """A tensor flowing between layers: shape without the batch dimension (``None`` = unknown)."""

    shape: tuple[Dim, ...]
    dtype: str = "float32"

    @property
    def rank(self) -> int:
        return len(self.shape)

    @property
    def size(self) -> int | None:
        """Number of elements per sample, or ``None`` if any dimension is unknown."""
        total = 1
        for dim in self.shape:
            if dim is None:
                return None
            total *= dim
        return total


@dataclass(frozen=True)
class Display:
    """Author's display overrides; styles honour them, the IR only carries them."""

    label: str | None = None
    color: str | None = None
    note: str | None = None
    hidden: bool = False


@dataclass(frozen=True)
class Node:
    """One layer (or operation) of the network."""

    id: str
    op: str
    name: str
    category: Category
    attrs: Mapping[str, AttrValue] = field(default_factory=lambda: freeze(None))
    inputs: tuple[TensorSpec, ...] = ()
    outputs: tuple[TensorSpec, ...] = ()
    params: int = 0
    trainable: bool | None = None
    activation: str | None = None
    group: str | None = None
    display: Display = Display()
    location: SourceLocation | None = None
    #: Part of ``params`` that training never updates (batch norm's moving mean and variance,
    #: Keras's "non-trainable params").
    non_trainable_params: int = 0

    @property
    def output(self) -> TensorSpec | None:
        """The first output tensor, which is the only one for nearly every layer."""
        return self.outputs[0] if self.outputs else None


@dataclass(frozen=True)
class Edge:
    """A tensor from ``source``'s output ``source_port`` to ``target``'s input ``target_port``."""

    source: str
    target: str
    source_port: int = 0
    target_port: int = 0
    tensor: TensorSpec | None = None


@dataclass(frozen=True)
class Group:
    """A named set of nodes: a block, a repeat (with its iterations), a submodel.

    A ``repeat`` group holds ``count`` ``iteration`` groups of identical structure; styles may
    fold it to its first iteration drawn once with a "×count" mark.
    """

    id: str
    kind: GroupKind
    label: str
    parent: str | None = None
    count: int = 1
    index: int = 0

    def __post_init__(self) -> None:
        # Group labels become cluster titles that some writers (Graphviz's HTML labels) pass
        # through as markup; cleaned once here, they are safe for every source and style.
        if not self.label.isprintable():
            object.__setattr__(self, "label", writable(self.label))


@dataclass(frozen=True)
class Graph:
    """A whole network. Nodes are in topological order; ids are stable across runs."""

    name: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...] = ()
    groups: tuple[Group, ...] = ()
    layout: Layout = "channels_first"
    source: str = "<graph>"

    # Derived lookups, computed once on demand (the dataclass stays immutable).
    @cached_property
    def _nodes_by_id(self) -> Mapping[str, Node]:
        return {node.id: node for node in self.nodes}

    @cached_property
    def _groups_by_id(self) -> Mapping[str, Group]:
        return {group.id: group for group in self.groups}

    @cached_property
    def _predecessors(self) -> Mapping[str, tuple[str, ...]]:
        found: dict[str, list[str]] = {node.id: [] for node in self.nodes}
        for edge in self.edges:
            found[edge.target].append(edge.source)
        return {key: tuple(value) for key, value in found.items()}

    @cached_property
    def _successors(self) -> Mapping[str, tuple[str, ...]]:
        found: dict[str, list[str]] = {node.id: [] for node in self.nodes}
        for edge in self.edges:
            found[edge.source].append(edge.target)
        return {key: tuple(value) for key, value in found.items()}

    @cached_property
    def _members(self) -> Mapping[str, tuple[Node, ...]]:
        found: dict[str, list[Node]] = {}
        for node in self.nodes:
            parent = node.group
            while parent is not None:
                found.setdefault(parent, []).append(node)
                parent = self._groups_by_id[parent].parent
        return {key: tuple(value) for key, value in found.items()}

    def node(self, node_id: str) -> Node:
        return self._nodes_by_id[node_id]

    def group(self, group_id: str) -> Group:
        return self._groups_by_id[group_id]

    def predecessors(self, node_id: str) -> tuple[str, ...]:
        return self._predecessors[node_id]

    def successors(self, node_id: str) -> tuple[str, ...]:
        return self._successors[node_id]

    @property
    def inputs(self) -> tuple[Node, ...]:
        """Nodes with no incoming edge (the network's inputs)."""
        return tuple(n for n in self.nodes if not self._predecessors[n.id])

    @property
    def outputs(self) -> tuple[Node, ...]:
        """Nodes with no outgoing edge (the network's outputs)."""
        return tuple(n for n in self.nodes if not self._successors[n.id])

    @property
    def total_params(self) -> int:
        return sum(node.params for node in self.nodes)

    @property
    def trainable_params(self) -> int:
        return sum(
            node.params - node.non_trainable_params
            for node in self.nodes
            if node.trainable is not False
        )

    def group_chain(self, node_or_group: Node | Group) -> tuple[Group, ...]:
        """The groups enclosing a node or group, outermost first."""
        chain: list[Group] = []
        parent = node_or_group.group if isinstance(node_or_group, Node) else node_or_group.parent
        while parent is not None:
            group = self._groups_by_id[parent]
            chain.append(group)
            parent = group.parent
        return tuple(reversed(chain))

    def members(self, group_id: str) -> Iterator[Node]:
        """Nodes inside a group, at any depth, in topological order."""
        yield from self._members.get(group_id, ())
