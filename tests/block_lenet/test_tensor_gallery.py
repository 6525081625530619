"""Defects found in the gallery, asserted on the examples' Scenes: legends list only what is
drawn, and ``block`` sizes say what the tensors are (channels, vectors, reshapes, attention)."""

from __future__ import annotations

from pathlib import Path

import pytest
import scene_checks
import tensor_checks

from nnviz_core.ir import Graph
from nnviz_core.options import build
from nnviz_core.scene import Item, Polygon, Rect, Scene, Text, walk
from nnviz_core.sources.yaml_spec import load_path
from nnviz_core.styles._common import CATEGORY_LABELS
from nnviz_core.styles.block import STYLE as BLOCK
from nnviz_core.styles.lenet import STYLE as LENET
from nnviz_core.theme import resolve

EXAMPLES = Path(__file__).parents[2] / "examples"
ALL = sorted(EXAMPLES.glob("*.yaml"))


def _example(name: str) -> Graph:
    return load_path(EXAMPLES / f"{name}.yaml")


def _block(name: str, **values: object) -> Scene:
    return BLOCK.layout(_example(name), build(BLOCK.options, values))


def _legend_names(scene: Scene) -> set[str]:
    legends = scene_checks.with_role(scene.items, "legend")
    return {item.plain for group in legends for item in walk((group,)) if isinstance(item, Text)}


def _painted(scene: Scene) -> set[str]:
    """Fill paints of everything drawn outside the legend."""
    drawn = [item for item in scene.items if item.role != "legend"]
    fills = (getattr(item, "fill", None) for item in walk(tuple(drawn)))
    return {fill.paint for fill in fills if fill is not None}


@pytest.mark.parametrize("style", [BLOCK, LENET], ids=["block", "lenet"])
@pytest.mark.parametrize("path", ALL, ids=[p.stem for p in ALL])
def test_every_legend_entry_has_something_drawn_in_its_colour(path: Path, style: object) -> None:
    scene = style.layout(load_path(path), build(style.options, {}))  # type: ignore[attr-defined]
    painted = _painted(scene)
    labels = {label: category for category, label in CATEGORY_LABELS.items()}
    listed = _legend_names(scene)
    assert listed, "the example has a legend"
    missing = sorted(name for name in listed if f"cat.{labels[name]}" not in painted)
    assert not missing, f"legend lists {missing} with nothing drawn in their colour"


def test_layers_riding_on_a_junction_are_not_in_the_legend() -> None:
    """The Transformer's LayerNorms ride on the ⊕ balls: no band, so no Normalization entry;
    dropout after attention is a band on the attention block, so Dropout stays."""
    names = _legend_names(_block("transformer"))
    assert "Normalization" not in names
    assert {"Attention", "Dropout", "Merge"} <= names
    assert "Dropout" not in _legend_names(_block("transformer", bands=False))


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_input_and_dropout_swatches_differ(mode: str) -> None:
    def lightness(paint: str) -> float:
        colour = resolve(paint, mode)  # type: ignore[arg-type]
        return sum(int(colour[i : i + 2], 16) for i in (1, 3, 5)) / 3

    assert abs(lightness("cat.input") - lightness("cat.dropout")) >= 25


def _fronts(scene: Scene) -> dict[str, tuple[float, float, float, float]]:
    """Each layer's front face box: its first polygon painted in its own category's colour."""
    found: dict[str, tuple[float, float, float, float]] = {}
    for group in tensor_checks.layer_groups(scene):
        for item in walk((group,)):
            fill = item.fill if isinstance(item, Polygon) else None
            if fill and item.layer not in found and not fill.paint.endswith((".top", ".side")):
                found[item.layer or ""] = scene_checks.bbox(item, ink=False)
    return found


def _width(box: tuple[float, float, float, float]) -> float:
    return box[2] - box[0]


def test_channel_count_visibly_changes_thickness() -> None:
    fronts = _fronts(_block("unet"))
    thin, thick = _width(fronts["enc1.conv2d_1"]), _width(fronts["bottleneck.conv2d_1"])
    assert thick >= 3 * thin, f"64 channels {thin:.1f} px, 1024 channels {thick:.1f} px"
    assert _width(fronts["enc2.conv2d_1"]) > thin + 3  # 128 is not drawn as 64


