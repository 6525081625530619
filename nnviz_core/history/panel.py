"""One panel: a metric's train and validation curves on round-numbered axes.

The panel is one Scene Group named after its chart (``layer``), drawn with grid lines, axis
lines, tick labels, axis titles, the curves and an optional best-point marker; the same numbers
go into a :class:`~nnviz_core.scene.Chart` so PowerPoint can show a native, editable chart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from nnviz_core.history.data import Metric, Series
from nnviz_core.history.marks import best_label, best_mark, best_point
from nnviz_core.history.pairing import pretty
from nnviz_core.history.sample import Point, ema, runs
from nnviz_core.history.scale import Axis, finite, x_axis, y_axis
from nnviz_core.history.ticks import loggable
from nnviz_core.scene import (
    Chart,
    ChartSeries,
    Circle,
    Fill,
    Group,
    Item,
    LineTo,
    MoveTo,
    Path,
    Segment,
    Stroke,
    text,
)
from nnviz_core.text import text_width

TICK_SIZE = 10.0
AXIS_TITLE_SIZE = 10.5
PANEL_TITLE_SIZE = 12.0
MARKER_LIMIT = 30
PAINTS = {"train": "series.train", "val": "series.val"}
NAMES = {"train": "training", "val": "validation"}
#: Metrics that are a schedule, not a training curve: drawn in a colour of their own, so the
#: learning rate is never read as one more "training" line.
SCHEDULES = frozenset({"lr", "learning_rate", "learning rate", "learningrate"})
SCHEDULE_PAINT = "series.lr"


def paint_of(metric: str, role: str) -> str:
    """The colour of a metric's ``train`` or ``val`` series."""
    return SCHEDULE_PAINT if metric.lower() in SCHEDULES else PAINTS[role]


@dataclass(frozen=True)
class Best:
    """Which series to mark, and whether its best value is its lowest."""

    series: str
    lowest: bool


@dataclass(frozen=True)
class Plotted:
    """A series ready to draw: values on the panel's scale, optionally smoothed."""

    role: str
    series: Series
    ys: tuple[float, ...]
    smoothed: tuple[float, ...] | None


@dataclass(frozen=True)
class PanelSpec:
    metric: Metric
    x_title: str
    whole_x: bool
    log_y: bool
    smooth: float
    best: Best | None
    index: int
    x_range: tuple[float, float] | None = None  # shared by every panel of a figure


def prepare(metric: Metric, log_y: bool, smooth: float) -> list[Plotted]:
    found = []
    for role, series in (("train", metric.train), ("val", metric.val)):
        if series is None:
            continue
        ys = tuple(y if loggable(y) else math.nan for y in series.y) if log_y else series.y
        found.append(Plotted(role, series, ys, ema(ys, smooth) if smooth > 0 else None))
    return found


def draw_panel(
    spec: PanelSpec, left: float, top: float, width: float, height: float
) -> tuple[Group, Chart]:
    """The panel's drawing at (left, top) in a ``width`` × ``height`` cell, and its chart data."""
    plotted = prepare(spec.metric, spec.log_y, spec.smooth)
    xs = list(spec.x_range) if spec.x_range else finite(x for p in plotted for x in p.series.x)
    y_values = finite(y for item in plotted for y in item.ys)
    plot_top = top + PANEL_TITLE_SIZE * 1.9
    plot_bottom = top + height - TICK_SIZE - AXIS_TITLE_SIZE * 2.4
    count = max(3, min(7, round((plot_bottom - plot_top) / 38)))
    y = y_axis(y_values, spec.log_y, count)
    x = x_axis(xs, spec.whole_x, max(3, min(10, round(width / 40))))
    label_width = max(text_width(label, TICK_SIZE) for label in y.labels)
    plot_left = left + AXIS_TITLE_SIZE * 1.6 + label_width + 6
    right_pad = max(8.0, text_width(x.labels[-1], TICK_SIZE) / 2 + 2) if x.labels else 8.0
    x = x.placed(plot_left, left + width - right_pad).thinned(_x_room)
    y = y.placed(plot_bottom, plot_top).thinned(lambda a, b: TICK_SIZE * 1.3)
    layer = f"chart-{spec.index}"
    items: list[Item] = [*_grid(x, y), *_tick_labels(x, y), *_titles(spec, x, y, left, top)]
    chart_series: list[ChartSeries] = []
    for item in plotted:
        lines, data = _curves(item, paint_of(spec.metric.name, item.role), x, y, width)
        items.extend(lines)
        chart_series.extend(data)
    best = _best(spec, plotted)
    if best is not None:
        point, paint = best
        curves = [_pixels(line) for line in items if isinstance(line, Path)]
        items.extend(best_mark(point, paint, spec.x_title, x, y, curves))
        label = best_label(point, spec.x_title, y)
        chart_series.append(ChartSeries(label, paint, (point[0],), (point[1],), marker=True))
    group = Group(tuple(items), name=f"{spec.metric.name} chart", layer=layer)
    chart = Chart(
        layer,
        left,
        top,
        width,
        height,
        pretty(spec.metric.name),
        spec.x_title,
        _y_title(spec),
        tuple(chart_series),
        spec.log_y,
        (y.low, y.high),
        y.ticks,
    )
    return group, chart


def _pixels(path: Path) -> list[Point]:
    return [segment.to for segment in path.segments if isinstance(segment, (MoveTo, LineTo))]


