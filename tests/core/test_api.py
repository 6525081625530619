"""The facade: what ``load`` accepts and how it refuses what it cannot draw."""

from __future__ import annotations

import gc

import pytest

import nnviz_core
from nnviz_core.errors import OptionError, SourceError
from nnviz_core.ir import Graph, Node, TensorSpec


def tiny_graph() -> Graph:
    return Graph(
        name="tiny",
        nodes=(Node("input", "input", "input", "input", outputs=(TensorSpec((4,)),)),),
    )


def test_load_returns_a_graph_unchanged():
    graph = tiny_graph()
    assert nnviz_core.load(graph) is graph


def test_load_refuses_unknown_file_types(tmp_path):
    model = tmp_path / "model.h5"
    model.write_bytes(b"\x89HDF")
    with pytest.raises(SourceError, match=r"model\.h5: unsupported file type '\.h5'; expected"):
        nnviz_core.load(model)


def test_load_names_a_missing_spec_file():
    with pytest.raises(SourceError, match=r"^missing\.yaml: no such file$"):
        nnviz_core.load("missing.yaml")


def test_load_refuses_other_objects():
    with pytest.raises(SourceError, match=r"^cannot draw a int; pass a Graph"):
        nnviz_core.load(42)  # type: ignore[arg-type]


def test_render_rejects_unknown_options_before_loading():
    with pytest.raises(OptionError, match=r"unknown option 'colour' for style 'graph'"):
        nnviz_core.render(tiny_graph(), style="graph", colour="red")


def test_facade_exports_are_sorted():
    assert nnviz_core.__all__ == sorted(nnviz_core.__all__)


def test_to_dot_returns_a_pydot_graph_like_keras_model_to_dot():
    dot = nnviz_core.to_dot(tiny_graph(), rankdir="LR")
    assert type(dot).__name__ == "Dot"
    assert dot.get_rankdir() == "LR"
    assert len(dot.get_nodes()) >= 1


def test_notebook_repr_is_svg_on_a_solid_background():
    bundle = nnviz_core.render(tiny_graph())._repr_mimebundle_()
    assert list(bundle) == ["image/svg+xml", "text/html"]  # the HTML form has the viewer
    transparent = nnviz_core.render(tiny_graph()).svg
    assert bundle["image/svg+xml"] != transparent
    assert bundle["image/svg+xml"].startswith("<svg")


def test_rendering_pauses_the_cycle_collector_and_restores_it(monkeypatch):
    seen = []
    original = nnviz_core.registry.style("graph").layout

    def layout(graph, options):
        seen.append(gc.isenabled())
        return original(graph, options)

    monkeypatch.setattr(nnviz_core.registry.style("graph"), "layout", layout)
    diagram = nnviz_core.render("input: [8]\nlayers: [dense: 4]\n")
    assert seen == [False] and gc.isenabled()
    assert diagram.svg.startswith("<svg") and gc.isenabled()
    with pytest.raises(nnviz_core.NnvizError):
        nnviz_core.render("input: [8]\nlayers: [dense: {units: 0}]\n")
    assert gc.isenabled()
    gc.disable()
    try:
        nnviz_core.render("input: [8]\nlayers: [dense: 4]\n").to_bytes("png")
        assert not gc.isenabled()  # a caller's own choice is kept
    finally:
        gc.enable()
