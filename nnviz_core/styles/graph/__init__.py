"""The ``graph`` style: layered node cards laid out by Graphviz (Keras ``plot_model`` and more).

Pipeline: transform the graph (collapse to ``depth``, fold repeats, drop hidden layers), measure
each card with our font metrics, write DOT with those fixed sizes, let the engine place nodes,
clusters and splines (``-Tjson0``), and draw the Scene from its answer. Only what the engine
needs comes before it: the cards are drawn in their own coordinates, and the full DOT of the
``dot`` format is written, while the engine runs in its process; the cards are placed when its
answer arrives.
"""

from __future__ import annotations

from typing import Any

import pydot

from nnviz_core.ir import Graph
from nnviz_core.ir.transforms import collapse, fold_repeats, visible
from nnviz_core.scene import Scene
from nnviz_core.styles.graph.cards import Card, measure
from nnviz_core.styles.graph.compose import Prepared, compose, draw_unplaced
from nnviz_core.styles.graph.dotgen import clusters, layout_source
from nnviz_core.styles.graph.dotwrite import to_pydot
from nnviz_core.styles.graph.engine import read_answer, resolve_engine, start_engine
from nnviz_core.styles.graph.labels import card_content
from nnviz_core.styles.graph.options import GraphOptions

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
    """Everything the engine needs: transforms, measured cards, clusters, the DOT it reads."""
    total = graph.total_params
    shown = transform(graph, options)
    cards: dict[str, Card] = {
        node.id: measure(node, card_content(node, options, total, shown.layout))
        for node in shown.nodes
    }
    boxed = clusters(shown, options)
    source = layout_source(shown, cards, boxed, options)
    return Prepared(shown, cards, boxed, total, options, source)


def place(prepared: Prepared, options: GraphOptions) -> Scene:
    """Run the engine on a prepared graph and draw the Scene from its answer.

    The engine is a separate process, so the cards and the full DOT, which need no positions,
    are made while it works instead of after it.
    """
    with start_engine(resolve_engine(options.engine), prepared.layout_source) as job:
        unplaced = draw_unplaced(prepared)
        prepared.dot_source  # noqa: B018  the full DOT needs no layout either: write it now
        output = job.finish()
    return compose(prepared, read_answer(output), options, unplaced)


class GraphStyle:
    """Layered graph of node cards; positions and edge routes come from Graphviz."""

    name = "graph"
    description = "Layered graph of layer cards laid out by Graphviz (like Keras plot_model)."
    options = GraphOptions

    def layout(self, graph: Graph, options: GraphOptions) -> Scene:
        return place(prepare(graph, options), options)


STYLE = GraphStyle()


def to_dot(source: Any, **options: Any) -> pydot.Dot:
    """The Graphviz graph of ``source`` as a ``pydot.Dot`` (Keras ``model_to_dot`` parity).

    ``source`` is anything :func:`nnviz_core.load` accepts; ``options`` are the graph style's.
    """
    from nnviz_core.api import load
    from nnviz_core.options import build

    graph_options = build(GraphOptions, options, owner="style 'graph'")
    return to_pydot(prepare(load(source), graph_options).dot())
