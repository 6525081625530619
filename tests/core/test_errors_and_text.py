"""The error tree's message format and the text metrics layouts rely on."""

from __future__ import annotations

from nnviz_core.errors import (
    MissingDependencyError,
    ShapeError,
    SourceLocation,
    UnknownNameError,
    did_you_mean,
)
from nnviz_core.text import text_width


def test_located_errors_start_with_file_line_column():
    error = UnknownNameError("unknown op 'conv2'", SourceLocation("lenet.yaml", 7, 5))
    assert str(error) == "lenet.yaml:7:5: unknown op 'conv2'"
    assert error.message == "unknown op 'conv2'"


def test_relocated_keeps_class_and_message():
    error = ShapeError("shapes differ", SourceLocation("<string>", 2, 3))
    moved = error.relocated(SourceLocation("index.rst", 12, 3))
    assert isinstance(moved, ShapeError)
    assert str(moved) == "index.rst:12:3: shapes differ"


def test_missing_dependency_names_the_pip_fix():
    error = MissingDependencyError("PNG output", "raster", "cairosvg")
    assert str(error) == (
        "PNG output needs the optional dependency 'cairosvg', which is not installed; "
        'install it with: pip install "nnviz-docs[raster]"'
    )


def test_did_you_mean():
    assert did_you_mean("conv2", ["conv2d", "dense"]) == " (did you mean 'conv2d'?)"
    assert did_you_mean("zzz", ["conv2d", "dense"]) == ""


def test_text_width_uses_font_advances():
    # DejaVu Sans: 'i' is narrow, 'W' is wide, bold is wider than regular.
    assert text_width("iiii", 10) < text_width("WWWW", 10)
    assert text_width("Conv2D", 14, "bold") > text_width("Conv2D", 14)
    assert text_width("abc", 20) == 2 * text_width("abc", 10)
    assert text_width("", 12) == 0
