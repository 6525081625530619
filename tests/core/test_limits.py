"""Inputs past the limits are refused early, located, with the option or rewrite that fixes them."""

from __future__ import annotations

import pytest

import nnviz_core
from nnviz_core import budget
from nnviz_core.backends.raster import PngScaledWarning, png_dpi
from nnviz_core.errors import LimitError
from nnviz_core.limits import (
    MAX_DRAWN_LAYERS,
    MAX_PNG_PIXELS,
    MAX_SPEC_CHARACTERS,
    drawn_layer_limit,
)
from nnviz_core.sources.yaml_spec import load_path, load_text

CHAIN_HEAD = "input: [8]\nlayers:\n"


def _limit_error(action, *args, **options) -> LimitError:
    with pytest.raises(LimitError) as caught:
        action(*args, **options)
    return caught.value


def test_every_built_in_style_has_a_drawn_layer_limit():
    assert set(MAX_DRAWN_LAYERS) == {"graph", "lenet", "block", "fcnn"}
    assert drawn_layer_limit("someone-elses-style") == 10_000


def test_a_spec_text_past_the_limit_is_refused_at_the_character_past_it():
    line = "  - relu\n"
    text = CHAIN_HEAD + line * (MAX_SPEC_CHARACTERS // len(line))
    error = _limit_error(load_text, text, "big.yaml")
    index = MAX_SPEC_CHARACTERS
    line_number = text.count("\n", 0, index) + 1
    column = index - text.rfind("\n", 0, index)
    assert str(error) == (
        f"big.yaml:{line_number}:{column}: the spec is longer than 2,000,000 characters, the "
        "most nnviz reads; write repeated layers once with `repeat` or `blocks`"
    )


def test_a_spec_file_is_read_no_further_than_the_limit(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_text(CHAIN_HEAD + "  - relu\n" * 400_000)  # 3.6 MB
    error = _limit_error(load_path, path)
    assert error.message.startswith("the spec is longer than 2,000,000 characters")
    assert error.location is not None
    assert (error.location.line, error.location.column) == (222_223, 2)  # 19 + 9 × 222,220


def test_a_chain_past_the_graph_limit_is_refused_before_layout():
    text = CHAIN_HEAD + "  - dense: 8\n" * 10_001
    error = _limit_error(nnviz_core.render, text, style="graph")
    assert str(error) == (
        "<string>:10002:5: the graph style draws at most 10,000 layers, and this network shows "
        "10,002; draw a part of the network (one block or stage) in each diagram"
    )


def test_a_chain_past_the_fcnn_limit_is_refused_before_layout():
    error = _limit_error(nnviz_core.render, CHAIN_HEAD + "  - dense: 8\n" * 12_001, style="fcnn")
    assert error.message.startswith("the fcnn style draws at most 12,000 layers")


def test_the_message_names_the_options_that_fit(monkeypatch):
    monkeypatch.setattr(budget, "drawn_layer_limit", lambda style: 100)
    text = (
        "blocks:\n  b:\n    layers: [{dense: 8}, {relu: {}, repeat: 5}]\n"
        "input: [8]\nlayers:\n  - {b: {}, repeat: 30}\n"
    )
    error = _limit_error(nnviz_core.render, text, detail="full")
    assert str(error) == (
        "<string>:3:27: the graph style draws at most 100 layers, and this network shows 181; "
        "draw each repeat once with `fold_repeats: true` (3 layers), or collapse nested groups "
        "with `depth: 1` (61 layers)"
    )
    assert nnviz_core.render(text, fold_repeats=True).svg
    assert nnviz_core.render(text, depth=1).svg


def test_repeats_past_the_limit_draw_when_folded():
    text = CHAIN_HEAD + "  - {dense: 8, repeat: 20000}\n"
    error = _limit_error(nnviz_core.render, text, detail="full")
    assert error.message.endswith(
        "draw each repeat once with `fold_repeats: true` (2 layers), or collapse nested groups "
        "with `depth: 0` (2 layers)"
    )
    assert nnviz_core.render(text, fold_repeats=True, detail="full").svg
    assert nnviz_core.render(text).svg  # `detail: auto` folds the repeat by itself


def test_fcnn_refuses_more_connections_than_it_draws():
    text = "input: [200]\nlayers:\n" + "  - dense: 200\n" * 30
    error = _limit_error(nnviz_core.render, text, style="fcnn", max_neurons=200)
    assert str(error) == (
        "<string>:28:5: the fcnn style draws at most 1,000,000 connections between neurons, "
        "and this network needs more; lower `max_neurons` (now 200) or draw fewer layers "
        "(`depth`, `fold_repeats`)"
    )
    assert nnviz_core.render(text, style="fcnn").svg  # 12 neurons a column by default


def test_a_png_past_the_pixel_limit_is_scaled_down_with_a_warning():
    lines = [*CHAIN_HEAD.splitlines()]
    for branch in range(12):
        lines.append(f"  - {{id: b{branch}, dense: 8, inputs: [input]}}")
        lines += ["  - dense: 8"] * 19
    scene = nnviz_core.render("\n".join(lines) + "\n").scene
    with pytest.warns(PngScaledWarning) as caught:
        dpi = png_dpi(scene, 600)  # what the PNG backend draws at (drawing it takes 400 MB)
    message = str(caught[0].message)
    assert message.startswith(
        f"a PNG of this {scene.width:g}×{scene.height:g} px diagram at 600 dpi"
    )
    assert "million pixels, more than the 100 million nnviz draws; drawn scaled to 0." in message
    assert message.endswith(f" ({dpi:g} dpi) instead; write SVG or PDF to keep every detail")
    pixels = scene.width * scene.height * (dpi / 96) ** 2
    assert 0.99 * MAX_PNG_PIXELS < pixels <= MAX_PNG_PIXELS
