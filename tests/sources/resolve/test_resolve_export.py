"""export-spec: any Graph back to a spec that loads into the same ops, shapes and counts."""

from __future__ import annotations

from pathlib import Path

import pytest

import nnviz_core
from nnviz_core.export_spec import export_spec, spec_mapping
from nnviz_core.sources.yaml_spec import load_text

EXAMPLES = sorted(Path(__file__).parents[3].joinpath("examples").glob("*.yaml"))


def _summary(graph: nnviz_core.Graph) -> list[tuple[str, tuple[int | None, ...], int, int]]:
    return [(n.op, n.outputs[0].shape, n.params, n.non_trainable_params) for n in graph.nodes]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.stem)
def test_every_example_survives_the_round_trip(path: Path) -> None:
    graph = nnviz_core.load(path)
    text = export_spec(graph)
    again = load_text(text)
    assert _summary(again) == _summary(graph)
    assert len(again.edges) == len(graph.edges) and "custom" not in text
    assert export_spec(graph) == text  # deterministic


def test_the_spec_is_compact_and_readable() -> None:
    text = export_spec(nnviz_core.load(Path(EXAMPLES[0]).with_name("inception.yaml")))
    assert text.splitlines()[2:6] == [
        "name: Inception module (3a)",
        "input: [192, 28, 28]",
        "layers:",
        "  - {id: branch1x1, conv2d: {filters: 64, kernel: 1, activation: relu}}",
    ]
    assert (
        "  - {id: concat_1, concat: {}, inputs: [branch1x1, branch3x3, branch5x5, pool_proj]"
        in (text)
    )


def test_ids_are_made_valid_and_unique() -> None:
    spec = {
        "inputs": {"x": [4]},
        "layers": [{"id": "a", "dense": 4}, {"id": "b", "dense": 4}],
    }
    graph = nnviz_core.load(spec)
    from dataclasses import replace

    renamed = tuple(
        replace(node, id={"a": "layer.0", "b": "layer_0"}.get(node.id, node.id))
        for node in graph.nodes
    )
    edges = tuple(
        replace(e, source={"a": "layer.0"}.get(e.source, e.source),
                target={"a": "layer.0", "b": "layer_0"}.get(e.target, e.target))
        for e in graph.edges
    )  # fmt: skip
    data = spec_mapping(replace(graph, nodes=renamed, edges=edges))
    assert [item["id"] for item in data["layers"]] == ["layer_0", "layer_0_2"]
    assert data["layers"][1]["name"] == "b"


@pytest.mark.torch
def test_identical_blocks_are_written_once_with_repeat() -> None:
    graph = nnviz_core.load(
        "nnviz_testmodels.torch_nets:Stack", model_args={"depth": 3}, input_shape="1,4"
    )
    text = export_spec(graph)
    assert "\n".join(text.splitlines()[7:14]) == (
        "  - id: blocks\n"
        "    label: blocks\n"
        "    repeat: 3\n"
        "    layers:\n"
        "      - {id: fc, dense: {units: 8}}\n"
        "      - {id: act, relu: {}}\n"
        "      - {id: add_1, add: {}, inputs: [input, act]}"
    )
    again = load_text(text)
    assert [n[:3] for n in _summary(again)] == [n[:3] for n in _summary(graph)]
    assert sorted((g.kind, g.count) for g in again.groups) == sorted(
        (g.kind, g.count) for g in graph.groups
    )


def test_a_channels_last_graph_is_written_channels_last_with_its_axes() -> None:
    spec = """
name: keras-like
layout: channels_last
input: [8, 8, 3]
layers:
  - {id: a, conv2d: {filters: 4, kernel: 3}}
  - {id: b, conv2d: {filters: 4, kernel: 3}, inputs: [input]}
  - {id: c, concat: {axis: 1}, inputs: [a, b]}
  - {id: r, reshape: [72, 4]}
  - {id: p, permute: [2, 1]}
  - {id: s, softmax: {axis: 0}}
"""
    graph = nnviz_core.load(spec)
    text = export_spec(graph)
    assert text.splitlines()[3:5] == ["layout: channels_last", "input: [8, 8, 3]"]
    assert text.splitlines()[-4:] == [
        "  - {id: c, concat: {axis: 1}, inputs: [a, b]}",
        "  - {id: r, reshape: {target_shape: [72, 4]}}",
        "  - {id: p, permute: {dims: [2, 1]}}",
        "  - {id: s, softmax: {axis: 0}}",
    ]
    again = load_text(text)
    assert [(n.outputs, dict(n.attrs)) for n in again.nodes] == [
        (n.outputs, dict(n.attrs)) for n in graph.nodes
    ]
