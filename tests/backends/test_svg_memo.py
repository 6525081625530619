"""The SVG writer's memos change nothing: each diagram is checked, escaped and styled on its own."""

from __future__ import annotations

import pytest

from nnviz_core.backends._svg_items import _ATTR, _TEXT, _attr, num, text_content
from nnviz_core.backends.svg import render_svg
from nnviz_core.errors import NnvizError
from nnviz_core.options import RenderOptions
from nnviz_core.scene import Fill, Group, Rect, Scene, Stroke, text

NASTY = 'a<b & "c"\x00'
ESCAPED_ATTR = "a&lt;b &amp; &quot;c&quot;\ufffd"


def svg(*items: Rect | Group, themed: bool = True) -> str:
    return render_svg(Scene(100, 100, items), RenderOptions(), themed=themed)


def test_repeated_layer_ids_and_labels_are_escaped_every_time() -> None:
    card = Rect(0, 0, 5, 5, fill=Fill("card"), layer=NASTY)
    output = svg(Group((card, card, text(1, 1, NASTY), text(2, 2, NASTY)), layer=NASTY))
    assert output.count(f'data-layer="{ESCAPED_ATTR}"') == 3
    assert output.count('>a&lt;b &amp; "c"\ufffd</text>') == 2
    assert "<b" not in output and "\x00" not in output


def test_a_bad_paint_fails_every_diagram_that_uses_it() -> None:
    bad = Rect(0, 0, 5, 5, fill=Fill("bg"), stroke=Stroke("nope"))
    for _ in range(2):
        with pytest.raises(NnvizError, match="colour 'nope' is neither a theme token"):
            svg(Rect(0, 0, 5, 5, stroke=Stroke("fg")), bad)


def test_each_diagram_styles_only_the_paints_it_uses() -> None:
    assert "--nnviz-cat-dense:" in svg(Rect(0, 0, 5, 5, fill=Fill("cat.dense")))
    later = svg(Rect(0, 0, 5, 5, fill=Fill("card")))
    assert "--nnviz-cat-dense" not in later and "nv-f-cat-dense" not in later


def test_plain_output_after_a_themed_one_has_no_classes() -> None:
    rect = Rect(0, 0, 5, 5, fill=Fill("card"), stroke=Stroke("edge"))
    assert 'class="nv-f-card nv-s-edge"' in svg(rect)
    assert 'fill="#ffffff" stroke="#4b5563" stroke-width="1"/>' in svg(rect, themed=False)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(90.0, "90"), (90, "90"), (-0.0, "0"), (-0.004, "0"), (2.5, "2.5"), (1 / 3, "0.33")],
)
def test_memoised_numbers_match_the_fixed_format(value: float, expected: str) -> None:
    assert num(value) == num(value) == expected


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf")])
def test_non_finite_numbers_are_refused_every_time(value: float) -> None:
    for _ in range(2):
        with pytest.raises(NnvizError, match="not a finite number"):
            num(value)


def test_text_content_escapes_markup_and_characters_xml_cannot_carry() -> None:
    assert text_content(NASTY) == text_content(NASTY) == 'a&lt;b &amp; "c"\ufffd'


def test_the_printable_shortcut_escapes_every_character_as_the_full_table_does() -> None:
    for code in [*range(0x10000), 0x1F600, 0xE0001, 0x10FFFF]:
        sample = f"a{chr(code)}b"
        assert text_content(sample) == sample.translate(_TEXT), hex(code)
        assert _attr(sample) == sample.translate(_ATTR), hex(code)
