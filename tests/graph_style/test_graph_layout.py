"""Whole-style invariants: cards placed by both engines, inside the canvas, never overlapping."""

from __future__ import annotations

import shutil
from dataclasses import replace

import pytest
import scene_checks
from graph_style_samples import assert_texts_inside_shapes, layers, lenet, nested, node, tiny_resnet

from nnviz_core.ir import Display, Edge, Graph
from nnviz_core.options import build
from nnviz_core.scene import Group, Path, Rect, Scene, Text, walk
from nnviz_core.styles.graph import STYLE, GraphOptions, transform
from nnviz_core.styles.graph.engine import resolve_engine

ENGINES = [
    pytest.param("bundled", id="graphviz-pure"),
    pytest.param("dot", id="debian-dot", marks=pytest.mark.dot_engine),
]


def _engine(which: str) -> str:
    if which == "bundled":
        return resolve_engine("auto")
    found = shutil.which("dot")
    assert found, "Debian's Graphviz is missing: apt-get install graphviz"
    return found


def draw(graph, **options) -> Scene:
    return STYLE.layout(graph, build(GraphOptions, options))


GRAPHS = {
    "lenet": (lenet, {}),
    "resnet": (tiny_resnet, {}),
    "resnet-folded": (tiny_resnet, {"fold_repeats": True}),
    "nested-lr": (nested, {"rankdir": "LR", "title": "Nested blocks"}),
    "resnet-ortho": (tiny_resnet, {"splines": "ortho", "show_trainable": True}),
    "lenet-everything": (lenet, {"show_dtype": True, "show_trainable": True, "rankdir": "BT"}),
}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_invariants(name: str, engine: str) -> None:
    factory, options = GRAPHS[name]
    scene = draw(factory(), engine=_engine(engine), **options)
    scene_checks.assert_inside_canvas(scene)
    scene_checks.assert_no_overlap(scene, "layer")
    assert_texts_inside_shapes(scene)
    shown = transform(factory(), build(GraphOptions, options))
    assert [group.layer for group in layers(scene)] == [n.id for n in shown.nodes]


@pytest.mark.parametrize("engine", ENGINES)
def test_same_input_same_scene(engine: str) -> None:
    command = _engine(engine)
    assert draw(tiny_resnet(), engine=command) == draw(tiny_resnet(), engine=command)


def _centres(scene: Scene) -> dict[str, tuple[float, float]]:
    found = {}
    for group in layers(scene):
        box = scene_checks.bbox(group, ink=False)
        found[group.layer] = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
    return found


def test_rankdir_tb_flows_down_and_lr_flows_right() -> None:
    down = _centres(draw(lenet()))
    right = _centres(draw(lenet(), rankdir="LR"))
    up = _centres(draw(lenet(), rankdir="BT"))
    assert down["input"][1] < down["conv1"][1] < down["logits"][1]
    assert right["input"][0] < right["conv1"][0] < right["logits"][0]
    assert up["input"][1] > up["logits"][1]
    assert {round(x) for x, _ in down.values()} != {round(x) for x, _ in right.values()}


def test_the_main_line_is_straight() -> None:
    centres = _centres(draw(tiny_resnet(), fold_repeats=True))
    xs = {round(centres[key][0]) for key in ("stem", "b0_conv_a", "b0_add", "gap", "head")}
    assert len(xs) == 1


def _clusters(scene: Scene) -> dict[str, Group]:
    return {g.name: g for g in scene_checks.with_role(scene.items, "group") if g.name}


def test_repeat_clusters_hold_their_cards_and_say_times_n() -> None:
    scene = draw(tiny_resnet(3))
    clusters = _clusters(scene)
    assert set(clusters) == {"stage1", "#1", "#2", "#3"}
    label = next(item for item in clusters["stage1"].items if isinstance(item, Text))
    assert label.plain == "stage1 ×3"
    frame = next(item for item in clusters["#2"].items if isinstance(item, Rect))
    for group in layers(scene):
        if group.layer.startswith("b1_"):
            box = scene_checks.bbox(group, ink=False)
            assert frame.x <= box[0] and box[2] <= frame.x + frame.width
            assert frame.y <= box[1] and box[3] <= frame.y + frame.height
    for cluster in clusters.values():
        text, frame = (next(i for i in cluster.items if isinstance(i, t)) for t in (Text, Rect))
        scene_checks.assert_text_fits(text, frame, padding=2.0)


def test_folded_repeat_keeps_one_frame_marked_times_n() -> None:
    clusters = _clusters(draw(tiny_resnet(3), fold_repeats=True))
    assert set(clusters) == {"stage1"}
    assert [i.plain for i in clusters["stage1"].items if isinstance(i, Text)] == ["stage1 ×3"]


def test_expand_nested_off_draws_no_clusters_but_folded_repeats() -> None:
    assert _clusters(draw(nested(), expand_nested=False)) == {}
    folded = draw(tiny_resnet(3), expand_nested=False, fold_repeats=True)
    assert set(_clusters(folded)) == {"stage1"}


def test_depth_collapses_groups_into_cards() -> None:
    scene = draw(nested(), depth=0)
    assert [group.layer for group in layers(scene)] == ["x", "encoder", "out"]
    texts = [t.plain for t in walk(layers(scene)[1].items) if isinstance(t, Text)]
    assert texts[:2] == ["Encoder", "5 layers"]


