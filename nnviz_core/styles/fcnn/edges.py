"""Connections between columns, and the feed lines between columns and summary boxes.

Without weights, all connections between two columns are one path of many sub-paths: the SVG
stays small (a 4,096-wide layer costs the same as a 12-wide one) and overlapping lines do not
darken where they converge. With weights, connections are bucketed by sign and magnitude, one
path per bucket. Arrowheads need one path per connection, since a path has only one end.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from nnviz_core.scene import CurveTo, Group, Item, LineTo, MoveTo, Path, Point, Segment, Stroke

from .layout import BoxShape, ColumnShape
from .options import FcnnOptions
from .weights import WeightSource

Pair = tuple[int, Point, int, Point]


def _segments(a: Point, b: Point, options: FcnnOptions, trim: float) -> tuple[Segment, ...]:
    """One connection from ``a`` to ``b``, ending ``trim`` px before ``b`` (for arrowheads)."""
    lr = options.direction == "LR"
    if options.edge_style == "bezier":
        end = (b[0] - trim, b[1]) if lr else (b[0], b[1] - trim)
        if lr:
            middle = (a[0] + end[0]) / 2
            return MoveTo(a), CurveTo((middle, a[1]), (middle, end[1]), end)
        middle = (a[1] + end[1]) / 2
        return MoveTo(a), CurveTo((a[0], middle), (end[0], middle), end)
    if not trim:
        return MoveTo(a), LineTo(b)
    length = math.hypot(b[0] - a[0], b[1] - a[1]) or 1.0
    end = (b[0] - (b[0] - a[0]) * trim / length, b[1] - (b[1] - a[1]) * trim / length)
    return MoveTo(a), LineTo(end)


def _fed_by_bias(source: ColumnShape, target: ColumnShape) -> bool:
    return source.bias is not None and target.column.bias and target.column.kind != "merge"


def _pairs(source: ColumnShape, target: ColumnShape) -> list[Pair]:
    pairs = [(i, a, j, b) for i, a in source.neurons for j, b in target.neurons]
    if source.bias is not None and _fed_by_bias(source, target):
        pairs += [(-1, source.bias, j, b) for j, b in target.neurons]
    return pairs


def _plain_lines(source: ColumnShape, target: ColumnShape) -> list[Segment]:
    """Every connection as a straight line, in :func:`_pairs` order.

    The common case (no weights, no arrowheads) gets this loop of its own, and every line from
    one neuron shares its ``MoveTo`` and every line into one its ``LineTo`` (segments are
    immutable): a 10,000-branch merge draws hundreds of thousands of lines.
    """
    starts = [a for _, a in source.neurons]
    if source.bias is not None and _fed_by_bias(source, target):
        starts.append(source.bias)
    ends = [LineTo(b) for _, b in target.neurons]
    return [
        segment for a in starts for move in (MoveTo(a),) for end in ends for segment in (move, end)
    ]


def _stroke(options: FcnnOptions, paint: str, level: int | None) -> Stroke:
    if level is None:
        return Stroke(paint, options.edge_width, opacity=options.edge_opacity)
    width = options.edge_width * (0.6 + 1.1 * level)
    opacity = min(1.0, options.edge_opacity * (0.55 + 0.3 * level))
    return Stroke(paint, round(width, 2), opacity=round(opacity, 2))


def connections(
    source: ColumnShape,
    target: ColumnShape,
    options: FcnnOptions,
    paint: str,
    weights: WeightSource | None,
) -> list[Item]:
    """The paths joining every drawn neuron of ``source`` to every one of ``target``."""
    layer = target.column.node
    trim = options.node_radius if options.arrowheads else 0.0
    arrow = max(4.0, 3 * options.edge_width + 3) if options.arrowheads else 0.0
    if weights is None and not arrow and options.edge_style == "straight":
        lines = _plain_lines(source, target)
        stroke = _stroke(options, paint, None)
        return [Path(tuple(lines), stroke=stroke, role="edge", layer=layer)] if lines else []
    buckets: dict[tuple[str, int | None], list[Segment]] = {}
    paths: list[Item] = []
    for i, a, j, b in _pairs(source, target):
        key: tuple[str, int | None] = (paint, None)
        if weights is not None:
            positive, level = weights.bucket(source.column.id, target.column.id, i, j)
            key = ("weight.positive" if positive else "weight.negative", level)
        segments = _segments(a, b, options, trim)
        if arrow:
            stroke = _stroke(options, *key)
            paths.append(Path(segments, arrow_end=arrow, stroke=stroke, role="edge", layer=layer))
        else:
            buckets.setdefault(key, []).extend(segments)
    for key in sorted(buckets, key=lambda k: (-1 if k[1] is None else k[1], k[0])):
        stroke = _stroke(options, *key)
        paths.append(Path(tuple(buckets[key]), stroke=stroke, role="edge", layer=layer))
    return paths


def _clamp(value: float, low: float, high: float) -> float:
    return min(max(value, low), high)


def feed_lines(
    box: BoxShape, column: ColumnShape, options: FcnnOptions, paint: str, into_box: bool
) -> Item:
    """Parallel lines between a box's facing edge and each drawn neuron of a column."""
    lr = options.direction == "LR"
    segments: list[Segment] = []
    for _, (x, y) in column.neurons:
        if lr:
            edge = box.x if into_box else box.x + box.width
            start: Point = (edge, _clamp(y, box.y + 4, box.y + box.height - 4))
        else:
            edge = box.y if into_box else box.y + box.height
            start = (_clamp(x, box.x + 4, box.x + box.width - 4), edge)
        segments += [MoveTo(start), LineTo((x, y))]
    stroke = Stroke(paint, options.edge_width, opacity=options.edge_opacity)
    return Path(tuple(segments), stroke=stroke, role="edge", layer=column.column.node)


def box_arrow(source: BoxShape, target: BoxShape, options: FcnnOptions, paint: str) -> Item:
    """One arrow between two boxes that follow each other."""
    if options.direction == "LR":
        start = (source.x + source.width, source.y + source.height / 2)
        end = (target.x, target.y + target.height / 2)
    else:
        start = (source.x + source.width / 2, source.y + source.height)
        end = (target.x + target.width / 2, target.y)
    stroke = Stroke(paint, max(1.0, options.edge_width * 2))
    return Path((MoveTo(start), LineTo(end)), arrow_end=7.0, stroke=stroke, role="edge")


def edge_group(items: Iterable[Item]) -> Group:
    return Group(tuple(items), name="Connections", role="edge")
