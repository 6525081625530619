"""The built-in themes: each loads and reads (contrast), print tells categories apart without
colour, slides draws larger, and every format draws the theme."""

from __future__ import annotations

import io
import itertools
import zipfile
from pathlib import Path

import pytest
from PIL import Image

import nnviz_core
from nnviz_core.ir.graph import CATEGORIES
from nnviz_core.scene import Group, Item, Rect, Text
from nnviz_core.scene import Path as ScenePath
from nnviz_core.text import text_width
from nnviz_core.theme import DEFAULT
from nnviz_core.theming import BUILTINS, dressed, load
from nnviz_core.theming.dress import HATCH_OPACITY

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
#: Input and output are one look in every theme (both are the data, not a layer kind).
SAME_LOOK = {frozenset({"input", "output"})}


def luminance(colour: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_builtins_are_the_documented_five() -> None:
    assert BUILTINS == ("colorblind", "default", "pastel", "print", "slides")
    assert load("default") is DEFAULT


@pytest.mark.parametrize("name", BUILTINS)
@pytest.mark.parametrize("half", [0, 1])
def test_every_builtin_reads_in_both_halves(name: str, half: int) -> None:
    tokens = load(name).tokens
    pick = lambda token: tokens[token][half]  # noqa: E731
    for category in CATEGORIES:
        fill, stroke = pick(f"cat.{category}"), pick(f"cat.{category}.stroke")
        assert contrast(stroke, pick("bg")) >= 3.0, (category, "outline on the page")
        assert contrast(pick("fg"), fill) >= 4.5, (category, "a title on its header")
    assert contrast(pick("fg"), pick("card")) >= 7.0
    assert contrast(pick("muted"), pick("card")) >= 4.5
    assert contrast(pick("edge"), pick("bg")) >= 3.0


def lightness(colour: str) -> float:
    """CIE L* (0–100): equal steps look equally far apart, in light and dark tones alike."""
    y = luminance(colour)
    return 116 * y ** (1 / 3) - 16 if y > 216 / 24389 else y * 24389 / 27


def looks(half: int) -> dict[str, tuple[float, str]]:
    theme = load("print")
    hatches = dict(theme.hatching)
    return {
        category: (
            lightness(theme.tokens[f"cat.{category}"][half]),
            hatches.get(f"cat.{category}", "none"),
        )
        for category in CATEGORIES
    }


@pytest.mark.parametrize("half", [0, 1])
def test_print_is_grey_and_tells_every_category_apart_by_tone_or_hatch(half: int) -> None:
    theme = load("print")
    for token, pair in theme.tokens.items():
        colour = pair[half]
        assert colour[1:3] == colour[3:5] == colour[5:7], f"{token} is not grey: {colour}"
    tones = sorted({round(tone, 3) for tone, _ in looks(half).values()})
    assert len(tones) == 4
    assert min(b - a for a, b in itertools.pairwise(tones)) >= 10  # apart on any printer
    for (one, look), (other, second) in itertools.combinations(looks(half).items(), 2):
        if frozenset({one, other}) in SAME_LOOK:
            assert look == second
            continue
        same_tone = abs(look[0] - second[0]) < 10
        assert not (same_tone and look[1] == second[1]), f"{one} and {other} look alike"


def hatch_paths(items: tuple[Item, ...]) -> list[ScenePath]:
    found: list[ScenePath] = []
    for item in items:
        if isinstance(item, Group):
            found += hatch_paths(item.items)
        elif (
            isinstance(item, ScenePath)
            and item.stroke is not None
            and item.fill is None
            and item.stroke.opacity == HATCH_OPACITY
        ):
            found.append(item)
    return found


def test_print_hatches_cards_blocks_and_legend_swatches_in_every_format() -> None:
    for style in ("graph", "block"):
        diagram = nnviz_core.render(EXAMPLES / "lenet5.yaml", style, theme="print")
        scene = dressed(diagram.scene, load("print"))
        paints = {path.stroke.paint for path in hatch_paths(scene.items) if path.stroke}
        assert {"cat.convolution.stroke", "cat.pooling.stroke", "cat.reshape.stroke"} <= paints
        assert "cat.dense.stroke" not in paints  # dense is told by its dark tone alone
        svg = diagram.svg
        assert svg.count('stroke-opacity="0.5"') >= 8
    assert hatch_paths(nnviz_core.render(EXAMPLES / "lenet5.yaml", "graph").scene.items) == []


def test_hatch_lines_stay_inside_their_shape() -> None:
    scene = nnviz_core.render(EXAMPLES / "lenet5.yaml", "graph", theme="print", legend=False)
    for group in dressed(scene.scene, load("print")).items:
        if not isinstance(group, Group):
            continue
        card = next(item for item in group.items if isinstance(item, Rect))
        for path in hatch_paths(group.items):
            for segment in path.segments:
                x, y = segment.to  # type: ignore[union-attr]
                assert -0.01 <= x <= card.width + 0.01 and -0.01 <= y <= card.height + 0.01


def test_hatches_stop_short_of_the_text_over_them() -> None:
    diagram = nnviz_core.render(EXAMPLES / "resnet18.yaml", "graph", theme="print", depth=1)
    crossed = checked = 0
    for group in dressed(diagram.scene, load("print")).items:
        if not isinstance(group, Group):
            continue
        titles = [item for item in group.items if isinstance(item, Text) and item.y < 24]
        for title in titles:
            width = text_width(title.plain, title.size, title.spans[0].weight)
            left = title.x - width * {"start": 0.0, "middle": 0.5, "end": 1.0}[title.anchor]
            right = left + width
            top, bottom = title.y - 0.9 * title.size, title.y + 0.2 * title.size
            for path in hatch_paths(group.items):
                ends = [segment.to for segment in path.segments]  # type: ignore[union-attr]
                for (x0, y0), (x1, y1) in zip(ends[::2], ends[1::2], strict=True):
                    for step in range(21):
                        x, y = x0 + (x1 - x0) * step / 20, y0 + (y1 - y0) * step / 20
                        crossed += left <= x <= right and top <= y <= bottom
        checked += bool(titles and hatch_paths(group.items))
    assert checked >= 10 and crossed == 0


def test_print_dashes_validation_curves_and_their_legend() -> None:
    history = {"loss": [1.0, 0.5, 0.3, 0.2], "val_loss": [1.1, 0.7, 0.5, 0.45]}
    plain = nnviz_core.render(history, "history").scene
    printed = dressed(nnviz_core.render(history, "history", theme="print").scene, load("print"))

    def dashes(scene: nnviz_core.scene.Scene) -> set[tuple[float, ...]]:
        found: set[tuple[float, ...]] = set()
        stack: list[Item] = list(scene.items)
        while stack:
            item = stack.pop()
            if isinstance(item, Group):
                stack += item.items
            elif isinstance(item, ScenePath) and item.stroke and item.stroke.paint == "series.val":
                found.add(item.stroke.dash)
        return found

    assert dashes(plain) == {()}
    assert dashes(printed) == {(6.0, 3.0)}  # the curve and its legend line alike
    deck = zipfile.ZipFile(
        io.BytesIO(nnviz_core.render(history, "history", theme="print").to_bytes("pptx"))
    )
    chart = deck.read("ppt/charts/chart1.xml").decode()
    assert chart.count('<a:prstDash val="dash"/>') == 1  # the native chart's validation series


def smallest_text(scene: nnviz_core.scene.Scene) -> float:
    from nnviz_core.canvas import canvas_for, effective_text

    shown = effective_text(scene, canvas_for("page"))
    assert shown is not None
    return shown


def test_slides_draws_larger_text_and_bolder_lines_in_the_same_page() -> None:
    plain = nnviz_core.render(EXAMPLES / "lenet5.yaml", "block")
    slides = nnviz_core.render(EXAMPLES / "lenet5.yaml", "block", theme="slides")
    assert smallest_text(slides.scene) >= 1.25 * smallest_text(plain.scene)
    assert slides.scene.width <= 720 + 0.5  # laid out for the same column
    widths = {match for match in slides.svg.split('stroke-width="')[1:]}
    plain_widths = {match for match in plain.svg.split('stroke-width="')[1:]}
    as_number = lambda found: max(float(item.split('"')[0]) for item in found)  # noqa: E731
    assert as_number(widths) >= 1.6 * as_number(plain_widths)


def test_png_and_pptx_draw_the_theme_colours() -> None:
    diagram = nnviz_core.render(
        EXAMPLES / "lenet5.yaml", "graph", theme="pastel", mode="light", background="solid"
    )
    png = Image.open(io.BytesIO(diagram.to_bytes("png"))).convert("RGB")
    assert png.getpixel((1, 1)) == (0xFF, 0xF8, 0xFB)  # pastel's blush page
    dark = nnviz_core.render(EXAMPLES / "lenet5.yaml", "graph", theme="colorblind", mode="dark")
    slide = zipfile.ZipFile(io.BytesIO(dark.to_bytes("pptx"))).read("ppt/slides/slide1.xml")
    conv = load("colorblind").tokens["cat.convolution"][1][1:].upper()
    assert f'<a:srgbClr val="{conv}"/>'.encode() in slide


@pytest.mark.parametrize("name", BUILTINS)
def test_every_builtin_draws_every_style_deterministically(name: str) -> None:
    for style in ("graph", "block", "lenet", "fcnn"):
        spec = EXAMPLES / ("mlp.yaml" if style == "fcnn" else "lenet5.yaml")
        first = nnviz_core.render(spec, style, theme=name).svg
        assert first == nnviz_core.render(spec, style, theme=name).svg


def test_a_named_theme_follows_the_page_with_both_halves() -> None:
    svg = nnviz_core.render(EXAMPLES / "lenet5.yaml", "block", theme="pastel").svg
    light, dark = load("pastel").tokens["cat.convolution"]
    assert 'class="nnviz nnviz-' in svg and "nnviz-auto" in svg
    css = svg.split("<style>")[1].split("</style>")[0]
    assert f"--nnviz-cat-convolution:{light}" in css
    assert f"--nnviz-cat-convolution:{dark}" in css.split("@media (prefers-color-scheme:dark)")[1]
    assert f'fill="{light}"' in svg  # what a program without CSS draws
