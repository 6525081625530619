"""The Caffe prototxt source: parsing, shapes with Caffe's rounding, in-place layers, errors."""

from __future__ import annotations

from pathlib import Path

import caffe_fixtures as F
import pytest

import nnviz_core
from nnviz_core.errors import (
    ReferenceError,
    ShapeError,
    SourceError,
    SpecSyntaxError,
    SpecValueError,
    UnknownNameError,
)
from nnviz_core.ir import Graph
from nnviz_core.sources.caffe import load_prototxt, load_prototxt_text
from nnviz_core.sources.caffe.shapes import pool_size

HEADER = 'name: "t"\ninput: "data"\ninput_shape { dim: 1 dim: 3 dim: 32 dim: 32 }\n'


def _shapes(graph: Graph) -> dict[str, tuple[object, ...]]:
    return {node.id: node.outputs[0].shape for node in graph.nodes if node.outputs}


def test_lenet_layers_shapes_and_params() -> None:
    graph = load_prototxt_text(F.LENET, "lenet.prototxt")
    assert graph.name == "LeNet"
    assert [n.op for n in graph.nodes] == [
        "input", "conv2d", "maxpool2d", "conv2d", "maxpool2d", "dense", "dense", "softmax"
    ]  # fmt: skip
    assert _shapes(graph) == {
        "data": (1, 28, 28),
        "conv1": (20, 24, 24),
        "pool1": (20, 12, 12),
        "conv2": (50, 8, 8),
        "pool2": (50, 4, 4),
        "ip1": (500,),
        "ip2": (10,),
        "prob": (10,),
    }
    params = {node.id: node.params for node in graph.nodes if node.params}
    assert params == {"conv1": 520, "conv2": 25050, "ip1": 400500, "ip2": 5010}
    assert graph.predecessors("ip2") == ("ip1",)  # the in-place ReLU is no node of its own
    assert graph.node("ip1").activation == "relu"
    conv1 = graph.node("conv1")
    assert conv1.attrs["filters"] == 20 and conv1.attrs["kernel"] == (5, 5)
    assert conv1.location is not None and str(conv1.location) == "lenet.prototxt:8:1"


def test_in_place_layers_fold_into_their_producer() -> None:
    graph = load_prototxt_text(F.INCEPTION, "googlenet.prototxt")
    conv1 = graph.node("conv1/7x7_s2")
    assert conv1.activation == "relu"
    assert conv1.attrs["in_place"] == ("BatchNorm", "Scale", "ReLU")
    assert conv1.display.note is None  # no note line to widen every caption
    assert conv1.params == (64 * 3 * 7 * 7 + 64) + (2 * 64 + 1) + 2 * 64
    assert conv1.non_trainable_params == 2 * 64 + 1
    assert graph.node("pool5/7x7_s1").attrs["in_place"] == ("Dropout",)
    assert all("relu" not in node.id for node in graph.nodes)


def _resnet_block(name: str, bottom: str, project: bool) -> str:
    """A ResNet block named as Kaiming He's prototxts name them: ``{name}_branch…`` layers,
    then the ``Eltwise`` ``{name}`` that adds them, a ReLU in place."""
    conv = "num_output: 8 kernel_size: 1"
    text = _conv(f"{name}_branch2a", bottom, conv) + _conv(
        f"{name}_branch2b", f"{name}_branch2a", conv
    )
    shortcut = bottom
    if project:
        text = _conv(f"{name}_branch1", bottom, conv) + text
        shortcut = f"{name}_branch1"
    text += (
        f'layer {{ name: "{name}" type: "Eltwise" bottom: "{shortcut}" '
        f'bottom: "{name}_branch2b" top: "{name}" }}\n'
        f'layer {{ name: "{name}_relu" type: "ReLU" bottom: "{name}" top: "{name}" }}\n'
    )
    return text


