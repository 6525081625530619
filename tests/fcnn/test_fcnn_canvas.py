"""The fcnn style laid out for its canvas: legible text, true proportions, nothing off it."""

from __future__ import annotations

import warnings
from pathlib import Path

import fcnn_graphs as graphs
import pytest
import scene_checks

import nnviz_core
from nnviz_core.canvas import canvas_for, effective_text, host_scale
from nnviz_core.ir import Graph
from nnviz_core.options import build
from nnviz_core.scene import Circle, Scene, walk
from nnviz_core.styles.fcnn import STYLE, FcnnOptions
from nnviz_core.styles.fcnn.fit import MIN_NEURONS

EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*.yaml"))
DRAWN = [path for path in EXAMPLES if path.stem not in {"inception", "unet"}]
FITS = ("page", "slide", "paper")


def _layout(graph: Graph, **values: object) -> Scene:
    return STYLE.layout(graph, build(FcnnOptions, values))


def _heights(scene: Scene) -> dict[str, float]:
    """Each layer's drawn height: from its first neuron's top to its last one's bottom."""
    spans: dict[str, list[float]] = {}
    for item in walk(scene.items):
        if isinstance(item, Circle) and item.role == "layer" and item.layer:
            spans.setdefault(item.layer, []).extend((item.cy - item.r, item.cy + item.r))
    return {layer: max(ys) - min(ys) for layer, ys in spans.items()}


@pytest.mark.parametrize("fit", FITS)
@pytest.mark.parametrize("spec", DRAWN, ids=[path.stem for path in DRAWN])
def test_every_example_meets_the_text_floor_of_its_canvas(spec: Path, fit: str) -> None:
    canvas = canvas_for(fit)  # type: ignore[arg-type]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an example never needs the "does not fit" warning
        scene = nnviz_core.render(spec, "fcnn", fit=fit).scene
    read = effective_text(scene, canvas)
    assert read is not None and read >= canvas.floor, (spec.stem, fit, read)
    scene_checks.assert_inside_canvas(scene)
    scene_checks.assert_no_overlap(scene, "layer")
    scene_checks.assert_no_overlap(scene, "caption")


@pytest.mark.parametrize("spec", DRAWN, ids=[path.stem for path in DRAWN])
def test_examples_fit_a_page_column_without_being_shrunk(spec: Path) -> None:
    scene = nnviz_core.render(spec, "fcnn").scene
    assert scene.width <= canvas_for("page").width
    assert host_scale(scene, canvas_for("page")) == 1.0


def test_a_wide_autoencoder_moves_its_layers_closer_instead_of_shrinking() -> None:
    graph = nnviz_core.load(Path(__file__).parents[2] / "examples" / "autoencoder.yaml")
    natural = _layout(graph, fit="none")
    page = _layout(graph)
    assert natural.width > 1000  # 7 layers 160 px apart
    assert page.width <= 720
    assert _heights(page) == _heights(natural)  # the same neurons, only closer


@pytest.mark.parametrize("fit", ("none", *FITS))
def test_an_autoencoder_is_an_hourglass(fit: str) -> None:
    heights = _heights(_layout(graphs.mlp(784, 32, 784), fit=fit))
    outer, code = heights["input"], heights["dense_1"]
    assert heights["dense_2"] == outer
    assert code <= 0.6 * outer  # 32 of 784: visibly the waist
    assert code >= 0.3 * outer  # ... but still a layer, not a dot


@pytest.mark.parametrize("fit", ("none", *FITS))
def test_heights_follow_the_layer_sizes(fit: str) -> None:
    heights = _heights(_layout(graphs.mlp(784, 256, 128, 32, 10), fit=fit))
    ordered = [heights[layer] for layer in ("input", "dense_1", "dense_2", "dense_3", "dense_4")]
    assert ordered == sorted(ordered, reverse=True)
    assert len(set(ordered)) == len(ordered)  # each size its own height


