"""The Scene of a laid-out graph: clusters, edges, cards, then title and legend around them.

Everything is placed from the engine's answer, read at one offset, so what Graphviz decided is
exactly what every backend draws. Drawing order puts clusters under edges under cards.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from nnviz_core.canvas import Canvas, canvas_for
from nnviz_core.dotgraph import DotGraph
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
    Rect,
    Scene,
    Segment,
    Stroke,
    Text,
    span,
)
from nnviz_core.styles import _common
from nnviz_core.styles.graph import cards as card_drawing
from nnviz_core.styles.graph import columns, levels, ushape
from nnviz_core.styles.graph.cards import KEY_SIZE, SUBTITLE_SIZE, VALUE_SIZE, Card
from nnviz_core.styles.graph.clearance import clear_of_frames
from nnviz_core.styles.graph.dotgen import (
    ARROW_LENGTH,
    CLUSTER_LABEL_HEIGHT,
    CLUSTER_LABEL_SIZE,
    CLUSTER_MARGIN,
    Cluster,
    node_names,
    unique_edges,
)
from nnviz_core.styles.graph.engine import (
    ClusterBox,
    EdgeRoute,
    EngineLayout,
    layout_size,
    parse_layout,
)
from nnviz_core.styles.graph.options import GraphOptions
from nnviz_core.styles.graph.routes import shifted
from nnviz_core.text import line_height

MARGIN = 16.0
LEGEND_GAP = 18.0
LEGEND_MIN_WIDTH = 420.0
CLUSTER_RADIUS = 8.0
#: The smallest text a graph drawing holds, which the canvas's floor applies to.
SMALLEST = min(KEY_SIZE, VALUE_SIZE, SUBTITLE_SIZE, CLUSTER_LABEL_SIZE, _common.LEGEND_SIZE)
# Immutable, so one of each serves every edge and cluster of a scene.
_EDGE_STROKE = Stroke("edge", 1.3)
_CLUSTER_FILL = Fill("group.fill")
_CLUSTER_STROKE = Stroke("group.stroke", 1.0, dash=(4.0, 3.0))


def _edge_path(route: EdgeRoute, layer: str) -> Path:
    """The route as a path: Bézier triples, or a polyline if it is not one.

    Coordinates are not rounded here: every backend rounds what it writes (SVG to two decimals,
    PowerPoint to EMU), and a large graph has tens of thousands of them.
    """
    points = route.points
    rest = iter(points[1:])
    segments: list[Segment] = [MoveTo(points[0])]
    if (len(points) - 1) % 3:  # not a Bézier chain (never seen from dot): join the points
        segments += map(LineTo, rest)
    else:
        segments += map(CurveTo, rest, rest, rest)
    arrow = 0.0
    if route.tip is not None:
        segments.append(LineTo(route.tip))
        arrow = ARROW_LENGTH
    return Path(tuple(segments), arrow_end=arrow, stroke=_EDGE_STROKE, role="edge", layer=layer)


def _cluster_items(cluster: Cluster, box: ClusterBox) -> list[Item]:
    x, y = round(box.box[0], 2), round(box.box[1], 2)
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
    center = box.label_center or (
        box.box[0] + cluster.label_width / 2 + 8,
        box.box[1] + (CLUSTER_MARGIN + CLUSTER_LABEL_HEIGHT) / 2,
    )
    cx, cy = round(center[0], 2), round(center[1], 2)
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


def _clusters(clusters: Mapping[str, Cluster], layout: EngineLayout) -> list[Item]:
    items: list[Item] = []
    for cluster in clusters.values():
        key = "cluster_" + cluster.dot_name
        box = layout.clusters.get(key)
        part = 0
        while box is not None:
            group = Group(
                tuple(_cluster_items(cluster, box)),
                name=cluster.name,
                role="group",
                layer=cluster.group.id,
            )
            items.append(group)
            part += 1
            box = layout.clusters.get(f"{key}{columns.PART}{part}")
    return items


def _edges(graph: Graph, names: Mapping[str, str], layout: EngineLayout) -> list[Item]:
    """Each drawn edge's path, tagged ``source->target`` with layer ids."""
    routes = layout.edges
    items: list[Item] = []
    for source, target in unique_edges(graph):
        route = routes.get((names[source], names[target]))
        if route is not None and len(route.points) >= 2:
            items.append(_edge_path(route, f"{source}->{target}"))
    return items


def draw_cards(prepared: Prepared) -> list[Group]:
    """Every card drawn at the origin, in node order: :func:`compose` moves each to its place."""
    cards = prepared.cards
    return [card_drawing.draw(cards[node.id]) for node in prepared.graph.nodes]


def _cards(
    prepared: Prepared, drawn: Sequence[Group], names: Mapping[str, str], layout: EngineLayout
) -> list[Item]:
    positions = layout.nodes
    items: list[Item] = []
    for node, group in zip(prepared.graph.nodes, drawn, strict=True):
        card = prepared.cards[node.id]
        position = positions.get(names[node.id])
        if position is None:
            raise EngineError(
                f"Graphviz did not place layer {card.node.name!r}; try another engine"
            )
        items.append(card_drawing.placed(group, card, position))
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
    """A graph ready to lay out: transformed, its cards measured, its clusters chosen, and its
    Graphviz graph, which the engine reads written for layout and the Scene keeps for the
    ``dot`` format."""

    graph: Graph
    cards: Mapping[str, Card]
    clusters: Mapping[str, Cluster]
    total_params: int
    dot: DotGraph


