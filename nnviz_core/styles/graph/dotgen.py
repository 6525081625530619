"""The DOT source of a graph: fixed-size nodes (our measured cards) and labelled clusters.

The same source feeds the layout engine and the ``dot`` format, so it also renders sensibly on
its own (``dot -Tsvg``): nodes carry their text and light-theme colours. Node and cluster names
are positional (``n0``, ``cluster_c0``), which keeps them valid DOT whatever the layer is called.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

import pydot

from nnviz_core.ir import Graph, Group, Node
from nnviz_core.styles.graph.cards import Card, paints
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
    """Plain-text label for stand-alone DOT renders (the engine ignores it: sizes are fixed)."""
    content = card.content
    lines = [" ".join(part for part in (content.symbol or content.title, content.subtitle) if part)]
    lines += [f"{row.key} {row.value}".strip() for row in content.rows]
    return "".join(line.replace("\\", "\\\\") + "\\l" for line in lines)


def _dot_node(name: str, card: Card) -> pydot.Node:
    fill, stroke, _ = paints(card.node)
    compact = card.content.symbol is not None
    return pydot.Node(
        name,
        label=(card.content.symbol or "") if compact else _node_label(card),
        shape="circle" if compact else "box",
        width=f"{card.width / _INCH:.4f}",
        height=f"{card.height / _INCH:.4f}",
        fillcolor=resolve(fill, "light"),
        color=resolve(stroke, "light"),
    )


def _cluster_label(cluster: Cluster) -> str:
    """An HTML label of exactly our measured size, so every engine reserves the same space."""
    mark = f" {html.escape(cluster.mark)}" if cluster.mark else ""
    return (
        '<<table border="0" cellpadding="0" cellspacing="0"><tr>'
        f'<td fixedsize="true" width="{cluster.label_width:.0f}" '
        f'height="{CLUSTER_LABEL_HEIGHT:.0f}" align="left">'
        f"<b>{html.escape(cluster.name)}</b>{mark}</td></tr></table>>"
    )


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


def _graph_attributes(options: GraphOptions) -> dict[str, str]:
    return {
        "rankdir": options.rankdir,
        "splines": options.splines,
        "nodesep": f"{options.nodesep / _INCH:.4f}",
        "ranksep": f"{options.ranksep / _INCH:.4f}",
        "ordering": "out",
        "fontname": FONT_FAMILY,
        "bgcolor": "transparent",
    }


def build_dot(graph: Graph, cards: Mapping[str, Card], options: GraphOptions) -> pydot.Dot:
    """The DOT graph Graphviz lays out; the same object ``to_dot`` returns."""
    dot = pydot.Dot("nnviz", graph_type="digraph", **_graph_attributes(options))
    dot.set_node_defaults(
        fixedsize="true",
        style="rounded,filled",
        fontname=FONT_FAMILY,
        fontsize="10",
        margin="0.1,0.05",
    )
    dot.set_edge_defaults(arrowsize=f"{ARROW_LENGTH / 10:.2f}", penwidth="1.3", color="#4b5563")
    boxed = clusters(graph, options)
    subs = {
        group_id: pydot.Cluster(
            cluster.dot_name,
            label=_cluster_label(cluster),
            labeljust="l",
            style="dashed,rounded",
            fontsize=f"{CLUSTER_LABEL_SIZE:g}",
        )
        for group_id, cluster in boxed.items()
    }

    def holder(group_id: str | None) -> pydot.Dot | pydot.Cluster:
        return dot if group_id is None else subs[group_id]

    for group_id, cluster in boxed.items():
        # pydot annotates add_subgraph with Subgraph, but Cluster is its documented argument too.
        parent = holder(_parent_cluster(graph, cluster.group, boxed))
        parent.add_subgraph(subs[group_id])  # type: ignore[arg-type]
    names = node_names(graph)
    for node in graph.nodes:
        holder(_innermost(graph, node, boxed)).add_node(_dot_node(names[node.id], cards[node.id]))
    main = _main_inputs(graph)
    for source, target in unique_edges(graph):
        weight = MAIN_WEIGHT if main.get(target) == source else 1
        dot.add_edge(pydot.Edge(names[source], names[target], weight=str(weight)))
    return dot


def _main_inputs(graph: Graph) -> dict[str, str]:
    """Each node's deepest producer: its edge is the main line, kept straight; skips may bend.

    Depth is the longest path from an input, so in ``add(shortcut, main)`` the longer branch
    wins, and in a U-Net the decoder, not the skip, runs straight into each ``concat``. Equally
    deep branches (Inception) tie, and the merge centres under all of them.
    """
    depth: dict[str, int] = {}
    main: dict[str, str] = {}
    incoming: dict[str, list[str]] = {}
    for edge in graph.edges:
        incoming.setdefault(edge.target, []).append(edge.source)
    for node in graph.nodes:
        sources = incoming.get(node.id, [])
        depth[node.id] = 1 + max((depth.get(source, 0) for source in sources), default=0)
        ranked = sorted(sources, key=lambda source: -depth.get(source, 0))
        if len(ranked) == 1 or (ranked and depth[ranked[0]] > depth[ranked[1]]):
            main[node.id] = ranked[0]  # a tie (parallel branches) has no main line
    return main


def unique_edges(graph: Graph) -> list[tuple[str, str]]:
    """(source, target) pairs in edge order, each once: parallel tensors share one arrow."""
    return list(dict.fromkeys((edge.source, edge.target) for edge in graph.edges))