def test_edges_end_in_arrowheads_at_their_targets() -> None:
    scene = draw(lenet())
    edges = [item for item in walk(scene.items) if isinstance(item, Path) and item.role == "edge"]
    assert len(edges) == len(lenet().edges)
    assert all(edge.arrow_end > 0 for edge in edges)
    centres = _centres(scene)
    conv1 = next(e for e in edges if e.layer == "input->conv1")
    tip = conv1.segments[-1].to
    assert abs(tip[0] - centres["conv1"][0]) < 1.0 and tip[1] < centres["conv1"][1]


def test_title_and_legend_frame_the_diagram() -> None:
    scene = draw(lenet(), title="LeNet-5")
    titles = [item for item in walk(scene.items) if isinstance(item, Text) and item.role == "title"]
    assert [t.plain for t in titles] == ["LeNet-5"]
    legend = [t.plain for t in walk(scene.items) if isinstance(t, Text) and t.role == "legend"]
    assert legend == ["Input", "Convolution", "Pooling", "Dense", "Reshape"]
    cards_top = min(scene_checks.bbox(g)[1] for g in layers(scene))
    assert titles[0].y < cards_top
    assert draw(lenet(), legend=False).height < scene.height
    assert scene.title == "LeNet-5" and "61,706 parameters" in scene.description


def test_collapsed_groups_are_dashed_cards_outside_the_legend() -> None:
    scene = draw(tiny_resnet(3), depth=0)
    stage = next(group for group in layers(scene) if group.layer == "stage")
    outline = [item for item in stage.items if isinstance(item, Rect) and item.stroke][-1]
    assert outline.stroke.dash and outline.stroke.paint == "group.stroke"
    legend = [t.plain for t in walk(scene.items) if isinstance(t, Text) and t.role == "legend"]
    assert "Custom" not in legend and "Normalization" not in legend
    texts = [t.plain for t in walk(stage.items) if isinstance(t, Text)]
    assert texts[:2] == ["stage1", "×3 · 15 layers"]


def test_hidden_layers_vanish_and_their_flow_is_bridged() -> None:
    graph = lenet()
    nodes = tuple(
        replace(n, display=Display(hidden=True)) if n.id == "flatten" else n for n in graph.nodes
    )
    scene = draw(replace(graph, nodes=nodes))
    assert "flatten" not in [group.layer for group in layers(scene)]
    edges = [item.layer for item in walk(scene.items) if isinstance(item, Path)]
    assert "pool2->fc1" in edges


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("splines", ["spline", "ortho", "polyline", "line", "curved"])
def test_every_spline_kind_routes_every_edge(engine: str, splines: str) -> None:
    scene = draw(tiny_resnet(2), engine=_engine(engine), splines=splines, rankdir="RL")
    scene_checks.assert_inside_canvas(scene)
    edges = [item for item in walk(scene.items) if isinstance(item, Path) and item.role == "edge"]
    assert len(edges) == len(tiny_resnet(2).edges)


def test_parallel_branches_merge_centred_under_them() -> None:
    shape = (4, 8, 8)
    branches = ("left", "middle", "right")
    nodes = (
        node("x", "input", "input", None, shape),
        *(node(b, "conv2d", "convolution", shape, shape, params=10) for b in branches),
        node("cat", "concat", "merge", shape, (12, 8, 8), n_inputs=3),
    )
    edges = tuple(Edge("x", b) for b in branches) + tuple(Edge(b, "cat") for b in branches)
    centres = _centres(draw(Graph("fan", nodes, edges)))
    assert centres["left"][0] < centres["middle"][0] < centres["right"][0]
    assert abs(centres["cat"][0] - centres["middle"][0]) < 1.0


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("rankdir", ["TB", "BT", "LR", "RL"])
def test_cluster_labels_sit_in_their_frames_clear_of_cards(engine: str, rankdir: str) -> None:
    scene = draw(tiny_resnet(2), engine=_engine(engine), rankdir=rankdir)
    cards = [scene_checks.bbox(group, ink=False) for group in layers(scene)]
    for cluster in _clusters(scene).values():
        text, frame = (next(i for i in cluster.items if isinstance(i, t)) for t in (Text, Rect))
        scene_checks.assert_text_fits(text, frame, padding=2.0)
        box = scene_checks.text_box(text)
        for card in cards:
            assert min(box[2], card[2]) <= max(box[0], card[0]) or min(box[3], card[3]) <= max(
                box[1], card[1]
            ), f"{text.plain!r} overlaps a card"


def test_nodesep_and_ranksep_space_the_cards() -> None:
    base = draw(tiny_resnet(2), fit="none")  # one column: its height is the ranks' spacing
    assert draw(tiny_resnet(2), ranksep=80, fit="none").height > base.height + 10 * 40
    shape = (4, 8, 8)
    nodes = (
        node("x", "input", "input", None, shape),
        *(node(b, "relu", "activation", shape, shape) for b in ("a", "b", "c")),
    )
    fan = Graph("fan", nodes, tuple(Edge("x", b) for b in ("a", "b", "c")))
    assert draw(fan, nodesep=100).width - draw(fan).width == pytest.approx(2 * (100 - 22), abs=2)
