"""The pptx backend draws a Scene as native, editable, grouped shapes on a fitted slide."""

from __future__ import annotations

import io
import sys
from dataclasses import replace

import pytest
from pptx.oxml.ns import qn
from pptx.util import Emu
from pptx_checks import (
    kind,
    kinds,
    line_end,
    open_deck,
    small_scene,
    tall_scene,
    texts,
    walk_shapes,
)

from nnviz_core import registry
from nnviz_core.api import Diagram
from nnviz_core.backends.pptx import BACKEND, require
from nnviz_core.backends.pptx.arrange import MIN_FONT_PT
from nnviz_core.backends.pptx.compose import slide_size
from nnviz_core.errors import MissingDependencyError, OptionError
from nnviz_core.ir import Graph
from nnviz_core.options import RenderOptions
from nnviz_core.scene import Fill, Group, Rect, Scene, Span, Text, moved, text


def _render(scene: Scene, **options: object) -> bytes:
    return bytes(BACKEND.render(scene, RenderOptions(**options)))  # type: ignore[arg-type]


def test_registered_by_name_and_suffix() -> None:
    assert registry.backend("pptx") is BACKEND
    assert BACKEND.suffix == ".pptx"
    assert BACKEND.media_type.endswith("presentationml.presentation")


def test_native_shapes_by_kind_and_no_picture() -> None:
    prs = open_deck(_render(small_scene()))
    assert len(prs.slides) == 1
    found = kinds(prs.slides[0])
    assert found["picture"] == 0
    assert found["roundRect"] == 2  # the two cards
    assert found["ellipse"] == 1
    assert found["connector"] == 1  # the straight edge
    assert found["freeform"] == 2  # the curved edge and the polygon
    assert found["textbox"] == 5
    assert found["group"] == 4  # input, conv1, pool1, Edges
    assert found["placeholder"] == 1  # the slide title


def test_groups_named_after_layers_hold_their_text() -> None:
    slide = open_deck(_render(small_scene())).slides[0]
    groups = {s.name: s for s in slide.shapes if kind(s) == "group"}
    assert set(groups) == {"input", "conv1", "pool1", "Edges"}
    assert texts(groups["conv1"].shapes) == ["conv1", "ℝ784"]
    assert texts(groups["pool1"].shapes) == ["pool1"]
    assert {kind(s) for s in groups["Edges"].shapes} == {"connector", "freeform"}


def test_groups_with_offsets_give_the_deck_of_their_placed_items() -> None:
    scene = small_scene()
    shifted = tuple(
        Group(
            tuple(moved(child, -30, -20) for child in item.items),
            item.name,
            item.role,
            item.layer,
            offset=(30, 20),
        )
        if isinstance(item, Group)
        else item
        for item in scene.items
    )
    assert shifted != scene.items
    assert _render(replace(scene, items=shifted)) == _render(scene)


def test_edges_have_real_arrowheads() -> None:
    slide = open_deck(_render(small_scene())).slides[0]
    arrows = [s for s in walk_shapes(slide.shapes) if s.name == "Arrow"]
    assert len(arrows) == 2
    for arrow in arrows:
        tail = line_end(arrow, "a:tailEnd")
        assert tail is not None and tail.get("type") == "triangle"
        assert line_end(arrow, "a:headEnd") is None


def test_every_shape_inside_the_slide() -> None:
    for scene in (small_scene(), tall_scene(24), tall_scene(80)):
        prs = open_deck(_render(scene))
        for slide in prs.slides:
            for shape in walk_shapes(slide.shapes):
                assert shape.left >= 0 and shape.top >= 0, shape.name
                assert shape.left + shape.width <= prs.slide_width, shape.name
                assert shape.top + shape.height <= prs.slide_height, shape.name


def test_title_from_scene_replaces_the_drawn_one() -> None:
    slide = open_deck(_render(small_scene())).slides[0]
    assert slide.shapes.title.text == "Tiny net"
    assert "Tiny net" not in texts(slide.shapes)


