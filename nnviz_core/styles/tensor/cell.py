"""What a tensor style draws for one tensor: a cell at the origin and where edges attach."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from nnviz_core.scene import Item, Point, moved


@dataclass(frozen=True)
class Cell:
    """One tensor drawn with its top-left at (0, 0), and where edges attach to it."""

    items: tuple[Item, ...]
    width: float
    height: float
    axis: float
    left: float
    right: float
    top: Point
    caption: tuple[str, ...] = ()
    #: Draws the cell's items with its top-left at (x, y); cheaper than moving ``items``.
    draw: Callable[[float, float], tuple[Item, ...]] | None = None
    #: Where a skip may arrive from below (only cells with nothing drawn under them).
    bottom: Point | None = None
    #: How far the cell's body reaches below its axis, and the same cell with what it writes
    #: under its body set that far below the axis (at least its own reach): the cells of a
    #: row's lane share one label line, the deepest body's (``None``: nothing to align).
    reach: float = 0.0
    relabel: Callable[[float], Cell] | None = None

    def drawn(self, x: float, y: float) -> list[Item]:
        if self.draw is not None:
            return list(self.draw(x, y))
        return [moved(item, x, y) for item in self.items]