def test_a_one_channel_map_is_a_slab_like_the_input() -> None:
    """Autoencoder's reshape to 1×28×28 was a 44 px cube while the 784 input was a slab."""
    fronts = _fronts(_block("autoencoder"))
    assert _width(fronts["reshape_1"]) <= _width(fronts["input"])
    reshape = fronts["reshape_1"]
    assert _width(reshape) * 10 <= reshape[3] - reshape[1], "a slab: far thinner than tall"
    lenet = _fronts(_block("lenet5"))
    assert _width(lenet["input"]) < _width(lenet["conv2d_1"]) < _width(lenet["conv2d_2"])


@pytest.mark.parametrize(("name", "vectors"), [("vgg16", 4), ("resnet18", 2)])
def test_dense_and_global_pool_layers_are_bars_not_slivers(name: str, vectors: int) -> None:
    scene = _block(name)
    graph = _example(name)
    ranks = {node.id: node.output.rank for node in graph.nodes if node.output is not None}
    bars = {key: box for key, box in _fronts(scene).items() if ranks.get(key) == 1}
    assert len(bars) >= vectors
    for key, box in bars.items():
        assert _width(box) >= 10, f"{key} is {_width(box):.1f} px wide"


def _paints_of(scene: Scene, layer: str) -> set[str]:
    items: list[Item] = list(walk(scene.items))
    fills = (getattr(item, "fill", None) for item in items if item.layer == layer)
    return {fill.paint for fill in fills if fill is not None}


def test_attention_is_a_block_among_blocks() -> None:
    scene = _block("transformer")
    graph = _example("transformer")
    attention = [node.id for node in graph.nodes if node.category == "attention"]
    assert attention
    for layer in attention:
        paints = _paints_of(scene, layer)
        assert {"cat.attention", "cat.attention.top", "cat.attention.side"} <= paints
        assert not [
            item for item in walk(scene.items) if isinstance(item, Rect) and item.layer == layer
        ], "no flat 2D tiles"
    tensor_checks.assert_tensor_invariants(scene)


def _lenet(name: str, **values: object) -> Scene:
    return LENET.layout(_example(name), build(LENET.options, values))


def _baselines(scene: Scene, role: str, paint: str) -> set[float]:
    """Baselines of the texts with ``role`` and ``paint`` (a caption's first line is "fg")."""
    texts = tensor_checks.texts(scene)
    return {round(item.y, 1) for item in texts if item.role == role and item.paint == paint}


@pytest.mark.parametrize(
    ("name", "rows"), [("lenet5", 1), ("alexnet", 2), ("vgg16", 4), ("transformer", 2)]
)
def test_lenet_labels_and_captions_sit_on_one_baseline_per_row(name: str, rows: int) -> None:
    scene = _lenet(name)
    sizes = {round(t.y, 1) for t in tensor_checks.texts(scene) if t.role == "label"}
    assert len(sizes) == rows, f"size labels on {sorted(sizes)}"
    first_lines = _baselines(scene, "caption", "fg")
    assert len(first_lines) == rows, f"captions on {sorted(first_lines)}"


def test_lenet_unet_captions_under_cells_and_in_gaps_share_a_baseline() -> None:
    scene = _lenet("unet")
    junctions = {node.id for node in _example("unet").nodes if node.category == "merge"}
    sizes = {
        round(t.y, 1)
        for t in tensor_checks.texts(scene)
        if t.role == "label" and t.layer not in junctions
    }
    assert len(sizes) == 2, f"size labels on {sorted(sizes)}"
    assert len(_baselines(scene, "caption", "fg")) == 2


@pytest.mark.parametrize("name", ["lenet5", "mlp"])
def test_lenet_output_is_not_crammed_at_the_right_edge(name: str) -> None:
    scene = _lenet(name)
    shapes = [item for item in walk(scene.items) if item.role == "layer" and item.layer]
    right = max(scene_checks.bbox(item)[2] for item in shapes)
    assert scene.width - right >= 28, f"{scene.width - right:.1f} px right of the output"


def test_lenet_concat_shows_its_size() -> None:
    scene = _lenet("unet")
    graph = _example("unet")
    concats = [node for node in graph.nodes if "concat" in node.op]
    assert len(concats) == 4
    for node in concats:
        assert node.output is not None
        channels, height, width = node.output.shape
        texts = tensor_checks.texts(scene)
        labels = [t for t in texts if t.layer == node.id and t.role == "label"]
        assert [t.plain for t in labels] == [f"{channels}@{height}×{width}"]
    tensor_checks.assert_tensor_invariants(scene)


def test_lenet_transposed_conv_is_worded_with_kernel_and_stride() -> None:
    captions = {t.plain for t in tensor_checks.texts(_lenet("unet"))}
    assert "Transposed conv 2×2/2" in captions
    assert not [c for c in captions if "transpose" in c.lower() and c != "Transposed conv 2×2/2"]
