"""Seeded random networks: every one lays out without overlaps, or says it has no dense layer."""

from __future__ import annotations

import random

import fcnn_graphs as graphs
import pytest
import scene_checks

from nnviz_core.errors import OptionError
from nnviz_core.ir import Category, Graph
from nnviz_core.styles.fcnn import STYLE, FcnnOptions
from nnviz_core.styles.fcnn.regions import make_plan

_CATEGORIES: tuple[Category, ...] = (
    "dense",
    "dense",
    "dense",
    "activation",
    "dropout",
    "convolution",
    "pooling",
    "merge",
    "reshape",
    "recurrent",
    "normalization",
)


def random_graph(seed: int) -> tuple[Graph, FcnnOptions]:
    """A small DAG of mixed layers (vectors and feature maps), and random options."""
    chooser = random.Random(seed)
    builder = graphs.Builder(f"Random {seed}")
    for index in range(chooser.choice([1, 1, 2])):
        shape = (chooser.choice([8, 20]),) if chooser.random() < 0.7 else (3, 4, 4)
        builder.add("input", "input", shape, node_id=f"in{index}", inputs=[])
    for _ in range(chooser.randint(1, 24)):
        category = chooser.choice(_CATEGORIES)
        ids = [node.id for node in builder.nodes]
        sources = chooser.sample(ids, 2) if category == "merge" and len(ids) > 1 else None
        vector = chooser.random() < 0.8
        shape = (chooser.choice([1, 4, 16, 5000]),) if vector else (4, 2, 5)
        builder.add(category, category, shape, inputs=sources or [chooser.choice(ids[-3:])])
    options = FcnnOptions(
        direction=chooser.choice(["LR", "TB"]),
        show_bias=chooser.random() < 0.3,
        weights=chooser.choice([None, "random:3"]),
        edge_style=chooser.choice(["straight", "bezier"]),
        labels=chooser.choice(["none", "sizes", "math"]),
        max_neurons=chooser.choice([3, 6, 12]),
    )
    return builder.graph(), options


@pytest.mark.parametrize("seed", range(0, 240, 3))
def test_random_networks_lay_out_cleanly(seed: int) -> None:
    graph, options = random_graph(seed)
    try:
        scene = STYLE.layout(graph, options)
    except OptionError as error:
        assert "has none; draw it with style 'graph' or 'block' instead" in str(error)
        return
    scene_checks.assert_inside_canvas(scene)
    for role in ("layer", "caption", "label"):
        scene_checks.assert_no_overlap(scene, role)


def test_a_box_never_both_feeds_and_follows_a_column() -> None:
    builder = graphs.Builder("Loop-free")
    builder.add("input", "input", (3, 4, 4), node_id="image")
    builder.add("dense", "dense", (16,), node_id="per_pixel")
    builder.dense(1, node_id="score")
    builder.add("concat", "merge", (17,), node_id="join", inputs=["per_pixel", "score"])
    builder.add("conv1d", "convolution", (4, 4), node_id="after")
    plan = make_plan(builder.graph(), FcnnOptions())
    assert [(box.id, box.nodes) for box in plan.boxes] == [
        ("box:image", ("image", "per_pixel")),
        ("box:join", ("join", "after")),
    ]
    assert set(plan.links) == {
        ("box:image", "per_pixel:features"),
        ("per_pixel:features", "score"),
        ("score", "box:join"),
        ("box:image", "box:join"),
    }
