"""The Scene of a laid-out graph: clusters, edges, cards, then title and legend around them.

Everything is placed from the engine's answer shifted by one offset, so what Graphviz decided is
exactly what every backend draws. Drawing order puts clusters under edges under cards.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from nnviz_core.errors import EngineError
from nnviz_core.ir import Category, Graph
from nnviz_core.scene import (
    CurveTo,
    Fill,
    Group,
    Item,
    LineTo,
    MoveTo,
    Path,
    Point,
    Rect,
    Scene,
    Segment,
    Stroke,
    Text,
    span,
)
from nnviz_core.styles import _common
from nnviz_core.styles.graph import cards as card_drawing
from nnviz_core.styles.graph.cards import Card
from nnviz_core.styles.graph.dotgen import (
    ARROW_LENGTH,
    CLUSTER_LABEL_SIZE,
    Cluster,
    node_names,
    unique_edges,
)
from nnviz_core.styles.graph.engine import ClusterBox, EdgeRoute, EngineLayout
from nnviz_core.styles.graph.options import GraphOptions
from nnviz_core.text import line_height

MARGIN = 16.0
LEGEND_GAP = 18.0
LEGEND_MIN_WIDTH = 420.0
CLUSTER_RADIUS = 8.0
# Immutable, so one of each serves every edge and cluster of a scene.
_EDGE_STROKE = Stroke("edge", 1.3)
_CLUSTER_FILL = Fill("group.fill")
_CLUSTER_STROKE = Stroke("group.stroke", 1.0, dash=(4.0, 3.0))


def _shift(point: Point, offset: Point) -> Point:
    return (round(point[0] + offset[0], 2), round(point[1] + offset[1], 2))


def _edge_path(route: EdgeRoute, offset: Point, layer: str) -> Path:
    dx, dy = offset
    points = [(round(x + dx, 2), round(y + dy, 2)) for x, y in route.points]
    segments: list[Segment] = [MoveTo(points[0])]
    if (len(points) - 1) % 3:  # not a Bézier chain (never seen from dot): join the points
        segments += [LineTo(point) for point in points[1:]]
    else:
        segments += [
            CurveTo(points[index], points[index + 1], points[index + 2])
            for index in range(1, len(points), 3)
        ]
    arrow = 0.0
    if route.tip is not None:
        segments.append(LineTo(_shift(route.tip, offset)))
        arrow = ARROW_LENGTH
    return Path(
        tuple(segments),
        arrow_end=arrow,
        stroke=_EDGE_STROKE,
        role="edge",
        layer=layer,
    )


def _cluster_items(cluster: Cluster, box: ClusterBox, offset: Point) -> list[Item]:
    x, y = _shift((box.box[0], box.box[1]), offset)
    frame = Rect(
        x,
        y,
        round(box.box[2], 2),
        round(box.box[3], 2),
        radius=CLUSTER_RADIUS,
        fill=_CLUSTER_FILL,
        stroke=_CLUSTER_STROKE,
        role="group",
    )
    center = box.label_center or (box.box[0] + cluster.label_width / 2 + 8, box.box[1] + 12)
    cx, cy = _shift(center, offset)
    spans = [span(cluster.name, "bold")]
    if cluster.mark:
        spans.append(span(" " + cluster.mark))
    label = Text(
        round(cx - cluster.label_width / 2, 2),
        round(cy + CLUSTER_LABEL_SIZE * 0.35, 2),
        tuple(spans),
        size=CLUSTER_LABEL_SIZE,
        anchor="start",
        paint="muted",
        role="label",
    )
    return [frame, label]


def _clusters(clusters: Mapping[str, Cluster], layout: EngineLayout, offset: Point) -> list[Item]:
    items: list[Item] = []
    for cluster in clusters.values():
        box = layout.clusters.get("cluster_" + cluster.dot_name)
        if box is not None:
            group = Group(
                tuple(_cluster_items(cluster, box, offset)),
                name=cluster.name,
                role="group",
                layer=cluster.group.id,
            )
            items.append(group)
    return items


def _edges(
    graph: Graph, names: Mapping[str, str], layout: EngineLayout, offset: Point
) -> list[Item]:
    items: list[Item] = []
    for source, target in unique_edges(graph):
        route = layout.edges.get((names[source], names[target]))
        if route is not None and len(route.points) >= 2:
            items.append(_edge_path(route, offset, f"{source}->{target}"))
    return items


def draw_cards(prepared: Prepared) -> dict[str, Group]:
    """Every card drawn in its own coordinates: work that needs no layout, so :func:`place`
    does it while the engine runs."""
    return {node_id: card_drawing.draw(card) for node_id, card in prepared.cards.items()}


def _cards(
    prepared: Prepared,
    names: Mapping[str, str],
    drawn: Mapping[str, Group],
    layout: EngineLayout,
    offset: Point,
) -> list[Item]:
    items: list[Item] = []
    for node in prepared.graph.nodes:
        position = layout.nodes.get(names[node.id])
        if position is None:
            raise EngineError(f"Graphviz did not place layer {node.name!r}; try another engine")
        cx, cy = _shift(position, offset)
        card = prepared.cards[node.id]
        items.append(card_drawing.placed_at(drawn[node.id], card, cx, cy))
    return items


def _legend_categories(graph: Graph) -> tuple[Category, ...]:
    """Categories of the cards drawn in category colours (collapsed groups are not)."""
    return _common.legend_order(
        node.category
        for node in graph.nodes
        if node.op not in _common.GROUP_OPS and not node.display.hidden
    )


@dataclass(frozen=True)
class Prepared:
    """A graph ready to lay out: transformed, its cards measured, its clusters chosen."""

    graph: Graph
    cards: Mapping[str, Card]
    clusters: Mapping[str, Cluster]
    total_params: int
    dot_source: str
    layout_source: str  # what the engine reads: dot_source without card text and colours


def compose(
    prepared: Prepared,
    layout: EngineLayout,
    options: GraphOptions,
    drawn: Mapping[str, Group] | None = None,
) -> Scene:
    """The finished Scene: margins, optional title, the graph, and the legend below it.

    ``drawn`` holds the cards from :func:`draw_cards` when they were drawn beforehand.
    """
    graph = prepared.graph
    if drawn is None:
        drawn = draw_cards(prepared)
    categories = _legend_categories(graph) if options.legend else ()
    legend_w, legend_h = _common.legend_size(categories, max(layout.width, LEGEND_MIN_WIDTH))
    content_w = max(layout.width, legend_w)
    width = round(content_w + 2 * MARGIN, 2)
    top = MARGIN
    items: list[Item] = []
    if options.title:
        items.append(_common.title(options.title, width / 2, top + _common.TITLE_SIZE))
        top += line_height(_common.TITLE_SIZE) + 12
    offset = (MARGIN + (content_w - layout.width) / 2, top)
    items += _clusters(prepared.clusters, layout, offset)
    names = node_names(graph)
    items += _edges(graph, names, layout, offset)
    items += _cards(prepared, names, drawn, layout, offset)
    bottom = top + layout.height
    if categories:
        bottom += LEGEND_GAP
        items.append(_common.legend(categories, (width - legend_w) / 2, bottom, legend_w + 1))
        bottom += legend_h
    total = _common.count_text(prepared.total_params)
    return Scene(
        width=width,
        height=round(bottom + MARGIN, 2),
        items=tuple(items),
        title=options.title or graph.name,
        description=f"{graph.name}: {len(graph.nodes)} layers, {total} parameters",
        dot=prepared.dot_source,
    )
