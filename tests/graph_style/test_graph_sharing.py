"""Reading spline marks, and the immutable paints and spans that cards share across a drawing."""

from __future__ import annotations

import pytest
from graph_style_samples import lenet

from nnviz_core.errors import EngineError
from nnviz_core.options import build
from nnviz_core.scene import Group, Path, Rect, Span, Text, span
from nnviz_core.styles.graph import STYLE, GraphOptions
from nnviz_core.styles.graph.engine import EdgeRoute, parse_layout


def _route(pos: str) -> EdgeRoute:
    answer = {
        "bb": "0,0,100,100",
        "objects": [{"_gvid": 0, "name": "a", "pos": "0,0"}, {"_gvid": 1, "name": "b"}],
        "edges": [{"tail": 0, "head": 1, "pos": pos}],
    }
    return parse_layout(answer).edges[("a", "b")]


def test_start_and_end_marks_are_read_before_the_points() -> None:
    route = _route("s,1,99 e,5,10 1,90 2,80 3,70 4,60")
    assert route.tip == (5.0, 90.0)
    assert route.points == ((1.0, 10.0), (2.0, 20.0), (3.0, 30.0), (4.0, 40.0))


def test_only_the_first_spline_is_kept() -> None:
    assert _route("1,90 2,80 3,70 4,60;9,9 8,8 7,7 6,6").points[-1] == (4.0, 40.0)


def test_an_empty_route_has_no_points() -> None:
    route = _route("")
    assert route.points == () and route.tip is None


def test_a_malformed_point_is_an_engine_error() -> None:
    with pytest.raises(EngineError, match="ValueError"):
        _route("1,90 2,80,5 3,70 4,60")


def test_shared_spans_are_plain_equal_spans() -> None:
    assert span("relu") is span("relu")
    assert span("x", "bold", True) == Span("x", "bold", italic=True)


def test_cards_share_paints_and_repeated_labels() -> None:
    scene = STYLE.layout(lenet(), build(GraphOptions, {}))
    cards = [item for item in scene.items if isinstance(item, Group) and item.role == "layer"]
    first, second = (card.items for card in cards[1:3])
    assert isinstance(first[0], Rect) and isinstance(second[0], Rect)
    assert first[0].fill is second[0].fill
    keys = {text.plain: text.spans[0] for text in first[1:] if isinstance(text, Text)}
    again = {text.plain: text.spans[0] for text in second[1:] if isinstance(text, Text)}
    assert keys["shape"] is again["shape"]
    edges = [item for item in scene.items if isinstance(item, Path) and item.role == "edge"]
    assert len({id(edge.stroke) for edge in edges}) == 1
