"""The readability check: a diagram whose text its canvas would show below the floor says so.

Styles lay themselves out for their canvas (:mod:`nnviz_core.canvas`), but some networks cannot
be drawn legibly at that size without drawing less. :func:`check` runs once, after a style has
laid out a network (:func:`nnviz_core.api.render`, which every host and the CLI call), and warns
with a :class:`ReadabilityWarning` naming the effective size, the floor, the canvas and the
options that would help. It never fails a render, and ``fit: none`` (natural size) never warns.
"""

from __future__ import annotations

import math
import warnings
from typing import Any

from nnviz_core.canvas import (
    PX_PER_PT,
    Canvas,
    canvas_for,
    effective_text,
    host_scale,
    smallest_text,
)
from nnviz_core.detail import card_budget
from nnviz_core.ir import Graph
from nnviz_core.scene import Scene

__all__ = ["ReadabilityWarning", "check", "remark"]

#: A drawing more than this many times its canvas's width is not advised to be shown wider.
WIDER = 5.0
#: How each canvas is named in messages, with the unit its floor is documented in.
_PLACES = {"page": "page column", "slide": "slide", "paper": "printed page"}


class ReadabilityWarning(UserWarning):
    """A diagram's text would be read below its canvas's floor (drawn anyway).

    ``note`` is the remark without the network's name, for hosts that already point at the
    diagram; ``kind`` is what hosts call it (Sphinx: ``nnviz.readability``, which
    ``suppress_warnings`` accepts).
    """

    kind = "readability"

    def __init__(self, source: str, note: str) -> None:
        super().__init__(f"{source}: {note}")
        self.source = source
        self.note = note


def check(scene: Scene, graph: Graph, style: str, options: Any) -> None:
    """Warn when ``scene``'s smallest text, as its canvas shows it, is below that canvas's floor.

    ``options`` are the style's; a style without a ``fit`` option (training curves) or
    ``fit: none`` is not checked.
    """
    found = remark(scene, graph, style, options)
    if found is not None:
        warnings.warn(ReadabilityWarning(graph.name or "diagram", found), stacklevel=3)


def shown_text(scene: Scene, options: Any) -> float:
    """The smallest text of ``scene`` as its canvas shows it (infinite: nothing to check)."""
    canvas = _canvas(options)
    shown = None if canvas is None else effective_text(scene, canvas)
    return math.inf if shown is None else shown


def legible(scene: Scene, options: Any) -> bool:
    """Whether ``scene`` keeps its canvas's text floor, or at least is not shrunk below it:
    text drawn that small is no larger with fewer layers (always true without a canvas)."""
    canvas = _canvas(options)
    if canvas is None:
        return True
    return canvas.keeps(effective_text(scene, canvas)) or host_scale(scene, canvas) >= 1.0


def remark(scene: Scene, graph: Graph, style: str, options: Any) -> str | None:
    """What :func:`check` would say about ``scene``, or ``None`` when it is legible."""
    canvas = _canvas(options)
    shown = None if canvas is None else effective_text(scene, canvas)
    if canvas is None or shown is None or canvas.keeps(shown):
        return None
    if host_scale(scene, canvas) >= 1.0:  # drawn that small: fewer layers would not help
        return (
            f"{_problem(scene, canvas, shown)}; the {style} style draws text of this size "
            "whatever the canvas; `fit: none` draws it at its natural size without this check"
        )
    return f"{_problem(scene, canvas, shown)}; {_help(scene, graph, style, options, canvas)}"


def _canvas(options: Any) -> Canvas | None:
    """The canvas a style's options draw for; ``None`` for ``fit: none`` or a style without
    one (training curves): nothing to check."""
    fit = getattr(options, "fit", None)
    if fit is None or fit == "none":
        return None
    return canvas_for(fit, getattr(options, "width", None))


def _problem(scene: Scene, canvas: Canvas, shown: float) -> str:
    """``its smallest text reads at 4.3 px …, below the 9 px floor``."""
    place = f"a {canvas.width:g} px {_PLACES[canvas.fit]}"
    if canvas.fits_height and canvas.height is not None:
        place = f"a {canvas.width:g}×{canvas.height:g} px {_PLACES[canvas.fit]}"
    scale = host_scale(scene, canvas)
    drawn = smallest_text(scene) or shown
    if scale < 1.0:
        how = (
            f"its {drawn:g} px text reads at {shown:.1f} px once this {scene.width:.0f}×"
            f"{scene.height:.0f} px drawing is shrunk to fit {place}"
        )
    else:
        how = f"its smallest text, {drawn:g} px, is too small for {place}"
    return f"{how}, below the {_floor(canvas)} floor there"


def _floor(canvas: Canvas) -> str:
    if canvas.fit == "page":
        return f"{canvas.floor:g} px"
    return f"{canvas.floor / PX_PER_PT:g} pt ({canvas.floor:.1f} px)"


def _help(scene: Scene, graph: Graph, style: str, options: Any, canvas: Canvas) -> str:
    """The options that would help, those this style has and that are not already set."""
    fewer: list[str] = []
    depth = getattr(options, "depth", None)
    if graph.groups and (depth is None or depth > 1):
        fewer.append("`depth: 1` (nested groups as one layer each)")
    elif graph.groups and depth == 1:
        fewer.append("`depth: 0` (top-level groups as one layer each)")
    repeats = any(group.kind == "repeat" for group in graph.groups)
    if repeats and hasattr(options, "fold_repeats") and not options.fold_repeats:
        fewer.append("`fold_repeats: true`")
    if hasattr(options, "elide") and not options.elide:
        fewer.append("`elide: true`")
    if getattr(options, "detail", None) == "full":  # `auto` has already drawn what it can
        fewer.append(f"`detail: auto` (at most {card_budget(options)} layers)")
    # Nothing folds: say so rather than send the reader to options that do nothing.
    advice = [
        f"draw fewer layers with {_listed(fewer)}"
        if fewer
        else "it has no groups or repeated blocks to fold (give them in the source)"
    ]
    if scene.width <= WIDER * canvas.width:  # far wider than that is no place to show it
        width = f"`width: {scene.width:.0f}`" if scene.width > 200 else "`width`"
        advice.append(
            f"if it is shown wider than that, say how wide ({width}; on a docs site, the "
            "site's `width` setting)"
        )
    return (
        f"to keep the {style} diagram legible, {', or, '.join(advice)}; `fit: none` draws it "
        "at its natural size without this check"
    )


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
