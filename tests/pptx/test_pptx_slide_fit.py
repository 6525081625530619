"""PowerPoint output is laid out for the slide (``fit: slide``), one fitted diagram per slide."""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from pptx_checks import kind, open_deck, walk_shapes

import nnviz_core
from nnviz_core.backends.pptx import slide_canvas_width
from nnviz_core.backends.pptx.arrange import MIN_FONT_PT
from nnviz_core.backends.pptx.compose import DeckBuilder
from nnviz_core.options import RenderOptions
from nnviz_core.slides import build_deck

ROOT = Path(__file__).parents[2]
AUTOENCODER = ROOT / "examples" / "autoencoder.yaml"


def _sizes(prs: object) -> list[float]:
    return [
        run.font.size.pt
        for slide in prs.slides  # type: ignore[attr-defined]
        for shape in walk_shapes(slide.shapes)
        if kind(shape) == "textbox"
        for run in shape.text_frame.paragraphs[0].runs
    ]


def _ink(prs: object) -> tuple[int, int, int, int]:
    """Left, top, right, bottom (EMU) of the diagram's shapes on the first slide."""
    groups = [s for s in prs.slides[0].shapes if kind(s) == "group"]  # type: ignore[attr-defined]
    return (
        min(s.left for s in groups),
        min(s.top for s in groups),
        max(s.left + s.width for s in groups),
        max(s.top + s.height for s in groups),
    )


def test_saving_to_pptx_lays_the_diagram_out_for_the_slide(tmp_path: Path) -> None:
    diagram = nnviz_core.render(AUTOENCODER, "fcnn")
    target = diagram.save(tmp_path / "autoencoder.pptx")
    prs = open_deck(target.read_bytes())
    assert len(prs.slides) == 1
    assert min(_sizes(prs)) >= MIN_FONT_PT - 0.05
    # the page layout, placed on a slide as it is, would have smaller text
    page = open_deck(nnviz_core.render(AUTOENCODER, "fcnn", fit="page").to_bytes("pptx"))
    assert min(_sizes(page)) < min(_sizes(prs))


def test_the_slide_layout_fills_the_content_box() -> None:
    prs = open_deck(nnviz_core.render(AUTOENCODER, "fcnn").to_bytes("pptx"))
    left, top, right, bottom = _ink(prs)
    area = DeckBuilder(RenderOptions()).area(titled=True)
    assert right - left >= 0.9 * area.width  # the autoencoder is wide: it spans the box
    assert area.left <= left and right <= area.left + area.width
    assert area.top <= top and bottom <= area.top + area.height


def test_a_chosen_fit_is_kept() -> None:
    chosen = nnviz_core.render(AUTOENCODER, "fcnn", fit="paper")
    default = nnviz_core.render(AUTOENCODER, "fcnn")
    assert chosen.to_bytes("pptx") != default.to_bytes("pptx")
    width = slide_canvas_width(RenderOptions())
    slide = nnviz_core.render(AUTOENCODER, "fcnn", fit="slide", width=width)
    assert slide.to_bytes("pptx") == default.to_bytes("pptx")


def test_the_cli_writes_one_readable_slide(tmp_path: Path) -> None:
    target = tmp_path / "ae.pptx"
    command = [sys.executable, "-m", "nnviz_core", "render", str(AUTOENCODER), "-s", "fcnn"]
    subprocess.run([*command, "-o", str(target)], check=True, capture_output=True)
    prs = open_deck(target.read_bytes())
    assert len(prs.slides) == 1
    assert min(_sizes(prs)) >= MIN_FONT_PT - 0.05


def test_a_deck_lays_out_for_its_slides_whatever_a_page_asked(tmp_path: Path) -> None:
    page = tmp_path / "index.md"
    page.write_text(
        '```nnviz style="fcnn" fit="page" width="400"\n'
        + AUTOENCODER.read_text(encoding="utf-8")
        + "```\n",
        encoding="utf-8",
    )
    deck = build_deck([page])
    prs = open_deck(deck.data)
    assert deck.slides == 1
    assert min(_sizes(prs)) >= MIN_FONT_PT - 0.05
    direct = open_deck(build_deck([AUTOENCODER], styles=["fcnn"]).data)
    assert _ink(prs) == _ink(direct)


def test_a_deck_wide_fit_wins() -> None:
    paper = open_deck(build_deck([AUTOENCODER], styles=["fcnn"], options={"fit": "paper"}).data)
    slide = open_deck(build_deck([AUTOENCODER], styles=["fcnn"]).data)
    assert _ink(paper) != _ink(slide)


@pytest.mark.parametrize("style", ["block", "lenet"])
def test_wide_tensor_diagrams_are_one_slide_whole(style: str) -> None:
    """ResNet-18 used to be cut into one row per slide, with stray edge pieces."""
    diagram = nnviz_core.render(ROOT / "examples" / "resnet18.yaml", style)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        prs = open_deck(diagram.to_bytes("pptx"))
    assert len(prs.slides) == 1
    assert prs.slides[0].shapes.title.text == "ResNet-18"
    if min(_sizes(prs)) < MIN_FONT_PT - 0.05:
        [said] = [str(w.message) for w in caught]
        assert said.startswith("slide 'ResNet-18': the diagram is too large for readable text")


def test_the_cli_says_when_a_slide_cannot_be_read(tmp_path: Path) -> None:
    spec = tmp_path / "long.yaml"
    spec.write_text("name: Long\ninput: [8]\nlayers:\n" + "  - dense: 8\n" * 60, encoding="utf-8")
    target = tmp_path / "long.pptx"
    command = [sys.executable, "-m", "nnviz_core", "render", str(spec), "-O", "fit=none"]
    done = subprocess.run([*command, "-o", str(target)], capture_output=True, text=True)
    assert done.returncode == 0
    [line] = done.stderr.splitlines()
    assert line.startswith("nnviz: warning: slide 'Long': the diagram is too large for readable")
    assert len(open_deck(target.read_bytes()).slides) == 1


@pytest.mark.parametrize("name", ["alexnet", "autoencoder", "inception", "lenet5", "mlp"])
def test_small_graph_diagrams_keep_10_pt_on_their_slide(name: str) -> None:
    """The graph style lays a slide out for a smaller box and zooms it to 10 pt, and the slide
    places it at that size or larger."""
    diagram = nnviz_core.render(ROOT / "examples" / f"{name}.yaml", "graph")
    prs = open_deck(diagram.to_bytes("pptx"))
    assert min(_sizes(prs)) >= MIN_FONT_PT
