"""The finer levels of detail a page carries for its viewer: the same network drawn deeper.

A first view under ``detail: auto`` folds repeats and collapses nested groups to stay readable.
The viewer lets a reader open them again, and each level it switches to is a whole drawing by
the style at that detail (one ``depth`` deeper each time, then every group open, then repeats
unfolded), so an expanded group looks exactly like a static render at that depth. Levels are
cheaper than a layout computed in the browser and as clean as the static render, at the cost
of page weight: each level is a full SVG, so only :data:`MAX_LEVELS` are kept, and a level is
dropped when it would pass :data:`MAX_LEVEL_BYTES` or draw the same picture as the one before.
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
from nnviz_core.ir.transforms import group_depth
from nnviz_core.options import RenderOptions, StyleOptions
from nnviz_core.scene import Scene

__all__ = ["MAX_LEVELS", "MAX_LEVEL_BYTES", "Drawing", "finer_options", "levels"]

#: Finer drawings a page carries at most, beyond its first view.
MAX_LEVELS = 3
#: A finer drawing larger than this (bytes of SVG) is not carried, nor any after it.
MAX_LEVEL_BYTES = 1_500_000


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


def levels(diagram: Drawing) -> list[str]:
    """The finer drawings of ``diagram`` as SVG text, coarsest first (none for a figure that is
    not of a network, or a style without levels of detail)."""
    graph, fitted = diagram.graph, diagram.style_options
    if graph is None or fitted is None:
        return []
    style = registry.style(diagram.style)
    backend = registry.backend("svg")
    drawn: list[str] = []
    seen = {diagram.svg}
    for options in finer_options(graph, fitted):
        if len(drawn) == MAX_LEVELS:
            break
        try:
            check_drawable(graph, diagram.style, options)
            with warnings.catch_warnings():  # the first view already said what it had to
                warnings.simplefilter("ignore")
                svg = bytes(backend.render(style.layout(graph, options), diagram.options))
        except NnvizError:
            break  # too large to draw: nor is anything finer
        if len(svg) > MAX_LEVEL_BYTES:
            break
        text = svg.decode("utf-8")
        if text not in seen:  # the same picture (a step that changed nothing drawn)
            seen.add(text)
            drawn.append(text)
    return drawn
