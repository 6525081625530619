"""Geometry invariants: nothing overlaps, everything is on the canvas, captions tell true sizes."""

from __future__ import annotations

import itertools
from pathlib import Path

import fcnn_graphs as graphs
import pytest
import scene_checks

import nnviz_core
from nnviz_core.errors import OptionError
from nnviz_core.ir import Graph
from nnviz_core.options import build
from nnviz_core.scene import Circle, Group, Scene, Text, walk
from nnviz_core.scene import Path as ScenePath
from nnviz_core.styles.fcnn import STYLE, FcnnOptions

GRAPHS = {
    "mlp": graphs.mlp(784, 512, 512, 10),
    "small": graphs.mlp(3, 4, 2),
    "lenet": graphs.lenet(),
    "towers": graphs.two_tower(),
    "dot": graphs.dot_product(),
    "sequence": graphs.sequence_head(),
    "decoder": graphs.decoder_tail(),
    "repeated": graphs.repeated(3),
}
VARIANTS = {
    "default": {},
    "tb": {"direction": "TB"},
    "dense-look": {"show_bias": True, "edge_style": "bezier", "arrowheads": True},
    "tight": {"layer_spacing": 40, "node_spacing": 0, "node_radius": 6, "labels": "math"},
    "sizes-tb-bias": {"direction": "TB", "labels": "sizes", "show_bias": True, "title": "T"},
    "weights": {"weights": "random:5", "max_neurons": 5, "fold_repeats": True},
}


def _layout(graph: Graph, **values: object) -> Scene:
    return STYLE.layout(graph, build(FcnnOptions, values))


def _neurons(scene: Scene) -> list[Circle]:
    return [i for i in walk(scene.items) if isinstance(i, Circle) and i.role == "layer"]


def _captions(scene: Scene) -> list[Text]:
    return [i for i in walk(scene.items) if isinstance(i, Text) and i.role == "caption"]


@pytest.mark.parametrize(
    ("graph", "variant"),
    list(itertools.product(GRAPHS, VARIANTS)),
    ids=[f"{g}-{v}" for g, v in itertools.product(GRAPHS, VARIANTS)],
)
def test_nothing_overlaps_and_everything_is_inside(graph: str, variant: str) -> None:
    scene = _layout(GRAPHS[graph], **VARIANTS[variant])
    scene_checks.assert_inside_canvas(scene)
    scene_checks.assert_no_overlap(scene, "layer")
    scene_checks.assert_no_overlap(scene, "caption")
    scene_checks.assert_no_overlap(scene, "label")
    scene_checks.assert_no_overlap(scene, "legend")
    scene_checks.assert_cards_hold_text(
        Scene(scene.width, scene.height, _boxes(scene)), "layer", padding=4
    )
    circles = [scene_checks.bbox(c, ink=False) for c in _neurons(scene)]
    for a, b in itertools.combinations(circles, 2):
        assert min(a[2], b[2]) - max(a[0], b[0]) <= 0.5 or min(a[3], b[3]) - max(a[1], b[1]) <= 0.5


def _boxes(scene: Scene) -> tuple[Group, ...]:
    groups = scene_checks.with_role(scene.items, "layer")
    return tuple(g for g in groups if isinstance(g, Group) and g.name and "(" not in g.name)


def test_captions_tell_the_true_sizes_in_every_mode() -> None:
    graph = graphs.mlp(784, 512, 4096, 10)
    math = [t.plain for t in _captions(_layout(graph))]
    assert math == [
        "Input Layer ∈ ℝ784",
        "Hidden Layer ∈ ℝ512",
        "ReLU",
        "Hidden Layer ∈ ℝ4096",
        "ReLU",
        "Output Layer ∈ ℝ10",
        "softmax",
    ]
    sizes = [t.plain for t in _captions(_layout(graph, labels="sizes", activations=False))]
    assert sizes == ["784", "512", "4,096", "10"]
    assert _captions(_layout(graph, labels="none")) == []


def test_the_size_is_a_real_superscript() -> None:
    [first, *_] = _captions(_layout(graphs.mlp(784, 10)))
    assert [(span.text, span.shift) for span in first.spans] == [
        ("Input Layer ∈ ℝ", "none"),
        ("784", "super"),
    ]


def test_narrow_spacing_wraps_math_captions_onto_two_lines() -> None:
    captions = [t.plain for t in _captions(_layout(graphs.mlp(8, 4), layer_spacing=60))]
    assert captions[:2] == ["Input Layer", "∈ ℝ8"]


def test_big_layers_are_elided_so_output_stays_bounded() -> None:
    scene = _layout(graphs.mlp(4096, 4096, 4096), max_neurons=8)
    assert len(_neurons(scene)) == 3 * 8
    dots = [i for i in walk(scene.items) if isinstance(i, Circle) and i.role == "annotation"]
    assert len(dots) == 3 * 3
    [edges] = scene_checks.with_role(scene.items, "edge")
    assert isinstance(edges, Group)
    segments = sum(len(p.segments) for p in edges.items if isinstance(p, ScenePath))
    assert segments == 2 * (2 * 8 * 8)


