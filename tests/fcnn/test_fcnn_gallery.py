"""Defects found in the gallery's fcnn drawings, asserted on the examples' Scenes: the summary
box fits its text, feature neurons have their own colour, captions keep off the edges."""

from __future__ import annotations

from pathlib import Path

import pytest
import scene_checks

from nnviz_core.errors import NnvizError
from nnviz_core.options import build
from nnviz_core.scene import Circle, Group, Rect, Scene, Text, walk
from nnviz_core.sources.yaml_spec import load_path
from nnviz_core.styles._common import CATEGORY_LABELS
from nnviz_core.styles.fcnn import STYLE, FcnnOptions

EXAMPLES = Path(__file__).parents[2] / "examples"
DRAWABLE = ["alexnet", "autoencoder", "lenet5", "lstm_text", "mlp", "resnet18", "transformer"]
VARIANTS = {
    "default": {},
    "tb": {"direction": "TB"},
    "title-sizes": {"title": "A title", "labels": "sizes", "show_bias": True},
    "tb-tight": {"direction": "TB", "node_radius": 6, "layer_spacing": 40},
}


def _layout(name: str, **values: object) -> Scene:
    return STYLE.layout(load_path(EXAMPLES / f"{name}.yaml"), build(FcnnOptions, values))


def _boxes(scene: Scene) -> list[Group]:
    groups = scene_checks.with_role(scene.items, "layer")
    return [g for g in groups if isinstance(g, Group) and isinstance(g.items[0], Rect)]


@pytest.mark.parametrize("name", ["lenet5", "alexnet", "vgg16", "lstm_text"])
def test_summary_box_is_sized_to_its_text(name: str) -> None:
    boxes = _boxes(_layout(name))
    assert len(boxes) == 1
    rect = boxes[0].items[0]
    assert isinstance(rect, Rect)
    texts = [item for item in walk(boxes[0].items) if isinstance(item, Text)]
    ink = [scene_checks.text_box(item) for item in texts]
    top, bottom = min(box[1] for box in ink), max(box[3] for box in ink)
    for item in texts:
        scene_checks.assert_text_fits(item, rect, padding=6)
    assert rect.height <= bottom - top + 2 * 14, f"{rect.height:.0f} px for {bottom - top:.0f} px"


def _fills(scene: Scene, layer: str) -> set[str]:
    circles = [item for item in walk(scene.items) if isinstance(item, Circle)]
    return {c.fill.paint for c in circles if c.layer == layer and c.role == "layer" and c.fill}


def test_feature_neurons_are_coloured_as_their_own_category() -> None:
    """LeNet-5's 400 features are the flattened maps: reshape, not the conv box's colour."""
    scene = _layout("lenet5")
    box_paint = _boxes(scene)[0].items[0]
    assert isinstance(box_paint, Rect) and box_paint.fill is not None
    features = _fills(scene, "avgpool2d_2") or _fills(scene, "flatten_1")
    assert features == {"cat.reshape"}
    assert box_paint.fill.paint not in features
    legend = scene_checks.with_role(scene.items, "legend")
    names = {t.plain for g in legend for t in walk((g,)) if isinstance(t, Text)}
    assert "Reshape" in names


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("name", DRAWABLE)
def test_captions_keep_16_px_from_every_edge(name: str, variant: str) -> None:
    try:
        scene = _layout(name, **VARIANTS[variant])
    except NnvizError as error:  # pragma: no cover - every listed example draws
        raise AssertionError(f"{name} does not draw: {error}") from error
    for item in walk(scene.items):
        if isinstance(item, Text) and item.role in ("caption", "label"):
            left, top, right, bottom = scene_checks.text_box(item)
            room = min(left, top, scene.width - right, scene.height - bottom)
            assert room >= 16 - 1e-6, f"{item.plain!r} is {room:.2f} px from the edge"


@pytest.mark.parametrize("name", DRAWABLE)
def test_every_legend_entry_has_something_drawn_in_its_colour(name: str) -> None:
    scene = _layout(name)
    labels = {label: category for category, label in CATEGORY_LABELS.items()}
    legend = scene_checks.with_role(scene.items, "legend")
    listed = {t.plain for g in legend for t in walk((g,)) if isinstance(t, Text)}
    drawn = [item for item in scene.items if item.role != "legend"]
    fills = {f.paint for f in (getattr(i, "fill", None) for i in walk(tuple(drawn))) if f}
    assert listed and all(f"cat.{labels[name]}" in fills for name in listed), listed
