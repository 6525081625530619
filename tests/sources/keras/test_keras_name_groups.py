"""Groups read from layer names: a flat Keras model named like the Applications draws a first
view of its blocks, every layer with ``detail: full``, and ``to_dot`` stays Keras's view."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path

import keras
import pytest
import scene_checks
from keras import layers

import nnviz_core
from nnviz_core.detail import CARD_BUDGET
from nnviz_core.errors import OptionError
from nnviz_core.ir import Edge, Graph, Node
from nnviz_core.scene import Scene
from nnviz_core.sources.keras_model import load_keras
from nnviz_core.sources.keras_model.name_groups import infer_name_groups

pytestmark = pytest.mark.keras


def cards(scene: Scene) -> int:
    return len(scene_checks.with_role(scene.items, "layer"))


def _conv(x: keras.KerasTensor, filters: int, name: str) -> keras.KerasTensor:
    """A convolution, its batch norm and ReLU, named ``{name}_conv``, ``_bn``, ``_relu``."""
    x = layers.Conv2D(filters, 3, padding="same", name=f"{name}_conv")(x)
    x = layers.BatchNormalization(name=f"{name}_bn")(x)
    return layers.Activation("relu", name=f"{name}_relu")(x)


def resnet_like() -> keras.Model:
    """ResNet50's naming on three stages of two residual blocks: 67 layers, no nesting."""
    inputs = keras.Input((16, 16, 3), name="image")
    x = _conv(layers.ZeroPadding2D(1, name="conv1_pad")(inputs), 8, "conv1")
    for stage in (2, 3, 4):
        for block in (1, 2):
            name = f"conv{stage}_block{block}"
            shortcut = x
            y = _conv(x, 8, f"{name}_1")
            y = _conv(y, 8, f"{name}_2")
            y = layers.Conv2D(8, 1, name=f"{name}_3_conv")(y)
            y = layers.BatchNormalization(name=f"{name}_3_bn")(y)
            x = layers.Add(name=f"{name}_add")([shortcut, y])
            x = layers.Activation("relu", name=f"{name}_out")(x)
    x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
    return keras.Model(inputs, layers.Dense(10, name="predictions")(x), name="resnet_like")


def mobilenet_like() -> keras.Model:
    """MobileNetV2's naming (``block_1_expand``…): eight numbered blocks, 75 layers."""
    inputs = keras.Input((16, 16, 8), name="image")
    x = inputs
    for index in range(1, 9):
        name = f"block_{index}"
        y = layers.Conv2D(16, 1, name=f"{name}_expand")(x)
        y = layers.BatchNormalization(name=f"{name}_expand_BN")(y)
        y = layers.ReLU(6.0, name=f"{name}_expand_relu")(y)
        y = layers.DepthwiseConv2D(3, padding="same", name=f"{name}_depthwise")(y)
        y = layers.BatchNormalization(name=f"{name}_depthwise_BN")(y)
        y = layers.ReLU(6.0, name=f"{name}_depthwise_relu")(y)
        y = layers.Conv2D(8, 1, name=f"{name}_project")(y)
        y = layers.BatchNormalization(name=f"{name}_project_BN")(y)
        x = layers.Add(name=f"{name}_add")([x, y])
    x = layers.GlobalAveragePooling2D(name="pool")(x)
    return keras.Model(inputs, layers.Dense(4, name="predictions")(x), name="mobilenet_like")


def generated_names() -> keras.Model:
    """Seventy layers all named by Keras: ``dense`` … ``dense_65``, then four batch norms in a
    row (``batch_normalization`` … ``batch_normalization_3``, sharing the prefix ``batch``)."""
    inputs = keras.Input((4,))
    x = inputs
    for _ in range(66):
        x = layers.Dense(4)(x)
    for _ in range(4):
        x = layers.BatchNormalization()(x)
    return keras.Model(inputs, x)


def _children(graph: Graph, parent: str | None) -> list[str]:
    return [group.id for group in graph.groups if group.parent == parent]


