"""The drawn figure: invariants on the Scene, options, notes, determinism, golden SVGs."""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest
import scene_checks
from history_logs import lightning_text

from nnviz_core import Diagram, plot_history
from nnviz_core.errors import OptionError
from nnviz_core.history import HistoryWarning
from nnviz_core.history.scale import x_axis, y_axis
from nnviz_core.history.ticks import labels, log_ticks, nice_ticks
from nnviz_core.scene import Circle, Group, LineTo, MoveTo, Scene, Text, walk
from nnviz_core.scene import Path as ScenePath


def _plot_box(group: Group) -> tuple[float, float, float, float]:
    """The plot area of a panel, from its axis lines (the one path stroked with plot.axis)."""
    axis = next(
        item
        for item in walk(group.items)
        if isinstance(item, ScenePath) and item.stroke and item.stroke.paint == "plot.axis"
    )
    points = [segment.to for segment in axis.segments if isinstance(segment, (MoveTo, LineTo))]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _series_points(group: Group) -> list[tuple[float, float]]:
    found = []
    for item in walk(group.items):
        if isinstance(item, ScenePath) and item.role == "annotation" and not item.stroke.dash:  # type: ignore[union-attr]
            found.extend(s.to for s in item.segments if isinstance(s, (MoveTo, LineTo)))
        elif isinstance(item, Circle) and item.role == "annotation":
            found.append((item.cx, item.cy))
    return found


def check_scene(scene: Scene) -> None:
    """Inside the canvas; curves inside their plot areas; no two labels overlap."""
    scene_checks.assert_inside_canvas(scene)
    scene_checks.assert_no_overlap(scene, role="label")
    panels = [item for item in scene.items if isinstance(item, Group) and item.layer]
    assert len(panels) == len(scene.charts)
    for panel in panels:
        left, top, right, bottom = _plot_box(panel)
        for x, y in _series_points(panel):
            assert left - 0.01 <= x <= right + 0.01 and top - 0.01 <= y <= bottom + 0.01, (x, y)


def test_keras_dict_figure(keras_dict: dict[str, list[float]]) -> None:
    figure = plot_history(keras_dict, title="Training", mark_best="val_loss")
    assert isinstance(figure, Diagram) and figure.graph is None and figure.style == "history"
    check_scene(figure.scene)
    texts = [item.plain for item in walk(figure.scene.items) if isinstance(item, Text)]
    assert texts[:3] == ["Training", "training", "validation"]
    assert "Loss" in texts and "Accuracy" in texts and "epoch" in texts
    best = min(range(12), key=lambda epoch: keras_dict["val_loss"][epoch])
    assert "0.25" in texts and "1.25" in texts  # loss ticks: two decimals, the value one more
    assert f"best {keras_dict['val_loss'][best]:.3f} @ epoch {best}" in texts
    assert figure.scene.description == "Training curves of loss, accuracy over 12 epochs"


@pytest.mark.parametrize("layout", ["row", "column", "grid"])
def test_layouts_arrange_panels(layout: str, keras_dict: dict[str, list[float]]) -> None:
    data = {**keras_dict, "lr": [0.01] * 12}
    scene = plot_history(data, layout=layout).scene
    check_scene(scene)
    lefts = sorted({round(chart.x) for chart in scene.charts})
    tops = sorted({round(chart.y) for chart in scene.charts})
    assert (len(lefts), len(tops)) == {"row": (3, 1), "column": (1, 3), "grid": (2, 2)}[layout]


def test_metrics_choose_and_order_panels(keras_dict: dict[str, list[float]]) -> None:
    scene = plot_history(keras_dict, metrics="val_accuracy, loss").scene
    assert [chart.title for chart in scene.charts] == ["Accuracy", "Loss"]  # as the SVG heads them
    with pytest.raises(
        OptionError,
        match=r"metrics: the log has no metric 'acuracy' \(did you mean 'accuracy'\?\); "
        r"its metrics are 'loss', 'accuracy'",
    ):
        plot_history(keras_dict, metrics="acuracy")
    with pytest.raises(
        OptionError,
        match=r"mark_best: no series 'val_los' among the drawn panels "
        r"\(did you mean 'val_loss'\?\)",
    ):
        plot_history(keras_dict, mark_best="val_los")
    lines = {"epoch": [0, 1], "lo\nss": [1.0, 0.5], "acc\nuracy": [0.1, 0.2]}
    with pytest.raises(OptionError) as raised:
        plot_history(lines, mark_best="loss")
    assert "\n" not in str(raised.value)
    assert str(raised.value).endswith("choose one of 'lo\\nss', 'acc\\nuracy'")
    with pytest.raises(
        OptionError,
        match=r"unknown option 'smoth' for training-history figures \(did you mean 'smooth'\?\)",
    ):
        plot_history(keras_dict, smoth=0.5)


def test_best_accuracy_is_the_highest(keras_dict: dict[str, list[float]]) -> None:
    scene = plot_history(keras_dict, mark_best="val_accuracy").scene
    texts = [item.plain for item in walk(scene.items) if isinstance(item, Text)]
    ticks = [t for t in texts if t.startswith("0.") and len(t) == 3]
    assert ticks, "accuracy ticks with one decimal"
    assert f"best {max(keras_dict['val_accuracy']):.2f} @ epoch 11" in texts


