"""The shared scene assertions catch what they promise to, with readable messages."""

from __future__ import annotations

from dataclasses import replace

import pytest
import scene_checks
from backend_scenes import card, small_scene

from nnviz_core.backends._geometry import ARROW_HALF_WIDTH
from nnviz_core.scene import (
    CurveTo,
    Fill,
    Group,
    LineTo,
    MoveTo,
    Path,
    Rect,
    Scene,
    Span,
    Stroke,
    Text,
    text,
)
from nnviz_core.text import ASCENT, DESCENT, text_width


def test_text_box_uses_metrics_anchor_and_scripts() -> None:
    label = text(100, 50, "Dense", size=10, anchor="middle")
    width = text_width("Dense", 10)
    assert scene_checks.text_box(label) == pytest.approx(
        (100 - width / 2, 50 - ASCENT * 10, 100 + width / 2, 50 + DESCENT * 10)
    )
    raised = Text(0, 50, (Span("x"), Span("784", shift="super")), size=10, anchor="start")
    top = scene_checks.text_box(raised)[1]
    assert top == pytest.approx(50 - 3.6 - ASCENT * 7)
    assert top < 50 - ASCENT * 10  # the superscript reaches above a plain line


def test_rotated_text_box_turns_with_the_text() -> None:
    label = text(0, 0, "rotated", size=10, anchor="start")
    upright = scene_checks.text_box(label)
    turned = scene_checks.text_box(replace(label, rotate=-90))
    assert turned[2] - turned[0] == pytest.approx(upright[3] - upright[1])
    assert turned[3] - turned[1] == pytest.approx(upright[2] - upright[0])
    assert turned[3] == pytest.approx(0, abs=1e-9)  # -90° turns the line upwards from y=0


def test_curve_box_is_tight_and_arrowheads_count() -> None:
    curve = Path((MoveTo((0, 0)), CurveTo((0, 100), (100, 100), (100, 0))))
    assert scene_checks.bbox(curve) == pytest.approx((0, 0, 100, 75))
    line = Path((MoveTo((0, 0)), LineTo((50, 0))), stroke=Stroke("edge", 2), arrow_end=10)
    half = 10 * ARROW_HALF_WIDTH
    assert scene_checks.bbox(line, ink=False) == pytest.approx((0, -half, 50, half))
    assert scene_checks.bbox(line) == pytest.approx((-1, -half - 1, 51, half + 1))


def test_group_box_is_the_union() -> None:
    group = card("Conv2D", "convolution", 40, "conv")
    assert scene_checks.bbox(group, ink=False) == (60, 40, 220, 84)
    with pytest.raises(AssertionError, match=r"Group 'empty' \(role=layer\) is empty"):
        scene_checks.bbox(Group((), name="empty", role="layer"))


def test_the_small_scene_passes_every_check() -> None:
    scene = small_scene()
    scene_checks.assert_inside_canvas(scene)
    scene_checks.assert_no_overlap(scene, "layer")
    scene_checks.assert_cards_hold_text(scene, "layer", padding=4)


def test_outside_canvas_is_reported_with_the_item_and_box() -> None:
    scene = Scene(100, 50, (text(95, 20, "too long a label", size=10, anchor="start"),))
    with pytest.raises(AssertionError) as caught:
        scene_checks.assert_inside_canvas(scene)
    assert str(caught.value).startswith(
        "1 item(s) outside the 100×50 canvas: Text 'too long a label' at [95.0,10.7 → "
    )


def test_overlapping_layers_are_reported_but_touching_ones_pass() -> None:
    touching = Scene(400, 300, (card("A", "dense", 0, "a"), card("B", "dense", 44, "b")))
    scene_checks.assert_no_overlap(touching, "layer")
    clash = Scene(400, 300, (card("A", "dense", 0, "a"), card("B", "dense", 30, "b")))
    with pytest.raises(AssertionError) as caught:
        scene_checks.assert_no_overlap(clash, "layer")
    assert str(caught.value) == (
        "1 overlapping pair(s) with role 'layer': Group 'A' (role=layer, layer=a) at "
        "[60.0,0.0 → 220.0,44.0] and Group 'B' (role=layer, layer=b) at "
        "[60.0,30.0 → 220.0,74.0] (overlap 160.0×14.0 px)"
    )


def test_other_roles_are_not_compared() -> None:
    stacked = Scene(100, 100, (Rect(0, 0, 50, 50, role="edge"), Rect(10, 10, 50, 50, role="edge")))
    scene_checks.assert_no_overlap(stacked, "layer")
    with pytest.raises(AssertionError, match="role 'edge'"):
        scene_checks.assert_no_overlap(stacked, "edge")


def test_text_that_overflows_its_card_is_reported() -> None:
    box = Rect(0, 0, 40, 20, fill=Fill("card"))
    scene_checks.assert_text_fits(text(20, 14, "ok", size=10), box)
    with pytest.raises(AssertionError) as caught:
        scene_checks.assert_text_fits(text(20, 14, "much too wide", size=10), box, padding=2)
    assert "Text 'much too wide' at [" in str(caught.value)
    assert "does not fit inside Rect at [2.0,2.0 → 38.0,18.0] (padding 2 px)" in str(caught.value)


def test_cards_without_a_rectangle_are_reported() -> None:
    scene = Scene(100, 100, (Group((text(5, 5, "x"),), name="bare", role="layer"),))
    with pytest.raises(AssertionError, match=r"Group 'bare' \(role=layer\) has no rectangle"):
        scene_checks.assert_cards_hold_text(scene)
