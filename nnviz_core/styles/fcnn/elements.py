"""What the fcnn style draws, as plain data: neuron columns, summary boxes, panels, the plan.

:mod:`.plan` and :mod:`.regions` build a :class:`Plan`; :mod:`.panels`, :mod:`.labels` and the
layout read it. Keeping the types here lets each of those import them without importing the
others.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from nnviz_core.ir import Category

ColumnKind = Literal["input", "hidden", "output", "features", "merge"]


@dataclass(frozen=True)
class Column:
    """One drawn column of neurons; ``node`` is the IR node it stands for."""

    id: str
    node: str
    kind: ColumnKind
    size: int | None
    category: Category
    title: str
    color: str | None = None
    activation: str | None = None
    repeat: int = 1
    bias: bool = True
    via: str | None = None
    weights: str | None = None
    note: str | None = None
    extras: tuple[str, ...] = ()


@dataclass(frozen=True)
class Box:
    """A non-dense part of the network drawn as one labelled box."""

    id: str
    nodes: tuple[str, ...]
    title: str
    lines: tuple[str, ...]
    category: Category
    output: str = ""


@dataclass(frozen=True)
class Panel:
    """A labelled panel behind the columns of one group (``Encoder``, ``Decoder``)."""

    id: str
    label: str
    columns: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    """Columns and boxes (together: elements), the links between them, and a stable order.

    ``order`` lists every element id by where its first layer sits in the graph, so ties in the
    layout always break the same way.
    """

    columns: tuple[Column, ...]
    boxes: tuple[Box, ...]
    links: tuple[tuple[str, str], ...]
    order: tuple[str, ...]
    panels: tuple[Panel, ...] = ()