def test_stages_and_blocks_are_read_from_resnet_names() -> None:
    graph = load_keras(resnet_like())
    assert len(graph.nodes) == 67
    assert _children(graph, None) == ["conv1", "conv2", "conv3", "conv4"]
    assert _children(graph, "conv3") == ["conv3_block1", "conv3_block2"]
    assert _children(graph, "conv3_block1") == []  # a conv, its norm and ReLU: no frame
    assert all(group.label == group.id for group in graph.groups)
    # each stage's two blocks hold the same layers: the stage repeats them
    assert {g.id: (g.kind, g.count) for g in graph.groups if g.parent is None} == {
        "conv1": ("block", 1),
        **{f"conv{stage}": ("repeat", 2) for stage in (2, 3, 4)},
    }
    assert graph.group("conv3_block2").kind == "iteration"
    block = [node.name for node in graph.members("conv2_block1")]
    assert block[0] == "conv2_block1_1_conv" and block[-1] == "conv2_block1_out"
    assert len(block) == 10
    assert graph.node("conv2_block1_1_bn").group == "conv2_block1"
    assert {node.name for node in graph.nodes if node.group is None} == {
        "image",
        "avg_pool",
        "predictions",
    }


def test_numbered_families_are_not_groups_their_members_are() -> None:
    graph = load_keras(mobilenet_like())
    assert _children(graph, None) == [f"block_{index}" for index in range(1, 9)]
    assert all(len(list(graph.members(group.id))) == 9 for group in graph.groups)


def test_names_keras_made_up_make_no_group() -> None:
    graph = load_keras(generated_names())
    assert len(graph.nodes) == 71 and graph.groups == ()


@pytest.mark.parametrize("build", [resnet_like, mobilenet_like], ids=["resnet", "mobilenet"])
@pytest.mark.parametrize("style", ["graph", "block"])
def test_the_first_view_draws_blocks_and_full_draws_every_layer(
    build: Callable[[], keras.Model], style: str
) -> None:
    model = build()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the full view is long: its legibility is not tested
        flat = nnviz_core.render(model, style, name_groups=False)
        first = nnviz_core.render(model, style)
        full = nnviz_core.render(model, style, detail="full")
    if style == "graph":  # in block, norms and activations ride on their convolution's card
        assert cards(flat.scene) > CARD_BUDGET  # without the groups, nothing folds
    assert cards(first.scene) <= CARD_BUDGET
    assert cards(full.scene) == cards(flat.scene)


def test_the_resnet_first_view_draws_each_stage_s_block_once() -> None:
    """67 layers pass the budget; folding each stage's two alike blocks brings it to 37."""
    diagram = nnviz_core.render(resnet_like())
    drawn = {str(card.layer) for card in scene_checks.with_role(diagram.scene.items, "layer")}
    stem = {"conv1_pad", "conv1_conv", "conv1_bn", "conv1_relu"}
    firsts = {n.name for n in load_keras(resnet_like()).nodes if "_block1_" in n.name}
    assert drawn == {"image", *stem, *firsts, "avg_pool", "predictions"}
    assert diagram.svg.count("×2") == 3


def test_to_dot_stays_keras_view() -> None:
    model = resnet_like()
    dot = nnviz_core.to_dot(model)
    assert dot.get_subgraphs() == []  # no cluster: Keras draws this model flat
    assert dot.to_string() == nnviz_core.to_dot(load_keras(model, name_groups=False)).to_string()
    assert len(nnviz_core.to_dot(model, name_groups=True).get_subgraphs()) == 4


def test_a_small_model_keeps_its_view_unless_asked() -> None:
    inputs = keras.Input((8,), name="features")
    x = layers.Dense(8, name="head_1_dense")(inputs)
    x = layers.BatchNormalization(name="head_1_bn")(x)
    x = layers.ReLU(name="head_1_relu")(x)
    x = layers.Dense(2, name="head_1_out")(x)
    x = layers.Softmax(name="probabilities")(x)
    model = keras.Model(inputs, x, name="small")
    assert load_keras(model).groups == ()
    assert [group.id for group in load_keras(model, name_groups=True).groups] == ["head_1"]


