"""Wide merges: an ``add`` of hundreds of parallel branches is drawn correctly and in linear time,
branch by branch when asked (``fold_fans=0``), or as one card marked ×N by default."""

from __future__ import annotations

import pytest
import scene_checks
from graph_style_samples import assert_texts_inside_shapes, layers

import nnviz_core
from nnviz_core.backends.dot import BACKEND
from nnviz_core.errors import LimitError
from nnviz_core.ir import Graph
from nnviz_core.ir.fans import Fan, fold_fans
from nnviz_core.options import RenderOptions, build
from nnviz_core.scene import Path, Scene
from nnviz_core.sources.yaml_spec import load_text
from nnviz_core.styles.graph import STYLE, GraphOptions, prepare

BRANCHES = 500


def wide_merge_spec(branches: int) -> str:
    """``x``, then ``branches`` relus reading it, then their sum (issue 19's wide merge)."""
    lines = ["name: wide", "input: [4, 8, 8]", "layers:"]
    lines.append("  - {id: x, conv2d: {filters: 4, kernel: 3, padding: same}}")
    lines += [f"  - {{id: b{index}, relu: {{}}, inputs: [x]}}" for index in range(branches)]
    lines.append("  - {add: [" + ", ".join(f"b{index}" for index in range(branches)) + "]}")
    return "\n".join(lines) + "\n"


def wide_merge(branches: int) -> Graph:
    return load_text(wide_merge_spec(branches), "<wide>")


def draw(graph: Graph, **options: object) -> Scene:
    return STYLE.layout(graph, build(GraphOptions, options))


def edge_layers(scene: Scene) -> list[str]:
    return [item.layer or "" for item in scene_checks.with_role(scene.items, "edge")]


def test_every_branch_of_a_500_branch_merge_is_drawn_when_asked() -> None:
    graph = wide_merge(BRANCHES)
    scene = draw(graph, fold_fans=0)
    assert [group.layer for group in layers(scene)] == [node.id for node in graph.nodes]
    edges = edge_layers(scene)
    assert len(edges) == 1 + 2 * BRANCHES
    assert {f"x->b{index}" for index in range(BRANCHES)} <= set(edges)
    merge = graph.nodes[-1].id
    assert {f"b{index}->{merge}" for index in range(BRANCHES)} <= set(edges)
    scene_checks.assert_inside_canvas(scene)
    scene_checks.assert_no_overlap(scene, "layer")
    dot = BACKEND.render(scene, RenderOptions()).decode()
    assert dot.count(" -> ") == 1 + 2 * BRANCHES
    # Equally deep branches tie: none is the merge's main line, so none pulls harder.
    assert dot.count("[weight=1];") == BRANCHES


def test_a_500_branch_merge_is_one_card_marked_with_the_count_by_default() -> None:
    graph = wide_merge(BRANCHES)
    scene = draw(graph)
    merge = graph.nodes[-1].id
    assert [group.layer for group in layers(scene)] == ["input", "x", "b0", merge]
    assert edge_layers(scene) == ["input->x", "x->b0", f"b0->{merge}"]
    scene_checks.assert_no_overlap(scene, "layer")
    assert_texts_inside_shapes(scene)
    card = prepare(graph, GraphOptions()).cards["b0"].content
    assert (card.title, card.subtitle) == ("ReLU", "b0 … b499 ×500")


def test_fans_fold_only_past_the_limit_and_only_alike_layers() -> None:
    graph = wide_merge(20)
    assert fold_fans(graph, 20) == (graph, {})
    folded, fans = fold_fans(graph, 19)
    assert fans == {"b0": Fan(20, "b19")}
    assert [node.id for node in folded.nodes] == ["input", "x", "b0", graph.nodes[-1].id]
    # One branch drawn differently (a note) is not interchangeable: it stays beside the fan.
    text = wide_merge_spec(20).replace("{id: b7, relu: {}", "{id: b7, relu: {}, note: odd one")
    odd = load_text(text, "<odd>")
    folded, fans = fold_fans(odd, 16)
    assert fans == {"b0": Fan(19, "b19")}
    assert [node.id for node in folded.nodes] == ["input", "x", "b0", "b7", odd.nodes[-1].id]


def test_a_fan_card_counts_the_parameters_of_all_its_layers() -> None:
    lines = ["  - {id: x, dense: 8}"]
    lines += [f"  - {{id: h{index}, dense: 4, inputs: [x]}}" for index in range(20)]
    lines.append("  - {concat: [" + ", ".join(f"h{index}" for index in range(20)) + "]}")
    graph = load_text("name: heads\ninput: [8]\nlayers:\n" + "\n".join(lines) + "\n", "<h>")
    card = prepare(graph, GraphOptions()).cards["h0"].content
    rows = {row.key: row.value for row in card.rows}
    assert card.subtitle == "h0 … h19 ×20"
    assert rows["params"].startswith("720 · ")  # 20 × (8 × 4 + 4)


def test_the_fan_is_drawn_with_its_edges_as_paths() -> None:
    scene = draw(wide_merge(BRANCHES))
    paths = scene_checks.with_role(scene.items, "edge")
    assert all(isinstance(path, Path) and path.arrow_end > 0 for path in paths)


def test_a_10000_branch_merge_renders_within_the_drawing_budget() -> None:
    """10,003 layers load, but the graph style draws four; the budget counts those."""
    scene = nnviz_core.render(wide_merge_spec(10_000), "graph").scene
    assert len(layers(scene)) == 4
    with pytest.raises(LimitError, match=r"draws at most 10,000 layers.*shows 10,003"):
        nnviz_core.render(wide_merge_spec(10_000), "graph", fold_fans=0)
