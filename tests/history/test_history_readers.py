"""Every log format reads into the same series; bad logs give located, specific messages."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from history_logs import EPOCHS, FakeHistory, lightning_text

from nnviz_core.errors import MissingDependencyError, SourceError
from nnviz_core.history import read
from nnviz_core.history.pairing import pair


def test_keras_history_dict_reads_with_epochs_from_zero(keras_dict: dict[str, list[float]]) -> None:
    log = read(keras_dict)
    assert log.axis == "epoch"
    assert log.names() == ("accuracy", "loss", "val_accuracy", "val_loss")
    assert log.series[1].x == tuple(float(epoch) for epoch in range(EPOCHS))
    assert log.series[1].y == tuple(keras_dict["loss"])


def test_history_object_uses_its_epoch_list(keras_dict: dict[str, list[float]]) -> None:
    log = read(FakeHistory(keras_dict, list(range(5, 5 + EPOCHS))))
    assert log.series[0].x[0] == 5.0 and log.source == "History"


@pytest.mark.keras
def test_real_keras_fit_and_its_csvlogger_agree(keras_fit: tuple[Any, Path]) -> None:
    history, csv_path = keras_fit
    from_object, from_file = read(history), read(csv_path)
    assert (
        set(from_object.names())
        == set(from_file.names())
        == {"accuracy", "loss", "val_accuracy", "val_loss"}
    )
    for series in from_object.series:
        twin = next(item for item in from_file.series if item.name == series.name)
        assert twin.x == series.x == (0.0, 1.0, 2.0)
        assert twin.y == pytest.approx(series.y)


def test_csvlogger_file_matches_the_dict(
    csvlogger_file: Path, keras_dict: dict[str, list[float]]
) -> None:
    log = read(csvlogger_file)
    assert log.axis == "epoch"
    assert {item.name: item.y for item in log.series} == {
        k: tuple(v) for k, v in keras_dict.items()
    }


def test_json_forms_read_alike(tmp_path: Path, keras_dict: dict[str, list[float]]) -> None:
    plain = tmp_path / "plain.json"
    plain.write_text(json.dumps(keras_dict))
    wrapped = tmp_path / "wrapped.json"
    wrapped.write_text(json.dumps({"history": keras_dict, "epoch": list(range(EPOCHS))}))
    records = [{"epoch": e, **{k: v[e] for k, v in keras_dict.items()}} for e in range(EPOCHS)]
    listed = tmp_path / "records.json"
    listed.write_text(json.dumps(records))
    logs = [read(path) for path in (plain, wrapped, listed)]
    assert logs[0].series == logs[1].series == logs[2].series


def test_lightning_csv_uses_steps_and_keeps_the_step_twin(lightning_csv: Path) -> None:
    log = read(lightning_csv)
    assert log.axis == "step"
    assert log.names() == ("train_loss", "val_acc", "val_loss")
    assert len(log.series[0].x) == 32 and len(log.series[2].x) == 4
    metrics = pair(log)
    assert [(m.name, m.train and m.train.name, m.val and m.val.name) for m in metrics] == [
        ("loss", "train_loss", "val_loss"),
        ("acc", None, "val_acc"),
    ]


def test_lightning_csv_by_epoch_keeps_the_epoch_twin(lightning_csv: Path) -> None:
    log = read(lightning_csv, axis="epoch")
    assert log.axis == "epoch"
    assert log.series[0].name == "train_loss" and log.series[0].x == (0.0, 1.0, 2.0, 3.0)


@pytest.mark.torch
def test_tensorboard_runs_become_paired_tags(tensorboard_dir: Path) -> None:
    log = read(tensorboard_dir)
    assert log.axis == "epoch"
    assert set(log.names()) == {
        "epoch_accuracy/train",
        "epoch_accuracy/validation",
        "epoch_loss/train",
        "epoch_loss/validation",
    }
    metrics = {metric.name: metric for metric in pair(log)}
    assert list(metrics) == ["loss", "accuracy"]
    assert metrics["loss"].val is not None and metrics["loss"].val.bad_points == 1
    single = read(next((tensorboard_dir / "train").iterdir()))
    assert single.names() == ("epoch_accuracy", "epoch_loss")


def test_tensorboard_missing_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "events.out.tfevents.1.host").write_bytes(b"")
    monkeypatch.setitem(sys.modules, "tensorboard.backend.event_processing", None)
    with pytest.raises(MissingDependencyError) as caught:
        read(tmp_path)
    assert 'pip install "nnviz-docs[tensorboard]"' in str(caught.value)


def test_inline_csv_and_json_text() -> None:
    assert read("epoch,loss\n0,1.0\n1,0.5\n").series[0].y == (1.0, 0.5)
    assert read('{"loss": [1.0, 0.5]}').series[0].y == (1.0, 0.5)
    assert read(lightning_text(), filename="fence").axis == "step"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "log.csv:1:1: the training log is empty"),
        ("epoch,loss\n", "log.csv:1:1: the training log has a header (epoch, loss) but no rows"),
        (
            "epoch,loss\n0,1.0\n1,abc\n",
            "log.csv:3:1: column 'loss' has 'abc', which is not a number",
        ),
        (
            "epoch,loss\n0,1.0\n1,0.5,0.2\n",
            "log.csv:3:1: this row has 3 values but the header names 2",
        ),
        ("epoch,loss\n0,1.0\n,0.5\n", "log.csv:3:1: this row has no 'epoch' value"),
        ("epoch\n0\n1\n", "log.csv:1:1: the training log has no metric columns besides epoch"),
        (
            "epoch,loss\n0,1\ninf,2\n",
            "log.csv:3:1: column 'epoch' has 'inf', which is not a finite number; every row needs "
            "a finite epoch; only metric cells may be nan or inf (drawn as gaps)",
        ),
        ("step,loss\n0,1\nnan,2\n", "log.csv:3:1: column 'step' has 'nan', which is not a finite"),
        (
            "epoch,loss\n0,1\n1,-1e308\n",
            "log.csv:3:1: column 'loss' has -1e+308, which is too large to plot (the limit is "
            "±1e+300)",
        ),
    ],
)
def test_bad_csv_logs_are_located(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "log.csv"
    path.write_text(text)
    with pytest.raises(SourceError) as caught:
        read(path)
    assert str(caught.value).startswith(f"{path.as_posix()[: -len('log.csv')]}{message}")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"loss": [1.0, 0.5], "val_loss": [1.0]}, "'val_loss' has 1 values but 'loss' has 2"),
        ({"loss": [1.0, "high"]}, "loss[1] is 'high', which is not a number"),
        ({"loss": []}, "the training history is empty"),
        ({"loss": 0.5}, "'loss' is not a list of values, one per epoch"),
        ({"loss": [1.0, 1e305]}, "loss[1] is 1e+305, which is too large to plot (the limit is "),
        ({"loss": [1, 10**400]}, "loss[1] is an integer too large to plot (the limit is ±1e+300)"),
        ({"loss": [1.0, 0.5], "epoch": [0, float("inf")]}, "every 'epoch' value must be a finite"),
    ],
)
def test_bad_history_dicts(data: dict[str, Any], message: str) -> None:
    with pytest.raises(SourceError, match=r"^history: ") as caught:
        read(data)
    assert message in str(caught.value)


def test_metrics_may_be_infinite_and_are_kept_for_gaps(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_text("epoch,loss\n0,1\n1,inf\n2,-inf\n3,1e300\n")
    assert read(path).series[0].y == (1.0, float("inf"), float("-inf"), 1e300)


def test_bad_sources(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file or directory"):
        read(tmp_path / "missing.csv")
    with pytest.raises(SourceError, match="a directory without TensorBoard event files"):
        read(tmp_path)
    with pytest.raises(SourceError, match="cannot plot a int as a training history"):
        read(3)
    (tmp_path / "bad.json").write_text('{"loss": [1,}')
    with pytest.raises(SourceError, match=r"bad.json:1:13: not valid JSON"):
        read(tmp_path / "bad.json")