def test_a_prefix_every_layer_shares_is_the_model_name_not_a_group() -> None:
    """``head_1_…`` on every layer but the input frames nothing: no group around it all."""
    inputs = keras.Input((8,), name="features")
    x = inputs
    for part in ("dense", "bn", "relu", "out"):
        x = layers.Dense(8, name=f"head_1_{part}")(x)
    assert load_keras(keras.Model(inputs, x), name_groups=True).groups == ()


def convnext_like() -> keras.Model:
    """ConvNeXt's naming: every layer under the model's name, a ``Sequential`` stem and
    downsampling layers, residual ``add`` layers Keras names, two stages of three blocks."""
    inputs = keras.Input((16, 16, 3), name="image")
    stem = keras.Sequential(
        [layers.Conv2D(8, 4, strides=4, name="net_stem_conv"), layers.LayerNormalization()],
        name="net_stem",
    )
    x = stem(inputs)
    for stage in (0, 1):
        if stage:
            down = keras.Sequential([layers.Conv2D(8, 1, name="net_down_conv")], name="net_down")
            x = down(x)
        for block in range(3):
            name = f"net_stage_{stage}_block_{block}"
            y = layers.DepthwiseConv2D(3, padding="same", name=f"{name}_depthwise_conv")(x)
            y = layers.LayerNormalization(name=f"{name}_layernorm")(y)
            y = layers.Dense(16, name=f"{name}_pointwise_conv_1")(y)
            y = layers.Activation("gelu", name=f"{name}_gelu")(y)
            y = layers.Dense(8, name=f"{name}_pointwise_conv_2")(y)
            x = layers.Add()([x, y])
    x = layers.GlobalAveragePooling2D(name="net_head_gap")(x)
    return keras.Model(inputs, layers.Dense(4, name="net_head_dense")(x), name="net")


def test_stages_are_read_around_nested_models_and_keras_named_adds() -> None:
    graph = load_keras(convnext_like(), name_groups=True)
    assert _children(graph, None) == ["net_stem", "net_stage_0", "net_down", "net_stage_1"]
    assert [g.label for g in graph.groups if g.parent == "net_stage_1"] == [
        "stage_1_block_0",
        "stage_1_block_1",
        "stage_1_block_2",
    ]  # the model's own name is left out of the labels
    block = [node.op for node in graph.members("net_stage_0_block_1")]
    assert block[0] == "depthwise_conv2d" and block[-1] == "add"  # the residual closes it
    assert graph.group("net_stem").kind == "submodel"
    assert graph.node("net_head_gap").group is None


def test_convnext_layer_scale_is_a_learned_factor_per_channel() -> None:
    model = keras.applications.ConvNeXtTiny(weights=None)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no layer falls back to a generic node
        graph = load_keras(model)
    scale = graph.node("convnext_tiny_stage_0_block_0_layer_scale")
    assert (scale.op, scale.category, scale.params) == ("scale", "normalization", 96)
    assert sum(node.params for node in graph.nodes) == model.count_params()


def _graph(names: list[str], edges: list[tuple[int, int]]) -> Graph:
    nodes = tuple(Node(name, "relu", name, "activation") for name in names)
    return Graph("g", nodes, tuple(Edge(names[a], names[b]) for a, b in edges))


def test_a_prefix_broken_by_another_layer_is_no_group() -> None:
    names = ["x", "a_p", "a_q", "b", "a_r", "a_s", "y"]
    chain = [(i, i + 1) for i in range(len(names) - 1)]
    assert infer_name_groups(_graph(names, chain)).groups == ()


def test_a_prefix_on_unconnected_layers_is_no_group() -> None:
    names = ["in", "t_a", "t_b", "t_c", "t_d", "out"]
    two_towers = [(0, 1), (1, 2), (0, 3), (3, 4), (2, 5), (4, 5)]  # t_a→t_b, t_c→t_d
    assert infer_name_groups(_graph(names, two_towers)).groups == ()
    joined = [*two_towers, (2, 3)]
    assert [g.id for g in infer_name_groups(_graph(names, joined)).groups] == ["t"]