def test_resnet_names_make_blocks_stages_and_repeats() -> None:
    body, bottom = _conv("conv1", "data", "num_output: 8 kernel_size: 1"), "conv1"
    for index, letter in enumerate("abc"):
        body += _resnet_block(f"res2{letter}", bottom, project=index == 0)
        bottom = f"res2{letter}"
    graph = load_prototxt_text(HEADER + body)
    groups = {g.id: (g.label, g.kind, g.parent) for g in graph.groups}
    assert groups == {
        "res2": ("res2", "block", None),
        "res2a~block": ("res2a", "block", "res2"),  # its projection shortcut sets it apart
        "res2b~block~2": ("res2b–res2c", "repeat", "res2"),
        "res2b~block": ("res2b", "iteration", "res2b~block~2"),
        "res2c~block": ("res2c", "iteration", "res2b~block~2"),
    }
    assert [n.name for n in graph.members("res2a~block")] == [
        "res2a_branch1", "res2a_branch2a", "res2a_branch2b", "res2a"
    ]  # fmt: skip
    assert graph.node("conv1").group is None


def test_a_scale_of_its_own_learns_a_factor_per_channel() -> None:
    body = (
        _conv("c", "data", "num_output: 4 kernel_size: 3")
        + 'layer { name: "s" type: "Scale" bottom: "c" top: "s" scale_param { bias_term: true } }'
    )
    node = load_prototxt_text(HEADER + body).node("s")
    assert (node.op, node.category, node.params, node.attrs["use_bias"]) == (
        "scale",
        "normalization",
        8,
        True,
    )


def test_in_place_layers_read_as_one_merged_name_in_every_look() -> None:
    """The tensor styles caption the stem "BN · scale · ReLU" under its op, in the order the
    layers run; the graph card has one ``in place`` row (the activation among them)."""
    graph = load_prototxt_text(F.INCEPTION, "googlenet.prototxt")
    for style in ("block", "lenet"):
        texts = _texts(nnviz_core.render(graph, style).svg)
        assert "BN · scale · ReLU" in texts
        assert not any("in place" in text for text in texts)
    texts = _texts(nnviz_core.render(graph, "graph").svg)
    assert "BatchNorm · Scale · ReLU" in texts and "Dropout" in texts
    assert texts.count("in place") == 3 and "activation" not in texts  # conv1, conv2, pool5


def _texts(svg: str) -> list[str]:
    import re
    from html import unescape

    return [unescape(text) for text in re.findall(r"<text[^>]*>(?:<tspan[^>]*>)?([^<]*)<", svg)]


def test_inception_branches_concat_and_groups() -> None:
    graph = load_prototxt_text(F.INCEPTION, "googlenet.prototxt")
    shapes = _shapes(graph)
    assert shapes["conv1/7x7_s2"] == (64, 112, 112)
    assert shapes["pool1/3x3_s2"] == (64, 56, 56)  # Caffe rounds pooling up
    assert shapes["pool2/3x3_s2"] == (192, 28, 28)
    assert shapes["inception_3a/output"] == (256, 28, 28)
    assert shapes["pool5/7x7_s1"] == (256, 1, 1)
    assert graph.predecessors("inception_3a/output") == (
        "inception_3a/1x1",
        "inception_3a/3x3",
        "inception_3a/5x5",
        "inception_3a/pool_proj",
    )
    # conv1/… and conv2/… layers were folded into one node each: no group for one node
    assert {g.id for g in graph.groups} == {"pool1", "inception_3a"}
    members = [node.id for node in graph.members("inception_3a")]
    assert len(members) == 8 and members[-1] == "inception_3a/output"
    norm = graph.node("pool1/norm1")
    assert (norm.op, norm.category, norm.attrs["size"], norm.attrs["beta"]) == (
        "lrn",
        "normalization",
        5,
        0.75,
    )


def test_old_layers_syntax_and_phases() -> None:
    graph = load_prototxt_text(F.V1_TRAIN_VAL, "train_val.prototxt")
    assert [node.id for node in graph.nodes] == [
        "data", "conv1", "pool1", "fc8", "accuracy", "loss"
    ]  # fmt: skip
    data = graph.node("data")
    assert [t.shape for t in data.outputs] == [(None, 227, 227), ()]
    assert graph.node("conv1").outputs[0].shape == (96, 55, 55)
    assert graph.node("conv1").activation == "relu"
    assert graph.node("loss").category == "output"
    accuracy_inputs = [(e.source, e.source_port) for e in graph.edges if e.target == "accuracy"]
    assert accuracy_inputs == [("fc8", 0), ("data", 1)]


