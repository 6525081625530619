"""The ``graph`` style: layered node cards laid out by Graphviz (Keras ``plot_model`` and more).

Pipeline: transform the graph (collapse to ``depth``, fold repeats, drop hidden layers, fold
wide fans of interchangeable layers into one card), measure each card with our font metrics,
build the Graphviz graph with those fixed sizes, let the engine place nodes, clusters and
splines (``-Tjson0``) from its layout-only text, and draw the Scene from its answer. The Scene
keeps the Graphviz graph as data: its full text is written only for the ``dot`` format, and
``to_dot`` builds a ``pydot.Dot`` from it.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from nnviz_core.canvas import Canvas, canvas_for, effective_text, host_scale
from nnviz_core.dotgraph import for_layout
from nnviz_core.ir import Graph
from nnviz_core.ir.fans import fold_fans
from nnviz_core.ir.transforms import collapse, fold_repeats, visible
from nnviz_core.scene import Scene
from nnviz_core.styles.graph.cards import Card, measure, with_panel
from nnviz_core.styles.graph.compose import SMALLEST, Prepared, compose, draw_cards, too_wide
from nnviz_core.styles.graph.dotgen import clusters, dot_graph
from nnviz_core.styles.graph.engine import layout_size, resolve_engine, run_engine
from nnviz_core.styles.graph.labels import card_content
from nnviz_core.styles.graph.lighter import compacted, lighter
from nnviz_core.styles.graph.options import GraphOptions
from nnviz_core.zoom import for_text, zoomed

if TYPE_CHECKING:
    import pydot

__all__ = [
    "STYLE",
    "GraphOptions",
    "GraphStyle",
    "Prepared",
    "place",
    "prepare",
    "to_dot",
    "transform",
]


def transform(graph: Graph, options: GraphOptions) -> Graph:
    """The graph as drawn: collapsed to ``depth``, repeats folded, hidden layers bridged."""
    if options.depth is not None:
        graph = collapse(graph, options.depth)
    if options.fold_repeats:
        graph = fold_repeats(graph)
    return visible(graph)


def prepare(graph: Graph, options: GraphOptions) -> Prepared:
    """Everything the engine needs: transforms, measured cards, clusters, the Graphviz graph."""
    total = graph.total_params
    shown, fans = fold_fans(transform(graph, options), options.fold_fans)
    cards: dict[str, Card] = {
        node.id: measure(node, card_content(node, options, total, shown.layout, fans.get(node.id)))
        for node in shown.nodes
    }
    if options.pictures is not None:  # real activations at the cards' feet
        cards = {key: with_panel(card, options.pictures) for key, card in cards.items()}
    boxed = clusters(shown, options)
    return Prepared(shown, cards, boxed, total, dot_graph(shown, cards, boxed, options))


def place(prepared: Prepared, options: GraphOptions) -> Scene:
    """Lay out a prepared graph with the engine and draw the Scene from its answer.

    A canvas whose floor is above the text the cards draw (a slide's 10 pt is 13.3 px, the
    cards' smallest 11 px) is laid out as a box that much smaller, and the finished Scene is
    zoomed to the canvas (:mod:`nnviz_core.zoom`): a drawing that fits reads at the floor, with
    the proportions, gaps and line weights of its page drawing. Its ``dot`` stays the Graphviz
    graph the engine was given, card sizes as measured (what the ``dot`` format writes).
    """
    zoom, canvas = for_text(canvas_for(options.fit, options.width), SMALLEST)
    return zoomed(_placed(prepared, options, canvas), zoom)


def _placed(prepared: Prepared, options: GraphOptions, canvas: Canvas) -> Scene:
    """``prepared`` laid out and folded for ``canvas``, at the cards' own size.

    Cards need no positions, so they are drawn while Graphviz works: the engine is waited for in
    a thread, which holds no lock while it waits. ``benchmarks/bench_core.py`` shows why: drawing
    the cards is a fifth of a 1,000-layer render, the engine more than half.
    """
    command = resolve_engine(options.engine)
    with ThreadPoolExecutor(max_workers=1) as pool:
        answer = pool.submit(run_engine, command, for_layout(prepared.dot))
        drawn = draw_cards(prepared)
        result = answer.result()
    if too_wide(layout_size(result)[0], canvas):
        narrower = compacted(prepared, options)
        if narrower is not None:
            again = run_engine(command, for_layout(narrower.dot))
            if layout_size(again)[0] < layout_size(result)[0]:
                return compose(narrower, again, options, canvas=canvas)
    scene = compose(prepared, result, options, drawn, canvas=canvas)
    if canvas.fits_height:
        return _read_larger(scene, prepared, options, canvas, command)
    if canvas.height is None or _shown_height(scene, canvas) <= canvas.height:
        return scene
    # Too tall even folded (columns too wide to add one more): narrower cards may fold further.
    folded = _with_compact_cards(prepared, options, canvas, command)
    if folded is None:
        return scene
    legible = (effective_text(folded, canvas) or 0.0) >= canvas.floor
    return (
        folded
        if legible and _shown_height(folded, canvas) < _shown_height(scene, canvas)
        else scene
    )


def _read_larger(
    scene: Scene, prepared: Prepared, options: GraphOptions, canvas: Canvas, command: str
) -> Scene:
    """Where the picture is shrunk to fit its box (slide, paper), ``scene`` or, if its text is
    read below the floor there, the first lighter layout that keeps it (:mod:`.lighter`:
    narrower or shorter cards, so more of them fit the box), else the one read largest."""
    best, read = scene, effective_text(scene, canvas) or 0.0
    for trial, trial_options in lighter(prepared, options):
        if read >= canvas.floor:
            break
        answer = run_engine(command, for_layout(trial.dot))
        drawn = compose(trial, answer, trial_options, canvas=canvas)
        shown = effective_text(drawn, canvas) or 0.0
        if shown > read:
            best, read = drawn, shown
    return best


def _with_compact_cards(
    prepared: Prepared, options: GraphOptions, canvas: Canvas, command: str
) -> Scene | None:
    """The drawing laid out again with compact cards, or ``None`` if no card has keys."""
    narrower = compacted(prepared, options)
    if narrower is None:
        return None
    answer = run_engine(command, for_layout(narrower.dot))
    return compose(narrower, answer, options, canvas=canvas)


def _shown_height(scene: Scene, canvas: Canvas) -> float:
    return scene.height * host_scale(scene, canvas)


class GraphStyle:
    """Layered graph of node cards; positions and edge routes come from Graphviz."""

    name = "graph"
    description = "Layered graph of layer cards laid out by Graphviz (like Keras plot_model)."
    options = GraphOptions

    def layout(self, graph: Graph, options: GraphOptions) -> Scene:
        return place(prepare(graph, options), options)


STYLE = GraphStyle()


def to_dot(graph: Graph, **options: Any) -> pydot.Dot:
    """The Graphviz graph of ``graph`` as a ``pydot.Dot`` (Keras ``model_to_dot`` parity);
    ``options`` are the graph style's."""
    from nnviz_core.options import build
    from nnviz_core.styles.graph.pydot_export import to_pydot

    graph_options = build(GraphOptions, options, owner="style 'graph'")
    return to_pydot(prepare(graph, graph_options).dot)
