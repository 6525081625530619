"""Whole-pipeline output: goldens, determinism, theme tokens, dark mode, option errors."""

from __future__ import annotations

import re
from pathlib import Path

import fcnn_graphs as graphs
import pytest

import nnviz_core
from nnviz_core.errors import OptionError
from nnviz_core.scene import Circle, Scene, Text, walk
from nnviz_core.scene import Path as ScenePath
from nnviz_core.styles.fcnn import STYLE, FcnnOptions
from nnviz_core.styles.fcnn.weights import WeightSource, parse
from nnviz_core.theme import is_token

EXAMPLES = Path(__file__).parents[2] / "examples"
WIDE = """
name: Wide MLP
input: [4096]
layers:
  - dense: {units: 4096, activation: relu}
  - dense: {units: 4096, activation: relu}
  - dense: {units: 4096, activation: relu}
  - dense: {units: 1000, activation: softmax}
"""


def _drawing(svg: str) -> str:
    """The SVG without its theme style sheet: the backend owns that, this style owns the rest."""
    return re.sub(r"<style>.*?</style>\n?", "", svg, flags=re.DOTALL)


def test_mlp_example_matches_its_golden(golden) -> None:  # type: ignore[no-untyped-def]
    svg = nnviz_core.render(EXAMPLES / "mlp.yaml", style="fcnn").svg
    golden("fcnn/mlp.svg", _drawing(svg))


def test_wide_network_matches_its_golden(golden) -> None:  # type: ignore[no-untyped-def]
    diagram = nnviz_core.render(WIDE, style="fcnn", weights="random:1", show_bias=True)
    golden("fcnn/wide-weights.svg", _drawing(diagram.svg))


def test_same_input_same_bytes() -> None:
    first = nnviz_core.render(graphs.two_tower(), style="fcnn", weights="random:3").svg
    again = nnviz_core.render(graphs.two_tower(), style="fcnn", weights="random:3").svg
    assert first == again


def test_weights_follow_the_seed_not_the_drawing() -> None:
    seeded = WeightSource(7)
    assert seeded.weight("a", "b", 3, 4) == WeightSource(7).weight("a", "b", 3, 4)
    assert seeded.weight("a", "b", 3, 4) != WeightSource(8).weight("a", "b", 3, 4)
    values = [seeded.weight("a", "b", i, j) for i in range(30) for j in range(30)]
    assert -1 <= min(values) < -0.9 and 0.9 < max(values) <= 1
    assert abs(sum(values) / len(values)) < 0.1
    few = nnviz_core.render(graphs.mlp(30, 30), style="fcnn", weights="random:7", max_neurons=4)
    other = nnviz_core.render(graphs.mlp(30, 30), style="fcnn", weights="random:8", max_neurons=4)
    assert few.svg != other.svg


@pytest.mark.parametrize(("text", "seed"), [("random", 0), ("random:7", 7), ("Random(12)", 12)])
def test_weight_specs(text: str, seed: int) -> None:
    assert parse(text) == WeightSource(seed)
    assert parse("none") is None and parse(None) is None


def test_bad_weight_spec_says_what_is_accepted() -> None:
    with pytest.raises(OptionError) as caught:
        nnviz_core.render(graphs.mlp(3, 2), style="fcnn", weights="gaussian")
    assert str(caught.value) == (
        "option 'weights' expects `none`, `random` or `random:<seed>` (such as 'random:7'), "
        "got 'gaussian'"
    )


def test_bad_paint_says_what_is_accepted() -> None:
    with pytest.raises(OptionError) as caught:
        nnviz_core.render(graphs.mlp(3, 2), style="fcnn", node_color="purple")
    assert str(caught.value) == (
        "option 'node_color' expects `category` or `mono` or a theme token or #rrggbb "
        "(such as 'edge' or '#505050'), got 'purple'"
    )


def _paints(scene: Scene) -> set[str]:
    found: set[str] = set()
    for item in walk(scene.items):
        if isinstance(item, Text):
            found.add(item.paint)
        elif isinstance(item, (Circle, ScenePath)):
            found |= {p.paint for p in (item.fill, item.stroke) if p is not None}
    return found


@pytest.mark.parametrize("node_color", ["category", "mono"])
def test_only_theme_tokens_are_painted(node_color: str) -> None:
    options = FcnnOptions(node_color=node_color, weights="random", show_bias=True)
    paints = _paints(STYLE.layout(graphs.lenet(), options))
    assert paints and all(is_token(paint) for paint in paints)


def test_literal_colours_are_used_when_asked() -> None:
    options = FcnnOptions(node_color="#ffffff", edge_color="#505050")
    assert {"#ffffff", "#505050"} <= _paints(STYLE.layout(graphs.mlp(3, 2), options))


def test_dark_theme_uses_the_dark_values() -> None:
    diagram = nnviz_core.render(graphs.mlp(4, 3), style="fcnn", weights="random", theme="dark")
    dark = diagram.svg
    light = nnviz_core.render(graphs.mlp(4, 3), style="fcnn", weights="random", theme="light").svg
    assert "#fb923c" in dark and "#fb923c" not in light
    assert "#c2410c" in light
