"""Blocks read from the wiring of a network that names none: each branching stretch between
two bottlenecks (an Inception module) is a block labelled by the layer that closes it."""

from __future__ import annotations

from nnviz_core.ir import Edge, Graph, Node
from nnviz_core.ir.branches import branch_blocks


def _graph(names: list[str], edges: list[tuple[int, int]]) -> Graph:
    nodes = tuple(Node(name, "relu", name, "activation") for name in names)
    return Graph("g", nodes, tuple(Edge(names[a], names[b]) for a, b in edges))


#: in → s1 → s2 → s3, then a module (two branches of two layers joined by ``mixed0``), a head
NAMES = ["in", "s1", "s2", "s3", "a1", "a2", "b1", "b2", "mixed0", "h1", "h2", "out"]
EDGES = [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (3, 6), (6, 7), (5, 8), (7, 8), (8, 9),
         (9, 10), (10, 11)]  # fmt: skip


def test_a_module_between_bottlenecks_is_a_block_named_by_its_join() -> None:
    graph = branch_blocks(_graph(NAMES, EDGES))
    assert [(g.id, g.label) for g in graph.groups] == [("mixed0~block", "mixed0")]
    assert [n.id for n in graph.members("mixed0~block")] == ["a1", "a2", "b1", "b2", "mixed0"]
    assert graph.node("s3").group is None and graph.node("h1").group is None


def test_a_generated_join_gives_a_numbered_label() -> None:
    graph = branch_blocks(_graph(NAMES, EDGES), generated={"mixed0"})
    assert [g.label for g in graph.groups] == ["block 1"]


def test_chains_and_stretches_of_half_the_network_make_no_block() -> None:
    chain = _graph([f"c{i}" for i in range(10)], [(i, i + 1) for i in range(9)])
    assert branch_blocks(chain) is chain
    names = ["in", "a1", "a2", "a3", "b1", "b2", "b3", "join", "out"]
    wide = [(0, 1), (1, 2), (2, 3), (0, 4), (4, 5), (5, 6), (3, 7), (6, 7), (7, 8)]
    graph = _graph(names, wide)  # the module is 7 of 9 layers: it would frame everything
    assert branch_blocks(graph) is graph