def test_small_networks_keep_every_neuron_and_true_proportions() -> None:
    heights = _heights(_layout(graphs.mlp(3, 8, 2)))
    assert heights["input"] * 8 / 3 == pytest.approx(heights["dense_1"], rel=0.35)
    assert heights["dense_2"] < heights["input"] < heights["dense_1"]


def test_a_slide_draws_text_at_ten_points_or_more_and_fits_its_box() -> None:
    canvas = canvas_for("slide")
    scene = _layout(graphs.mlp(784, 512, 512, 10), fit="slide")
    assert effective_text(scene, canvas) == pytest.approx(canvas.floor, abs=0.01)
    assert scene.width <= canvas.width and scene.height <= (canvas.height or 0)


def test_a_short_canvas_draws_fewer_neurons_not_smaller_ones() -> None:
    graph = graphs.mlp(784, 512, 10)
    page = _layout(graph)
    short = _layout(graph, fit="slide", width=800)  # an 800×400 box
    canvas = canvas_for("slide", 800)
    assert (effective_text(short, canvas) or 0) >= canvas.floor
    radius = {c.r for c in walk(page.items) if isinstance(c, Circle) and c.role == "layer"}
    zoomed = {c.r for c in walk(short.items) if isinstance(c, Circle) and c.role == "layer"}
    assert min(zoomed) >= min(radius)
    drawn = [c for c in walk(short.items) if isinstance(c, Circle) and c.layer == "input"]
    assert MIN_NEURONS <= len([c for c in drawn if c.role == "layer"]) < 12


def test_top_to_bottom_fits_the_column_width_with_fewer_neurons() -> None:
    wide = _layout(graphs.mlp(784, 512, 10), direction="TB")
    scene = _layout(graphs.mlp(784, 512, 10), direction="TB", width=300)
    assert scene.width < 0.6 * wide.width
    assert scene.width <= 300
    neurons = [c for c in walk(scene.items) if isinstance(c, Circle) and c.role == "layer"]
    assert MIN_NEURONS <= len([c for c in neurons if c.layer == "input"]) < 12


def test_what_cannot_fit_says_so_and_names_the_options_that_help() -> None:
    graph = graphs.mlp(*([64] * 14))
    with pytest.warns(UserWarning) as caught:
        scene = _layout(graph, width=200)
    message = str(caught[0].message)
    assert "does not fit a page of 200 px" in message
    assert "`depth`" in message and "`labels: sizes`" in message and "`width`" in message
    assert scene.width > 200


def test_fit_none_is_the_natural_drawing() -> None:
    scene = _layout(graphs.mlp(*([16] * 9)), fit="none")
    assert scene.width > 9 * 140  # layer_spacing as given, however wide that is


SHAPES = {
    "mlp": graphs.mlp(784, 512, 512, 10),
    "hourglass": graphs.mlp(784, 256, 32, 256, 784),
    "lenet": graphs.lenet(),
    "towers": graphs.two_tower(),
    "sequence": graphs.sequence_head(),
    "repeated": graphs.repeated(3),
    "autoencoder": graphs.autoencoder(),
}


@pytest.mark.parametrize("direction", ["LR", "TB"])
@pytest.mark.parametrize("fit", FITS)
@pytest.mark.parametrize("name", SHAPES)
def test_fitted_layouts_keep_the_geometric_invariants(name: str, fit: str, direction: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a cramped TB paper page may warn; geometry holds
        scene = _layout(SHAPES[name], fit=fit, direction=direction, show_bias=True)
    scene_checks.assert_inside_canvas(scene)
    scene_checks.assert_no_overlap(scene, "layer")
    scene_checks.assert_no_overlap(scene, "caption")
    canvas = canvas_for(fit)  # type: ignore[arg-type]
    if direction == "LR":  # without bias units, the shapes above all fit left to right
        plain = _layout(SHAPES[name], fit=fit)
        assert (effective_text(plain, canvas) or 0) >= canvas.floor, (name, fit)
