"""Laying the fcnn drawing out for its canvas (a docs column, a slide, a printed page).

A host shrinks a drawing wider than its canvas, and its text with it, so instead the layout
re-lays itself until it fits: layers move closer along the flow (down to :data:`MIN_GAP`
between neurons of neighbouring layers) and, across it, fewer neurons are drawn before the
ellipsis (never fewer than :data:`MIN_NEURONS` for the largest layer), which keeps the layers'
relative heights. A canvas whose floor is above the style's smallest text (a slide's 10 pt)
is laid out that much smaller and the drawing zoomed, so every part grows alike. What cannot
be fitted even so says so in a warning naming the options that would help.
"""

from __future__ import annotations

import math
import warnings
from collections import Counter
from dataclasses import replace

from nnviz_core.canvas import Canvas, canvas_for, effective_text, smallest_text
from nnviz_core.ir import Graph
from nnviz_core.scene import Scene
from nnviz_core.zoom import for_text, zoomed

from .compose import compose
from .elements import Plan
from .options import FcnnOptions
from .place import ranks, topological
from .weights import WeightSource

#: Least room left between the neurons of neighbouring layers when they move closer, in px.
MIN_GAP = 40.0
#: The fewest neurons the largest layer keeps when a short canvas has room for no more.
MIN_NEURONS = 2
#: Re-layouts tried before the closest one is kept (each step is computed, not guessed).
_ROUNDS = 6


def fitted(graph: Graph, plan: Plan, options: FcnnOptions, weights: WeightSource | None) -> Scene:
    """The drawing laid out for ``options.fit`` (as it always was with ``fit: none``)."""
    scene = compose(graph, plan, options, weights)
    if options.fit == "none":
        return scene
    canvas = canvas_for(options.fit, options.width)
    zoom, box = for_text(canvas, smallest_text(scene) or 0.0)
    width = box.width
    height = math.inf if box.height is None else box.height
    order = topological(plan)
    rank = ranks(plan, order)
    levels = max(rank.values(), default=0) + 1
    stacked = max(Counter(rank.values()).values(), default=1)

    def over(scene: Scene) -> tuple[float, float]:
        """How far ``scene`` passes the canvas along the flow and across it, in px."""
        over_x = scene.width - width
        over_y = scene.height - height if canvas.fits_height else 0.0
        return (over_x, over_y) if options.direction == "LR" else (over_y, over_x)

    current = options
    for _ in range(_ROUNDS):
        tighter = _tighter(current, *over(scene), levels, stacked)
        if tighter == current:
            break
        current = tighter
        scene = compose(graph, plan, current, weights)
    # Cutting neurons is estimated in whole steps; give back those the canvas has room for.
    while current.max_neurons < options.max_neurons and max(over(scene)) <= 0.5:
        roomier = replace(current, max_neurons=current.max_neurons + 1)
        tried = compose(graph, plan, roomier, weights)
        if max(over(tried)) > 0.5:
            break
        current, scene = roomier, tried
    scene = zoomed(scene, zoom)
    _warn_if_unreadable(scene, canvas, graph.name)
    return scene


def _tighter(
    options: FcnnOptions, over_main: float, over_cross: float, levels: int, stacked: int
) -> FcnnOptions:
    """Options that take ``over_main`` px off along the flow and ``over_cross`` across it."""
    spacing, most = options.layer_spacing, options.max_neurons
    least_spacing = 2 * options.node_radius + MIN_GAP
    if over_main > 0.5 and levels > 1 and spacing > least_spacing:
        spacing = max(least_spacing, math.floor(spacing - over_main / (levels - 1)))
    if over_cross > 0.5 and most > MIN_NEURONS:
        pitch = 2 * options.node_radius + options.node_spacing
        drop = max(1, math.ceil(over_cross / pitch / stacked))
        most = max(MIN_NEURONS, most - drop)
    return replace(options, layer_spacing=float(spacing), max_neurons=most)


def _warn_if_unreadable(scene: Scene, canvas: Canvas, name: str) -> None:
    read = effective_text(scene, canvas)
    if read is None or read >= canvas.floor - 0.05:
        return
    warnings.warn(
        f"fcnn: {name!r} does not fit a {canvas.fit} of {canvas.width:g} px with legible text "
        f"(its text would be read at {read:.1f} px, under the {canvas.floor:.1f} px floor); "
        "draw fewer layers with `depth` or `fold_repeats`, captions with `labels: sizes`, "
        "`direction: TB`, or give a larger `width`",
        stacklevel=2,
    )
