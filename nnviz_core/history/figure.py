"""The whole figure: title, legend, panels in a row, column or grid, and notes about gaps."""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterable
from dataclasses import replace

from nnviz_core.errors import OptionError, did_you_mean, excerpt
from nnviz_core.history.data import Log, Metric
from nnviz_core.history.options import HistoryOptions
from nnviz_core.history.pairing import pair, split_name
from nnviz_core.history.panel import NAMES, PAINTS, SCHEDULES, Best, PanelSpec, draw_panel
from nnviz_core.scene import Chart, Group, Item, LineTo, MoveTo, Path, Scene, Stroke, text
from nnviz_core.styles import LEGEND_SIZE, TITLE_SIZE, title
from nnviz_core.text import line_height, text_width

MARGIN = 12.0
GAP = 18.0
NOTE_SIZE = 10.0
#: Metrics whose best value is the highest; every other metric (losses, errors) is best lowest.
HIGHER_IS_BETTER = (
    "acc",
    "auc",
    "precision",
    "recall",
    "f1",
    "iou",
    "dice",
    "map",
    "score",
    "r2",
    "top",
)


class HistoryWarning(UserWarning):
    """Something in a training log was drawn, but not as written (NaN gaps, dropped values).

    ``note`` is the bare remark (also drawn in the figure); hosts that already point at inline
    log text show it without the ``source`` prefix.
    """

    kind = "history-gaps"
    """What hosts call this warning (Sphinx: ``nnviz.history-gaps``)."""

    def __init__(self, source: str, note: str) -> None:
        super().__init__(f"{source}: {note}")
        self.source = source
        self.note = note


def choose(metrics: tuple[Metric, ...], wanted: str | None) -> tuple[Metric, ...]:
    """The panels ``metrics:`` asks for, in its order (a column name picks its metric)."""
    if not wanted:
        return metrics
    by_name = {metric.name: metric for metric in metrics}
    chosen: list[Metric] = []
    for raw in (part.strip() for part in wanted.split(",")):
        name = raw if raw in by_name else split_name(raw)[0]
        if name not in by_name:
            raise OptionError(
                f"metrics: the log has no metric {excerpt(raw)}{did_you_mean(raw, by_name)}; "
                f"its metrics are {_listed(by_name)}"
            )
        if by_name[name] not in chosen:
            chosen.append(by_name[name])
    return tuple(chosen)


def _listed(names: Iterable[str]) -> str:
    """Names for a message: each an excerpt, so a name with a line break keeps it on one line."""
    return ", ".join(excerpt(name) for name in names)


def best_spec(metrics: tuple[Metric, ...], wanted: str | None) -> Best | None:
    """The series ``mark_best:`` names: a column, or a metric (its validation series first)."""
    if not wanted:
        return None
    names = {series.name: series for metric in metrics for series in metric.series}
    target = wanted.strip()
    if target not in names:
        metric = next((m for m in metrics if m.name == target), None)
        if metric is None or not metric.series:
            raise OptionError(
                f"mark_best: no series {excerpt(target)} among the drawn panels"
                f"{did_you_mean(target, names)}; choose one of {_listed(names)}"
            )
        target = (metric.val or metric.train or metric.series[0]).name
    lowest = not any(word in split_name(target)[0].lower() for word in HIGHER_IS_BETTER)
    return Best(target, lowest)


def _columns(count: int, layout: str) -> int:
    if layout == "row":
        return count
    if layout == "column":
        return 1
    return max(1, math.ceil(math.sqrt(count)))


def notes(metrics: tuple[Metric, ...], log_y: bool) -> list[str]:
    """One line per series with values that cannot be drawn."""
    found = []
    for metric in metrics:
        for series in metric.series:
            bad = series.bad_points
            if bad:
                found.append(
                    f"{series.name}: {bad} NaN/inf value{'s' if bad > 1 else ''} drawn as gaps"
                )
            if log_y and any(math.isfinite(y) and y <= 0 for y in series.y):
                found.append(f"{series.name}: values at or below 0 left out of the log scale")
    return found


