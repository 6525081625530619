"""A 2,000-branch merge: by default one tensor captioned ×2,000; with ``fold_fans=0`` every
branch in its own lane, each joined to the merge.

Issue 19: an ``add`` of N parallel branches was quadratic. This checks the drawing of a wide
case is right (its speed is in ``benchmarks/bench_tensor_styles.py``).
"""

from __future__ import annotations

import itertools

import pytest
import scene_checks

import nnviz_core
from nnviz_core.scene import Circle, Close, Group, Path, Scene, Text, walk

BRANCHES = 2000


def wide_spec(branches: int, merge: str) -> str:
    lines = ["name: Wide merge", "input: [4, 8, 8]", "layers:"]
    lines.append("  - {id: x, conv2d: {filters: 4, kernel: 3, padding: same}}")
    lines += [f"  - {{id: b{i}, relu: {{}}, inputs: [x]}}" for i in range(branches)]
    joined = ", ".join(f"b{i}" for i in range(branches))
    lines.append(f"  - {{id: joined, {merge}: [{joined}]}}")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def graphs() -> dict[str, nnviz_core.Graph]:
    return {merge: nnviz_core.load(wide_spec(BRANCHES, merge)) for merge in ("add", "concat")}


def _groups(scene: Scene) -> dict[str, Group]:
    found = scene_checks.with_role(scene.items, "layer")
    return {item.layer: item for item in found if isinstance(item, Group) and item.layer}


def _last_point(path: Path) -> tuple[float, float]:
    last = path.segments[-1]
    assert not isinstance(last, Close)
    return last.to


@pytest.mark.parametrize("style", ["block", "lenet"])
@pytest.mark.parametrize("merge", ["add", "concat"])
def test_every_branch_is_drawn_in_its_own_lane_and_joins_the_merge(
    graphs: dict[str, nnviz_core.Graph], style: str, merge: str
) -> None:
    scene = nnviz_core.render(graphs[merge], style=style, fold_fans=0).scene
    groups = _groups(scene)
    branches = [f"b{i}" for i in range(BRANCHES)]
    assert set(groups) == {"input", "x", "joined", *branches}
    boxes = sorted(scene_checks.bbox(groups[b]) for b in branches)
    assert len({box[0] for box in boxes}) == 1  # one column, one lane each: none overlap
    boxes.sort(key=lambda box: box[1])
    assert all(upper[3] < lower[1] for upper, lower in itertools.pairwise(boxes))
    ball = next(item for item in walk(groups["joined"].items) if isinstance(item, Circle))
    entry = (ball.cx - ball.r, ball.cy)
    edges = [item for item in scene.items if isinstance(item, Path) and item.role == "edge"]
    into_merge = [path for path in edges if _last_point(path) == pytest.approx(entry)]
    assert len(into_merge) == BRANCHES
    # x → each branch, each branch → merge, and input → x (lenet draws that one as the
    # convolution's kernel projection instead of an arrow).
    assert len(edges) == 2 * BRANCHES + (style == "block")


@pytest.mark.parametrize("style", ["block", "lenet"])
def test_a_wide_fan_is_one_tensor_captioned_with_its_count(
    graphs: dict[str, nnviz_core.Graph], style: str
) -> None:
    scene = nnviz_core.render(graphs["add"], style=style).scene
    layers = set(_groups(scene))
    assert "b0" in layers or "x" in layers  # the kept branch, on its own or merged into x
    assert not layers & {f"b{i}" for i in range(1, BRANCHES)}
    captions = [
        "".join(span.text for span in item.spans)
        for item in walk(scene.items)
        if isinstance(item, Text)
    ]
    assert any("ReLU ×2,000" in text for text in captions), captions


def test_fold_fans_16_keeps_16_branches_and_folds_17() -> None:
    for branches, drawn in ((16, 16), (17, 1)):
        scene = nnviz_core.render(wide_spec(branches, "add"), style="block").scene
        shown = {layer for layer in _groups(scene) if layer.startswith("b")}
        assert len(shown) == drawn or (drawn == 1 and not shown), (branches, shown)
