"""Group offsets: items drawn in a group's own coordinates, and baked into page coordinates."""

from __future__ import annotations

from nnviz_core.backends.svg import render_svg
from nnviz_core.options import RenderOptions
from nnviz_core.scene import (
    Circle,
    Close,
    CurveTo,
    Fill,
    Group,
    LineTo,
    MoveTo,
    Path,
    Polygon,
    Rect,
    Scene,
    Stroke,
    moved,
    placed,
    text,
    walk,
)
from nnviz_core.styles.tensor.drawing import mirror

SHAPES = (
    Rect(1, 2, 10, 5, radius=2, fill=Fill("card"), layer="a"),
    Circle(3, 4, 2, stroke=Stroke("edge")),
    Polygon(((0, 0), (4, 0), (2, 3)), fill=Fill("fg")),
    Path((MoveTo((0, 0)), CurveTo((1, 0), (2, 1), (2, 2)), LineTo((3, 3)), Close())),
    text(5, 6, "label", anchor="start"),
)


def test_moved_shifts_every_kind_of_item_and_keeps_the_rest() -> None:
    rect, circle, polygon, path, label = (moved(item, 10, 20) for item in SHAPES)
    assert rect == Rect(11, 22, 10, 5, radius=2, fill=Fill("card"), layer="a")
    assert circle == Circle(13, 24, 2, stroke=Stroke("edge"))
    assert polygon == Polygon(((10, 20), (14, 20), (12, 23)), fill=Fill("fg"))
    assert path == Path(
        (MoveTo((10, 20)), CurveTo((11, 20), (12, 21), (12, 22)), LineTo((13, 23)), Close())
    )
    assert label == text(15, 26, "label", anchor="start")


def test_placed_bakes_nested_offsets_into_the_items() -> None:
    inner = Group((SHAPES[0],), name="inner", offset=(100, 0))
    outer = Group((inner, SHAPES[4]), name="outer", role="layer", layer="x", offset=(0, 50))
    (baked,) = placed((outer,))
    assert isinstance(baked, Group) and baked.offset == (0.0, 0.0)
    assert (baked.name, baked.role, baked.layer) == ("outer", "layer", "x")
    baked_inner, baked_label = baked.items
    assert isinstance(baked_inner, Group) and baked_inner.offset == (0.0, 0.0)
    assert baked_inner.items == (moved(SHAPES[0], 100, 50),)
    assert baked_label == moved(SHAPES[4], 0, 50)
    assert walk((outer,)) == [moved(SHAPES[0], 100, 50), moved(SHAPES[4], 0, 50)]


def test_placed_returns_items_without_offsets_untouched() -> None:
    items = (Group(SHAPES), *SHAPES)
    assert placed(items) is items


def test_svg_writes_an_offset_as_a_translation_of_the_group() -> None:
    group = Group((SHAPES[0],), name="card", role="layer", layer="a", offset=(12.5, 40))
    svg = render_svg(Scene(100, 100, (group,)), RenderOptions())
    assert '<g class="nv-layer" data-layer="a" transform="translate(12.5 40)">' in svg
    assert '<rect x="1" y="2" width="10" height="5" rx="2"' in svg
    plain = render_svg(Scene(100, 100, (Group((SHAPES[0],), layer="a"),)), RenderOptions())
    assert "transform" not in plain


def test_mirroring_a_group_flips_its_offset_with_its_items() -> None:
    shifted = Group((SHAPES[0], SHAPES[4]), name="card", offset=(30, 5))
    baked = Group((moved(SHAPES[0], 30, 5), moved(SHAPES[4], 30, 5)), name="card")
    assert mirror(shifted, 200) == mirror(baked, 200)
