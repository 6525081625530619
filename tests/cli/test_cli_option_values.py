"""Bad option values on the command line: one line naming the option and its range, exit 1."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MLP = ROOT / "examples" / "mlp.yaml"


@pytest.mark.parametrize(
    ("style", "assignment", "message"),
    [
        (
            "fcnn",
            "node_radius=nan",
            "option 'node_radius' must be a number from 2 to 50, got 'nan'",
        ),
        (
            "fcnn",
            "edge_width=inf",
            "option 'edge_width' must be a number from 0.1 to 10, got 'inf'",
        ),
        ("block", "angle=-inf", "option 'angle' must be a number from 0 to 80, got '-inf'"),
        ("graph", "depth=" + "9" * 400, "option 'depth' must be at most 1000, got an integer of"),
    ],
)
def test_non_finite_and_huge_option_values_are_one_line_errors(
    tmp_path, style, assignment, message
):
    out = tmp_path / "x.svg"
    result = subprocess.run(
        [sys.executable, "-m", "nnviz_core", "render", str(MLP), "-s", style, "-O", assignment,
         "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.startswith(f"nnviz: error: {message}")
    assert result.stderr.count("\n") == 1
    assert not out.exists()


def test_a_slide_size_of_dots_is_an_option_error(tmp_path):
    out = tmp_path / "x.pptx"
    result = subprocess.run(
        [sys.executable, "-m", "nnviz_core", "render", str(MLP), "-O", "slide_size=.x.",
         "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.startswith("nnviz: error: slide_size '.x.' is not a slide size;")
