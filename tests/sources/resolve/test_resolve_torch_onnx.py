"""PyTorch, ONNX and Caffe models through the API: classes, factories, example inputs, files."""

from __future__ import annotations

from pathlib import Path

import pytest
import scene_checks

import nnviz_core
from nnviz_core.errors import OptionError, SourceError
from nnviz_core.export_spec import export_spec
from nnviz_core.sources.yaml_spec import load_text

pytestmark = [pytest.mark.torch, pytest.mark.onnx]

PROTOTXT = Path(__file__).parent / "models" / "net.prototxt"


def _summary(graph: nnviz_core.Graph) -> list[tuple[str, tuple[int | None, ...], int]]:
    return [(n.op, n.outputs[0].shape, n.params) for n in graph.nodes]


@pytest.fixture
def onnx_file(tmp_path: Path) -> Path:
    """The MLP exported with the TorchScript exporter, as users' CI would export it."""
    from nnviz_testmodels.torch_nets import export_onnx

    return Path(export_onnx(str(tmp_path / "mlp.onnx")))


def test_a_class_is_built_with_model_args_and_traced_with_input_shape() -> None:
    graph = nnviz_core.load(
        "nnviz_testmodels.torch_nets:MLP", model_args={"classes": 5}, input_shape=(1, 8)
    )
    assert _summary(graph) == [
        ("input", (8,), 0),
        ("dense", (16,), 144),
        ("relu", (16,), 0),
        ("dense", (5,), 85),
    ]


def test_factories_instances_live_models_and_classes_agree() -> None:
    from nnviz_testmodels.torch_nets import MLP, mlp

    expected = _summary(nnviz_core.load("nnviz_testmodels.torch_nets:build_mlp", input_shape="1,8"))
    assert _summary(nnviz_core.load("nnviz_testmodels.torch_nets:mlp", input_shape="1,8")) == (
        expected
    )
    assert _summary(nnviz_core.load(mlp, input_shape="1,8")) == expected
    assert _summary(nnviz_core.load(MLP, input_shape="1,8")) == expected


def test_example_inputs_come_from_an_import_path_or_real_tensors() -> None:
    import torch

    by_path = nnviz_core.load(
        "nnviz_testmodels.torch_nets:Embedder",
        example_inputs="nnviz_testmodels.torch_nets:token_ids",
    )
    by_tensor = nnviz_core.load(
        "nnviz_testmodels.torch_nets:Embedder",
        example_inputs=(torch.zeros(1, 12, dtype=torch.int64),),
    )
    assert _summary(by_path) == _summary(by_tensor)
    assert by_path.nodes[0].outputs[0].dtype == "int64" and by_path.total_params == 800 + 36


def test_a_raising_example_inputs_function_names_its_path() -> None:
    with pytest.raises(SourceError) as caught:
        nnviz_core.load(
            "nnviz_testmodels.torch_nets:MLP",
            example_inputs="nnviz_testmodels.broken:failing_factory",
        )
    assert str(caught.value) == (
        "example_inputs 'nnviz_testmodels.broken:failing_factory': calling it raised "
        "ValueError: no pretrained weights for size 3"
    )


def test_a_raising_forward_names_the_model_once_and_quotes_the_error() -> None:
    with pytest.raises(SourceError) as caught:
        nnviz_core.load("nnviz_testmodels.torch_nets:Exploding", input_shape="1,4")
    assert str(caught.value).startswith(
        "nnviz_testmodels.torch_nets:Exploding: forward() raised RuntimeError: "
        "expected 3 channels, got 4"
    )


def test_a_raising_live_module_and_factory_keep_every_name_they_add() -> None:
    from nnviz_testmodels.torch_nets import Exploding

    with pytest.raises(SourceError) as caught:
        nnviz_core.load(Exploding(), input_shape="1,4")
    assert str(caught.value).startswith("Exploding object: forward() raised RuntimeError: ")
    with pytest.raises(SourceError) as caught:
        nnviz_core.load("nnviz_testmodels.torch_nets:make_exploding", input_shape="1,4")
    assert str(caught.value).startswith(
        "nnviz_testmodels.torch_nets:make_exploding: Exploding: forward() raised RuntimeError: "
    )


def test_an_onnx_file_and_a_loaded_model_proto(onnx_file: Path) -> None:
    import onnx

    from_file = nnviz_core.load(onnx_file)
    assert [op for op, _, _ in _summary(from_file)] == ["input", "dense", "relu", "dense"]
    assert from_file.total_params == (8 * 16 + 16) + (16 * 5 + 5)
    proto = onnx.load(str(onnx_file))
    assert _summary(nnviz_core.load(proto)) == _summary(from_file)
    with pytest.raises(OptionError) as caught:
        nnviz_core.load(onnx_file, input_shape="1,8")
    assert str(caught.value) == (
        f"{onnx_file}: input_shape does not apply to a .onnx file; it takes only show_plumbing"
    )


@pytest.mark.parametrize("style", ["graph", "block", "lenet", "fcnn"])
def test_every_style_draws_each_framework(style: str, onnx_file: Path) -> None:
    for source, options in (
        ("nnviz_testmodels.torch_nets:MLP", {"input_shape": "1,8"}),
        (onnx_file, {}),
        (PROTOTXT, {}),
    ):
        if style == "fcnn" and source == PROTOTXT:
            continue  # fcnn draws fully connected nets only; it refuses this CNN by design
        diagram = nnviz_core.render(source, style, **options)
        assert diagram.svg.startswith("<svg")
        scene_checks.assert_inside_canvas(diagram.scene)
        scene_checks.assert_no_overlap(diagram.scene, "layer")


def test_exported_specs_load_into_the_same_networks(onnx_file: Path) -> None:
    for graph in (
        nnviz_core.load("nnviz_testmodels.torch_nets:MLP", input_shape="1,8"),
        nnviz_core.load(onnx_file),
    ):
        again = load_text(export_spec(graph))
        assert _summary(again) == _summary(graph), graph.name
        assert len(again.edges) == len(graph.edges)


def test_a_layer_the_catalogue_cannot_reproduce_is_exported_as_custom() -> None:
    """Caffe's InnerProduct flattens its input itself; the catalogue's dense does not."""
    graph = nnviz_core.load(PROTOTXT)
    text = export_spec(graph)
    assert "- {id: fc, custom: {type: dense, params: 11530}, output_shape: [10], " in text
    again = load_text(text)
    assert [(s, p) for _, s, p in _summary(again)] == [(s, p) for _, s, p in _summary(graph)]
