"""The Graphviz graph of a transformed graph: fixed-size nodes (our cards) and labelled clusters.

:func:`dot_graph` builds it once as plain data (:class:`~nnviz_core.dotgraph.DotGraph`); the
engine reads its layout-only text, and the ``dot`` format and ``to_dot`` its full text, where
nodes carry their text and light-theme colours so it renders sensibly on its own. Node and
cluster names are positional (``n0``, ``cluster_c0``), valid DOT whatever a layer is called.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import cast

from nnviz_core.dotgraph import (
    Attrs,
    DotCluster,
    DotEdge,
    DotGraph,
    DotNode,
    Layered,
    NodePaint,
)
from nnviz_core.ir import Graph, Group
from nnviz_core.styles.graph.cards import Card, paints
from nnviz_core.styles.graph.options import GraphOptions
from nnviz_core.text import font_family, text_width
from nnviz_core.theme import resolve

#: Points per pixel: we hand Graphviz pixel sizes as points, so its coordinates are our pixels.
_INCH = 72.0
ARROW_LENGTH = 7.0
CLUSTER_LABEL_SIZE = 11.0
CLUSTER_LABEL_HEIGHT = 18.0
#: Space Graphviz keeps between a cluster's frame and what it holds: 16 px and one for the
#: engine rounding boxes to whole points (its default, 8, crowds).
CLUSTER_MARGIN = 17.0
#: Graphviz edge weight of main-line edges (skips get 1), so the backbone stays straight.
MAIN_WEIGHT = 4
#: Graphviz group of the main line's nodes (see :func:`_backbone`).
MAIN_GROUP = "main"


#: Node and edge defaults: those that shape the layout, then those that only paint.
def _node_defaults() -> Layered:
    """In the active theme's font (Graphviz is told it; the sizes are ours)."""
    return Layered(
        {"fixedsize": "true"},
        {
            "style": "rounded,filled",
            "fontname": font_family(),
            "fontsize": "10",
            "margin": "0.1,0.05",
        },
    )


def _edge_defaults() -> Layered:
    """Edges in the active theme's light edge colour (the dot source is one fixed drawing)."""
    return Layered(
        {"arrowsize": f"{ARROW_LENGTH / 10:.2f}", "penwidth": "1.3"},
        {"color": resolve("edge", "light")},
    )


@dataclass(frozen=True)
class Cluster:
    """A group drawn as a box: its DOT name and the label text (name bold, mark plain)."""

    group: Group
    dot_name: str
    name: str
    mark: str

    @property
    def label_width(self) -> float:
        width = text_width(self.name, CLUSTER_LABEL_SIZE, "bold")
        if self.mark:
            width += text_width(" " + self.mark, CLUSTER_LABEL_SIZE)
        return float(int(width) + 1)


def node_names(graph: Graph) -> dict[str, str]:
    """Node id → DOT name."""
    return {node.id: f"n{index}" for index, node in enumerate(graph.nodes)}


def clusters(graph: Graph, options: GraphOptions) -> dict[str, Cluster]:
    """Group id → cluster, for the groups drawn as boxes.

    With ``expand_nested`` every group is boxed except the lone iteration of a folded repeat;
    without it only folded repeats are, because their ×N mark needs a frame.
    """
    iterations = Counter(g.parent for g in graph.groups if g.kind == "iteration")
    found: dict[str, Cluster] = {}
    for group in graph.groups:
        folded = group.kind == "repeat" and group.count > 1 and iterations[group.id] < 2
        if group.kind == "iteration" and iterations[group.parent] < 2:
            continue
        if not (options.expand_nested or folded):
            continue
        mark = f"×{group.count}" if group.kind == "repeat" and group.count > 1 else ""
        name = group.label or group.kind
        found[group.id] = Cluster(group, f"c{len(found)}", name, mark)
    return found


def _node_label(card: Card) -> str:
    """Plain-text label for stand-alone DOT renders (the engine ignores it: sizes are fixed).

    Box cards only: a compact merge circle's label is its symbol.
    """
    content = card.content
    lines = [" ".join(filter(None, (content.title, content.subtitle)))]
    lines += [f"{row.key} {row.value}".strip() for row in content.rows]
    return "\\l".join([line.replace("\\", "\\\\") for line in lines]) + "\\l"


def _inches(pixels: float) -> str:
    return f"{pixels / _INCH:.4f}"


def _node(name: str, card: Card, group: str = "") -> DotNode:
    """A card as a fixed-size node: a box, or a circle around a compact merge's symbol;
    ``group`` puts it on the main line, which Graphviz keeps straight."""
    shape = "box" if card.content.symbol is None else "circle"
    return DotNode(name, shape, _inches(card.width), _inches(card.height), card, group)


def paint_node(source: object) -> NodePaint:
    """A node's label and light-theme colours, from the card :func:`_node` kept as its source.

    Only the full DOT text asks for them, so a render that writes SVG never builds them.
    """
    card = cast(Card, source)
    fill, stroke, _ = paints(card.node)
    symbol = card.content.symbol
    label = _node_label(card) if symbol is None else symbol
    return NodePaint(label, resolve(fill, "light"), resolve(stroke, "light"))


