"""The layouts a tight canvas tries, in order, when the first one's text reads too small.

A slide or a page of paper shrinks a drawing to its box. When no row count keeps the text at
the canvas's floor, the tensor styles give up other things, one at a time, before the text:
the shapes and gaps shrink step by step, long caption lines break (first only the longest,
then every one past a word), captions move beside stacked branches, and finally the small size
labels grow to the captions' size (a label smaller than the captions sets the zoom that brings
it to the floor, and so enlarges every caption and shape with it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from typing import Literal, TypeVar

from nnviz_core.options import StyleOptions
from nnviz_core.styles.tensor.captions import narrowed
from nnviz_core.styles.tensor.structure import Structure

#: How much smaller tensors (and the gaps between them) may be drawn, step by step.
SHAPE_STEPS = (0.85, 0.72, 0.6, 0.5, 0.42, 0.35, 0.3)
#: The least share of its usual height the gap between rows keeps (their turns run there).
ROW_GAP_LEAST = 0.6
#: How captions are set: under the tensor (as on a page), under it with lines past a width
#: broken at spaces (``narrow``: the long ones; ``narrowest``: all but single words), or beside
#: it (stacked parallel branches trade width they have for height they lack).
Captions = Literal["under", "narrow", "narrowest", "beside"]
#: The widest a caption line may run, in px, before each kind of narrow caption breaks it.
LINE_WIDTHS: dict[Captions, float] = {"narrow": 100.0, "narrowest": 56.0}

Opts = TypeVar("Opts", bound=StyleOptions)
Drawing = TypeVar("Drawing")


@dataclass(frozen=True)
class Try:
    """One layout: the shapes' scale, how captions are set, and whether labels are even."""

    factor: float = 1.0
    captions: Captions = "under"
    #: Size labels at the captions' size rather than smaller.
    even: bool = False

    def caption(self, lines: tuple[str, ...]) -> tuple[str, ...]:
        """``lines`` as this try sets them."""
        width = LINE_WIDTHS.get(self.captions)
        return lines if width is None else narrowed(lines, width)

    def row_gap(self, usual: float) -> float:
        """The gap between rows: it shrinks with the shapes, down to room for the turns."""
        return usual * max(self.factor, ROW_GAP_LEAST)

    def options(self, options: Opts, geometry: tuple[str, ...]) -> Opts:
        """``options`` with the ``geometry`` sizes scaled by :attr:`factor`, kept within
        their declared minimums."""
        if self.factor == 1.0:
            return options
        lows = {item.name: item.metadata.get("minimum") for item in fields(options)}
        changes = {}
        for name in geometry:
            low = lows.get(name) or 0.0
            changes[name] = max(float(low), getattr(options, name) * self.factor)
        return replace(options, **changes)


FIRST = Try()


def tries(struct: Structure) -> list[Try]:
    """The layouts tried after the first, in order of preference: at each size of the
    shapes, captions set ever narrower; the even labels last, as they cost the drawing its
    hierarchy of text."""
    sets: list[Captions] = ["under", "narrow", "narrowest"]
    if any(struct.lane.values()):
        sets.append("beside")
    every = [
        Try(factor, captions, even)
        for even in (False, True)
        for factor in (1.0, *SHAPE_STEPS)
        for captions in sets
    ]
    return every[1:]  # the first is the layout already drawn


def lightest(struct: Structure) -> list[Try]:
    """The last tries of :func:`tries`: the smallest shapes and even labels, with captions
    set each way (which changes the rows); the most any try can gain."""
    return [t for t in tries(struct) if t.factor == SHAPE_STEPS[-1] and t.even]


def search(
    struct: Structure,
    draw: Callable[[Try], Drawing],
    shown: Callable[[Drawing], float],
    keeps: Callable[[float], bool],
) -> tuple[Drawing, float]:
    """The first try (in :func:`tries`' order) whose drawing's ``shown`` text ``keeps`` the
    floor, and that text, found in a few drawings (each measured once): the lightest tries
    first (when none keeps it, no other can do much better: the largest of them is returned),
    then halving the tries before the first of them that keeps it (lighter tries keep it more
    often than heavier ones)."""
    order = tries(struct)

    def measured(attempt: Try) -> tuple[Drawing, float]:
        drawing = draw(attempt)
        return drawing, shown(drawing)

    found = {order.index(probe): measured(probe) for probe in lightest(struct)}
    keeping = [index for index, (_, text) in sorted(found.items()) if keeps(text)]
    if not keeping:
        return max(found.values(), key=lambda entry: entry[1])
    low, high = 0, keeping[0]
    while low < high:
        middle = (low + high) // 2
        found[middle] = measured(order[middle])
        if keeps(found[middle][1]):
            high = middle
        else:
            low = middle + 1
    return found[high]