def test_text_uses_the_diagram_font_and_super_script() -> None:
    slide = open_deck(_render(small_scene())).slides[0]
    conv = next(s for s in slide.shapes if s.name == "conv1")
    label = next(s for s in conv.shapes if kind(s) == "textbox" and s.text_frame.text == "ℝ784")
    runs = label.text_frame.paragraphs[0].runs
    assert [run.font.name for run in runs] == ["DejaVu Sans", "DejaVu Sans"]
    assert runs[1]._r.rPr.get("baseline") == "30000"
    name = next(s for s in conv.shapes if kind(s) == "textbox" and s.text_frame.text == "conv1")
    assert name.text_frame.paragraphs[0].runs[0].font.bold is True


def test_fills_translucency_dashes_and_no_theme_style() -> None:
    slide = open_deck(_render(small_scene())).slides[0]
    polygon = next(s for s in walk_shapes(slide.shapes) if s.name == "Polygon")
    alpha = polygon._element.spPr.find(f"{qn('a:solidFill')}/{qn('a:srgbClr')}/{qn('a:alpha')}")
    assert alpha is not None and alpha.get("val") == "60000"
    assert line_end(polygon, "a:custDash") is not None
    for shape in walk_shapes(slide.shapes):
        assert shape._element.find(qn("p:style")) is None, shape.name


def test_light_by_default_dark_on_request() -> None:
    light = open_deck(_render(small_scene())).slides[0]
    assert light._element.cSld.bg is None  # the master's white background
    dark = open_deck(_render(small_scene(), theme="dark")).slides[0]
    assert str(dark.background.fill.fore_color.rgb) == "1B1E24"
    conv = next(s for s in dark.shapes if s.name == "conv1")
    label = next(s for s in conv.shapes if kind(s) == "textbox" and s.text_frame.text == "conv1")
    assert str(label.text_frame.paragraphs[0].runs[0].font.color.rgb) == "E6EDF3"


def test_slide_sizes() -> None:
    assert slide_size("16:9") == (12192000, 6858000)
    assert slide_size("4:3") == (9144000, 6858000)
    assert slide_size("10x5") == (9144000, 4572000)
    assert slide_size("25.4x12.7cm") == (9144000, 4572000)
    prs = open_deck(_render(small_scene(), slide_size="4:3"))
    assert (prs.slide_width, prs.slide_height) == (Emu(9144000), Emu(6858000))
    assert open_deck(_render(small_scene())).slide_width == Emu(12192000)


def test_bad_slide_size_says_what_to_write() -> None:
    with pytest.raises(OptionError, match=r"slide_size 'wide' is not a slide size; use 16:9"):
        _render(small_scene(), slide_size="wide")


def test_scaled_and_centred_keeping_aspect() -> None:
    prs = open_deck(_render(small_scene()))
    conv = next(s for s in prs.slides[0].shapes if s.name == "conv1")
    card = next(s for s in conv.shapes if kind(s) == "roundRect")
    assert card.width / card.height == pytest.approx(160 / 44, rel=0.01)
    groups = [s for s in prs.slides[0].shapes if kind(s) == "group"]
    left = min(s.left for s in groups)
    right = max(s.left + s.width for s in groups)
    assert abs(left - (prs.slide_width - right)) < Emu(prs.slide_width * 0.02)


def _runs(prs: object) -> list[object]:
    return [
        run
        for slide in prs.slides  # type: ignore[attr-defined]
        for shape in walk_shapes(slide.shapes)
        if kind(shape) == "textbox"
        for run in shape.text_frame.paragraphs[0].runs
    ]


def test_a_diagram_is_one_slide_never_cut_into_pieces() -> None:
    prs = open_deck(_render(tall_scene(4)))
    assert len(prs.slides) == 1
    assert prs.slides[0].shapes.title.text == "Deep chain"
    names = [s.name for s in prs.slides[0].shapes if kind(s) == "group"]
    assert [n for n in names if n.startswith("layer")] == [f"layer{i}" for i in range(4)]
    heads = sum(
        1
        for shape in walk_shapes(prs.slides[0].shapes)
        if kind(shape) in ("connector", "freeform") and line_end(shape, "a:tailEnd") is not None
    )
    assert heads == 3  # every edge whole, with its one arrowhead
    assert all(run.font.size.pt >= MIN_FONT_PT for run in _runs(prs))


