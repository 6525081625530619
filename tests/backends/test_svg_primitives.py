"""Each Scene primitive as SVG markup."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import pytest

from nnviz_core.backends._geometry import ARROW_HALF_WIDTH, arrowed, spans_width
from nnviz_core.backends.svg import BACKEND, DEFAULT_TITLE, render_svg
from nnviz_core.errors import NnvizError
from nnviz_core.options import RenderOptions
from nnviz_core.scene import (
    Circle,
    Close,
    CurveTo,
    Fill,
    Group,
    Item,
    LineTo,
    MoveTo,
    Path,
    Polygon,
    Rect,
    Scene,
    Span,
    Stroke,
    Text,
    text,
)

NS = {"svg": "http://www.w3.org/2000/svg"}


def svg_of(*items: Item, **options: str) -> ET.Element:
    scene = Scene(200, 100, tuple(items))
    return ET.fromstring(render_svg(scene, RenderOptions(**options)))  # type: ignore[arg-type]


def only(root: ET.Element, tag: str) -> ET.Element:
    found = root.findall(f".//svg:{tag}", NS)
    assert len(found) == 1, f"expected one <{tag}>, got {len(found)}"
    return found[0]


def test_root_has_size_viewbox_and_accessible_name() -> None:
    root = svg_of()
    assert (root.get("width"), root.get("height"), root.get("viewBox")) == (
        "200",
        "100",
        "0 0 200 100",
    )
    assert root.get("role") == "img"
    title = only(root, "title")
    assert title.text == DEFAULT_TITLE
    assert root.get("aria-labelledby") == title.get("id")
    assert root.findall("svg:desc", NS) == []


def test_title_and_description_come_from_the_scene() -> None:
    scene = Scene(10, 10, (), title="LeNet-5", description="Seven layers")
    root = ET.fromstring(render_svg(scene, RenderOptions()))
    assert only(root, "title").text == "LeNet-5"
    desc = only(root, "desc")
    assert desc.text == "Seven layers"
    assert root.get("aria-labelledby", "").split() == [
        only(root, "title").get("id"),
        desc.get("id"),
    ]


def test_rect_with_radius_fill_and_stroke() -> None:
    rect = only(
        svg_of(Rect(1.5, 2, 30.25, 40, radius=4, fill=Fill("cat.dense"), stroke=Stroke("fg", 2))),
        "rect",
    )
    assert rect.attrib == {
        "x": "1.5",
        "y": "2",
        "width": "30.25",
        "height": "40",
        "rx": "4",
        "fill": "#d3c6f5",
        "stroke": "#1f2328",
        "stroke-width": "2",
        "class": "nv-f-cat-dense nv-s-fg",
    }


def test_unfilled_shape_says_fill_none_and_opacity_and_dash_are_written() -> None:
    circle = only(
        svg_of(Circle(5, 6, 7, stroke=Stroke("edge", 1, dash=(3, 2.5), opacity=0.5))), "circle"
    )
    assert circle.get("fill") == "none"
    assert circle.get("stroke-dasharray") == "3 2.5"
    assert circle.get("stroke-opacity") == "0.5"
    assert (circle.get("cx"), circle.get("cy"), circle.get("r")) == ("5", "6", "7")
    polygon = only(svg_of(Polygon(((0, 0), (10, 0), (5, 8.333)), fill=Fill("bg", 0.25))), "polygon")
    assert polygon.get("points") == "0,0 10,0 5,8.33"
    assert polygon.get("fill-opacity") == "0.25"


def test_path_segments_and_closed_path_without_arrow() -> None:
    path = Path(
        (MoveTo((0, 0)), LineTo((10, 0)), CurveTo((12, 0), (14, 2), (14, 5)), Close()),
        fill=Fill("group.fill"),
        arrow_end=6,
    )
    root = svg_of(path)
    assert only(root, "path").get("d") == "M0 0L10 0C12 0 14 2 14 5Z"
    assert root.findall(".//svg:polygon", NS) == []


def test_straight_arrow_stops_the_line_at_the_base_and_points_along_it() -> None:
    path = Path((MoveTo((0, 0)), LineTo((100, 0))), stroke=Stroke("edge", 1.5), arrow_end=8)
    root = svg_of(path)
    assert only(root, "path").get("d") == "M0 0L92 0"
    head = only(root, "polygon")
    half = 8 * ARROW_HALF_WIDTH
    assert head.get("points") == f"100,0 92,{half:g} 92,-{half:g}"
    assert head.get("fill") == "#4b5563"
    assert head.get("class") == "nv-f-edge"


def test_arrow_start_points_backwards() -> None:
    path = Path((MoveTo((0, 50)), LineTo((0, 0))), stroke=Stroke("edge"), arrow_start=10)
    segments, heads = arrowed(path)
    assert segments == (MoveTo((0, 40)), LineTo((0, 0)))
    assert heads[0][0] == (0, 50)


def test_curved_arrow_base_lies_on_the_curve_at_arrow_length() -> None:
    curve = CurveTo((60, 0), (100, 40), (100, 100))
    path = Path((MoveTo((0, 0)), curve), stroke=Stroke("edge"), arrow_end=9)
    segments, heads = arrowed(path)
    trimmed = segments[1]
    assert isinstance(trimmed, CurveTo)
    tip, left, right = heads[0]
    base = ((left[0] + right[0]) / 2, (left[1] + right[1]) / 2)
    assert tip == (100, 100)
    assert math.dist(base, tip) == pytest.approx(9, abs=1e-3)
    assert math.dist(trimmed.to, base) == pytest.approx(0, abs=1e-9)
    # Near the end the curve runs almost straight down: so does the arrowhead.
    assert abs(tip[0] - base[0]) < 0.5


def test_arrow_longer_than_its_segment_does_not_overshoot() -> None:
    path = Path((MoveTo((0, 0)), LineTo((4, 0))), stroke=Stroke("edge"), arrow_end=8)
    segments, heads = arrowed(path)
    assert segments[1] == LineTo((0.0, 0.0))
    assert heads[0][0] == (4, 0)


def test_text_anchor_spans_and_rotation() -> None:
    label = Text(
        50,
        20,
        (
            Span("ℝ"),
            Span("784", shift="super"),
            Span(" x"),
            Span("i", shift="sub"),
            Span(" bold", weight="bold"),
            Span(" it", italic=True),
        ),
        size=10,
        anchor="end",
        rotate=-90,
    )
    node = only(svg_of(label), "text")
    # Anchored by nnviz itself (cairosvg would anchor each tspan on its own): the line starts its
    # measured width before the anchor, and turns about the anchor.
    assert "text-anchor" not in node.attrib
    assert float(node.get("x", "")) == pytest.approx(50 - spans_width(label.spans, 10), abs=0.01)
    assert node.get("transform") == "rotate(-90 50 20)"
    spans = node.findall("svg:tspan", NS)
    assert [(s.text, s.get("dy"), s.get("font-size")) for s in spans] == [
        ("784", "-3.6", "7"),
        (" x", "3.6", None),
        ("i", "1.8", "7"),
        (" bold", "-1.8", None),
        (" it", None, None),
    ]
    assert node.text == "ℝ"
    assert spans[3].get("font-weight") == "bold"
    assert spans[4].get("font-style") == "italic"


def test_plain_text_has_no_tspan_and_start_anchor_is_implicit() -> None:
    node = only(svg_of(text(3, 4, "Dense", anchor="start", paint="muted")), "text")
    assert node.text == "Dense"
    assert list(node) == []
    assert "text-anchor" not in node.attrib
    assert node.get("fill") == "#57606a"


def test_groups_name_their_role_and_layer() -> None:
    group = Group(
        (Rect(0, 0, 10, 10, fill=Fill("card"), role="layer"),),
        name="conv1 (Conv2D)",
        role="layer",
        layer="conv1",
    )
    node = only(svg_of(group), "g")
    assert node.get("class") == "nv-layer"
    assert node.get("data-layer") == "conv1"
    assert only(node, "title").text == "conv1 (Conv2D)"
    assert only(node, "rect").get("class") == "nv-layer nv-f-card"


def test_solid_background_fills_the_canvas_with_the_bg_token() -> None:
    first = svg_of(background="solid").find("svg:rect", NS)
    assert first is not None
    assert first.attrib == {
        "x": "0",
        "y": "0",
        "width": "200",
        "height": "100",
        "fill": "#ffffff",
        "class": "nv-background nv-f-bg",
    }
    assert svg_of().find("svg:rect", NS) is None


def test_numbers_use_the_fixed_short_format() -> None:
    rect = only(svg_of(Rect(-0.001, 1 / 3, 2.005, 1e-9, fill=Fill("bg"))), "rect")
    assert (rect.get("x"), rect.get("y"), rect.get("height")) == ("0", "0.33", "0")


def test_backend_metadata() -> None:
    assert (BACKEND.name, BACKEND.suffix, BACKEND.media_type) == ("svg", ".svg", "image/svg+xml")
    assert BACKEND.render(Scene(1, 1, ()), RenderOptions()).startswith(b"<svg ")


def test_unknown_items_are_refused_by_name() -> None:
    with pytest.raises(NnvizError, match="the SVG backend cannot draw a str item"):
        svg_of("not an item")  # type: ignore[arg-type]
