"""The graph style on canvases whose floor is above its cards' 11 px text (a slide's 10 pt).

Such a drawing is folded for a box as much smaller as the floor exceeds the drawn text, then
zoomed whole, so one that fits reads at the floor. Where the picture is shrunk into its box
(slide, paper) and still reads under the floor, compact cards are tried and kept if larger.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
import scene_checks
from graph_style_samples import layers
from test_graph_fold import assert_frames_pad_their_cards, assert_invariants, columns_of

import nnviz_core
from nnviz_core.canvas import canvas_for, effective_text, host_scale, smallest_text
from nnviz_core.scene import Scene, Text, walk
from nnviz_core.styles import graph as graph_style
from nnviz_core.styles.graph.columns import GUTTER, TIGHT_GUTTER
from nnviz_core.styles.graph.compose import SMALLEST
from nnviz_core.zoom import zoomed

EXAMPLES = Path(__file__).parents[2] / "examples"
SLIDE = canvas_for("slide")
#: The examples small enough to fit one slide at its 10 pt floor.
SMALL = ["alexnet", "autoencoder", "inception", "lenet5", "lstm_text", "mlp"]
ZOOM = SLIDE.floor / SMALLEST


def _example(name: str, **options: object) -> Scene:
    return nnviz_core.render(EXAMPLES / f"{name}.yaml", "graph", **options).scene


def _keys(scene: Scene) -> set[str]:
    """The key column's words drawn on the cards (compact cards draw none)."""
    return {
        item.plain
        for group in layers(scene)
        for item in walk(group.items)
        if isinstance(item, Text) and item.plain in {"shape", "args"}
    }


@pytest.mark.parametrize("name", SMALL)
def test_small_examples_meet_the_slide_floor(name: str) -> None:
    scene = _example(name, fit="slide")
    assert effective_text(scene, SLIDE) >= SLIDE.floor
    assert host_scale(scene, SLIDE) == 1.0  # it fits the box whole, at the floor
    assert smallest_text(scene) == pytest.approx(SLIDE.floor, abs=0.001)


@pytest.mark.parametrize("detail", ["auto", "full"])
@pytest.mark.parametrize("name", [*SMALL, "vgg16", "resnet18", "transformer", "unet"])
def test_zoomed_slide_drawings_keep_the_invariants(name: str, detail: str) -> None:
    scene = _example(name, fit="slide", detail=detail)
    assert_invariants(scene)
    assert_frames_pad_their_cards(scene, 16.0 * ZOOM)  # the frames' margins grow with the zoom


def test_a_slide_drawing_is_its_page_drawing_enlarged() -> None:
    """Inception is one rank wide on both canvases: the slide zooms the page's drawing, with
    its gaps, strokes and arrowheads, instead of drawing it anew."""
    page, slide = _example("inception", fit="page"), _example("inception", fit="slide")
    assert slide == zoomed(page, ZOOM)
    assert slide.width == pytest.approx(page.width * ZOOM, abs=0.01)


def test_the_page_and_paper_are_not_zoomed() -> None:
    for fit in ("page", "paper"):
        assert smallest_text(_example("mlp", fit=fit)) == SMALLEST


def test_the_dot_output_is_the_engine_graph_the_slide_was_laid_out_from() -> None:
    """Zooming draws the answer larger; the Graphviz graph written for ``dot`` keeps the card
    sizes the engine was given, whatever the canvas (mlp folds differently on each)."""
    slide = nnviz_core.render(EXAMPLES / "mlp.yaml", "graph", fit="slide")
    page = nnviz_core.render(EXAMPLES / "mlp.yaml", "graph", fit="page")
    assert slide.scene.width != page.scene.width
    assert slide.scene.dot == page.scene.dot
    assert slide.to_bytes("dot") == page.to_bytes("dot")
    first = next(line for line in slide.to_bytes("dot").decode().splitlines() if "n0 [" in line)
    box = scene_checks.bbox(next(iter(layers(slide.scene))), ink=False)
    assert f"width={(box[2] - box[0]) / ZOOM / 72:.4f}," in first  # DOT sizes are in inches


@pytest.mark.parametrize("fit", ["slide", "paper"])
@pytest.mark.parametrize("name", ["vgg16", "transformer", "resnet18"])
def test_boxes_that_shrink_the_picture_take_compact_cards_when_they_read_larger(
    name: str, fit: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every layer drawn (``detail: full``), these networks read under the floor there."""
    canvas = canvas_for(fit)
    scene = _example(name, fit=fit, detail="full")
    assert not _keys(scene)
    monkeypatch.setattr(graph_style, "compacted", lambda prepared, options: None)
    monkeypatch.setattr(graph_style, "lighter", lambda prepared, options: iter(()))
    full = _example(name, fit=fit, detail="full")
    assert _keys(full) == {"shape", "args"}
    assert effective_text(scene, canvas) > effective_text(full, canvas)


def _values(scene: Scene) -> list[str]:
    return [
        item.plain
        for group in layers(scene)
        for item in walk(group.items)
        if isinstance(item, Text) and item.role != "title"
    ]


def test_a_u_net_too_tall_for_paper_keeps_only_shapes_and_activations_on_its_cards() -> None:
    """Compact cards leave U-Net's U too tall for a printed page; terse cards (no arguments,
    no parameter counts, the output shape alone: the input is the producer's output) keep
    6 pt there, and ``detail: full`` keeps all."""
    canvas = canvas_for("paper")
    terse = _example("unet", fit="paper")
    assert effective_text(terse, canvas) >= canvas.floor
    values = _values(terse)
    assert not [value for value in values if "→" in value]
    assert {"64×256×256", "1024×16×16", "activation sigmoid"} <= set(values)
    shown = " ".join(values)
    assert "params" not in shown and "2×2, stride 2" not in shown
    full = _example("unet", fit="paper", detail="full")
    assert "2×2, stride 2" in " ".join(_values(full))
    assert effective_text(full, canvas) < canvas.floor


@pytest.mark.parametrize("name", ["autoencoder", "lenet5", "alexnet"])
def test_drawings_that_meet_the_paper_floor_keep_their_full_cards(name: str) -> None:
    scene = _example(name, fit="paper")
    assert effective_text(scene, canvas_for("paper")) >= canvas_for("paper").floor
    assert _keys(scene) == {"shape", "args"}


@pytest.mark.parametrize("fit", ["slide", "paper"])
def test_columns_sit_closer_where_the_picture_is_shrunk_into_its_box(fit: str) -> None:
    """Every px of a slide's or paper's width shrinks the text, so columns keep a tighter
    gutter there than on a page (which scrolls)."""
    scene = _example("lenet5", fit=fit)
    spans = columns_of(scene)
    assert len(spans) >= 2
    zoom = ZOOM if fit == "slide" else 1.0
    gaps = [right[0] - left[1] for left, right in pairwise(spans)]
    assert min(gaps) == pytest.approx(TIGHT_GUTTER * zoom, abs=0.01)
    page = columns_of(_example("resnet18", fit="page", detail="full"))
    assert page[1][0] - page[0][1] >= GUTTER