@pytest.mark.parametrize(
    ("size", "kernel", "stride", "pad", "ceil", "expected"),
    [
        (112, 3, 2, 0, True, 56),
        (112, 3, 2, 0, False, 55),
        (5, 2, 2, 1, True, 3),
        (7, 7, 1, 0, True, 1),
    ],
)
def test_pooling_rounds_like_caffe(
    size: int, kernel: int, stride: int, pad: int, ceil: bool, expected: int
) -> None:
    assert pool_size(size, kernel, stride, pad, ceil) == expected


def test_legacy_input_dim_and_list_values() -> None:
    text = 'input: "data"\ninput_dim: 1\ninput_dim: 3\ninput_dim: 8\ninput_dim: 8\n'
    graph = load_prototxt_text(text + _conv("c", "data", "num_output: 4 kernel_size: [3, 3]"))
    assert graph.node("c").outputs[0].shape == (4, 6, 6)


def _conv(name: str, bottom: str, param: str) -> str:
    return (
        f'layer {{ name: "{name}" type: "Convolution" bottom: "{bottom}" top: "{name}"\n'
        f"  convolution_param {{ {param} }} }}\n"
    )


def test_text_format_comments_strings_and_angle_brackets() -> None:
    text = (
        "# a comment\n"
        'input: "da" "ta"  # adjacent strings join\n'
        "input_shape < dim: 1 dim: 2 dim: 4 dim: 4 >\n"
        'layer: { name: \'r\'; type: "TanH", bottom: "data" top: "r" }\n'
    )
    graph = load_prototxt_text(text)
    assert graph.name == "Caffe net"
    assert graph.node("r").op == "tanh" and graph.predecessors("r") == ("data",)


def test_unknown_layer_type_suggests_the_known_one() -> None:
    text = HEADER + 'layer {\n  name: "c"\n    type: "Convolutoin"\n  bottom: "data" top: "c"\n}\n'
    with pytest.raises(UnknownNameError) as caught:
        load_prototxt_text(text, "net.prototxt")
    assert str(caught.value) == (
        "net.prototxt:6:5: unknown layer type 'Convolutoin' (did you mean 'Convolution'?)"
    )


def test_slice_and_crop_shapes() -> None:
    text = HEADER + (
        'layer { name: "s" type: "Slice" bottom: "data" top: "s1" top: "s2"\n'
        "  slice_param { axis: 1 slice_point: 1 } }\n"
        'layer { name: "even" type: "Slice" bottom: "data" top: "e1" top: "e2"\n'
        "  slice_param { axis: 2 } }\n"
        'layer { name: "c" type: "Crop" bottom: "s2" bottom: "e1" top: "c" }\n'
    )
    graph = load_prototxt_text(text)
    assert [t.shape for t in graph.node("s").outputs] == [(1, 32, 32), (2, 32, 32)]
    assert [t.shape for t in graph.node("even").outputs] == [(3, 16, 32), (3, 16, 32)]
    assert graph.node("c").outputs[0].shape == (2, 16, 32)
    crop_inputs = [(e.source, e.source_port) for e in graph.edges if e.target == "c"]
    assert crop_inputs == [("s", 1), ("even", 0)]


def test_python_layers_show_their_class() -> None:
    text = HEADER + (
        'layer { name: "p" type: "Python" bottom: "data" top: "p"\n'
        '  python_param { module: "rpn" layer: "ProposalLayer" } }\n'
    )
    assert load_prototxt_text(text).node("p").attrs["type"] == "ProposalLayer"


def test_unknown_layer_type_far_from_any_is_drawn_with_a_warning() -> None:
    text = HEADER + 'layer { name: "w" type: "WarpAffineXYZ" bottom: "data" top: "w" }\n'
    with pytest.warns(UserWarning, match="layer type 'WarpAffineXYZ' is not known to nnviz"):
        graph = load_prototxt_text(text, "net.prototxt")
    warp = graph.node("w")
    assert warp.op == "custom" and warp.attrs["type"] == "WarpAffineXYZ"
    assert warp.outputs[0].shape == (3, 32, 32)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('layer {\n  name: "a"\n', "<string>:1:7: missing '}' to close the message opened here"),
        ('layer {\n  name "a" }', "<string>:2:8: expected ':' or '{' after 'name', got '\"a\"'"),
        ("layer { name: }", "<string>:1:15: expected a value for 'name', got '}'"),
        (
            'name: "a\n"',
            '<string>:1:7: unterminated string starting with "; close it on the same line',
        ),
        ("name: @", "<string>:1:7: unexpected character '@'"),
    ],
)
def test_syntax_errors_are_located(text: str, message: str) -> None:
    with pytest.raises(SpecSyntaxError) as caught:
        load_prototxt_text(text)
    assert str(caught.value) == message