def _x_room(left_label: str, right_label: str) -> float:
    """Centred x labels need half of each width between their anchors, plus a gap."""
    return (text_width(left_label, TICK_SIZE) + text_width(right_label, TICK_SIZE)) / 2 + 6


def _y_title(spec: PanelSpec) -> str:
    return f"{spec.metric.name} (log scale)" if spec.log_y else spec.metric.name


def _line(points: list[Point], paint: str, width: float = 1.0, opacity: float = 1.0) -> Path:
    segments: list[Segment] = [MoveTo(points[0]), *(LineTo(p) for p in points[1:])]
    return Path(tuple(segments), stroke=Stroke(paint, width, opacity=opacity), role="annotation")


def _grid(x: Axis, y: Axis) -> list[Item]:
    grid = Stroke("plot.grid", 1.0)
    items: list[Item] = []
    for tick in y.ticks:
        at = round(y.at(tick), 2)
        items.append(Path((MoveTo((x.start, at)), LineTo((x.end, at))), stroke=grid))
    for tick in x.ticks:
        at = round(x.at(tick), 2)
        items.append(Path((MoveTo((at, y.start)), LineTo((at, y.end))), stroke=grid))
    axis = Stroke("plot.axis", 1.0)
    items.append(
        Path(
            (MoveTo((x.start, y.end)), LineTo((x.start, y.start)), LineTo((x.end, y.start))),
            stroke=axis,
        )
    )
    return items


def _tick_labels(x: Axis, y: Axis) -> list[Item]:
    items: list[Item] = []
    for tick, label in zip(y.ticks, y.labels, strict=True):
        items.append(
            text(
                x.start - 5,
                y.at(tick) + TICK_SIZE * 0.35,
                label,
                size=TICK_SIZE,
                anchor="end",
                paint="muted",
                role="label",
            )
        )
    baseline = y.start + TICK_SIZE + 5
    for tick, label in zip(x.ticks, x.labels, strict=True):
        items.append(text(x.at(tick), baseline, label, size=TICK_SIZE, paint="muted", role="label"))
    return items


def _titles(spec: PanelSpec, x: Axis, y: Axis, left: float, top: float) -> list[Item]:
    name = spec.metric.name
    heading = pretty(name)
    x_title = text(
        (x.start + x.end) / 2,
        y.start + TICK_SIZE + 5 + AXIS_TITLE_SIZE * 1.45,
        spec.x_title,
        size=AXIS_TITLE_SIZE,
        paint="muted",
        role="caption",
    )
    y_title = text(
        left + AXIS_TITLE_SIZE * 0.85,
        (y.start + y.end) / 2,
        _y_title(spec),
        size=AXIS_TITLE_SIZE,
        paint="muted",
        role="caption",
    )
    y_title = replace(y_title, rotate=-90.0)
    panel_title = text(
        x.start,
        top + PANEL_TITLE_SIZE,
        heading,
        size=PANEL_TITLE_SIZE,
        weight="bold",
        anchor="start",
        role="caption",
    )
    return [panel_title, x_title, y_title]


def _curves(
    item: Plotted, paint: str, x: Axis, y: Axis, width: float
) -> tuple[list[Item], list[ChartSeries]]:
    """The series' line (faint under its smoothed line when smoothing), markers when few points."""
    limit = max(200, int(width * 2))
    layers = [(item.ys, 0.3 if item.smoothed else 1.0, " (raw)" if item.smoothed else "")]
    if item.smoothed is not None:
        layers.append((item.smoothed, 1.0, ""))
    drawn: list[Item] = []
    data: list[ChartSeries] = []
    for values, opacity, suffix in layers:
        pieces = runs(item.series.x, values, limit)
        for run in pieces:
            pixels = [(round(x.at(px), 2), round(y.at(py), 2)) for px, py in run]
            if len(pixels) == 1:
                drawn.append(Circle(*pixels[0], 1.8, fill=Fill(paint, opacity), role="annotation"))
            else:
                drawn.append(_line(pixels, paint, 1.8 if opacity == 1.0 else 1.2, opacity))
        data.append(_chart_series(f"{item.series.name}{suffix}", paint, pieces))
    if item.smoothed is None and len(item.series.x) <= MARKER_LIMIT:
        for run in runs(item.series.x, item.ys, MARKER_LIMIT):
            drawn.extend(
                Circle(
                    round(x.at(px), 2), round(y.at(py), 2), 2.4, fill=Fill(paint), role="annotation"
                )
                for px, py in run
            )
    return drawn, data


def _chart_series(name: str, paint: str, pieces: list[list[Point]]) -> ChartSeries:
    """The drawn points as chart data; a ``None`` between runs keeps the gap in the chart."""
    xs: list[float] = []
    ys: list[float | None] = []
    for index, run in enumerate(pieces):
        if index:
            xs.append((pieces[index - 1][-1][0] + run[0][0]) / 2)
            ys.append(None)
        xs.extend(p[0] for p in run)
        ys.extend(p[1] for p in run)
    return ChartSeries(name, paint, tuple(xs), tuple(ys))


def _best(spec: PanelSpec, plotted: list[Plotted]) -> tuple[tuple[float, float], str] | None:
    """The point to mark as best and its series' paint, if the figure asks for one."""
    if spec.best is None:
        return None
    chosen = next((item for item in plotted if item.series.name == spec.best.series), None)
    if chosen is None:
        return None
    found = best_point(chosen.series, spec.best.lowest, spec.log_y)
    return None if found is None else (found, paint_of(spec.metric.name, chosen.role))