def _legend_width(roles: list[str]) -> float:
    return sum(24 + text_width(NAMES[role], LEGEND_SIZE) + 16 for role in roles) - 16


def _legend(roles: list[str], x: float, y: float) -> Group:
    """A short line of each series' colour and its name, in one row from (x, y)."""
    items: list[Item] = []
    mid = y + LEGEND_SIZE * 0.6
    for role in roles:
        stroke = Stroke(PAINTS[role], 2.2)
        items.append(Path((MoveTo((x, mid)), LineTo((x + 18, mid))), stroke=stroke, role="legend"))
        baseline = y + LEGEND_SIZE * 0.95
        label = text(x + 24, baseline, NAMES[role], size=LEGEND_SIZE, anchor="start", paint="muted")
        items.append(replace(label, role="legend"))
        x += 24 + text_width(NAMES[role], LEGEND_SIZE) + 16
    return Group(tuple(items), name="Legend", role="legend")


def compose(log: Log, options: HistoryOptions) -> Scene:
    """The Scene of a training log drawn with ``options``."""
    metrics = choose(pair(log), options.metrics)
    best = best_spec(metrics, options.mark_best)
    columns = _columns(len(metrics), options.layout)
    rows = math.ceil(len(metrics) / columns)
    curves = [metric for metric in metrics if metric.name.lower() not in SCHEDULES]
    roles = [role for role in ("train", "val") if any(getattr(m, role) for m in curves)]
    width = max(
        MARGIN * 2 + columns * options.panel_width + (columns - 1) * GAP,
        MARGIN * 2 + (_legend_width(roles) if options.legend else 0.0),
        MARGIN * 2 + (text_width(options.title, TITLE_SIZE, "bold") if options.title else 0.0),
    )
    items: list[Item] = []
    top = MARGIN
    if options.title:
        items.append(title(options.title, width / 2, top + TITLE_SIZE))
        top += line_height(TITLE_SIZE) + 6
    if options.legend and roles:
        items.append(_legend(roles, (width - _legend_width(roles)) / 2, top))
        top += line_height(LEGEND_SIZE) + 8
    charts: list[Chart] = []
    x_title = "epoch" if log.axis == "epoch" else "step"
    xs = [x for metric in metrics for series in metric.series for x in series.x]
    x_range = (min(xs), max(xs)) if xs else None
    for index, metric in enumerate(metrics):
        row, column = divmod(index, columns)
        spec = PanelSpec(
            metric,
            x_title,
            log.axis == "epoch",
            options.log_y,
            options.smooth,
            best if best and best.series in {s.name for s in metric.series} else None,
            index,
            x_range,
        )
        left = MARGIN + column * (options.panel_width + GAP)
        group, chart = draw_panel(
            spec,
            left,
            top + row * (options.panel_height + GAP),
            options.panel_width,
            options.panel_height,
        )
        items.append(group)
        charts.append(chart)
    bottom = top + rows * options.panel_height + (rows - 1) * GAP
    lines = notes(metrics, options.log_y)
    for line in lines:
        warnings.warn(HistoryWarning(log.source, line), stacklevel=3)
        bottom += line_height(NOTE_SIZE)
        items.append(
            text(
                MARGIN, bottom, line, size=NOTE_SIZE, anchor="start", paint="muted", role="caption"
            )
        )
    width = (
        max(width, *(MARGIN * 2 + text_width(line, NOTE_SIZE) for line in lines))
        if lines
        else width
    )
    return Scene(
        width,
        bottom + MARGIN,
        tuple(items),
        title=options.title or "Training curves",
        description=describe(metrics, log),
        charts=tuple(charts),
    )


def describe(metrics: tuple[Metric, ...], log: Log) -> str:
    """A one-sentence description for screen readers and alt text."""
    count = max((len(series.x) for metric in metrics for series in metric.series), default=0)
    unit = log.axis + ("s" if count != 1 else "")
    names = ", ".join(metric.name for metric in metrics)
    return f"Training curves of {names} over {count} {unit}"
