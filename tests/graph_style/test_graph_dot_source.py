"""One Graphviz graph, written two ways: its full text must equal what pydot writes for
``to_dot``, and its layout-only text must be laid out exactly as the full one."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pydot
import pytest

from nnviz_core.api import load
from nnviz_core.backends.dot import BACKEND
from nnviz_core.dotgraph import NodePaint, for_layout, full, quote
from nnviz_core.ir import Graph
from nnviz_core.options import RenderOptions, build
from nnviz_core.sources.yaml_spec import load_text
from nnviz_core.styles.graph import GraphOptions, place, prepare, to_dot
from nnviz_core.styles.graph.engine import parse_layout, resolve_engine, run_engine

EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*.yaml"))

#: Names, labels and notes DOT must quote or escape: quotes, backslashes, markup, unicode.
AWKWARD = r"""
name: 'Quoted "net" ✓'
input: [3, 8, 8]
blocks:
  unit:
    layers:
      - conv2d: {filters: 4, kernel: 3, padding: same, name: 'conv "a" \ b'}
      - {relu: {}, name: '<lambda>'}
layers:
  - {unit: {}, repeat: 2, label: 'stage <1> & "ü"'}
  - {flatten: {}, name: 'a;b=c {d}'}
  - {dense: 10, label: 'Head: "logits" → ✓', note: "line one\nline \"two\"", color: '#ff0000'}
"""

VARIANTS: list[dict[str, Any]] = [
    {},
    {"rankdir": "LR", "splines": "ortho", "nodesep": 33.3},
    {"fold_repeats": True},
    {"expand_nested": False, "compact_merges": False, "show_dtype": True},
    {"depth": 1, "show_layer_names": False},
]


def _check(graph: Graph, options: dict[str, Any]) -> None:
    prepared = prepare(graph, build(GraphOptions, options, owner="test"))
    assert full(prepared.dot) == to_dot(graph, **options).to_string()


@pytest.mark.parametrize("options", VARIANTS, ids=lambda options: ",".join(options) or "defaults")
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.stem)
def test_examples_write_the_dot_pydot_writes(path: Path, options: dict[str, Any]) -> None:
    _check(load(path), options)


@pytest.mark.parametrize("options", VARIANTS, ids=lambda options: ",".join(options) or "defaults")
def test_awkward_names_are_quoted_as_pydot_quotes_them(options: dict[str, Any]) -> None:
    _check(load_text(AWKWARD, "<awkward>"), options)


LAYOUT_VARIANTS = [*VARIANTS, {"splines": "polyline", "rankdir": "BT"}]


@pytest.mark.parametrize("engine", ["auto", "dot"])
@pytest.mark.parametrize("path", EXAMPLES[::3], ids=lambda path: path.stem)
def test_the_engine_places_the_layout_source_as_the_full_source(path: Path, engine: str) -> None:
    graph = load(path)
    for options in LAYOUT_VARIANTS:
        prepared = prepare(graph, build(GraphOptions, {**options, "engine": engine}, owner="test"))
        command = resolve_engine(engine)
        whole = parse_layout(run_engine(command, full(prepared.dot)))
        lean = parse_layout(run_engine(command, for_layout(prepared.dot)))
        assert lean == whole


def test_the_layout_source_leaves_out_card_text_and_colours() -> None:
    prepared = prepare(load_text(AWKWARD, "<awkward>"), GraphOptions())
    lean = for_layout(prepared.dot)
    assert "Head" not in lean and "fillcolor" not in lean and "bgcolor" not in lean
    assert "#4b5563" not in lean and "DejaVu" in lean  # cluster labels keep their font
    assert "fixedsize=true" in lean and "width=" in lean and "weight=4" in lean
    assert "stage &lt;1&gt;" in lean  # the cluster's fixed-size HTML label stays
    assert len(lean) < len(full(prepared.dot)) * 0.7


def test_node_text_and_colours_are_built_only_for_the_full_text() -> None:
    """A render writes only the layout text; labels and colours cost a fifth of preparing a
    1,000-layer graph (issue 14), so they are made from each node's card when ``full`` asks."""
    prepared = prepare(load_text(AWKWARD, "<awkward>"), GraphOptions())
    asked: list[object] = []

    def paint(source: object) -> NodePaint:
        asked.append(source)
        return prepared.dot.paint(source)

    counted = replace(prepared.dot, paint=paint)
    for_layout(counted)
    assert asked == []
    assert full(counted) == full(prepared.dot)
    assert sorted(id(card) for card in asked) == sorted(map(id, prepared.cards.values()))
    label, fill, stroke = prepared.dot.paint(prepared.cards[prepared.graph.nodes[-1].id])
    assert label.startswith('Head: "logits" → ✓') and fill == "#ff0000" and stroke.startswith("#")


def _structure(source: str) -> list[str]:
    """Cluster openings, closings and node names, in order: the nesting the engine reads."""
    kept = []
    for line in source.splitlines():
        head = line.split(" ", 1)[0]
        if line.startswith("subgraph ") or line == "}" or (head[1:].isdigit() and "->" not in line):
            kept.append(line if line.startswith(("subgraph", "}")) else head)
    return kept


@pytest.mark.parametrize("options", VARIANTS, ids=lambda options: ",".join(options) or "defaults")
def test_the_layout_source_nests_clusters_and_nodes_as_the_full_source(
    options: dict[str, Any],
) -> None:
    graph = load_text(AWKWARD, "<awkward>")
    prepared = prepare(graph, build(GraphOptions, options, owner="test"))
    lean, whole = _structure(for_layout(prepared.dot)), _structure(full(prepared.dot))
    assert lean == whole and any(line.startswith("subgraph") for line in lean) == (
        bool(prepared.clusters)
    )
    assert len([line for line in lean if line.startswith("n")]) == len(prepared.graph.nodes)


def test_the_scene_keeps_the_graph_and_the_dot_format_writes_it() -> None:
    graph = load_text(AWKWARD, "<awkward>")
    prepared = prepare(graph, GraphOptions())
    scene = place(prepared, GraphOptions())
    assert scene.dot == prepared.dot
    assert BACKEND.render(scene, RenderOptions()).decode() == to_dot(graph).to_string()


#: Values whose quoting pydot decides rule by rule: keywords, IDs, numbers, HTML, quotes, unicode.
TRICKY = [
    "",
    "a",
    "A_1",
    "1a",
    "12",
    "1.5",
    ".5",
    "5.",
    "1.2.3",
    "-1",
    "graph",
    "Node",
    "ü",
    "ü x",
    "²",
    "#4b5563",
    "rounded,filled",
    "a b",
    '"q"',
    '"',
    '"a',
    "<b>x</b>",
    "<",
    "<x>\n",
    "12\n",
    "x\ny",
    "line\nbreak",
    "tab\tx",
    "back\\slash",
    "+",
    "−",
    "avg",
    "\0",
    "a\0",
    "DejaVu Sans,Verdana,sans-serif",
    "0.1,0.05",
    "l",
    "x;y",
    "{d}",
    "→ ✓",
]


@pytest.mark.parametrize("value", TRICKY)
def test_values_are_quoted_as_pydot_quotes_them(value: str) -> None:
    assert quote(value) == pydot.quote_attr_if_necessary(value or '""')
