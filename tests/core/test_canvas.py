"""The canvases layouts aim for, and the effective text size hosts will show."""

from __future__ import annotations

import pytest

from nnviz_core.canvas import CANVASES, canvas_for, effective_text, host_scale, smallest_text
from nnviz_core.scene import Group, Scene, text


def _scene(width: float, height: float, *sizes: float) -> Scene:
    items = tuple(text(10, 10 + i, "x", size=size) for i, size in enumerate(sizes))
    return Scene(width, height, (Group(items[1:]), *items[:1]) if items else ())


def test_a_page_shrinks_a_wide_drawing_to_its_column_but_never_enlarges() -> None:
    page = CANVASES["page"]
    assert host_scale(_scene(1440, 100, 11), page) == 0.5
    assert host_scale(_scene(300, 100, 11), page) == 1.0
    # A page scrolls: a tall drawing is not shrunk for its height.
    assert host_scale(_scene(720, 20_000, 11), page) == 1.0


def test_a_slide_shrinks_a_tall_drawing_to_its_box() -> None:
    slide = CANVASES["slide"]
    assert host_scale(_scene(600, 1200, 11), slide) == 0.5


def test_effective_text_is_the_smallest_text_at_the_host_scale() -> None:
    scene = _scene(1440, 100, 12, 9, 14)  # the 9 px text sits inside a group
    assert smallest_text(scene) == 9
    assert effective_text(scene, CANVASES["page"]) == 4.5
    assert effective_text(_scene(100, 100), CANVASES["page"]) is None


def test_a_given_width_keeps_the_canvas_proportions_and_floor() -> None:
    wide = canvas_for("slide", 2400)
    assert (wide.width, wide.height, wide.floor) == (2400, 1200, CANVASES["slide"].floor)
    assert canvas_for("page") is CANVASES["page"]
    assert canvas_for("none", 500) is CANVASES["none"]


@pytest.mark.parametrize(("fit", "floor"), [("page", 9.0), ("slide", 40 / 3), ("paper", 8.0)])
def test_the_documented_floors(fit: str, floor: float) -> None:
    assert CANVASES[fit].floor == pytest.approx(floor)  # type: ignore[index]
