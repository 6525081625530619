"""Expanding layer entries into pending nodes: shorthand, blocks, ``$args``, repeats and groups.

Each entry becomes one node (an op), or a group of nodes (a block instance, an inline ``layers``
group, or a ``repeat`` of any of them). Names are resolved later (see ``refs``); node counts and
nesting are checked as we go, so a spec that would explode is refused before it is built.
"""

from __future__ import annotations

from dataclasses import dataclass

from nnviz_core.errors import CycleError, LimitError, SourceLocation, SpecValueError, excerpt
from nnviz_core.ir import Group, GroupKind
from nnviz_core.ir.ops import lookup
from nnviz_core.limits import MAX_LAYERS
from nnviz_core.sources.yaml_spec.entries import Entry, classify
from nnviz_core.sources.yaml_spec.layer import Pending, make_layer
from nnviz_core.sources.yaml_spec.refs import NodeRef, NoInput, Ref, Scope
from nnviz_core.sources.yaml_spec.spec import BlockDef, Spec
from nnviz_core.sources.yaml_spec.substitute import bind_block, substitute
from nnviz_core.sources.yaml_spec.tree import Val

MAX_NODES = MAX_LAYERS
MAX_NESTING = 64


@dataclass
class Expansion:
    pendings: list[Pending]
    groups: list[Group]


