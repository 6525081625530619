"""Random DAGs (seeded): both tensor styles place them without overlaps or crossed labels."""

from __future__ import annotations

import random

import block_lenet_graphs as graphs
import pytest
import tensor_checks

from nnviz_core.ir import Graph
from nnviz_core.options import build
from nnviz_core.styles.block import STYLE as BLOCK
from nnviz_core.styles.lenet import STYLE as LENET

KINDS = [
    ("conv2d", "convolution"),
    ("maxpool2d", "pooling"),
    ("relu", "activation"),
    ("batchnorm", "normalization"),
    ("add", "merge"),
    ("concat", "merge"),
    ("lstm", "recurrent"),
    ("multi_head_attention", "attention"),
    ("dense", "dense"),
]


def random_dag(seed: int, size: int) -> Graph:
    """A DAG where each layer takes one or two earlier layers (often the previous one)."""
    rng = random.Random(seed)
    b = graphs.Builder(f"random {seed}")
    ids = [b.add("input", "input", (3, 64, 64))]
    for _ in range(size):
        op, category = rng.choice(KINDS)
        count = 2 if category == "merge" and len(ids) > 1 else 1
        sources = {ids[-1]} if rng.random() < 0.6 else set()
        while len(sources) < count:
            sources.add(rng.choice(ids))
        shape = rng.choice([(16, 32, 32), (64, 8, 8), (128,), (32, 100)])
        inputs = tuple(i for i in ids if i in sources)
        ids.append(b.add(op, category, shape, inputs, filters=16, kernel=3, num_heads=4))
    return b.graph()


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"wrap": 3, "fold_repeats": True},
        {"elide": True},
        # What a slide that must keep 10 pt text draws: small tensors, narrow gaps.
        {"spacing": 15, "max_size": 55, "min_size": 6},
    ],
)
@pytest.mark.parametrize("seed", range(12))
def test_random_dags_keep_the_invariants(seed: int, options: dict[str, object]) -> None:
    graph = random_dag(seed, 6 + seed * 2)
    for style in (BLOCK, LENET):
        scene = style.layout(graph, build(style.options, options))
        tensor_checks.assert_tensor_invariants(scene)


@pytest.mark.parametrize("seed", [100, 105, 117, 187, 198, 200])
def test_large_random_dags_fold_and_wrap_cleanly(seed: int) -> None:
    """Long random graphs exercise row breaks at forks, the U fold and reversed rows."""
    graph = random_dag(seed, 20 + seed % 40)
    for style in (BLOCK, LENET):
        for options in ({}, {"direction": "RL", "fold_repeats": True}):
            scene = style.layout(graph, build(style.options, options))
            tensor_checks.assert_tensor_invariants(scene)
