"""Invariants of every Graph the loader builds, over generated valid specs."""

from __future__ import annotations

import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nnviz_core.ir import Graph
from nnviz_core.sources.yaml_spec import load_mapping

SETTINGS = settings(
    max_examples=int(os.environ.get("NNVIZ_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
    derandomize=True,
)
WIDTH = 16

SIMPLE = st.sampled_from(
    ["relu", {"dense": WIDTH}, {"dropout": 0.1}, "layernorm", {"dense": {"units": WIDTH}},
     {"activation": "gelu"}, {"multi_head_attention": 2}]
)  # fmt: skip


@st.composite
def layer_lists(draw: Any, depth: int = 0, path: str = "s") -> list[Any]:
    """A chain where every layer keeps the [WIDTH, 8] shape, with skips, groups and repeats."""
    layers: list[Any] = []
    for index in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["simple", "skip", "group", "block", "repeat"]))
        if kind == "skip" and layers:
            name = f"{path}_{index}"
            layers.append({"id": name, "dense": WIDTH})
            layers.append({"add": ["input", name]})
        elif kind == "group" and depth < 3:
            inner = draw(layer_lists(depth + 1, f"{path}_{index}"))
            layers.append({"label": f"g{index}", "layers": inner})
        elif kind == "block":
            layers.append({"unit": {"w": WIDTH}, "repeat": draw(st.integers(1, 3))})
        elif kind == "repeat":
            layers.append({"dense": WIDTH, "repeat": draw(st.integers(1, 3))})
        else:
            layers.append(draw(SIMPLE))
    return layers


BLOCKS = {
    "unit": {
        "args": {"w": 4},
        "layers": [{"id": "a", "dense": "$w"}, "relu", {"add": ["input", "a"]}],
    }
}


def check_invariants(graph: Graph) -> None:
    ids = [node.id for node in graph.nodes]
    assert len(ids) == len(set(ids))
    position = {node_id: index for index, node_id in enumerate(ids)}
    groups = {group.id for group in graph.groups}
    for edge in graph.edges:
        assert position[edge.source] < position[edge.target]
        assert edge.tensor == graph.node(edge.source).outputs[0]
    for node in graph.nodes:
        incoming = [e.tensor for e in graph.edges if e.target == node.id]
        assert list(node.inputs) == incoming
        assert node.params >= node.non_trainable_params >= 0
        assert node.group is None or node.group in groups
        assert node.location is not None
    for group in graph.groups:
        assert group.parent is None or group.parent in groups
        if group.kind == "repeat":
            iterations = [g for g in graph.groups if g.parent == group.id]
            assert [g.index for g in iterations] == list(range(group.count))


@SETTINGS
@given(layer_lists())
def test_generated_specs_build_consistent_graphs(layers: list[Any]) -> None:
    graph = load_mapping({"input": [WIDTH, 8], "blocks": BLOCKS, "layers": layers})
    check_invariants(graph)
    assert all(node.outputs[0].shape == (WIDTH, 8) for node in graph.nodes)
    assert load_mapping({"input": [WIDTH, 8], "blocks": BLOCKS, "layers": layers}) == graph
