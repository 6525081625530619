"""The `nnviz history` command and the PowerPoint chart, reopened and checked."""

from __future__ import annotations

import io
import json
import math
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from nnviz_core import plot_history
from nnviz_core.cli import main
from nnviz_core.history import HistoryWarning


def test_cli_writes_svg_and_reports(
    csvlogger_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out" / "curves.svg"
    code = main(
        [
            "history",
            str(csvlogger_file),
            "-o",
            str(target),
            "-O",
            "mark_best=val_loss",
            "-O",
            "layout=row",
        ]
    )
    assert code == 0
    assert target.read_text().startswith("<svg")
    assert "Training curves of loss, accuracy over 12 epochs" in capsys.readouterr().out


def test_cli_warns_about_gaps_and_fails_on_bad_logs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "log.csv"
    log.write_text("epoch,loss\n0,1.0\n1,nan\n2,0.5\n")
    assert main(["history", str(log), "-o", str(tmp_path / "a.png")]) == 0
    assert (
        f"nnviz: warning: {log.as_posix()}: loss: 1 NaN/inf value drawn as gaps"
        in capsys.readouterr().err
    )
    log.write_text("epoch,loss\n0,1.0\n1,oops\n")
    assert main(["history", str(log), "-o", str(tmp_path / "b.svg")]) == 1
    err = capsys.readouterr().err
    assert (
        f"nnviz: error: {log.as_posix()}:3:1: column 'loss' has 'oops', which is not a number"
        in err
    )
    with pytest.raises(SystemExit) as usage:  # a format curves cannot take: a usage error
        main(["history", str(log), "-o", str(tmp_path / "c.dot")])
    assert usage.value.code == 2
    assert "unknown format 'dot'; available: html, pdf, png, pptx, svg" in capsys.readouterr().err
    assert main(["history", str(tmp_path / "none.csv"), "-O", "layout=diagonal"]) == 1
    assert "option 'layout' expects grid | row | column, got 'diagonal'" in capsys.readouterr().err


def test_cli_reads_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps({"loss": [1.0, 0.4]})))
    out = io.StringIO()
    monkeypatch.setattr("sys.stdout", out)
    assert main(["history", "-"]) == 0
    assert out.getvalue().startswith("<svg")


def _charts(data: bytes) -> list[object]:
    slide = Presentation(io.BytesIO(data)).slides[0]
    return [shape for shape in slide.shapes if shape.has_chart]


def test_pptx_holds_native_editable_charts(keras_dict: dict[str, list[float]]) -> None:
    keras_dict["val_loss"][3] = math.nan
    with pytest.warns(HistoryWarning):
        figure = plot_history(keras_dict, mark_best="val_loss", theme="dark")
    frames = _charts(figure.to_bytes("pptx"))
    assert [frame.name for frame in frames] == ["Loss chart", "Accuracy chart"]  # type: ignore[attr-defined]
    loss = frames[0].chart  # type: ignore[attr-defined]
    series = {item.name: item for item in loss.plots[0].series}
    best = min((v, e) for e, v in enumerate(keras_dict["val_loss"]) if not math.isnan(v))
    assert list(series) == ["loss", "val_loss", f"best {best[0]:.3f} @ epoch {best[1]}"]
    assert list(series["loss"].values) == pytest.approx(keras_dict["loss"])
    val = list(series["val_loss"].values)
    assert val[3] is None and val[:3] == pytest.approx(keras_dict["val_loss"][:3])
    assert loss.chart_title.text_frame.text == "Loss"
    assert loss.value_axis.axis_title.text_frame.text == "loss"
    assert loss.category_axis.axis_title.text_frame.text == "epoch"
    assert str(series["loss"].format.line.color.rgb) == "5FA8E8"  # the dark train colour


def test_pptx_log_axis_and_determinism(keras_dict: dict[str, list[float]]) -> None:
    data = plot_history(keras_dict, log_y=True, metrics="loss").to_bytes("pptx")
    chart = _charts(data)[0].chart  # type: ignore[attr-defined]
    scaling = chart.value_axis._element.find(qn("c:scaling"))
    assert scaling[0].tag == qn("c:logBase") and scaling[0].get("val") == "10"
    assert plot_history(keras_dict, log_y=True, metrics="loss").to_bytes("pptx") == data


def test_pptx_charts_drop_control_characters_from_column_names(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text("epoch,lo\x01ss,val_lo\x01ss,acc\x1b\n0,1.0,1.2,0.5\n1,0.5,0.7,0.8\n")
    frames = _charts(plot_history(log).to_bytes("pptx"))
    assert [frame.name for frame in frames] == ["Loss chart", "Acc chart"]  # type: ignore[attr-defined]
    loss = frames[0].chart  # type: ignore[attr-defined]
    assert [item.name for item in loss.plots[0].series] == ["loss", "val_loss"]
    assert loss.chart_title.text_frame.text == "Loss"
    assert frames[1].chart.value_axis.axis_title.text_frame.text == "acc"  # type: ignore[attr-defined]


def test_the_svg_of_such_a_log_replaces_them_visibly(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text("epoch,lo\x01ss\n0,1.0\n1,0.5\n")
    svg = plot_history(log).svg
    assert "\x01" not in svg and "lo\ufffdss" in svg