def test_a_diagram_too_large_for_readable_text_says_so_and_names_the_fixes() -> None:
    with pytest.warns(UserWarning) as caught:
        prs = open_deck(_render(tall_scene(80)))
    assert len(prs.slides) == 1
    message = str(caught[0].message)
    assert message.startswith("slide 'Deep chain': the diagram is too large for readable text")
    assert "under 10 pt" in message and "`depth`" in message and "`fold_repeats`" in message
    groups = [s for s in prs.slides[0].shapes if kind(s) == "group"]
    assert len([s for s in groups if s.name.startswith("layer")]) == 80
    for shape in walk_shapes(prs.slides[0].shapes):
        assert shape.top >= 0 and shape.top + shape.height <= prs.slide_height, shape.name


def test_the_slide_canvas_fills_the_area_below_the_title() -> None:
    from nnviz_core.backends.pptx import slide_canvas_width
    from nnviz_core.backends.pptx.arrange import Area, canvas_width
    from nnviz_core.backends.pptx.geometry import EMU_PER_PX

    width = slide_canvas_width(RenderOptions())
    assert 1100 <= width <= 1210  # 16:9 less margins, twice as wide as the area is tall
    wide = Area(0, 0, round(2000 * EMU_PER_PX), round(500 * EMU_PER_PX))
    assert canvas_width(wide) == pytest.approx(1000)
    assert slide_canvas_width(RenderOptions(slide_size="4:3")) < width


def test_deterministic_bytes() -> None:
    assert _render(small_scene()) == _render(small_scene())


def test_picture_only_when_asked() -> None:
    prs = open_deck(_render(small_scene(), as_picture=True, dpi=150))
    found = kinds(prs.slides[0])
    assert found["picture"] == 1
    assert found["group"] == 0 and found["textbox"] == 0


def test_diagram_save_by_suffix(tmp_path: object) -> None:
    from pathlib import Path

    diagram = Diagram(small_scene(), Graph("tiny", ()), "graph", RenderOptions())
    target = diagram.save(Path(str(tmp_path)) / "tiny.pptx")
    assert kinds(open_deck(target.read_bytes()).slides[0])["roundRect"] == 2


def test_missing_python_pptx_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pptx", None)
    with pytest.raises(MissingDependencyError, match=r'pip install "nnviz-docs\[pptx\]"'):
        require()


def test_rotated_text_turns_about_its_anchor() -> None:
    label = Text(200, 100, (Span("vertical"),), size=12, anchor="start", rotate=-90)
    scene = Scene(400, 300, (Rect(0, 0, 400, 300, fill=Fill("card")), label))
    slide = open_deck(_render(scene)).slides[0]
    [box] = [s for s in slide.shapes if kind(s) == "textbox"]
    assert box.rotation == pytest.approx(270)
    rect = next(s for s in slide.shapes if kind(s) == "rect")
    scale = rect.width / 400
    anchor_x, anchor_y = rect.left + 200 * scale, rect.top + 100 * scale
    centre_x, centre_y = box.left + box.width / 2, box.top + box.height / 2
    # Turned -90° about the anchor, the line's middle sits above it, half a line to the left.
    assert centre_x < anchor_x and abs(centre_x - anchor_x) < 12 * scale * 1.2
    assert centre_y < anchor_y - box.width / 2 * 0.8


def test_named_groups_sharing_a_layer_stay_apart() -> None:
    first = Group((text(50, 50, "stack"),), name="Conv stack", role="layer", layer="features")
    second = Group((text(50, 90, "column"),), name="Features", role="layer", layer="features")
    loose = text(50, 130, "note", layer="features")
    slide = open_deck(_render(Scene(200, 160, (first, second, loose)))).slides[0]
    groups = {s.name: texts(s.shapes) for s in slide.shapes if kind(s) == "group"}
    assert groups == {"Conv stack": ["stack", "note"], "Features": ["column"]}


def test_picture_is_sharp_at_the_asked_dpi_on_the_slide() -> None:
    from PIL import Image

    prs = open_deck(_render(small_scene(), as_picture=True, dpi=150))
    [picture] = [s for s in prs.slides[0].shapes if kind(s) == "picture"]
    pixels = Image.open(io.BytesIO(picture.image.blob)).size[0]
    inches = picture.width / 914400
    assert pixels / inches == pytest.approx(150, rel=0.03)