def test_the_same_layers_under_two_prefixes_are_one_group_named_by_the_longer() -> None:
    names = ["in", "expanded_conv_a", "expanded_conv_b", "expanded_conv_c", "expanded_conv_d"]
    graph = infer_name_groups(_graph(names, [(i, i + 1) for i in range(4)]))
    assert [(g.id, g.label, g.parent) for g in graph.groups] == [
        ("expanded_conv", "expanded_conv", None)
    ]


@pytest.mark.parametrize(
    ("name", "layers_count", "top", "blocks"),
    [
        ("ResNet50", 177, ["conv1", "conv2", "conv3", "conv4", "conv5"], 16),
        ("MobileNetV2", 156, ["expanded_conv", *(f"block_{i}" for i in range(1, 17))], 0),
        ("DenseNet121", 429, ["conv2", "pool2", "conv3", "pool3", "conv4", "pool4", "conv5"], 58),
        (
            "ConvNeXtTiny",
            157,
            ["convnext_tiny_stem"]
            + [
                f"convnext_tiny_{part}"
                for i in range(3)
                for part in (f"stage_{i}", f"downsampling_block_{i}")
            ]
            + ["convnext_tiny_stage_3"],
            18,
        ),
    ],
)
def test_keras_applications_draw_a_first_view_within_the_budget(
    name: str, layers_count: int, top: list[str], blocks: int
) -> None:
    model = getattr(keras.applications, name)(weights=None)
    graph = load_keras(model)
    assert len(graph.nodes) == layers_count
    assert _children(graph, None) == top
    assert sum(len(_children(graph, stage)) for stage in top) == blocks
    for style in ("graph", "block"):
        assert cards(nnviz_core.render(graph, style).scene) <= CARD_BUDGET
    nested = load_keras(model, name_groups=False).groups  # ConvNeXt's own Sequential layers
    assert len(nnviz_core.to_dot(model).get_subgraphs()) == len(nested)


def test_the_command_line_takes_name_groups_true_or_false(tmp_path: Path) -> None:
    from nnviz_core.cli import main

    saved = tmp_path / "resnet_like.keras"
    resnet_like().save(saved)
    found = {}
    for given in ([], ["--name-groups"], ["--name-groups", "false"]):
        spec = tmp_path / "spec.yaml"
        assert main(["export-spec", str(saved), *given, "-o", str(spec)]) == 0
        found[" ".join(given)] = [g.label for g in nnviz_core.load(spec).groups]
    stages = ["conv1", "conv2", "conv2 1/2", "conv2 2/2"]  # the stage repeats its blocks
    assert found[""][:4] == found["--name-groups"][:4] == stages
    assert found["--name-groups false"] == []


def test_to_dot_of_other_frameworks_takes_no_keras_option() -> None:
    import torch

    net = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.ReLU())
    assert len(nnviz_core.to_dot(net, input_shape=(1, 2)).get_nodes()) >= 3
    with pytest.raises(OptionError) as caught:
        nnviz_core.to_dot(net, input_shape=(1, 2), name_groups=False)
    assert "name_groups does not apply to a PyTorch module" in str(caught.value)


def test_a_group_named_like_one_of_its_layers_has_an_id_of_its_own() -> None:
    names = ["in", "stem", "stem_bn", "stem_relu", "stem_pool", "out"]
    graph = infer_name_groups(_graph(names, [(i, i + 1) for i in range(5)]))
    assert [(g.id, g.label) for g in graph.groups] == [("stem~group", "stem")]
    assert graph.node("stem").group == "stem~group"


def test_inception_v3_modules_are_read_from_its_wiring() -> None:
    """InceptionV3 names its layers ``conv2d_7`` but its module outputs ``mixed0`` …: each
    module between two bottlenecks is a block named by its concatenation."""
    graph = load_keras(keras.applications.InceptionV3(weights=None))
    assert [group.label for group in graph.groups] == [f"mixed{i}" for i in range(11)]
    assert len(list(graph.members("mixed0~block"))) == 23
    assert cards(nnviz_core.render(graph).scene) <= CARD_BUDGET
    assert load_keras(keras.applications.InceptionV3(weights=None), name_groups=False).groups == ()
