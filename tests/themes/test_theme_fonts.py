"""A theme's font sizes the cards: widths measured from the font file itself (fontTools, read here
independently of nnviz), no text past its card and no card wider than its longest line."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

import nnviz_core
from nnviz_core import text
from nnviz_core.errors import MissingDependencyError
from nnviz_core.scene import Group, Rect, Scene, Text
from nnviz_core.styles.graph.cards import MIN_WIDTH, PAD_X
from nnviz_core.text import SCRIPT_SCALE
from nnviz_core.theming import fonts, load

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def font_file(family: str, bold: bool = False, style: str = "") -> str:
    """The file fontconfig gives for a family (the fonts come with tools/system-deps.sh)."""
    style = style or (":bold" if bold else ":regular")
    done = subprocess.run(
        ["fc-match", "--format", "%{file}|%{family}", family + style],
        capture_output=True,
        text=True,
        check=True,
    )
    path, names = done.stdout.split("|", 1)
    assert family in names.split(","), f"{family} is not installed: run tools/system-deps.sh"
    return path


class Measure:
    """Advance widths straight from a regular and a bold font file."""

    def __init__(self, family: str, styles: tuple[str, str] = (":regular", ":bold")) -> None:
        self.faces = {}
        for weight, style in zip(("normal", "bold"), styles, strict=True):
            font = TTFont(font_file(family, style=style))
            cmap, hmtx = font.getBestCmap(), font["hmtx"]
            units = font["head"].unitsPerEm
            self.faces[weight] = {char: hmtx[cmap[ord(char)]][0] / units for char in map(chr, cmap)}

    def width(self, item: Text) -> float:
        total = 0.0
        for span in item.spans:
            size = item.size * (SCRIPT_SCALE if span.shift != "none" else 1.0)
            total += sum(self.faces[span.weight][char] for char in span.text) * size
        return total


def theme_file(folder: Path, family: str, more: str = "") -> str:
    path = folder / "serif.yaml"
    path.write_text(f"name: serif\nfonts: {{family: {family}, fallback: [serif]{more}}}\n")
    return str(path)


def cards(scene: Scene) -> list[tuple[Rect, list[Text]]]:
    found = []
    for item in scene.items:
        if isinstance(item, Group) and item.role == "layer":
            rect = next((child for child in item.items if isinstance(child, Rect)), None)
            texts = [child for child in item.items if isinstance(child, Text)]
            if rect is not None and rect.fill is not None and rect.fill.paint == "card":
                found.append((rect, texts))
    return found


@pytest.mark.parametrize("family", ["DejaVu Serif", "Liberation Serif"])
@pytest.mark.parametrize("example", ["lenet5", "resnet18", "transformer"])
def test_cards_fit_their_text_in_the_themes_font(tmp_path: Path, family: str, example: str) -> None:
    measure = Measure(family)
    diagram = nnviz_core.render(
        EXAMPLES / f"{example}.yaml", "graph", theme=theme_file(tmp_path, family), fit="none"
    )
    checked = cards(diagram.scene)
    assert len(checked) >= 8
    for rect, texts in checked:
        rights = [item.x + measure.width(item) for item in texts if item.anchor == "start"]
        room = rect.width - PAD_X
        assert max(rights) <= room + 0.01, "text runs past its card"
        if rect.width > MIN_WIDTH:  # cards are whole pixels: at most one pixel of slack
            assert max(rights) >= room - 1.0, "the card is wider than its longest line"


def test_weights_pick_the_faces_that_measure_and_draw(tmp_path: Path) -> None:
    """DejaVu Sans ExtraLight (CSS 200) for normal text: its own widths, named in every format."""
    measure = Measure("DejaVu Sans", (":extralight", ":bold"))
    theme = theme_file(tmp_path, "DejaVu Sans", ", weights: {normal: 200}")
    diagram = nnviz_core.render(EXAMPLES / "lenet5.yaml", "graph", theme=theme, fit="none")
    for rect, texts in cards(diagram.scene):
        rights = [item.x + measure.width(item) for item in texts if item.anchor == "start"]
        assert rect.width - PAD_X - 1.0 <= max(rights) <= rect.width - PAD_X + 0.01
    svg = diagram.svg
    assert svg.count('font-weight="200"') > 10 and 'font-weight="bold"' in svg
    deck = nnviz_core.render(EXAMPLES / "lenet5.yaml", "graph", theme=theme).to_bytes("pptx")
    slide = zipfile.ZipFile(io.BytesIO(deck)).read("ppt/slides/slide1.xml")
    assert b'<a:latin typeface="DejaVu Sans Light"/>' in slide
    assert b'<a:latin typeface="DejaVu Sans"/>' in slide  # the titles, bold


def test_a_narrower_font_draws_narrower_cards(tmp_path: Path) -> None:
    spec = EXAMPLES / "lenet5.yaml"
    plain = cards(nnviz_core.render(spec, "graph", fit="none").scene)
    themed = nnviz_core.render(
        spec, "graph", fit="none", theme=theme_file(tmp_path, "Liberation Serif")
    )
    narrow = cards(themed.scene)
    assert sum(rect.width for rect, _ in narrow) < 0.9 * sum(rect.width for rect, _ in plain)


def test_the_font_is_named_in_svg_and_pptx_and_the_output_is_deterministic(tmp_path: Path) -> None:
    theme = theme_file(tmp_path, "Liberation Serif")
    first = nnviz_core.render(EXAMPLES / "lenet5.yaml", "graph", theme=theme)
    second = nnviz_core.render(EXAMPLES / "lenet5.yaml", "graph", theme=theme)
    assert first.svg == second.svg
    assert "font-family:'Liberation Serif', serif" in first.svg
    deck = first.to_bytes("pptx")
    assert deck == second.to_bytes("pptx")
    slide = zipfile.ZipFile(io.BytesIO(deck)).read("ppt/slides/slide1.xml").decode()
    assert 'typeface="Liberation Serif"' in slide and "DejaVu" not in slide


def test_pdf_embeds_the_theme_font_found_through_fontconfig(tmp_path: Path) -> None:
    theme = theme_file(tmp_path, "Liberation Serif")
    pdf = nnviz_core.render(EXAMPLES / "lenet5.yaml", "graph", theme=theme).to_bytes("pdf")
    fonts = {name.split(b"+")[-1] for name in re.findall(rb"/BaseFont\s*/([A-Za-z+-]+)", pdf)}
    assert fonts == {b"LiberationSerif", b"LiberationSerif-Bold"}


def test_a_font_file_given_by_path_is_measured(tmp_path: Path) -> None:
    regular, bold = font_file("Liberation Serif"), font_file("Liberation Serif", True)
    (tmp_path / "fonts").mkdir()
    for source, name in ((regular, "r.ttf"), (bold, "b.ttf")):
        (tmp_path / "fonts" / name).write_bytes(Path(source).read_bytes())
    path = tmp_path / "own.yaml"
    path.write_text("fonts: {family: My Serif, path: fonts/r.ttf, bold_path: fonts/b.ttf}\n")
    theme = load(str(path))
    assert theme.fonts.files == (str(tmp_path / "fonts/r.ttf"), str(tmp_path / "fonts/b.ttf"))
    by_name = load(theme_file(tmp_path, "Liberation Serif"))
    with nnviz_core.theme.using(theme):
        own = text.text_width("Conv2D 6×28×28", 11.0, "bold")
    with nnviz_core.theme.using(by_name):
        named = text.text_width("Conv2D 6×28×28", 11.0, "bold")
    assert own == pytest.approx(named) and own != text.text_width("Conv2D 6×28×28", 11.0, "bold")


def test_a_missing_font_falls_back_to_the_default_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "gone.yaml"
    path.write_text("fonts: {family: No Such Family Anywhere}\n")
    with pytest.warns(fonts.FontWarning) as caught:
        svg = nnviz_core.render(EXAMPLES / "lenet5.yaml", "graph", theme=str(path)).svg
    assert str(caught[0].message) == (
        "theme 'gone': font 'No Such Family Anywhere' is not installed (fontconfig has no such "
        "family); text is measured and drawn in DejaVu Sans instead. Install the font, or give "
        "its files in the theme (fonts: {path: ..., bold_path: ...})"
    )
    assert "font-family=\"'DejaVu Sans', Verdana" in svg
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert svg == nnviz_core.render(EXAMPLES / "lenet5.yaml", "graph", theme=str(path)).svg


def test_a_missing_font_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "own.yaml"
    path.write_text("fonts: {family: Mine, path: nowhere.ttf}\n")
    with pytest.raises(nnviz_core.errors.OptionError) as caught:
        load(str(path))
    assert str(caught.value) == (
        f"theme 'own': font file {tmp_path / 'nowhere.ttf'} does not exist"
    )


def test_without_fonttools_the_error_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "fontTools.ttLib", None)
    for cached in (fonts.em_widths, text._table, text._width):
        cached.cache_clear()
    try:
        with pytest.raises(MissingDependencyError) as caught:
            nnviz_core.render(
                EXAMPLES / "lenet5.yaml", "graph", theme=theme_file(tmp_path, "DejaVu Serif")
            )
    finally:
        for cached in (fonts.em_widths, text._table, text._width):
            cached.cache_clear()
    assert str(caught.value) == (
        "measuring a theme's font needs the optional dependency 'fonttools', which is not "
        'installed; install it with: pip install "nnviz-docs[fonts]"'
    )