def test_nan_and_inf_are_gaps_with_a_note(keras_dict: dict[str, list[float]]) -> None:
    keras_dict["val_loss"][4] = math.nan
    keras_dict["loss"][6] = math.inf
    with pytest.warns(HistoryWarning) as caught:
        scene = plot_history(keras_dict).scene
    assert [str(warning.message) for warning in caught] == [
        "history: loss: 1 NaN/inf value drawn as gaps",
        "history: val_loss: 1 NaN/inf value drawn as gaps",
    ]
    check_scene(scene)
    loss = scene.charts[0]
    val = next(series for series in loss.series if series.name == "val_loss")
    assert val.y.count(None) == 1 and len(val.y) == 12
    notes = [
        item.plain for item in scene.items if isinstance(item, Text) and item.role == "caption"
    ]
    assert notes == [
        "loss: 1 NaN/inf value drawn as gaps",
        "val_loss: 1 NaN/inf value drawn as gaps",
    ]


def test_smoothing_and_log_scale() -> None:
    figure = plot_history(
        lightning_text(), filename="metrics.csv", smooth=0.6, log_y=True, metrics="loss"
    )
    check_scene(figure.scene)
    chart = figure.scene.charts[0]
    assert chart.log_y and chart.y_title == "loss (log scale)"
    with pytest.warns(HistoryWarning, match="val_loss: values at or below 0 left out of the log"):
        plot_history({"loss": [1.0, 0.5], "val_loss": [1.0, 0.0]}, log_y=True)
    assert [series.name for series in chart.series] == [
        "train_loss (raw)",
        "train_loss",
        "val_loss (raw)",
        "val_loss",
    ]


def test_large_log_is_downsampled_keeping_extremes() -> None:
    steps = 100_000
    values = [1.0 + 0.1 * math.sin(step) for step in range(steps)]
    values[54_321] = 9.0  # a spike must survive
    figure = plot_history({"step": list(range(steps)), "loss": values})
    chart = figure.scene.charts[0]
    assert len(chart.series[0].x) < 2_000 and max(v for v in chart.series[0].y if v) == 9.0
    assert len(figure.svg) < 300_000
    check_scene(figure.scene)


def test_same_log_same_bytes(keras_dict: dict[str, list[float]]) -> None:
    first = plot_history(keras_dict, mark_best="val_loss").to_bytes("svg")
    assert plot_history(dict(keras_dict), mark_best="val_loss").to_bytes("svg") == first


@pytest.mark.parametrize(
    ("low", "high"),
    [(0.0123, 0.934), (0.0, 99.0), (1.0, 1.0), (-3.2, 4.4), (1e-5, 4e-4), (250.0, 100_000.0)],
)
def test_ticks_cover_the_data(low: float, high: float) -> None:
    ticks = nice_ticks(low, high)
    assert ticks[0] <= low and ticks[-1] >= high and 3 <= len(ticks) <= 8
    assert len(set(labels(ticks))) == len(ticks)
    axis = y_axis([low, high], False, 5)
    assert axis.low <= low and axis.high >= high
    assert log_ticks(0.003, 2.1)[0] <= 0.003 and log_ticks(0.003, 2.1)[-1] >= 2.1


def test_epoch_ticks_are_whole_and_inside() -> None:
    axis = x_axis([0.0, 11.0], True, 6)
    assert (
        all(tick == int(tick) for tick in axis.ticks)
        and axis.ticks[0] >= 0
        and axis.ticks[-1] <= 11
    )
    assert labels((0.0, 25_000.0, 50_000.0)) == ("0", "25k", "50k")


def test_golden_svgs(
    keras_dict: dict[str, list[float]], golden: Callable[[str, str], None]
) -> None:
    keras_dict["val_loss"][5] = math.nan
    with pytest.warns(HistoryWarning):
        keras = plot_history(keras_dict, title="Keras History", mark_best="val_loss")
    golden("history/keras.svg", keras.svg)
    lightning = plot_history(
        lightning_text(), filename="metrics.csv", smooth=0.6, layout="column", theme="dark"
    )
    golden("history/lightning.svg", lightning.svg)


def test_renders_png_and_pdf(keras_dict: dict[str, list[float]], tmp_path: Path) -> None:
    figure = plot_history(keras_dict)
    assert figure.save(tmp_path / "curves.png").read_bytes()[:4] == b"\x89PNG"
    assert figure.save(tmp_path / "curves.pdf").read_bytes()[:4] == b"%PDF"


ODD_LOGS: dict[str, dict[str, list[float]]] = {
    "constant": {"loss": [0.5] * 10},
    "one epoch": {"loss": [0.5]},
    "negative": {
        "reward": [-100.0 + 3 * i for i in range(50)],
        "val_reward": [-120.0 + 3 * i for i in range(50)],
    },
    "tiny": {"loss": [1e-6 * (1 + i) for i in range(20)]},
    "huge": {
        "step": [float(s) for s in range(0, 2_000_000, 1000)],
        "loss": [1e6 / (1 + i) for i in range(2000)],
    },
    "all nan": {"loss": [math.nan] * 5, "val_loss": [1.0] * 5},
    "mixed": {
        "loss": [1, math.inf, 0.5, -math.inf, 0.2],
        "val_loss": [1.2, 0.9, math.nan, 0.6, 0.5],
    },
}


@pytest.mark.parametrize("name", sorted(ODD_LOGS))
@pytest.mark.parametrize(("width", "height"), [(120, 90), (300, 200)])
@pytest.mark.parametrize("log_y", [False, True])
def test_odd_logs_keep_the_invariants(name: str, width: float, height: float, log_y: bool) -> None:
    data = ODD_LOGS[name]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", HistoryWarning)
        figure = plot_history(
            data,
            panel_width=width,
            panel_height=height,
            log_y=log_y,
            mark_best="loss" if "loss" in data else None,
            smooth=0.5 if log_y else 0.0,
            title="A title wider than one small panel",
        )
    check_scene(figure.scene)
