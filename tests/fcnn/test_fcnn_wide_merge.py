"""A 2,000-branch merge draws every dense branch as a column, each connected to the merge.

Issue 19: an ``add`` of N parallel branches was quadratic. This checks the drawing of a wide
case is right (its speed is in ``benchmarks/bench_fcnn.py``).
"""

from __future__ import annotations

import itertools

import scene_checks

import nnviz_core
from nnviz_core.scene import Circle, Group, Path, walk

BRANCHES = 2000


def wide_spec(branches: int) -> str:
    lines = ["name: Wide merge", "input: [8]", "layers:", "  - {id: x, dense: 4}"]
    lines += [f"  - {{id: b{i}, dense: 4, inputs: [x]}}" for i in range(branches)]
    lines.append("  - {id: joined, add: [" + ", ".join(f"b{i}" for i in range(branches)) + "]}")
    return "\n".join(lines) + "\n"


def test_every_branch_is_a_column_connected_to_x_and_to_the_merge() -> None:
    scene = nnviz_core.render(wide_spec(BRANCHES), style="fcnn").scene
    layers = scene_checks.with_role(scene.items, "layer")
    groups = {item.layer: item for item in layers if isinstance(item, Group) and item.layer}
    branches = [f"b{i}" for i in range(BRANCHES)]
    assert set(groups) == {"input", "x", "joined", *branches}
    for name in ("x", "joined", *branches):
        neurons = [item for item in walk(groups[name].items) if isinstance(item, Circle)]
        assert len(neurons) == 4, name
    edges = [item for item in walk(scene.items) if isinstance(item, Path) and item.role == "edge"]
    by_target: dict[str | None, list[Path]] = {}
    for path in edges:
        by_target.setdefault(path.layer, []).append(path)
    # One bundle of 4 × 4 lines from x into each branch, and one from each branch into the merge.
    assert all(len(by_target[b]) == 1 and len(by_target[b][0].segments) == 32 for b in branches)
    assert len(by_target["joined"]) == BRANCHES
    assert all(len(path.segments) == 32 for path in by_target["joined"])
    boxes = sorted((scene_checks.bbox(groups[b]) for b in branches), key=lambda box: box[1])
    assert all(upper[3] < lower[1] for upper, lower in itertools.pairwise(boxes))


def test_a_wide_concat_joins_every_branch_too() -> None:
    spec = wide_spec(BRANCHES).replace("add:", "concat:")
    scene = nnviz_core.render(spec, style="fcnn").scene
    edges = [item for item in walk(scene.items) if isinstance(item, Path) and item.role == "edge"]
    assert sum(1 for path in edges if path.layer == "joined") == BRANCHES