def test_unknown_bottom_is_located_with_a_suggestion() -> None:
    text = HEADER + 'layer { name: "r" type: "ReLU" bottom: "dta" top: "r" }\n'
    with pytest.raises(ReferenceError) as caught:
        load_prototxt_text(text, "net.prototxt")
    assert str(caught.value) == (
        "net.prototxt:4:1: layer 'r': bottom 'dta' is not the top of any earlier layer "
        "(did you mean 'data'?)"
    )


def test_concat_of_mismatched_shapes_is_located() -> None:
    text = HEADER + _conv("a", "data", "num_output: 4 kernel_size: 3")
    text += 'layer { name: "j" type: "Concat" bottom: "data" bottom: "a" top: "j" }\n'
    with pytest.raises(ShapeError) as caught:
        load_prototxt_text(text, "net.prototxt")
    assert str(caught.value) == (
        "net.prototxt:6:1: Concat 'j': bottom shapes [3, 32, 32] (from 'data'), "
        "[4, 30, 30] (from 'a') must agree except along axis 1"
    )


def test_convolution_without_num_output() -> None:
    with pytest.raises(ShapeError, match="4:1: layer 'c': convolution_param needs num_output"):
        load_prototxt_text(HEADER + _conv("c", "data", "kernel_size: 3"))


def test_input_without_dimensions() -> None:
    with pytest.raises(SpecValueError, match="1:1: input 'data' has no dimensions; add"):
        load_prototxt_text('input: "data"\n')


@pytest.mark.parametrize("style", ["graph", "block", "lenet"])
@pytest.mark.parametrize("name", ["LENET", "INCEPTION", "V1_TRAIN_VAL"])
def test_fixtures_render_in_every_style(name: str, style: str) -> None:
    graph = load_prototxt_text(getattr(F, name), f"{name.lower()}.prototxt")
    svg = nnviz_core.render(graph, style).svg
    assert svg.startswith("<svg")
    assert nnviz_core.render(load_prototxt_text(getattr(F, name)), style).svg.startswith("<svg")


def test_lenet_renders_as_neurons() -> None:
    svg = nnviz_core.render(load_prototxt_text(F.LENET), "fcnn").svg
    assert "<circle" in svg


def test_files_and_missing_files(tmp_path: Path) -> None:
    path = tmp_path / "lenet.prototxt"
    path.write_text(F.LENET, encoding="utf-8")
    assert load_prototxt(path) == load_prototxt_text(F.LENET, str(path))
    with pytest.raises(SourceError, match=r"nope\.prototxt: no such file"):
        load_prototxt(tmp_path / "nope.prototxt")


@pytest.mark.parametrize(
    ("transform", "channels"),
    [
        ("crop_size: 227 mean_value: 104 mean_value: 117 mean_value: 123", 3),
        ("crop_size: 227 mean_value: 104", None),  # one value for every channel: unknown
        ("crop_size: 227 force_gray: true", 1),
        ("crop_size: 227 force_color: true mean_value: 128", 3),
        ("crop_size: 227", None),
    ],
)
def test_a_data_layer_takes_its_channels_from_its_mean_values(
    transform: str, channels: int | None
) -> None:
    text = F.V1_TRAIN_VAL.replace(
        "transform_param { crop_size: 227 }", f"transform_param {{ {transform} }}"
    )
    graph = load_prototxt_text(text, "train_val.prototxt")
    assert graph.node("data").outputs[0].shape == (channels, 227, 227)
    conv1 = graph.node("conv1")
    assert conv1.inputs[0].shape == (channels, 227, 227)
    if channels is not None:  # weights are counted once the channels are known
        assert conv1.params == 96 * channels * 11 * 11 + 96
