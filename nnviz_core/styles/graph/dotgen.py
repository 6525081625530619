"""The DOT source of a graph: fixed-size nodes (our measured cards) and labelled clusters.

The full source is what the ``dot`` format writes and ``to_dot`` returns, so it renders sensibly
on its own (``dot -Tsvg``): nodes carry their text and light-theme colours. Node and cluster names
are positional (``n0``, ``cluster_c0``), which keeps them valid DOT whatever the layer is called.

The full graph is computed as plain data (:func:`dot_graph`) that
:mod:`~nnviz_core.styles.graph.dotwrite` writes as text or as a ``pydot.Dot``. The engine itself
gets :func:`layout_source`, written straight from the graph: the same clusters, nodes and edges
without what cannot move a node or an edge (card text, colours, fonts). It is a fifth less for
Graphviz to read, measure and echo back, and the engine can start before the full graph exists.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from nnviz_core.ir import Graph, Group, Node
from nnviz_core.styles.graph.cards import Card, paints
from nnviz_core.styles.graph.dotwrite import (
    Attrs,
    DotGraph,
    DotScope,
    attribute_lines,
    attribute_list,
)
from nnviz_core.styles.graph.options import GraphOptions
from nnviz_core.text import FONT_FAMILY, text_width
from nnviz_core.theme import resolve

#: Points per pixel: we hand Graphviz pixel sizes as points, so its coordinates are our pixels.
_INCH = 72.0
ARROW_LENGTH = 7.0
CLUSTER_LABEL_SIZE = 11.0
CLUSTER_LABEL_HEIGHT = 18.0
#: Graphviz edge weight of main-line edges (skips get 1), so the backbone stays straight.
MAIN_WEIGHT = 4

_NODE_DEFAULTS: Attrs = {
    "fixedsize": "true",
    "style": "rounded,filled",
    "fontname": FONT_FAMILY,
    "fontsize": "10",
    "margin": "0.1,0.05",
}
_EDGE_DEFAULTS: Attrs = {
    "arrowsize": f"{ARROW_LENGTH / 10:.2f}",
    "penwidth": "1.3",
    "color": "#4b5563",
}


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


@lru_cache(maxsize=1024)
def _inches(pixels: float) -> str:
    """A card side as DOT inches; memoised, as a network's cards come in a few sizes."""
    return f"{pixels / _INCH:.4f}"


def _shape(card: Card) -> str:
    """A card is a box; a compact merge is a circle around its symbol."""
    return "box" if card.content.symbol is None else "circle"


def _node_attributes(card: Card) -> Attrs:
    fill, stroke, _ = paints(card.node)
    symbol = card.content.symbol
    return {
        "label": _node_label(card) if symbol is None else symbol,
        "shape": _shape(card),
        "width": _inches(card.width),
        "height": _inches(card.height),
        "fillcolor": resolve(fill, "light"),
        "color": resolve(stroke, "light"),
    }


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
    }


def _innermost(graph: Graph, node: Node, boxed: Mapping[str, Cluster]) -> str | None:
    for group in reversed(graph.group_chain(node)):
        if group.id in boxed:
            return group.id
    return None


def _parent_cluster(graph: Graph, group: Group, boxed: Mapping[str, Cluster]) -> str | None:
    for outer in reversed(graph.group_chain(group)):
        if outer.id in boxed:
            return outer.id
    return None


def _graph_attributes(options: GraphOptions) -> Attrs:
    return {
        "rankdir": options.rankdir,
        "splines": options.splines,
        "nodesep": f"{options.nodesep / _INCH:.4f}",
        "ranksep": f"{options.ranksep / _INCH:.4f}",
        "ordering": "out",
        "fontname": FONT_FAMILY,
        "bgcolor": "transparent",
    }


def _nesting(
    graph: Graph, boxed: Mapping[str, Cluster]
) -> tuple[dict[str | None, list[str]], dict[str | None, list[Node]]]:
    """Which clusters and nodes each scope holds (``None`` is the graph's own body).

    Clusters nest as their groups do and every node sits in its innermost boxed group, so both
    writers below give Graphviz the same structure.
    """
    inner: dict[str | None, list[str]] = {}
    for group_id, cluster in boxed.items():
        inner.setdefault(_parent_cluster(graph, cluster.group, boxed), []).append(group_id)
    members: dict[str | None, list[Node]] = {}
    if not boxed:  # the common case: skip each node's group chain
        members[None] = list(graph.nodes)
        return inner, members
    for node in graph.nodes:
        members.setdefault(_innermost(graph, node, boxed), []).append(node)
    return inner, members


