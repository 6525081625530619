"""References between layers and the scopes that name them.

Layers are expanded before they are connected: ``inputs`` may name a layer defined later, and a
block's ``input`` is whatever feeds the block instance. So references stay symbolic
(:class:`NameRef`) until every scope is complete, then resolve to node indices.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from nnviz_core.errors import ReferenceError, SourceLocation, SpecValueError, did_you_mean, excerpt
from nnviz_core.sources.yaml_spec.tree import Val


@dataclass(frozen=True, slots=True)
class NodeRef:
    """The output of the pending node at ``index``."""

    index: int


@dataclass(frozen=True, slots=True)
class NameRef:
    """A name written by the author, resolved in ``scope`` once expansion is done."""

    name: str
    scope: Scope
    #: The value the name was written as; its location is only built for an error.
    written: Val

    @property
    def loc(self) -> SourceLocation:
        return self.written.loc


@dataclass(frozen=True, slots=True)
class NoInput:
    """There is no previous layer to take implicitly; using it fails with ``message``."""

    message: str


Ref = NodeRef | NameRef | NoInput


@dataclass(eq=False)
class Scope:
    """Where names live: the top level, a block instance, or one iteration of a repeat.

    ``parent`` is consulted for names not found here, except across a block boundary (a block
    sees only its own layers and its ``input``).
    """

    prefix: str
    group: str | None
    depth: int
    bindings: dict[str, Val] | None = None
    parent: Scope | None = None
    table: dict[str, Ref] = field(default_factory=dict)
    where: dict[str, SourceLocation] = field(default_factory=dict)
    counters: dict[str, int] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)

    def sharing(self, group: str) -> Scope:
        """A scope for an inline group: same names and ids as this one, another group."""
        inner = Scope(self.prefix, group, self.depth + 1, self.bindings, parent=self)
        inner.table, inner.where = self.table, self.where
        inner.counters, inner.taken = self.counters, self.taken
        return inner

    def define(self, name: str, ref: Ref, loc: SourceLocation) -> None:
        if name in self.where:
            raise SpecValueError(
                f"duplicate id {excerpt(name)} (first defined at {self.where[name]})", loc
            )
        self.table[name] = ref
        self.where[name] = loc

    def fresh(self, base: str) -> str:
        """A deterministic ``<base>_<n>`` not used by any author id in this scope."""
        while True:
            number = self.counters.get(base, 0) + 1
            self.counters[base] = number
            candidate = f"{base}_{number}"
            if candidate not in self.taken:
                self.taken.add(candidate)
                return candidate

    def lookup(self, name: str) -> Ref | None:
        scope: Scope | None = self
        while scope is not None:
            if name in scope.table:
                return scope.table[name]
            scope = scope.parent
        return None

    def visible(self) -> list[str]:
        names: list[str] = []
        scope: Scope | None = self
        while scope is not None:
            names += scope.table
            scope = scope.parent
        return names


def resolve(ref: Ref, full_ids: dict[str, int]) -> int:
    """The node index a reference ends at; unknown names get a did-you-mean."""
    while isinstance(ref, NameRef):
        target = ref.scope.lookup(ref.name)
        if target is None:
            if "." in ref.name and ref.name in full_ids:  # a layer inside a block call
                return full_ids[ref.name]
            known = [name for name in ref.scope.visible() if name != ref.name]
            hint = did_you_mean(ref.name, known)
            listing = ", ".join(sorted(set(known))[:12]) or "none"
            raise ReferenceError(
                f"unknown input {excerpt(ref.name)}{hint}; ids defined here: {listing}", ref.loc
            )
        ref = target
    if isinstance(ref, NoInput):
        raise SpecValueError(ref.message)
    return ref.index
