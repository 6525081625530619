"""Runs of alike sibling groups named in sequence become repeats (ONNX scopes, Keras and Caffe
names), compared by position, never by name."""

from __future__ import annotations

import itertools

import pytest

from nnviz_core.ir import Edge, Graph, Group, Node
from nnviz_core.ir.repeats import counter, find_named_repeats
from nnviz_core.ir.transforms import fold_repeats


def _chain(blocks: list[tuple[str, list[str]]], parent: str | None = "stage") -> Graph:
    """An input, then each block's layers (ops given) in a chain, every block in ``parent``."""
    nodes = [Node("in", "input", "in", "input")]
    groups = [Group(parent, "block", parent)] if parent else []
    for label, ops in blocks:
        groups.append(Group(f"g:{label}", "block", label, parent))
        for index, op in enumerate(ops):
            name = f"{label}_{index}"
            nodes.append(Node(name, op, name, "dense", group=f"g:{label}"))
    edges = tuple(Edge(a.id, b.id) for a, b in itertools.pairwise(nodes))
    return Graph("g", tuple(nodes), edges, tuple(groups))


@pytest.mark.parametrize(
    ("label", "expected"),
    [("layer.3", ("layer.", 3)), ("stage_2_block_10", ("stage_2_block_", 10)),
     ("res4b", ("res4", 1)), ("res4", ("res", 4)), ("stem", None), ("conv_a", None)],
)  # fmt: skip
def test_labels_count_by_number_or_by_letter_after_a_digit(label: str, expected: object) -> None:
    assert counter(label) == expected


def test_a_parent_of_alike_numbered_blocks_becomes_the_repeat() -> None:
    graph = find_named_repeats(_chain([(f"layer.{i}", ["dense", "relu"]) for i in range(3)]))
    assert (graph.group("stage").kind, graph.group("stage").count) == ("repeat", 3)
    assert [graph.group(f"g:layer.{i}").index for i in range(3)] == [0, 1, 2]
    assert [node.id for node in fold_repeats(graph).nodes] == ["in", "layer.0_0", "layer.0_1"]


def test_a_run_among_other_blocks_gets_a_group_of_its_own() -> None:
    blocks = [("res2a", ["conv", "add"]), *((f"res2{c}", ["dense", "add"]) for c in "bcd")]
    graph = find_named_repeats(_chain(blocks))
    repeat = next(group for group in graph.groups if group.kind == "repeat")
    assert (repeat.label, repeat.count, repeat.parent) == ("res2b–res2d", 3, "stage")
    assert graph.group("g:res2a").kind == "block"
    assert [g.id for g in graph.groups][:3] == ["stage", "g:res2a", repeat.id]


def test_blocks_that_differ_or_skip_a_number_do_not_repeat() -> None:
    differ = [("b1", ["dense", "relu"]), ("b2", ["dense", "tanh"])]
    skip = [("b1", ["dense"]), ("b3", ["dense"])]
    for blocks in (differ, skip):
        graph = _chain(blocks)
        assert find_named_repeats(graph) is graph


def test_whole_only_leaves_a_partial_run_alone() -> None:
    blocks = [("res2a", ["conv"]), ("res2b", ["dense"]), ("res2c", ["dense"])]
    graph = _chain(blocks)
    assert find_named_repeats(graph, whole=True) is graph
    top = _chain([("b1", ["dense"]), ("b2", ["dense"])], parent=None)
    assert find_named_repeats(top, whole=True) is top  # the model itself is no repeat
    assert find_named_repeats(top).groups[0].kind == "repeat"