def test_small_layers_are_drawn_in_full_without_ellipsis() -> None:
    scene = _layout(graphs.mlp(12, 3))
    assert len(_neurons(scene)) == 15
    assert not [i for i in walk(scene.items) if isinstance(i, Circle) and i.role == "annotation"]


def test_bias_units_feed_only_dense_layers() -> None:
    plain = _layout(graphs.mlp(3, 4, 2))
    biased = _layout(graphs.mlp(3, 4, 2), show_bias=True)
    texts = [t.plain for t in walk(biased.items) if isinstance(t, Text)]
    assert texts.count("+1") == 2
    extra = len(walk(biased.items)) - len(walk(plain.items))
    assert extra == 2 * 2  # a circle and a "+1" per unit; edges share their paths


def test_towers_sit_side_by_side_and_the_joint_layer_between_them() -> None:
    scene = _layout(graphs.two_tower())
    by_layer: dict[str, list[Circle]] = {}
    for circle in _neurons(scene):
        by_layer.setdefault(circle.layer or "", []).append(circle)

    def centre(layer: str) -> tuple[float, float]:
        circles = by_layer[layer]
        xs = [c.cx for c in circles]
        ys = [c.cy for c in circles]
        return sum(xs) / len(xs), sum(ys) / len(ys)

    assert centre("user")[0] == centre("item")[0]
    assert centre("user")[1] < centre("item")[1]
    assert centre("user_2")[0] == centre("item_2")[0] < centre("joint")[0]
    assert centre("user")[1] < centre("joint")[1] < centre("item")[1]


def test_tb_flows_down() -> None:
    scene = _layout(graphs.mlp(3, 4, 2), direction="TB")
    ys = {c.layer: c.cy for c in _neurons(scene)}
    assert ys["input"] < ys["dense_1"] < ys["dense_2"]


def test_unknown_sizes_are_drawn_elided_and_captioned_with_a_question_mark() -> None:
    builder = graphs.Builder("Unknown")
    builder.add("input", "input", (None,), node_id="x")  # type: ignore[arg-type]
    builder.add("dense", "dense", (3,), node_id="y")
    scene = _layout(builder.graph(), max_neurons=5)
    scene_checks.assert_inside_canvas(scene)
    assert _captions(scene)[0].plain == "Input Layer ∈ ℝ?"
    assert len([c for c in _neurons(scene) if c.layer == "x"]) == 5


@pytest.mark.parametrize("limit", [2, 5, 12])
def test_elided_layers_show_first_and_last_neurons(limit: int) -> None:
    from nnviz_core.styles.fcnn.layout import drawn_indices

    shown, elided = drawn_indices(100, limit)
    head = (limit + 1) // 2
    assert elided and len(shown) == limit
    assert shown[:head] == tuple(range(head)) and shown[-1] == 99
    assert drawn_indices(limit, limit) == (tuple(range(limit)), False)


EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*.yaml"))
NO_DENSE = {"inception", "unet"}


@pytest.mark.parametrize("spec", EXAMPLES, ids=[path.stem for path in EXAMPLES])
def test_every_example_with_a_dense_part_renders_cleanly(spec: Path) -> None:
    graph = nnviz_core.load(spec)
    if spec.stem in NO_DENSE:
        with pytest.raises(OptionError, match="draw it with style 'graph' or 'block' instead"):
            _layout(graph)
        return
    for variant in ({}, {"direction": "TB", "show_bias": True}):
        scene = _layout(graph, **variant)
        scene_checks.assert_inside_canvas(scene)
        scene_checks.assert_no_overlap(scene, "layer")
        scene_checks.assert_no_overlap(scene, "caption")


BRANCHES = """
name: Two-branch CNN head
input: [3, 16, 16]
layers:
  - {id: a, conv2d: {filters: 4, kernel: 3}, inputs: [input]}
  - {id: pa, global_avgpool2d: {}}
  - {id: b, conv2d: {filters: 8, kernel: 5}, inputs: [input]}
  - {id: pb, global_avgpool2d: {}}
  - {concat: [pa, pb]}
  - dense: {units: 16, activation: relu}
  - dense: 2
"""


def test_a_box_feeding_two_feature_columns_spans_both_with_level_feed_lines() -> None:
    scene = _layout(nnviz_core.load(BRANCHES))
    texts = [t.plain for t in walk(scene.items) if isinstance(t, Text) and t.role == "label"]
    assert "→ 4 + 8 features" in texts
    feeds = [
        item
        for item in walk(scene.items)
        if isinstance(item, ScenePath) and item.layer in ("pa", "pb") and item.role == "edge"
    ]
    assert len(feeds) == 2
    for path in feeds:
        ends = [segment.to for segment in path.segments]
        assert all(start[1] == end[1] for start, end in zip(ends[::2], ends[1::2], strict=True))
