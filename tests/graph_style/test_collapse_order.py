"""Collapsing a group keeps every edge running forward, and a group the flow leaves and
re-enters stays open (found by the fuzz suite: a Caffe net whose name groups interleave)."""

from __future__ import annotations

import pytest

import nnviz_core
from nnviz_core.ir import Graph
from nnviz_core.ir.transforms import collapse
from nnviz_core.sources.caffe import load_prototxt_text

DATA = (
    'layer { name: "data" type: "Input" top: "data" '
    "input_param { shape { dim: 1 dim: 3 dim: 16 dim: 16 } } }\n"
)


def _conv(name: str, bottom: str, top: str) -> str:
    return (
        f'layer {{ name: "{name}" type: "Convolution" bottom: "{bottom}" top: "{top}" '
        "convolution_param { num_output: 4 kernel_size: 3 pad: 1 } }\n"
    )


def _order_is_forward(graph: Graph) -> bool:
    position = {node.id: index for index, node in enumerate(graph.nodes)}
    return all(position[edge.source] < position[edge.target] for edge in graph.edges)


def test_a_group_split_by_an_outside_layer_it_reads_collapses_after_that_layer() -> None:
    # g/b reads "side", which comes after g/a: the collapsed g must come after "side".
    text = DATA + _conv("g/a", "data", "a") + _conv("side", "data", "s") + _conv("g/b", "s", "b")
    graph = load_prototxt_text(text)
    assert [group.id for group in graph.groups] == ["g"]
    collapsed = collapse(graph, 0)
    assert [node.id for node in collapsed.nodes] == ["data", "side", "g"]
    assert _order_is_forward(collapsed)


@pytest.mark.parametrize("style", ["block", "lenet", "graph"])
def test_a_group_the_flow_leaves_and_reenters_stays_open(style: str) -> None:
    # g/a → out → g/b: as one layer, g would feed "out" and read from it, a loop.
    text = DATA + _conv("g/a", "data", "a") + _conv("out", "a", "o") + _conv("g/b", "o", "b")
    graph = load_prototxt_text(text)
    opened = collapse(graph, 0)
    assert [node.id for node in opened.nodes] == ["data", "g/a", "out", "g/b"]
    assert _order_is_forward(opened)
    assert nnviz_core.render(graph, style, depth=0).to_bytes("svg").startswith(b"<svg")
