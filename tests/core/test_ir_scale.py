"""Large graphs: transforms that work in one pass give the same answers as one group at a time."""

from __future__ import annotations

import gc
from itertools import pairwise

import pytest

from nnviz_core.collector import collector_paused
from nnviz_core.ir import TensorSpec
from nnviz_core.ir.transforms import collapse, fold_repeats
from nnviz_core.sources.yaml_spec import load_text

COUNT = 200


def test_folding_many_repeats_keeps_the_first_iteration_of_each() -> None:
    layers = "".join("  - {dense: 8, repeat: 3}\n" for _ in range(COUNT))
    folded = fold_repeats(load_text(f"input: [8]\nlayers:\n{layers}"))
    kept = ["input", *(f"dense_{n}.0.dense_1" for n in range(1, COUNT + 1))]
    assert [node.id for node in folded.nodes] == kept
    assert [(edge.source, edge.target) for edge in folded.edges] == list(pairwise(kept))
    assert {group.id for group in folded.groups if group.kind == "iteration"} == {
        f"dense_{n}.0" for n in range(1, COUNT + 1)
    }


def test_folding_nested_repeats_folds_the_inner_ones_of_the_kept_iteration() -> None:
    spec = """
input: [8]
blocks:
  pair:
    layers: [{dense: 8, repeat: 2}, relu]
layers:
  - {pair: {}, repeat: 3}
"""
    folded = fold_repeats(load_text(spec))
    assert [node.id for node in folded.nodes] == [
        "input", "pair_1.0.dense_1.0.dense_1", "pair_1.0.relu_1",
    ]  # fmt: skip
    assert [group.id for group in folded.groups] == ["pair_1", "pair_1.0", "pair_1.0.dense_1",
                                                    "pair_1.0.dense_1.0"]  # fmt: skip


def test_collapsing_many_blocks_gives_each_its_boundary_tensors() -> None:
    calls = "".join("  - {narrow: {}}\n" for _ in range(COUNT))
    spec = f"input: [8]\nblocks:\n  narrow:\n    layers: [dense: 4, relu]\nlayers:\n{calls}"
    collapsed = collapse(load_text(spec), 0)
    blocks = collapsed.nodes[1:]
    assert [node.id for node in blocks] == [f"narrow_{n}" for n in range(1, COUNT + 1)]
    assert blocks[0].inputs == (TensorSpec((8,)),)
    assert all(node.inputs == (TensorSpec((4,)),) for node in blocks[1:])
    assert all(node.outputs == (TensorSpec((4,)),) for node in blocks)
    assert [node.params for node in blocks] == [8 * 4 + 4] + [4 * 4 + 4] * (COUNT - 1)


@pytest.mark.parametrize("enabled", [True, False])
def test_loading_leaves_the_cycle_collector_as_it_was(enabled: bool) -> None:
    (gc.enable if enabled else gc.disable)()
    try:
        with pytest.raises(ValueError), collector_paused():
            assert not gc.isenabled()
            raise ValueError
        assert gc.isenabled() is enabled
        load_text("input: [8]\nlayers: [dense: 4]\n")
        assert gc.isenabled() is enabled
    finally:
        gc.enable()