def too_wide(layout_width: float, canvas: Canvas) -> bool:
    """Whether a layout this wide shows its smallest text below ``canvas``'s floor."""
    if canvas.fit == "none":
        return False
    return (layout_width + 2 * MARGIN) * canvas.floor > canvas.width * SMALLEST


def _folded(
    prepared: Prepared,
    answer: dict[str, Any],
    options: GraphOptions,
    canvas: Canvas,
    frame: columns.Frame,
    size: tuple[float, float],
    top: float,
) -> EngineLayout | None:
    """The layout folded for the canvas, placed at the top-left corner; ``None`` to draw it
    as Graphviz laid it out. Top-to-bottom layouts only; ``fit: none`` never folds.

    An encoder-decoder with nested skips (U-Net) becomes a U on a page whenever its text stays
    legible there; other layouts fold into columns when too tall for the canvas. Where the
    canvas shrinks the picture to fit (slide, paper), the drawing showing the larger text wins,
    and an encoder-decoder may also be drawn level by level (:mod:`.levels`).
    """
    if options.rankdir != "TB" or canvas.fit == "none":
        return None
    graph, cards, clusters = prepared.graph, prepared.cards, prepared.clusters
    at_origin: EngineLayout | None = None
    shaped: EngineLayout | None = None
    skips = ushape.nested_skips(graph)
    if skips:
        at_origin = parse_layout(answer)
        shaped = ushape.fold_u(graph, skips, cards, clusters, at_origin, (MARGIN, top))
        if shaped is not None and not canvas.fits_height:
            return shaped if columns.shown_text(shaped, canvas, frame) >= canvas.floor else None
    if not columns.too_tall(*size, canvas, frame):
        return shaped
    at_origin = at_origin or parse_layout(answer)
    folded = columns.fold(graph, cards, clusters, at_origin, canvas, frame, (MARGIN, top))
    if not canvas.fits_height:
        return folded
    by_level = levels.level_rows(graph, skips, cards, clusters, (MARGIN, top)) if shaped else None
    candidates = [layout for layout in (shaped, by_level, folded) if layout is not None]
    if not candidates:
        return None
    best = max(candidates, key=lambda layout: columns.shown_text(layout, canvas, frame))
    unfolded = columns.shown_text(at_origin, canvas, frame)
    return best if columns.shown_text(best, canvas, frame) > unfolded else None


def _centred(layout: EngineLayout, dx: float) -> EngineLayout:
    """A folded layout moved right by ``dx`` (when the legend is wider than it)."""
    if dx == 0:
        return layout
    return shifted(layout, dx, 0.0)


def compose(
    prepared: Prepared,
    answer: dict[str, Any],
    options: GraphOptions,
    drawn: Sequence[Group] | None = None,
    *,
    canvas: Canvas | None = None,
) -> Scene:
    """The finished Scene from the engine's answer: margins, optional title, the graph, and the
    legend below it; ``drawn`` holds the cards from :func:`draw_cards` if they are drawn yet.

    The layout is folded for ``canvas`` (by default the one ``options`` name; a slide's is
    smaller, see :func:`nnviz_core.styles.graph.place`). The frame is chosen from the layout's
    size first, so the engine's positions are read straight into place.
    """
    graph = prepared.graph
    names = node_names(graph)
    layout_w, layout_h = layout_size(answer)
    categories = _legend_categories(graph) if options.legend else ()
    legend_w, legend_h = _common.legend_size(categories, max(layout_w, LEGEND_MIN_WIDTH))
    content_w = max(layout_w, legend_w)
    width = round(content_w + 2 * MARGIN, 2)
    top = MARGIN
    items: list[Item] = []
    if options.title:
        items.append(_common.title(options.title, width / 2, top + _common.TITLE_SIZE))
        top += line_height(_common.TITLE_SIZE) + 12
    canvas = canvas or canvas_for(options.fit, options.width)
    frame = columns.Frame(
        2 * MARGIN,
        top + MARGIN + (LEGEND_GAP + legend_h if categories else 0.0),
        legend_w,
        SMALLEST,
    )
    layout = _folded(prepared, answer, options, canvas, frame, (layout_w, layout_h), top)
    if layout is None:
        layout = parse_layout(answer, (MARGIN + (content_w - layout_w) / 2, top))
    else:
        layout_w, layout_h = layout.width, layout.height
        legend_w, legend_h = _common.legend_size(categories, max(layout_w, LEGEND_MIN_WIDTH))
        content_w = max(layout_w, legend_w)
        width = round(content_w + 2 * MARGIN, 2)
        layout = _centred(layout, (content_w - layout_w) / 2)
    layout = clear_of_frames(layout)
    items += _clusters(prepared.clusters, layout)
    items += _edges(graph, names, layout)
    items += _cards(prepared, draw_cards(prepared) if drawn is None else drawn, names, layout)
    bottom = top + layout_h
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
        dot=prepared.dot,
    )
