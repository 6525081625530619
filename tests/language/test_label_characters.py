"""Control characters in group and repeat labels are drawn as U+FFFD, as in layer labels."""

from __future__ import annotations

import pytest

import nnviz_core
from nnviz_core.ir import Graph, Group, Node, TensorSpec
from nnviz_core.ir.graph import writable

REPEAT = (
    "input: [3, 8, 8]\nlayers:\n"
    '  - {conv2d: {filters: 3, kernel: 3, padding: same}, repeat: 2, label: "a\\x01b"}\n'
)
BLOCK = (
    'blocks:\n  b:\n    label: "blk\\x02"\n    layers: [relu]\n'
    'input: [3, 8, 8]\nlayers:\n  - b\n  - {b: {}, label: "x\\x1by"}\n'
    '  - {layers: [relu, relu], label: "g\\x7f\\x00"}\n'
)


def test_writable_replaces_only_what_no_format_carries():
    assert writable("conv2_x") == "conv2_x"
    assert writable("a\x00b\x1bc\ud800d\uffffe") == "a\ufffdb\ufffdc\ufffdd\ufffde"
    assert writable("tab\tline\nend\x7f") == "tab\tline\nend\x7f"


def test_group_labels_are_cleaned_for_every_source():
    group = Group("g", "block", "scope\x00name")
    assert group.label == "scope\ufffdname"
    node = Node("x", "input", "x", "input", outputs=(TensorSpec((3,)),), group="g")
    graph = Graph("n", (node,), groups=(group,))
    assert "scope\ufffdname" in nnviz_core.render(graph).svg


def test_spec_group_labels_keep_their_printable_text():
    graph = nnviz_core.load(BLOCK)
    labels = [group.label for group in graph.groups]
    assert labels == ["blk\ufffd", "x\ufffdy", "g\x7f\ufffd"]


@pytest.mark.parametrize("style", ["graph", "lenet", "block"])
@pytest.mark.parametrize("fold", [False, True])
@pytest.mark.parametrize("fmt", ["svg", "pptx"])
def test_control_characters_in_group_labels_draw_in_every_style(style, fold, fmt):
    for spec in (REPEAT, BLOCK):
        data = nnviz_core.render(spec, style=style, fold_repeats=fold).to_bytes(fmt)
        assert data


def test_the_graph_style_draws_the_repeat_label_with_a_replacement_character():
    svg = nnviz_core.render(REPEAT, style="graph").svg
    assert "a\ufffdb" in svg
    assert "\x01" not in svg
    dot = nnviz_core.render(REPEAT, style="graph").to_bytes("dot").decode()
    assert "a\ufffdb" in dot
