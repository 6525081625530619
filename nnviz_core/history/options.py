"""The options of a training-history figure, declared once for every host."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from nnviz_core.options import RenderOptions, option, split

__all__ = ["HistoryOptions", "split_history_options"]


@dataclass(frozen=True)
class HistoryOptions:
    """How training curves are drawn."""

    title: str | None = option(None, "Title drawn above the panels (default: none).")
    metrics: str | None = option(
        None,
        "Comma-separated metrics to draw, in panel order, e.g. `loss, accuracy` (default: all).",
    )
    layout: Literal["grid", "row", "column"] = option(
        "grid", "Arrange the panels in a grid, one row, or one column."
    )
    x: Literal["auto", "epoch", "step"] = option(
        "auto", "The x axis: epochs or steps (auto: epochs when the log has them, else steps)."
    )
    smooth: float = option(
        0.0,
        "Exponential moving average factor (0 off, 0.6 as in TensorBoard); raw curve stays faint.",
        minimum=0.0,
        maximum=0.999,
    )
    log_y: bool = option(False, "Logarithmic y axes (values at or below zero become gaps).")
    mark_best: str | None = option(
        None,
        "A series to mark at its best point, e.g. `val_loss` (lowest) or `val_accuracy` (highest).",
    )
    legend: bool = option(True, "Draw a legend of the train and validation series.")
    panel_width: float = option(300.0, "Width of one panel in pixels.", minimum=120, maximum=2000)
    panel_height: float = option(200.0, "Height of one panel in pixels.", minimum=90, maximum=2000)


def split_history_options(values: Mapping[str, Any]) -> tuple[HistoryOptions, RenderOptions]:
    """Typed (history options, render options) from loose keyword values; unknown names fail."""
    history, render = split(values, (HistoryOptions, RenderOptions), "training-history figures")
    return history, render
