"""The other drawings a page carries for its viewer: the same network with more of it open.

A first view under ``detail: auto`` folds repeats and collapses nested groups to stay readable.
The viewer lets a reader open them again, and every drawing it switches to is a whole drawing
by the style, so an opened group looks exactly like a static render. Two kinds are carried:

* one group opened: for each group the first view draws as a card, the same view with that card
  opened one level (its own groups still closed), so a click opens that group alone;
* levels: the whole network one ``depth`` deeper at a time, then every group open, then repeats
  unfolded, for opening several groups at once and for unfolding a repeat.

Drawings are cheaper than a layout computed in the browser and as clean as the static render,
at the cost of page weight: a drawing the same as one already carried is dropped, as is one
larger than :data:`MAX_LEVEL_BYTES` (with the finer levels after it) or one that would take the
drawings past :data:`MAX_TOTAL_BYTES` in all; at most :data:`MAX_LEVELS` levels and
:data:`MAX_OPENED` one-group drawings are carried.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from dataclasses import replace
from typing import Any, Protocol

from nnviz_core import registry
from nnviz_core.budget import check_drawable
from nnviz_core.errors import NnvizError
from nnviz_core.ir import Graph
from nnviz_core.ir.transforms import collapse, collapse_groups, group_depth
from nnviz_core.options import RenderOptions, StyleOptions
from nnviz_core.scene import Scene

__all__ = [
    "MAX_LEVELS",
    "MAX_LEVEL_BYTES",
    "MAX_OPENED",
    "MAX_TOTAL_BYTES",
    "Drawing",
    "finer_options",
    "levels",
    "one_opened",
]

#: Finer levels a page carries at most, beyond its first view.
MAX_LEVELS = 3
#: Cards of a first view that get a drawing with that card alone opened (none past this many).
MAX_OPENED = 12
#: A finer drawing larger than this (bytes of SVG) is not carried, nor any after it.
MAX_LEVEL_BYTES = 1_500_000
#: The other drawings of one diagram stop before they pass this many bytes of SVG in all.
MAX_TOTAL_BYTES = 3_000_000


class Drawing(Protocol):
    """What the viewer reads of a drawn diagram (an :class:`nnviz_core.Diagram`): the network,
    the style and the options it was laid out with, its scene and its SVG."""

    @property
    def graph(self) -> Graph | None: ...
    @property
    def style(self) -> str: ...
    @property
    def style_options(self) -> Any: ...
    @property
    def options(self) -> RenderOptions: ...
    @property
    def scene(self) -> Scene: ...
    @property
    def svg(self) -> str: ...


def finer_options(graph: Graph, fitted: Any) -> Iterator[Any]:
    """Options drawing more of ``graph`` than ``fitted``, one step at a time: a depth deeper,
    down to every group open, then repeats unfolded."""
    if not isinstance(fitted, StyleOptions):
        return
    depth = fitted.depth
    if depth is not None and graph.groups:
        deepest = max(group_depth(graph, group) for group in graph.groups)
        for finer in range(depth + 1, deepest):
            yield replace(fitted, depth=finer)
        yield replace(fitted, depth=None)
    if fitted.fold_repeats and any(group.kind == "repeat" for group in graph.groups):
        yield replace(fitted, depth=None, fold_repeats=False)


def one_opened(graph: Graph, fitted: Any) -> Iterator[Graph]:
    """For a first view that draws groups as cards (a ``depth``), the graph with each card in
    turn opened one level and every other card closed; nothing past :data:`MAX_OPENED` cards,
    nor for a single card (the next level opens it alone already)."""
    if not isinstance(fitted, StyleOptions) or fitted.depth is None:
        return
    depth = fitted.depth
    cards = [
        group
        for group in graph.groups
        if group_depth(graph, group) == depth + 1 and group.kind != "iteration"
    ]
    if not 2 <= len(cards) <= MAX_OPENED:
        return
    for card in cards:
        others = [group for group in cards if group.id != card.id]
        yield collapse(collapse_groups(graph, others), depth + 1)


def levels(diagram: Drawing, svg: str) -> list[str]:
    """The other drawings of ``diagram`` (drawn as ``svg``) as SVG text: the finer levels,
    coarsest first, then each card opened alone (none for a figure that is not of a network,
    or a style without levels of detail)."""
    graph, fitted = diagram.graph, diagram.style_options
    if graph is None or fitted is None:
        return []
    drawn: list[str] = []
    seen = {svg}
    for options in list(finer_options(graph, fitted))[:MAX_LEVELS]:
        if not _add(diagram, graph, options, seen, drawn):
            break
    whole = replace(fitted, depth=None) if isinstance(fitted, StyleOptions) else fitted
    for opened in one_opened(graph, fitted):
        if not _add(diagram, opened, whole, seen, drawn):
            break
    return drawn


def _add(diagram: Drawing, graph: Graph, options: Any, seen: set[str], drawn: list[str]) -> bool:
    """Draw ``graph`` with ``options`` and keep it unless it repeats a drawing; ``False`` when
    it is too large to draw or to carry (nor is anything finer worth trying)."""
    style = registry.style(diagram.style)
    try:
        check_drawable(graph, diagram.style, options)
        with warnings.catch_warnings():  # the first view already said what it had to
            warnings.simplefilter("ignore")
            svg = bytes(
                registry.backend("svg").render(style.layout(graph, options), diagram.options)
            )
    except NnvizError:
        return False
    if len(svg) > MAX_LEVEL_BYTES or len(svg) + sum(map(len, drawn)) > MAX_TOTAL_BYTES:
        return False
    text = svg.decode("utf-8")
    if text not in seen:  # the same picture (a step that changed nothing drawn)
        seen.add(text)
        drawn.append(text)
    return True
