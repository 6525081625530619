"""Finding and running the Graphviz engine, and what the user reads when that fails."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest
from graph_style_samples import lenet

from nnviz_core.errors import EngineError
from nnviz_core.options import build
from nnviz_core.styles.graph import STYLE, GraphOptions
from nnviz_core.styles.graph import engine as engine_module
from nnviz_core.styles.graph.engine import (
    layout_size,
    parse_layout,
    resolve_engine,
    run_engine,
)


def _script(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_auto_prefers_graphviz_pure_beside_python() -> None:
    expected = Path(sys.executable).parent / "graphviz-pure"
    assert resolve_engine("auto") == str(expected)


def test_auto_falls_back_to_path_then_dot(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(engine_module.sys, "executable", str(tmp_path / "python"))
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    monkeypatch.setenv("PATH", str(bin_dir))
    dot = _script(bin_dir, "dot", "exit 0")
    assert resolve_engine("auto") == str(dot)
    pure = _script(bin_dir, "graphviz-pure", "exit 0")
    assert resolve_engine("auto") == str(pure)


def test_no_engine_names_both_fixes(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(engine_module.sys, "executable", str(tmp_path / "python"))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(EngineError) as caught:
        resolve_engine("auto")
    message = str(caught.value)
    assert message.startswith("no Graphviz engine found (neither graphviz-pure nor dot);")
    assert "pip install graphviz-pure" in message and "apt-get install graphviz" in message


def test_explicit_engine_must_exist(tmp_path) -> None:
    missing = str(tmp_path / "nowhere" / "dot")
    with pytest.raises(
        EngineError, match=r"Graphviz engine '.*nowhere/dot' was not found; install"
    ):
        resolve_engine(missing)
    script = _script(tmp_path, "my-dot", "exit 0")
    assert resolve_engine(str(script)) == str(script)


def test_engine_failure_quotes_stderr(tmp_path) -> None:
    broken = _script(tmp_path, "broken-dot", "echo 'Error: syntax error in line 3' >&2; exit 1")
    with pytest.raises(EngineError) as caught:
        run_engine(str(broken), "digraph { a -> b }")
    assert str(caught.value) == (
        f"Graphviz ({broken}) failed with exit code 1: Error: syntax error in line 3"
    )


def test_engine_garbage_is_reported(tmp_path) -> None:
    chatty = _script(tmp_path, "chatty-dot", "echo not json; echo oops >&2")
    with pytest.raises(EngineError, match=r"gave unreadable output: oops"):
        run_engine(str(chatty), "digraph { a }")


def test_style_reports_a_missing_engine_option(tmp_path) -> None:
    options = build(GraphOptions, {"engine": str(tmp_path / "dot")})
    with pytest.raises(EngineError, match="was not found"):
        STYLE.layout(lenet(), options)


ANSWER = {
    "bb": "0,0,100,200",
    "objects": [
        {"_gvid": 0, "name": "cluster_c0", "bb": "10,20,90,190", "lp": "30,180"},
        {"_gvid": 1, "name": "n0", "pos": "50,170"},
        {"_gvid": 2, "name": "n1", "pos": "50,40"},
    ],
    "edges": [{"tail": 1, "head": 2, "pos": "e,50,60 50,150 50,120 50,90 50,70"}],
}


def test_parse_flips_y_and_reads_splines() -> None:
    layout = parse_layout(ANSWER)
    assert (layout.width, layout.height) == (100.0, 200.0)
    assert layout.nodes == {"n0": (50.0, 30.0), "n1": (50.0, 160.0)}
    assert layout.clusters["cluster_c0"].box == (10.0, 10.0, 80.0, 170.0)
    assert layout.clusters["cluster_c0"].label_center == (30.0, 20.0)
    route = layout.edges[("n0", "n1")]
    assert route.points[0] == (50.0, 50.0) and route.tip == (50.0, 140.0)


def test_parse_reads_every_position_at_the_offset_it_is_given() -> None:
    layout = parse_layout(ANSWER, (16.0, 40.0))
    assert layout_size(ANSWER) == (layout.width, layout.height) == (100.0, 200.0)
    assert layout.nodes == {"n0": (66.0, 70.0), "n1": (66.0, 200.0)}
    assert layout.clusters["cluster_c0"].box == (26.0, 50.0, 80.0, 170.0)
    assert layout.clusters["cluster_c0"].label_center == (46.0, 60.0)
    route = layout.edges[("n0", "n1")]
    assert route.points == ((66.0, 90.0), (66.0, 120.0), (66.0, 150.0), (66.0, 170.0))
    assert route.tip == (66.0, 180.0)


def test_an_answer_without_a_size_is_an_engine_error() -> None:
    with pytest.raises(EngineError, match=r"cannot read \(KeyError: 'bb'\); try another engine"):
        layout_size({"objects": []})


@pytest.mark.skipif(os.name != "posix", reason="shell-script engines need a POSIX shell")
def test_fake_engine_output_reaches_the_scene(tmp_path) -> None:
    real = resolve_engine("auto")
    wrapper = _script(tmp_path, "wrapped-dot", f'exec "{real}" "$@"')
    scene = STYLE.layout(lenet(), build(GraphOptions, {"engine": str(wrapper)}))
    assert scene.width > 0 and scene.dot is not None


def test_unreadable_layouts_are_engine_errors() -> None:
    unreadable = r"Graphviz gave a layout nnviz cannot read \(KeyError: 'bb'\); try another"
    with pytest.raises(EngineError, match=unreadable):
        parse_layout({"objects": []})
    bad_number = r"\(ValueError: could not convert string to float: 'a'\)"
    with pytest.raises(EngineError, match=bad_number):
        parse_layout({"bb": "0,0,a,b"})


@pytest.mark.skipif(os.name != "posix", reason="shell-script engines need a POSIX shell")
def test_a_slow_engine_is_stopped_with_a_hint(tmp_path, monkeypatch) -> None:
    slow = _script(tmp_path, "slow-dot", "exec sleep 60")
    monkeypatch.setattr(engine_module, "TIMEOUT", 1.0)
    with pytest.raises(EngineError) as caught:
        run_engine(str(slow), "digraph { a }")
    assert str(caught.value) == (
        f"Graphviz ({slow}) took longer than 1 s; try splines=spline or a smaller depth"
    )


@pytest.mark.skipif(os.name != "posix", reason="shell-script engines need a POSIX shell")
def test_an_engine_that_leaves_out_a_layer_is_named_with_the_layer(tmp_path) -> None:
    real = resolve_engine("auto")
    # An engine whose answer has no node n1 (LeNet's conv1): it answers for a "gone" node.
    lossy = _script(
        tmp_path, "lossy-dot", f'"{real}" "$@" | sed \'s/"name": "n1"/"name": "gone"/\''
    )
    message = r"Graphviz did not place layer 'conv1'; try another engine"
    with pytest.raises(EngineError, match=message):
        STYLE.layout(lenet(), build(GraphOptions, {"engine": str(lossy)}))


@pytest.mark.skipif(os.name != "posix", reason="shell-script engines need a POSIX shell")
def test_an_engine_failing_while_cards_are_drawn_reaches_the_caller(tmp_path) -> None:
    broken = _script(tmp_path, "broken-dot", "echo 'Error: out of memory' >&2; exit 2")
    with pytest.raises(EngineError) as caught:
        STYLE.layout(lenet(), build(GraphOptions, {"engine": str(broken)}))
    assert str(caught.value) == f"Graphviz ({broken}) failed with exit code 2: Error: out of memory"