def dot_graph(
    graph: Graph, cards: Mapping[str, Card], boxed: Mapping[str, Cluster], options: GraphOptions
) -> DotGraph:
    """The full DOT graph as data: ``boxed`` clusters nest, nodes sit innermost."""
    inner, members = _nesting(graph, boxed)
    names = node_names(graph)

    def scope(group_id: str | None) -> DotScope:
        built = (
            DotScope("nnviz", _graph_attributes(options))
            if group_id is None
            else DotScope(boxed[group_id].dot_name, _cluster_attributes(boxed[group_id]))
        )
        built.clusters = [scope(child) for child in inner.get(group_id, [])]
        built.nodes = [
            (names[node.id], _node_attributes(cards[node.id])) for node in members.get(group_id, [])
        ]
        return built

    edges = [
        (tail, head, {"weight": str(weight)})
        for tail, head, weight in _weighted_edges(graph, names)
    ]
    return DotGraph(scope(None), dict(_NODE_DEFAULTS), dict(_EDGE_DEFAULTS), edges)


def _weighted_edges(graph: Graph, names: Mapping[str, str]) -> list[tuple[str, str, int]]:
    """Each drawn edge by its ends' DOT names, with its Graphviz weight (main lines pull)."""
    main = _main_inputs(graph)
    return [
        (names[source], names[target], MAIN_WEIGHT if main.get(target) == source else 1)
        for source, target in unique_edges(graph)
    ]


def layout_source(
    graph: Graph, cards: Mapping[str, Card], boxed: Mapping[str, Cluster], options: GraphOptions
) -> str:
    """The DOT text the engine lays out: the full source without what only paints it.

    Card text, colours and fonts are left out, as is the stand-alone background. Node sizes are
    fixed and cluster labels are HTML boxes of fixed size, so Graphviz answers the same positions
    and routes as for the full source. Written straight from the graph, since the engine cannot
    start before it: the full :class:`DotGraph` is built while the engine runs.
    """
    inner, members = _nesting(graph, boxed)
    names = node_names(graph)
    graph_attrs = _graph_attributes(options)
    del graph_attrs["bgcolor"]
    lines = ["digraph nnviz {", *attribute_lines(graph_attrs)]
    lines.append(f"node {attribute_list(_LAYOUT_NODE_DEFAULTS)};")
    lines.append(f"edge {attribute_list(_LAYOUT_EDGE_DEFAULTS)};")

    def scope(group_id: str | None) -> None:
        for child in inner.get(group_id, []):
            lines.append(f"subgraph cluster_{boxed[child].dot_name} {{")
            lines.extend(attribute_lines(_cluster_attributes(boxed[child])))
            scope(child)
            lines.append("}")
        for node in members.get(group_id, []):
            card = cards[node.id]
            width, height = _inches(card.width), _inches(card.height)
            lines.append(
                f"{names[node.id]} [shape={_shape(card)}, width={width}, height={height}];"
            )

    scope(None)
    lines += [
        f"{tail} -> {head} [weight={weight}];"
        for tail, head, weight in _weighted_edges(graph, names)
    ]
    lines.append("}\n")
    return "\n".join(lines)


#: The node and edge defaults that change the layout; the rest only paint stand-alone renders.
_LAYOUT_NODE_DEFAULTS: Attrs = {"fixedsize": "true"}
_LAYOUT_EDGE_DEFAULTS: Attrs = {
    key: value for key, value in _EDGE_DEFAULTS.items() if key in ("arrowsize", "penwidth")
}


def _main_inputs(graph: Graph) -> dict[str, str]:
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


def unique_edges(graph: Graph) -> list[tuple[str, str]]:
    """(source, target) pairs in edge order, each once: parallel tensors share one arrow."""
    return list(dict.fromkeys((edge.source, edge.target) for edge in graph.edges))
