"""Every example renders in both tensor styles, with the geometry invariants holding."""

from __future__ import annotations

from pathlib import Path

import pytest
import tensor_checks

from nnviz_core.options import build
from nnviz_core.sources.yaml_spec import load_path
from nnviz_core.styles.block import STYLE as BLOCK
from nnviz_core.styles.lenet import STYLE as LENET

EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*.yaml"))


@pytest.mark.parametrize("style", [BLOCK, LENET], ids=["block", "lenet"])
@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_renders_cleanly(path: Path, style: object) -> None:
    graph = load_path(path)
    scene = style.layout(graph, build(style.options, {}))  # type: ignore[attr-defined]
    tensor_checks.assert_tensor_invariants(scene)
    folded = style.layout(graph, build(style.options, {"fold_repeats": True}))  # type: ignore[attr-defined]
    tensor_checks.assert_tensor_invariants(folded)


def test_examples_are_found() -> None:
    assert len(EXAMPLES) >= 10


@pytest.mark.parametrize("style", [BLOCK, LENET], ids=["block", "lenet"])
def test_collapsed_groups_are_captioned_with_their_label(style: object) -> None:
    graph = load_path(EXAMPLES[0].parent / "resnet18.yaml")
    scene = style.layout(graph, build(style.options, {"depth": 0}))  # type: ignore[attr-defined]
    tensor_checks.assert_tensor_invariants(scene)
    captions = {t.plain for t in tensor_checks.texts(scene)}
    assert {"conv2_x ×2", "conv3_1", "conv5_2"} <= captions
