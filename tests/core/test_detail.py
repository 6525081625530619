"""``detail: auto`` keeps a first view within the card budget; what the author set still wins."""

from __future__ import annotations

from pathlib import Path

import pytest
import scene_checks

import nnviz_core
from nnviz_core.detail import CARD_BUDGET, Detail, drawn_detail, fit_detail
from nnviz_core.scene import Scene
from nnviz_core.sources.yaml_spec import load_text
from nnviz_core.styles.fcnn import STYLE as FCNN
from nnviz_core.styles.fcnn import FcnnOptions
from nnviz_core.styles.graph import GraphOptions

EXAMPLES = Path(__file__).parents[2] / "examples"

#: A 3-layer block repeated 30 times after one input: 91 layers, 4 once the repeat is folded.
REPEATED = (
    "blocks:\n  b:\n    layers: [{dense: 8}, relu, {dense: 8}]\n"
    "input: [8]\nlayers:\n  - {b: {}, repeat: 30, label: stack}\n  - dense: 2\n"
)
#: 12 different blocks of 6 layers (no repeat to fold): 74 layers, 14 with blocks collapsed.
DISTINCT = (
    "blocks:\n"
    + "".join(
        f"  b{i}:\n    layers: [{{dense: {i + 2}}}, relu, dense: 4, relu, dense: 3, relu]\n"
        for i in range(12)
    )
    + "input: [8]\nlayers:\n"
    + "".join(f"  - {{b{i}: {{}}, label: stage{i}}}\n" for i in range(12))
    + "  - dense: 2\n"
)


def cards(scene: Scene) -> set[str]:
    """The layers a graph-style scene draws as cards."""
    return {str(item.layer) for item in scene_checks.with_role(scene.items, "layer")}


def test_a_network_within_the_budget_is_drawn_whole():
    text = "input: [8]\nlayers:\n  - {dense: 8, repeat: 3}\n  - dense: 2\n"
    auto = nnviz_core.render(text)
    assert len(cards(auto.scene)) == 5
    assert auto.svg == nnviz_core.render(text, detail="full").svg


def test_repeats_fold_when_the_whole_network_passes_the_budget():
    graph = load_text(REPEATED)
    assert len(graph.nodes) == 92
    auto = cards(nnviz_core.render(graph).scene)
    assert len(auto) == 5
    assert "stack" in nnviz_core.render(graph).svg and "×30" in nnviz_core.render(graph).svg
    assert len(cards(nnviz_core.render(graph, detail="full").scene)) == 92


def test_groups_collapse_to_the_deepest_level_that_fits():
    graph = load_text(DISTINCT)
    assert len(graph.nodes) == 74
    chosen = drawn_detail(graph, GraphOptions())
    assert (chosen.fold, chosen.depth, chosen.cards) == (False, 0, 14)
    drawn = cards(nnviz_core.render(graph).scene)
    assert len(drawn) == 14 and {f"b{i}_1" for i in range(12)} <= drawn
    assert len(cards(nnviz_core.render(graph, detail="full").scene)) == 74


def test_explicit_options_win_over_auto():
    graph = load_text(REPEATED)
    # fold_repeats: false is kept, so auto collapses the repeat into one card instead.
    unfolded = drawn_detail(graph, GraphOptions(fold_repeats=False))
    assert (unfolded.fold, unfolded.depth, unfolded.cards) == (False, 0, 3)
    # a given depth is kept; auto still folds the repeats it can
    deep = drawn_detail(graph, GraphOptions(depth=5))
    assert (deep.fold, deep.depth, deep.cards) == (True, 5, 5)
    # detail: full with fold_repeats: true folds and nothing else
    full = fit_detail(graph, GraphOptions(detail="full", fold_repeats=True))
    assert (full.fold_repeats, full.depth) == (True, None)


@pytest.mark.parametrize("style", ["graph", "block", "lenet", "fcnn"])
def test_every_style_draws_the_fitted_view(style):
    graph = load_text(REPEATED)
    auto = nnviz_core.render(graph, style)
    full = nnviz_core.render(graph, style, detail="full")
    assert len(auto.svg) * 5 < len(full.svg)


def test_the_budget_is_sixty_cards():
    assert CARD_BUDGET == 60
    text = "input: [8]\nlayers:\n  - {dense: 8, repeat: 59}\n"  # input + 59 = 60 cards
    assert drawn_detail(load_text(text), GraphOptions()).fold is False
    longer = "input: [8]\nlayers:\n  - {dense: 8, repeat: 60}\n"
    assert drawn_detail(load_text(longer), GraphOptions()).cards == 2


def test_to_dot_stays_exact():
    source = nnviz_core.to_dot(REPEATED).to_string()
    assert source.count("shape=") == 92  # every layer, as Keras model_to_dot draws them


def test_fcnn_counts_its_columns_and_boxes_not_layers():
    # ResNet-18's 69 layers are one box and two columns in fcnn: nothing to fold (collapsing
    # its groups would only split the box into ten)
    resnet = nnviz_core.load(EXAMPLES / "resnet18.yaml")
    assert drawn_detail(resnet, FcnnOptions(), style=FCNN) == Detail(False, None, 3)
    auto = nnviz_core.render(resnet, "fcnn").svg
    assert auto == nnviz_core.render(resnet, "fcnn", detail="full").svg
    # eighty dense layers are eighty columns: folded to one marked ×80
    chain = load_text("input: [8]\nlayers:\n  - {dense: 8, repeat: 80}\n  - dense: 2\n")
    assert drawn_detail(chain, FcnnOptions(), style=FCNN) == Detail(True, None, 3)


def test_a_slide_draws_less_when_counting_cards_was_not_enough():
    import warnings

    from nnviz_core.canvas import canvas_for, effective_text

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        page = nnviz_core.render(EXAMPLES / "resnet18.yaml", style="block")
        paper = nnviz_core.render(EXAMPLES / "resnet18.yaml", style="block", fit="paper")
        slide = nnviz_core.render(EXAMPLES / "resnet18.yaml", style="block", fit="slide")
    # 32 tensors read well on a page and, with smaller shapes and labels as large as the
    # captions, on paper; a slide folds the repeated stage and collapses the stages (each a
    # tensor of its own).
    assert (page.style_options.depth, page.style_options.fold_repeats) == (None, False)
    assert (paper.style_options.depth, paper.style_options.fold_repeats) == (None, False)
    assert slide.style_options.depth is not None and slide.style_options.fold_repeats
    for diagram, fit in ((paper, "paper"), (slide, "slide")):
        shown = effective_text(diagram.scene, canvas_for(fit))
        assert shown is not None and shown >= canvas_for(fit).floor - 1e-6


def test_what_the_author_set_is_never_coarsened_for_the_canvas():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        full = nnviz_core.render(
            EXAMPLES / "resnet18.yaml", style="block", fit="paper", detail="full"
        )
        deep = nnviz_core.render(EXAMPLES / "resnet18.yaml", style="block", fit="paper", depth=5)
    assert (full.style_options.depth, full.style_options.fold_repeats) == (None, False)
    assert deep.style_options.depth == 5