class Expander:
    """Walks the layer lists once, producing pending nodes and groups in document order."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.pendings: list[Pending] = []
        self.groups: list[Group] = []
        self.active_blocks: list[str] = []

    def run(self) -> Expansion:
        top = Scope(prefix="", group=None, depth=0)
        prev: Ref = NoInput(
            "the first layer has no input: add `input: [channels, height, width]` "
            "at the top of the spec, or start the layers with an `input` layer"
        )
        for decl in self.spec.inputs:
            pending = Pending.input(decl, len(self.pendings))
            self._add(pending, decl.loc)
            top.define(decl.name, NodeRef(pending.index), decl.loc)
            top.taken.add(decl.name)
            prev = NodeRef(pending.index)
        if len(self.spec.inputs) > 1:
            names = ", ".join(decl.name for decl in self.spec.inputs)
            prev = NoInput(
                f"the network has several inputs ({names}); say which ones this layer "
                "takes with `inputs: [...]`"
            )
        self.expand_list(self.spec.layers, top, prev)
        return Expansion(self.pendings, self.groups)

    def _add(self, pending: Pending, loc: SourceLocation) -> None:
        if len(self.pendings) >= MAX_NODES:
            raise LimitError(
                f"the spec expands to more than {MAX_NODES:,} layers; "
                "lower a `repeat` count or split the network",
                loc,
            )
        self.pendings.append(pending)

    def expand_list(self, layers: Val, scope: Scope, prev: Ref) -> Ref:
        items: list[Val] = layers.value
        for item in items:
            if item.is_map and "id" in item.value and isinstance(item.value["id"].value, str):
                scope.taken.add(item.value["id"].value)
        for item in items:
            prev = self.expand_entry(item, scope, prev)
        return prev

    def expand_entry(self, item: Val, scope: Scope, prev: Ref) -> Ref:
        if scope.bindings is not None:
            item = substitute(item, scope.bindings)
        entry = classify(item, self.spec.blocks, scope)
        if entry.inputs and (entry.kind != "op" or entry.repeat is not None):
            if len(entry.inputs) != 1:
                raise SpecValueError(
                    "a block, group or repeat takes one input; list exactly one in `inputs`",
                    entry.inputs_loc,
                )
            prev = entry.inputs[0]
        if entry.repeat is not None:
            output = self._repeat(entry, scope, prev)
        elif entry.kind == "op":
            output = self._op(entry, scope, prev)
        else:
            output = self._group(entry, scope, prev)
        if entry.id is not None:
            scope.define(entry.id, output, entry.id_loc or entry.loc)
        return output

    def _op(self, entry: Entry, scope: Scope, prev: Ref) -> Ref:
        op = lookup(entry.head)
        local = entry.id or scope.fresh(op.name)
        pending = make_layer(op, entry, scope, prev, local, len(self.pendings), self.spec.layout)
        self._add(pending, entry.loc)
        return NodeRef(pending.index)

    def _group(self, entry: Entry, scope: Scope, prev: Ref) -> Ref:
        """A block instance or an inline ``layers`` group, drawn as one group."""
        self._check_depth(scope, entry)
        local = entry.id or scope.fresh(entry.head)
        group_id = scope.prefix + local
        kind: GroupKind = "block" if entry.kind == "block" else "group"
        self.groups.append(Group(group_id, kind, self._label(entry), parent=scope.group))
        if entry.kind == "block":
            return self._block(entry, scope, prev, group_id)
        assert entry.layers is not None
        return self.expand_list(entry.layers, scope.sharing(group_id), prev)

    def _block(self, entry: Entry, scope: Scope, prev: Ref, group: str) -> Ref:
        """One call of a block: its own names, its arguments bound, its ``input`` set."""
        block = self.spec.blocks[entry.head]
        if block.name in self.active_blocks:
            chain = " → ".join([*self.active_blocks, block.name])
            raise CycleError(f"block {excerpt(block.name)} uses itself ({chain})", entry.loc)
        bindings = bind_block(block, entry.body, entry.loc)
        inner = Scope(group + ".", group, scope.depth + 1, bindings)
        if not isinstance(prev, NoInput):
            inner.define("input", prev, block.loc)
        self.active_blocks.append(block.name)
        try:
            return self.expand_list(block.layers, inner, prev)
        finally:
            self.active_blocks.pop()

    def _repeat(self, entry: Entry, scope: Scope, prev: Ref) -> Ref:
        count = entry.repeat
        assert count is not None
        self._check_depth(scope, entry)
        local = entry.id or scope.fresh(entry.head)
        group_id = scope.prefix + local
        label = self._label(entry)
        self.groups.append(Group(group_id, "repeat", label, parent=scope.group, count=count))
        for index in range(count):
            before = len(self.pendings)
            iteration = f"{group_id}.{index}"
            self.groups.append(
                Group(iteration, "iteration", f"{label} {index + 1}/{count}", group_id, 1, index)
            )
            prev = self._iteration(entry, scope, prev, iteration)
            if index == 0:
                self._check_total(len(self.pendings) - before, count, entry.loc)
        return prev

    def _iteration(self, entry: Entry, scope: Scope, prev: Ref, iteration: str) -> Ref:
        if entry.kind == "block":
            return self._block(entry, scope, prev, iteration)
        inner = Scope(iteration + ".", iteration, scope.depth + 2, scope.bindings, parent=scope)
        if not isinstance(prev, NoInput):
            inner.define("input", prev, entry.loc)
        if entry.kind == "group":
            assert entry.layers is not None
            return self.expand_list(entry.layers, inner, prev)
        return self._op(entry.single(), inner, prev)

    def _check_total(self, per_iteration: int, count: int, loc: SourceLocation) -> None:
        total = len(self.pendings) + per_iteration * (count - 1)
        if total > MAX_NODES:
            raise LimitError(
                f"`repeat: {count}` expands the spec to {total:,} layers, more than the "
                f"{MAX_NODES:,} allowed; lower the count",
                loc,
            )

    def _check_depth(self, scope: Scope, entry: Entry) -> None:
        if scope.depth >= MAX_NESTING:
            raise LimitError(f"blocks and groups nest deeper than {MAX_NESTING} levels", entry.loc)

    def _label(self, entry: Entry) -> str:
        if entry.label:
            return entry.label
        if entry.kind == "block":
            block: BlockDef = self.spec.blocks[entry.head]
            return block.label
        return entry.head
