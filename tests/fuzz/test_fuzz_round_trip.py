"""load -> export-spec -> load gives the same graph: ops, names, shapes, params and edges."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import given
from outcome import settle
from profiles import fuzz_settings
from spec_strategies import specs

from nnviz_core.errors import NnvizError
from nnviz_core.export_spec import export_spec
from nnviz_core.ir import Graph
from nnviz_core.sources.yaml_spec import load_text


def summary(graph: Graph) -> tuple[list[Any], list[Any]]:
    """What a reader of the diagram sees of a graph; ids may change, names may not."""
    names = {node.id: node.name for node in graph.nodes}
    nodes = [
        (node.op, node.name, [output.shape for output in node.outputs], node.params)
        for node in graph.nodes
    ]
    edges = sorted(
        (names[edge.source], names[edge.target], edge.target_port) for edge in graph.edges
    )
    return nodes, edges


def round_trip(text: str) -> tuple[Graph, Graph, str]:
    graph = load_text(text)  # an NnvizError here is a refused input, as anywhere
    exported = export_spec(graph)
    try:
        again = load_text(exported)
    except NnvizError as error:
        raise AssertionError(f"the exported spec does not load: {error}\n{exported}") from None
    return graph, again, exported


def same_graph(result: tuple[Graph, Graph, str]) -> None:
    graph, again, exported = result
    assert summary(again) == summary(graph), f"the exported spec loads another graph\n{exported}"
    assert export_spec(again) == exported, f"export is not stable\n{exported}"


@fuzz_settings("round_trip", ci_examples=150)
@given(drawn=specs(max_width=12))
def test_export_spec_round_trip(drawn: Any) -> None:
    spec, _ = drawn
    text = yaml.safe_dump(spec, allow_unicode=True, sort_keys=False)
    settle(
        "round_trip",
        text,
        lambda: round_trip(text),
        check=same_graph,
    )
