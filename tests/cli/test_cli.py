"""The ``nnviz`` command, run as users run it: in a subprocess, checking output and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LENET = ROOT / "examples" / "lenet5.yaml"


def nnviz(
    *args: str, stdin: str | None = None, cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nnviz_core", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def test_render_writes_svg_to_stdout():
    result = nnviz("render", str(LENET))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("<svg") or result.stdout.startswith("<?xml")
    assert "LeNet-5" in result.stdout


def test_render_takes_the_format_from_the_output_suffix(tmp_path):
    for suffix, magic in ((".png", b"\x89PNG"), (".pdf", b"%PDF"), (".dot", b"digraph")):
        target = tmp_path / f"lenet{suffix}"
        result = nnviz("render", str(LENET), "-o", str(target))
        assert result.returncode == 0, result.stderr
        assert target.read_bytes().startswith(magic)


def test_render_format_flag_overrides_suffix(tmp_path):
    target = tmp_path / "lenet.out"
    result = nnviz("render", str(LENET), "-o", str(target), "-f", "svg")
    assert result.returncode == 0, result.stderr
    assert b"<svg" in target.read_bytes()


def test_render_options_change_the_drawing():
    top_down = nnviz("render", str(LENET), "-O", "rankdir=TB").stdout
    left_right = nnviz("render", str(LENET), "--option", "rankdir=LR").stdout
    assert top_down and left_right and top_down != left_right


def test_render_reads_stdin():
    result = nnviz("render", "-", stdin=LENET.read_text())
    assert result.returncode == 0, result.stderr
    assert "LeNet-5" in result.stdout


def test_unknown_option_is_an_input_error_with_a_suggestion():
    result = nnviz("render", str(LENET), "-O", "rankdr=LR")
    assert result.returncode == 1
    assert "unknown option 'rankdr' for style 'graph' (did you mean 'rankdir'?)" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("render", str(LENET), "-o", "out.gif"), "unknown format 'gif'; available:"),
        (("render", str(LENET), "-O", "novalue"), "expected KEY=VALUE, got 'novalue'"),
        (("frobnicate",), "invalid choice: 'frobnicate'"),
    ],
)
def test_usage_errors_exit_2(args, message):
    result = nnviz(*args)
    assert result.returncode == 2
    assert message in result.stderr


def test_validate_reports_each_file(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\ninput: [1, 28, 28]\nlayers:\n  - conv2: {filters: 6, kernel: 5}\n")
    result = nnviz("validate", str(LENET), str(bad))
    assert result.returncode == 1
    assert f"{LENET}: ok: LeNet-5, " in result.stdout
    assert f"{bad}:4:5: unknown op 'conv2' (did you mean 'conv2d'?)" in result.stderr


def test_validate_all_examples_pass():
    specs = sorted(str(path) for path in (ROOT / "examples").glob("*.yaml"))
    result = nnviz("validate", *specs)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count(": ok: ") == len(specs)


def test_missing_file_is_an_input_error():
    result = nnviz("render", "no/such/spec.yaml")
    assert result.returncode == 1
    assert result.stderr.strip() == "nnviz: error: no/such/spec.yaml: no such file"


def test_styles_lists_every_style_and_option():
    result = nnviz("styles")
    assert result.returncode == 0
    for style in ("graph", "block", "lenet", "fcnn"):
        assert f"\n{style}: " in "\n" + result.stdout
    assert "  rankdir (TB | LR | BT | RL, default 'TB')" in result.stdout
    assert (
        "  theme (auto | light | dark | default | print | colorblind | pastel | slides | str, "
        "default 'auto')"
    ) in result.stdout
    assert "  mode (auto | light | dark | none, default None)" in result.stdout


def test_schema_is_json_schema():
    result = nnviz("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert "$schema" in schema or "type" in schema


def test_help_everywhere():
    for args in ((), ("render",), ("validate",), ("styles",), ("schema",)):
        result = nnviz(*args, "--help")
        assert result.returncode == 0
        assert "usage: nnviz" in result.stdout


def test_help_names_the_registered_styles_and_formats():
    from nnviz_core import registry

    text = " ".join(nnviz("render", "--help").stdout.split())
    styles = ", ".join(registry.names("nnviz.styles"))
    formats = ", ".join(registry.names("nnviz.backends"))
    assert f"the look: {styles} (default: graph)" in text
    assert f"output format ({formats})" in text
    assert "graph" in styles and "svg" in formats


def test_slides_writes_a_deck_and_names_skipped_styles(tmp_path):
    import pptx

    deck = tmp_path / "deck.pptx"
    specs = [str(ROOT / "examples" / name) for name in ("lenet5.yaml", "inception.yaml")]
    result = nnviz("slides", *specs, "--styles", "graph,fcnn", "-o", str(deck))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{deck}: ")
    assert "no fcnn slide: the fcnn style draws dense (fully connected) layers" in result.stderr
    slides = pptx.Presentation(str(deck)).slides
    assert len(slides) >= 3  # lenet5 graph + fcnn, inception graph
