"""Graphs that are wide or deep in one place load and transform in linear time and memory."""

from __future__ import annotations

import nnviz_core
from nnviz_core.ir.transforms import visible


def wide_merge(count: int) -> str:
    """An ``add`` of ``count`` parallel branches, each fed by one convolution."""
    lines = [
        "input: [4, 8, 8]",
        "layers:",
        "  - {id: x, conv2d: {filters: 4, kernel: 3, padding: same}}",
    ]
    lines += [f"  - {{id: b{i}, relu: {{}}, inputs: [x]}}" for i in range(count)]
    lines.append("  - {add: [" + ", ".join(f"b{i}" for i in range(count)) + "]}")
    return "\n".join(lines) + "\n"


def test_a_10000_branch_merge_loads_with_every_edge():
    graph = nnviz_core.load(wide_merge(10_000))
    merge = graph.nodes[-1]
    assert merge.op == "add" and len(merge.inputs) == 10_000
    assert len(graph.edges) == 1 + 10_000 + 10_000  # input → x, x → each branch, branches → add
    assert graph.predecessors(merge.id)[:3] == ("b0", "b1", "b2")
    assert merge.outputs[0].shape == (4, 8, 8)


def test_a_long_hidden_chain_is_bridged_without_recursion():
    text = "input: [8]\nlayers:\n" + "  - {relu: {}, hidden: true}\n" * 5000 + "  - dense: 3\n"
    shown = visible(nnviz_core.load(text))
    assert [node.id for node in shown.nodes] == ["input", "dense_1"]
    assert [(edge.source, edge.target) for edge in shown.edges] == [("input", "dense_1")]


def test_hidden_diamonds_are_bridged_once_each():
    """200 levels of hidden diamonds hold 2**200 paths; each node's landing is computed once."""
    lines = ["input: [8]", "layers:", "  - {id: a0, relu: {}, hidden: true}"]
    lines.append("  - {id: b0, relu: {}, hidden: true, inputs: [input]}")
    for i in range(1, 200):
        lines.append(f"  - {{id: a{i}, add: [a{i - 1}, b{i - 1}], hidden: true}}")
        lines.append(f"  - {{id: b{i}, add: [a{i - 1}, b{i - 1}], hidden: true}}")
    lines.append("  - {id: out, add: [a199, b199]}")
    lines.append("  - {id: tail, dense: 3, inputs: [b150]}")
    shown = visible(nnviz_core.load("\n".join(lines) + "\n"))
    assert [node.id for node in shown.nodes] == ["input", "out", "tail"]
    assert [(edge.source, edge.target) for edge in shown.edges] == [
        ("input", "out"),
        ("input", "tail"),
    ]
