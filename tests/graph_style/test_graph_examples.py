"""Every example through the public API in the graph style: invariants, determinism, formats."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import scene_checks
from graph_style_samples import assert_texts_inside_shapes

import nnviz_core

EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*.yaml"))
ON_DEBIAN_DOT = ("inception", "lenet5", "resnet18", "unet")


def _ids(paths: list[Path]) -> list[str]:
    return [path.stem for path in paths]


def _check(diagram: nnviz_core.Diagram) -> None:
    scene = diagram.scene
    scene_checks.assert_inside_canvas(scene)
    scene_checks.assert_no_overlap(scene, "layer")
    assert_texts_inside_shapes(scene)


@pytest.mark.parametrize("path", EXAMPLES, ids=_ids(EXAMPLES))
def test_example_renders_cleanly_and_deterministically(path: Path) -> None:
    first = nnviz_core.render(path, "graph")
    _check(first)
    again = nnviz_core.render(path, "graph")
    assert first.svg == again.svg
    assert first.to_bytes("dot") == again.to_bytes("dot")
    assert first.to_bytes("dot").startswith(b"digraph nnviz {")


@pytest.mark.parametrize("path", EXAMPLES, ids=_ids(EXAMPLES))
def test_example_folded_left_to_right(path: Path) -> None:
    diagram = nnviz_core.render(path, "graph", fold_repeats=True, rankdir="LR", depth=1)
    _check(diagram)


@pytest.mark.dot_engine
@pytest.mark.parametrize("name", ON_DEBIAN_DOT)
def test_example_with_debian_dot(name: str) -> None:
    dot = shutil.which("dot")
    assert dot, "Debian's Graphviz is missing: apt-get install graphviz"
    path = Path(__file__).parents[2] / "examples" / f"{name}.yaml"
    diagram = nnviz_core.render(path, "graph", engine=dot, splines="ortho")
    _check(diagram)
    assert diagram.scene.dot == nnviz_core.render(path, "graph", splines="ortho").scene.dot


def test_resnet_clusters_name_its_stages() -> None:
    path = Path(__file__).parents[2] / "examples" / "resnet18.yaml"
    # folded it still shows 62 layers, past the first view's budget: drawn in full here
    scene = nnviz_core.render(path, "graph", fold_repeats=True, detail="full").scene
    names = {group.name for group in scene_checks.with_role(scene.items, "group")}
    assert {"conv2_x", "conv3_1", "conv5_2"} <= names


def test_every_format_writes(tmp_path: Path) -> None:
    diagram = nnviz_core.render(EXAMPLES[0], "graph")
    for suffix in (".svg", ".png", ".pdf", ".dot"):
        written = diagram.save(tmp_path / f"out{suffix}")
        assert written.stat().st_size > 100
