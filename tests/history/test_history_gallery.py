"""Defects found in the gallery's training curves, asserted on the Scene and the PPTX: the best
label covers no curve, a ratio axis stays within its data, one number format per axis, the
learning rate in its own colour, PPTX charts titled as the SVG with the best-epoch marker."""

from __future__ import annotations

import io
import itertools

import pytest
import scene_checks
from pptx import Presentation
from pptx.enum.dml import MSO_FILL_TYPE

from nnviz_core import plot_history
from nnviz_core.history.scale import y_axis
from nnviz_core.scene import Group, LineTo, MoveTo, Path, Point, Scene, Text, walk
from nnviz_core.theme import resolve

#: A Keras CSVLogger log with a learning-rate schedule, as the docs' own example.
LOG = {
    "loss": [1.92, 1.38, 1.07, 0.88, 0.74, 0.63, 0.55],
    "val_loss": [1.71, 1.29, 1.05, 0.94, 0.90, 0.91, 0.95],
    "accuracy": [0.41, 0.58, 0.67, 0.72, 0.76, 0.79, 0.82],
    "val_accuracy": [0.47, 0.61, 0.68, 0.70, 0.72, 0.72, 0.71],
    "lr": [1e-3, 1e-3, 1e-3, 5e-4, 5e-4, 2.5e-4, 2.5e-4],
}


def _panels(scene: Scene) -> dict[str, Group]:
    return {item.name: item for item in scene.items if isinstance(item, Group) and item.layer}


def _curves(panel: Group) -> list[list[Point]]:
    found = []
    for item in walk(panel.items):
        stroke = item.stroke if isinstance(item, Path) and item.role == "annotation" else None
        if stroke and not stroke.dash and isinstance(item, Path):  # the dashed drop is no curve
            found.append([s.to for s in item.segments if isinstance(s, (MoveTo, LineTo))])
    return found


def _crosses(box: tuple[float, float, float, float], a: Point, b: Point) -> bool:
    steps = 200
    for step in range(steps + 1):
        x = a[0] + (b[0] - a[0]) * step / steps
        y = a[1] + (b[1] - a[1]) * step / steps
        if box[0] <= x <= box[2] and box[1] <= y <= box[3]:
            return True
    return False


@pytest.mark.parametrize("best", ["val_loss", "loss", "val_accuracy", "accuracy"])
@pytest.mark.parametrize("size", [(300, 200), (220, 150)])
def test_best_label_covers_no_curve(best: str, size: tuple[int, int]) -> None:
    scene = plot_history(LOG, mark_best=best, panel_width=size[0], panel_height=size[1]).scene
    name = "loss chart" if "loss" in best else "accuracy chart"
    panel = _panels(scene)[name]
    [label] = [t for t in walk(panel.items) if isinstance(t, Text) and t.plain.startswith("best")]
    box = scene_checks.text_box(label)
    for line in _curves(panel):
        for a, b in itertools.pairwise(line):
            assert not _crosses(box, a, b), f"{label.plain!r} at {box} covers {a}–{b}"


@pytest.mark.parametrize(
    "values", [[0.41, 0.82], [0.47, 0.99], [0.2, 0.999], [0.9, 0.9995], [0.05, 0.6]]
)
@pytest.mark.parametrize("count", [3, 4, 5, 7])
def test_a_ratio_axis_stays_within_0_and_1_and_near_its_data(
    values: list[float], count: int
) -> None:
    axis = y_axis(values, False, count)
    low, high = values
    assert 0.0 <= axis.low <= low and high <= axis.high <= 1.0
    span = high - low
    assert axis.high - high <= max(0.1 * span, 0.05) or axis.high == 1.0
    assert len(axis.ticks) >= 2 and all(axis.low <= t <= axis.high for t in axis.ticks)


def test_accuracy_panel_runs_over_its_data_not_past_one() -> None:
    scene = plot_history(LOG).scene
    chart = next(c for c in scene.charts if c.title == "Accuracy")
    assert chart.y_range is not None
    assert 0.35 <= chart.y_range[0] <= 0.41 and 0.82 <= chart.y_range[1] <= 0.9


def test_one_number_format_per_axis_and_in_the_best_label() -> None:
    scene = plot_history(LOG, mark_best="val_loss").scene
    panels = _panels(scene)
    lr_ticks = [
        t.plain
        for t in walk(panels["lr chart"].items)
        if t.role == "label" and "e" in getattr(t, "plain", "")
    ]  # type: ignore[union-attr]
    assert len(lr_ticks) >= 3
    assert len({tick.split("e")[1] for tick in lr_ticks}) == 1, lr_ticks
    assert len({len(tick.split("e")[0]) for tick in lr_ticks}) == 1, lr_ticks
    texts = [t.plain for t in walk(panels["loss chart"].items) if isinstance(t, Text)]
    assert "0.5" in texts and "1.0" in texts  # ticks with one decimal ...
    assert "best 0.90 @ epoch 4" in texts  # ... the value with one more


def test_learning_rate_has_its_own_colour() -> None:
    scene = plot_history(LOG).scene
    panels = _panels(scene)
    strokes = {
        name: {
            p.stroke.paint
            for p in walk(group.items)
            if isinstance(p, Path) and p.role == "annotation" and p.stroke
        }  # type: ignore[union-attr]
        for name, group in panels.items()
    }
    assert strokes["lr chart"] == {"series.lr"}
    assert strokes["loss chart"] == {"series.train", "series.val"}
    for mode in ("light", "dark"):
        colours = {resolve(paint, mode) for paint in ("series.lr", "series.train", "series.val")}  # type: ignore[arg-type]
        assert len(colours) == 3
    legend = [t.plain for t in walk(scene.items) if isinstance(t, Text) and t.role == "legend"]
    assert legend == ["training", "validation"]


def test_pptx_charts_are_titled_as_the_svg_with_the_best_marker() -> None:
    figure = plot_history(LOG, mark_best="val_loss")
    headings = [
        t.plain
        for t in walk(figure.scene.items)
        if isinstance(t, Text) and t.spans[0].weight == "bold" and t.role == "caption"
    ]
    slide = Presentation(io.BytesIO(figure.to_bytes("pptx"))).slides[0]
    frames = [shape for shape in slide.shapes if shape.has_chart]
    titles = [frame.chart.chart_title.text_frame.text for frame in frames]
    assert titles == headings == ["Loss", "Accuracy", "Learning rate"]
    loss = frames[0].chart
    [marker] = [s for s in loss.plots[0].series if s.name.startswith("best")]
    assert marker.name == "best 0.90 @ epoch 4"
    assert marker.marker.style is not None and marker.marker.size >= 3
    # The line is not hidden (noFill): Impress then hides the ring too.
    assert marker.format.line.fill.type != MSO_FILL_TYPE.BACKGROUND
    accuracy = frames[1].chart.value_axis
    assert 0.0 <= accuracy.minimum_scale <= 0.41 and 0.82 <= accuracy.maximum_scale <= 1.0


@pytest.mark.parametrize("values", [[0.3, 1.02], [0.2, 1.0000001], [0.45, 1.05]])
@pytest.mark.parametrize("count", [3, 4])
def test_an_axis_just_past_one_ends_near_its_data_not_at_1_5(
    values: list[float], count: int
) -> None:
    axis = y_axis(values, False, count)
    span = values[1] - values[0]
    assert values[1] <= axis.high <= values[1] + 0.1 * span, (axis.low, axis.high)
    assert values[0] - 0.1 * span <= axis.low <= values[0]