def _cluster_label(cluster: Cluster) -> str:
    """An HTML label of exactly our measured size, so every engine reserves the same space."""
    mark = f" {html.escape(cluster.mark)}" if cluster.mark else ""
    return (
        '<<table border="0" cellpadding="0" cellspacing="0"><tr>'
        f'<td fixedsize="true" width="{cluster.label_width:.0f}" '
        f'height="{CLUSTER_LABEL_HEIGHT:.0f}" align="left">'
        f"<b>{html.escape(cluster.name)}</b>{mark}</td></tr></table>>"
    )


def _cluster_attributes(cluster: Cluster) -> Attrs:
    return {
        "label": _cluster_label(cluster),
        "labeljust": "l",
        "style": "dashed,rounded",
        "fontsize": f"{CLUSTER_LABEL_SIZE:g}",
        "margin": f"{CLUSTER_MARGIN:g}",
    }


def _innermost(chain: tuple[Group, ...], boxed: Mapping[str, Cluster]) -> str | None:
    """The innermost boxed group of a chain of enclosing groups (outermost first)."""
    for group in reversed(chain):
        if group.id in boxed:
            return group.id
    return None


def _graph_attributes(options: GraphOptions) -> Layered:
    layout = {
        "rankdir": options.rankdir,
        "splines": options.splines,
        "nodesep": f"{options.nodesep / _INCH:.4f}",
        "ranksep": f"{options.ranksep / _INCH:.4f}",
        "ordering": "out",
        "fontname": font_family(),
    }
    return Layered(layout, {"bgcolor": "transparent"})


def dot_graph(
    graph: Graph, cards: Mapping[str, Card], boxed: Mapping[str, Cluster], options: GraphOptions
) -> DotGraph:
    """The DOT graph as data: ``boxed`` clusters nest as their groups do, every node sits in
    its innermost boxed group, edges follow in the graph's order."""
    names = node_names(graph)
    inner: dict[str | None, list[str]] = {}
    for group_id, cluster in boxed.items():
        parent = _innermost(graph.group_chain(cluster.group), boxed)
        inner.setdefault(parent, []).append(group_id)
    main = main_inputs(graph)
    backbone = _backbone(graph, main)
    members: dict[str | None, list[DotNode]] = {}
    for node in graph.nodes:
        home = _innermost(graph.group_chain(node), boxed) if boxed else None
        group = MAIN_GROUP if node.id in backbone else ""
        members.setdefault(home, []).append(_node(names[node.id], cards[node.id], group))

    def clusters_in(group_id: str | None) -> tuple[DotCluster, ...]:
        return tuple(
            DotCluster(
                boxed[child].dot_name,
                _cluster_attributes(boxed[child]),
                clusters_in(child),
                tuple(members.get(child, [])),
            )
            for child in inner.get(group_id, [])
        )

    edges = tuple(
        DotEdge(names[source], names[target], MAIN_WEIGHT if main.get(target) == source else 1)
        for source, target in unique_edges(graph)
    )
    return DotGraph(
        "nnviz",
        _graph_attributes(options),
        _node_defaults(),
        _edge_defaults(),
        clusters_in(None),
        tuple(members.get(None, [])),
        edges,
        paint_node,
    )


def main_inputs(graph: Graph) -> dict[str, str]:
    """Each node's deepest producer: its edge is the main line, kept straight; skips may bend.

    Depth is the longest path from an input, so in ``add(shortcut, main)`` the longer branch
    wins, and in a U-Net the decoder, not the skip, runs straight into each ``concat``. Equally
    deep branches (Inception) tie, and the merge centres under all of them.
    """
    incoming: dict[str, list[str]] = {}
    for edge in graph.edges:
        if edge.target in incoming:
            incoming[edge.target].append(edge.source)
        else:
            incoming[edge.target] = [edge.source]
    depth: dict[str, int] = {}
    main: dict[str, str] = {}
    for node in graph.nodes:
        sources = incoming.get(node.id)
        if sources is None:
            depth[node.id] = 1
        elif len(sources) == 1:  # the common case: one producer is the main line
            depth[node.id] = 1 + depth.get(sources[0], 0)
            main[node.id] = sources[0]
        else:
            depths = [depth.get(source, 0) for source in sources]
            deepest = max(depths)
            depth[node.id] = 1 + deepest
            if depths.count(deepest) == 1:  # a tie (parallel branches) has no main line
                main[node.id] = sources[depths.index(deepest)]
    return main


def _backbone(graph: Graph, main: Mapping[str, str]) -> set[str]:
    """The main line: from the last layer back through each one's main input.

    Its nodes share a Graphviz ``group``, so the engine keeps them on one axis: without it,
    every stage with a side branch (a ResNet downsample) pushes the line further aside.
    """
    if not graph.nodes:
        return set()
    found: set[str] = set()
    current: str | None = graph.nodes[-1].id
    while current is not None and current not in found:
        found.add(current)
        current = main.get(current)
    return found if len(found) > 1 else set()


def unique_edges(graph: Graph) -> list[tuple[str, str]]:
    """(source, target) pairs in edge order, each once: parallel tensors share one arrow."""
    return list(dict.fromkeys((edge.source, edge.target) for edge in graph.edges))
