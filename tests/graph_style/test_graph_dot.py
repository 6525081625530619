"""The DOT source: ``to_dot`` (Keras ``model_to_dot`` parity), ``Scene.dot`` and the dot format."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace

import pydot
import pytest
from graph_style_samples import lenet, tiny_resnet

from nnviz_core.backends.dot import BACKEND
from nnviz_core.dotgraph import full
from nnviz_core.errors import OptionError
from nnviz_core.options import RenderOptions, build
from nnviz_core.scene import Scene
from nnviz_core.styles.graph import STYLE, GraphOptions, to_dot


def test_to_dot_returns_pydot_with_fixed_size_cards() -> None:
    dot = to_dot(lenet())
    assert isinstance(dot, pydot.Dot)
    nodes = [n for n in dot.get_nodes() if n.get_name() not in ("node", "edge")]
    assert len(nodes) == len(lenet().nodes)
    assert dot.get_node_defaults()[0]["fixedsize"] == "true"
    conv = dot.get_node("n1")[0]
    assert conv.get("label").startswith("Conv2D conv1\\lshape 1×32×32 → 6×28×28\\l")
    assert float(conv.get("width")) > 1.0
    assert len(dot.get_edges()) == len(lenet().edges)


def test_to_dot_options_reach_the_graph() -> None:
    dot = to_dot(tiny_resnet(2), rankdir="LR", splines="ortho", fold_repeats=True)
    assert dot.get("rankdir") == "LR" and dot.get("splines") == "ortho"
    (cluster,) = dot.get_subgraphs()
    assert cluster.get_name() == "cluster_c0"
    assert "<b>stage1</b> ×2" in cluster.get("label")


def test_to_dot_rejects_unknown_options_with_a_suggestion() -> None:
    with pytest.raises(OptionError, match=r"unknown option 'rankdr' for style 'graph' \(did you"):
        to_dot(lenet(), rankdr="LR")


def test_scene_carries_the_dot_source_and_the_backend_writes_it() -> None:
    scene = STYLE.layout(lenet(), GraphOptions())
    assert scene.dot is not None
    data = BACKEND.render(scene, RenderOptions())
    assert data == full(scene.dot).encode("utf-8") == to_dot(lenet()).to_string().encode()
    assert (BACKEND.name, BACKEND.suffix, BACKEND.media_type) == (
        "dot",
        ".dot",
        "text/vnd.graphviz",
    )


def test_dot_format_needs_the_graph_style() -> None:
    with pytest.raises(OptionError) as caught:
        BACKEND.render(Scene(10, 10, ()), RenderOptions())
    assert str(caught.value) == (
        "the dot format is only available with the graph style; "
        "render with style='graph', or choose svg, png or pdf"
    )


@pytest.mark.parametrize("engine", ["auto", pytest.param("dot", marks=pytest.mark.dot_engine)])
def test_dot_source_is_deterministic_and_names_are_safe(engine: str) -> None:
    names = {"conv1": 'node "x"\\', "pool1": "<lambda>", "fc1": "a;b=c {d}", "fc2": "node"}
    graph = lenet()
    nodes = tuple(replace(n, name=names.get(n.id, n.name)) for n in graph.nodes)
    graph = replace(graph, nodes=nodes)
    first = to_dot(graph).to_string()
    assert first == to_dot(graph).to_string()
    assert 'node \\"x\\"\\\\' in first
    scene = STYLE.layout(graph, build(GraphOptions, {"engine": engine}))
    assert BACKEND.render(scene, RenderOptions()).decode() == first


@pytest.mark.dot_engine
def test_debian_dot_renders_the_source_on_its_own() -> None:
    source = to_dot(tiny_resnet(2), fold_repeats=True).to_string()
    done = subprocess.run(
        [shutil.which("dot") or "dot", "-Tsvg"], input=source.encode(), capture_output=True
    )
    assert done.returncode == 0, done.stderr
    assert b"<svg" in done.stdout


def test_options_build_from_host_text() -> None:
    options = build(GraphOptions, {"rankdir": "lr", "show-dtype": "yes", "nodesep": "30"})
    assert (options.rankdir, options.show_dtype, options.nodesep) == ("LR", True, 30.0)
