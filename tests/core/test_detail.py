"""``detail: auto`` keeps a first view within the card budget; what the author set still wins."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
import scene_checks

import nnviz_core
from nnviz_core.detail import CARD_BUDGET, Detail, drawn_detail, fit_detail
from nnviz_core.ir.transforms import fold_repeats
from nnviz_core.narrowing import narrowed, wide_groups
from nnviz_core.readability import ReadabilityWarning
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


#: Five lookups side by side in one block (too wide for a page), then a block repeated 12
#: times: 56 layers, within the budget, but unreadable drawn whole.
WIDE_THEN_REPEATED = (
    "blocks:\n  embeddings:\n    layers:\n"
    + "".join(
        f"      - {{id: e{i}, dense: 16, inputs: [input], label: embedding lookup number {i}}}\n"
        for i in range(5)
    )
    + "      - {add: [e0, e1, e2, e3, e4]}\n"
    "  layer:\n    layers: [{dense: 64}, gelu, {dense: 16}, layernorm]\n"
    "input: [16]\nlayers:\n"
    "  - {embeddings: {}, label: embeddings}\n"
    "  - {layer: {}, repeat: 12, label: encoder}\n"
    "  - {dense: 2, label: head}\n"
)
#: A block with three parallel layers inside a repeated block.
PARALLEL_INSIDE_REPEAT = (
    "blocks:\n  attn:\n    layers:\n"
    + "".join(f"      - {{id: {n}, dense: 16, inputs: [input]}}\n" for n in "qkv")
    + "      - {add: [q, k, v]}\n"
    "  layer:\n    layers: [{attn: {}, label: attention}, {dense: 64}, gelu, {dense: 16}]\n"
    "input: [16]\nlayers:\n  - {layer: {}, repeat: 4, label: encoder}\n  - dense: 2\n"
)


def test_a_wide_group_closes_before_the_rest_of_the_view_collapses():
    """RoBERTa's case: the folded view is too wide for the page only because of its
    embeddings; they become one card and the encoder block stays open, marked ×12."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the first view is legible: no ReadabilityWarning
        diagram = nnviz_core.render(WIDE_THEN_REPEATED)
    block = {f"layer_1.0.{name}" for name in ("dense_1", "gelu_1", "dense_2", "layernorm_1")}
    assert cards(diagram.scene) == {"input", "embeddings_1", *block, "dense_1"}
    assert "×12" in diagram.svg
    with pytest.warns(ReadabilityWarning, match="reads at 5.7 px"):
        full = nnviz_core.render(WIDE_THEN_REPEATED, detail="full")
    assert {f"embeddings_1.e{i}" for i in range(5)} <= cards(full.scene)


def test_wide_groups_are_the_innermost_with_layers_side_by_side():
    graph = load_text(WIDE_THEN_REPEATED)
    assert [group.id for group in wide_groups(graph, None, True)] == ["embeddings_1"]
    assert wide_groups(graph, 0, True) == []  # every group is one card already
    nested = load_text(PARALLEL_INSIDE_REPEAT)
    assert [group.id for group in wide_groups(nested, None, True)] == ["layer_1.0.attn_1"]


def test_a_group_inside_a_repeat_closes_in_every_iteration():
    graph = load_text(PARALLEL_INSIDE_REPEAT)
    first = next(narrowed(graph, GraphOptions(fold_repeats=True)))
    ids = {node.id for node in first.nodes}
    assert {f"layer_1.{i}.attn_1" for i in range(4)} <= ids
    assert not any(".q" in node_id for node_id in ids)
    folded = fold_repeats(first)
    assert [node.id for node in folded.nodes][:3] == [
        "input",
        "layer_1.0.attn_1",
        "layer_1.0.dense_1",
    ]


def test_an_explicit_depth_never_closes_single_groups():
    with pytest.warns(ReadabilityWarning, match="draw fewer layers with `depth: 0`"):
        diagram = nnviz_core.render(WIDE_THEN_REPEATED, depth=1, fold_repeats=True)
    assert {f"embeddings_1.e{i}" for i in range(5)} <= cards(diagram.scene)
