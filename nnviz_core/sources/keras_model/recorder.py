"""The state of one trace of a subclassed Keras model, shared by ``trace`` and ``follow``.

``trace`` records every sublayer call; ``follow`` records the tensor operations between them.
Both write here which tensor came from which node, so neither needs the other's module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from nnviz_core.sources.keras_model.builder import Builder, Ref


@dataclass
class Recorder:
    """State of one trace: which tensor came from which node, and the enclosing groups."""

    builder: Builder
    model: Any
    base: str | None = None
    produced: dict[int, Ref] = field(default_factory=dict)
    alive: list[Any] = field(default_factory=list)  # keeps traced tensors' ids unique
    groups: list[str] = field(default_factory=list)
    last: Ref | None = None
    paused: int = 0

    def restart(self) -> None:
        """Forget the tensors of an earlier run of ``call``."""
        self.produced.clear()
        self.alive.clear()
        self.groups.clear()
        self.last = None

    def sources(self, tensors: list[Any]) -> list[Ref | None]:
        found = [self.produced.get(id(t)) for t in tensors]
        return [ref if ref is not None else self.last for ref in found]

    def remember(self, tensors: list[Any], refs: list[Ref]) -> None:
        self.alive.extend(tensors)
        for tensor, ref in zip(tensors, refs, strict=False):
            self.produced[id(tensor)] = ref
        if refs:
            self.last = refs[0]
