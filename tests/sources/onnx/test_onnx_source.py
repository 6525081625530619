"""The ONNX source: fixture models exported from PyTorch in the test, then drawn."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import onnx
import onnx_fixtures as F
import pytest
import scene_checks

import nnviz_core
from nnviz_core.detail import CARD_BUDGET
from nnviz_core.errors import MissingDependencyError, SourceError
from nnviz_core.ir import Graph, TensorSpec
from nnviz_core.ir.transforms import collapse
from nnviz_core.sources.onnx_model import load_onnx, load_onnx_file
from nnviz_core.sources.onnx_model.names import scope_name

pytestmark = [pytest.mark.onnx, pytest.mark.torch]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, object]]:
    folder = tmp_path_factory.mktemp("onnx")
    return {name: F.export(name, folder) for name in F.MODELS}


def _ops(graph: Graph) -> list[str]:
    return [node.op for node in graph.nodes]


def _shapes(graph: Graph) -> dict[str, tuple[object, ...]]:
    return {node.id: node.outputs[0].shape for node in graph.nodes}


def test_mlp_maps_gemm_to_dense(exported: dict[str, tuple[Path, object]]) -> None:
    graph = load_onnx_file(exported["mlp"][0])
    assert _ops(graph) == ["input", "dense", "relu", "dense", "softmax"]
    hidden = graph.node("hidden")
    assert hidden.attrs["units"] == 32 and hidden.attrs["use_bias"] is True
    assert hidden.params == 20 * 32 + 32 and hidden.trainable is True
    assert graph.nodes[0].outputs[0].shape == (20,)  # batch axis left out
    assert graph.nodes[-1].attrs["axis"] == 0 and graph.nodes[-1].activation == "softmax"
    assert graph.name == "mlp"


def test_cnn_shapes_attributes_and_params(exported: dict[str, tuple[Path, object]]) -> None:
    path, model = exported["cnn"]
    graph = load_onnx_file(path)
    assert _ops(graph) == [
        "input", "conv2d", "batchnorm", "relu", "maxpool2d", "conv2d", "relu", "reshape", "dense"
    ]  # fmt: skip
    assert _shapes(graph)["conv"] == (8, 14, 14)
    assert _shapes(graph)["pool"] == (8, 7, 7)
    assert _shapes(graph)["conv2"] == (16, 3, 3)
    assert _shapes(graph)["fc"] == (10,)
    conv2 = graph.node("conv2")
    assert conv2.attrs["filters"] == 16 and conv2.attrs["kernel"] == (3, 3)
    assert conv2.attrs["strides"] == (2, 2) and conv2.attrs["padding"] == "valid"
    assert graph.node("conv").attrs["padding"] == (1, 1)
    assert graph.node("pool").attrs["pool_size"] == (2, 2)
    params, buffers = F.torch_params(model)  # type: ignore[arg-type]
    assert graph.trainable_params == params
    assert graph.total_params == params + buffers
    assert graph.node("bn").non_trainable_params == buffers


def test_plumbing_hidden_by_default(exported: dict[str, tuple[Path, object]]) -> None:
    graph = load_onnx_file(exported["cnn"][0])
    assert not {"Shape", "Gather", "Unsqueeze", "Concat", "Constant"} & _custom_types(graph)
    reshape = next(node for node in graph.nodes if node.op == "reshape")
    assert graph.predecessors(reshape.id) == ("relu_2",)
    assert reshape.attrs["target_shape"] == (144,)


def test_plumbing_shown_on_request(exported: dict[str, tuple[Path, object]]) -> None:
    graph = load_onnx_file(exported["cnn"][0], show_plumbing=True)
    assert {"Shape", "Gather"} <= _custom_types(graph)
    reshape = next(
        node for node in graph.nodes if node.op == "reshape" and node.name.startswith("reshape")
    )
    assert len(graph.predecessors(reshape.id)) == 2  # the data and the computed shape
    assert graph.trainable_params == load_onnx_file(exported["cnn"][0]).trainable_params


def _custom_types(graph: Graph) -> set[str]:
    return {str(node.attrs["type"]) for node in graph.nodes if node.op == "custom"}


def test_residual_add_has_both_inputs(exported: dict[str, tuple[Path, object]]) -> None:
    graph = load_onnx_file(exported["residual"][0])
    add = next(node for node in graph.nodes if node.op == "add")
    assert sorted(graph.predecessors(add.id)) == ["conv2", "x"]
    assert [t.shape for t in add.inputs] == [(8, 6, 6), (8, 6, 6)]
    pool = next(node for node in graph.nodes if node.op == "global_avgpool2d")
    assert pool.outputs[0].shape == (8, 1, 1) and pool.attrs["keepdims"] is True


def test_branches_concatenate_on_channels(exported: dict[str, tuple[Path, object]]) -> None:
    graph = load_onnx_file(exported["branches"][0])
    concat = next(node for node in graph.nodes if node.op == "concat")
    assert concat.attrs["axis"] == 0
    assert concat.outputs[0].shape == (24, 5, 5)
    assert graph.predecessors(concat.id) == ("a", "b", "c")
    assert graph.successors("x") == ("a", "b", "c")


def test_lstm_units_shapes_and_params(exported: dict[str, tuple[Path, object]]) -> None:
    path, model = exported["lstm"]
    graph = load_onnx_file(path)
    lstm = graph.node("lstm")
    assert lstm.op == "lstm" and lstm.attrs["units"] == 24
    assert lstm.attrs["return_sequences"] is True and lstm.attrs["bidirectional"] is False
    assert lstm.inputs[0].shape == (7, 12)  # steps × features, batch left out
    # steps × (directions · units); the unread hidden and cell states are not shown
    assert [t.shape for t in lstm.outputs] == [(7, 24)]
    assert graph.trainable_params == F.torch_params(model)[0]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("raw", "op_type", "expected"),
    [
        ("/layer1/layer1.0/conv1/Conv", "Conv", "layer1.0.conv1"),
        ("/enc/layers.0/self_attn/MatMul_1", "MatMul", "enc.layers.0.self_attn"),
        ("/Relu", "Relu", None),
        ("Conv_12", "Conv", None),
    ],
)
def test_scope_names(raw: str, op_type: str, expected: str | None) -> None:
    assert scope_name(raw, op_type) == expected


def test_transformer_encoder(exported: dict[str, tuple[Path, object]]) -> None:
    path, model = exported["transformer"]
    graph = load_onnx_file(path)
    assert graph.nodes[0].outputs[0] == TensorSpec((6,), "int64")
    emb = graph.node("emb")
    assert emb.op == "embedding" and emb.attrs["input_dim"] == 100
    assert emb.outputs[0].shape == (6, 16)
    assert [n.op for n in graph.nodes].count("layernorm") == 4
    assert graph.trainable_params == F.torch_params(model)[0]  # type: ignore[arg-type]
    # torch exports a Linear on a sequence as MatMul + Add: drawn as one dense layer with bias
    linear1 = graph.node("enc.layers.0.linear1")
    assert linear1.op == "dense" and linear1.attrs["use_bias"] is True
    assert linear1.params == 16 * 32 + 32
    assert not any(n.params for n in graph.nodes if n.op == "custom")


def test_module_scopes_become_nested_groups(exported: dict[str, tuple[Path, object]]) -> None:
    graph = load_onnx_file(exported["transformer"][0])
    groups = {group.id: (group.label, group.parent, group.kind) for group in graph.groups}
    assert groups == {  # the two alike layers make ``enc`` a repeat of two iterations
        "module:enc": ("enc", None, "repeat"),
        "module:enc.layers.0": ("layers.0", "module:enc", "iteration"),
        "module:enc.layers.0.self_attn": ("self_attn", "module:enc.layers.0", "submodel"),
        "module:enc.layers.1": ("layers.1", "module:enc", "iteration"),
        "module:enc.layers.1.self_attn": ("self_attn", "module:enc.layers.1", "submodel"),
    }
    assert graph.group("module:enc").count == 2
    assert graph.node("enc.layers.0.linear1").group == "module:enc.layers.0"
    assert graph.node("head").group is None
    # scopes holding a single node (conv, bn, fc in the CNN) are no groups
    assert load_onnx_file(exported["cnn"][0]).groups == ()


def test_depth_collapses_module_groups(exported: dict[str, tuple[Path, object]]) -> None:
    graph = load_onnx_file(exported["transformer"][0])
    collapsed = collapse(graph, 1)  # enc (a repeat) is level 1, self_attn level 2
    attention = collapsed.node("module:enc.layers.0.self_attn")
    assert attention.params == 16 * 48 + 48 + 16 * 16 + 16
    assert nnviz_core.render(graph, "graph", depth=1).svg.count("self_attn") >= 2


def test_the_first_view_folds_the_layers_and_closes_the_attention(
    exported: dict[str, tuple[Path, object]],
) -> None:
    graph = load_onnx_file(exported["transformer"][0])
    assert len(graph.nodes) == 68  # the two layers fold into one, marked ×2
    diagram = nnviz_core.render(graph, "graph")
    drawn = {str(item.layer) for item in scene_checks.with_role(diagram.scene.items, "layer")}
    assert len(drawn) == 12 <= CARD_BUDGET and "×2" in diagram.svg
    # the attention, its q/k/v side by side too wide for the page, is one card
    assert {"module:enc.layers.0.self_attn", "enc.layers.0.linear1"} <= drawn
    assert not any(layer.startswith("enc.layers.1") for layer in drawn)
    full = nnviz_core.render(graph, "graph", detail="full").scene
    assert len({str(i.layer) for i in scene_checks.with_role(full.items, "layer")}) == 68


@pytest.mark.parametrize("style", ["graph", "block", "lenet", "fcnn"])
@pytest.mark.parametrize("name", sorted(F.MODELS))
def test_every_fixture_renders_in_every_style(
    exported: dict[str, tuple[Path, object]], name: str, style: str
) -> None:
    graph = load_onnx_file(exported[name][0])
    svg = nnviz_core.render(graph, style).svg
    assert svg.startswith("<svg") and "</svg>" in svg
    assert nnviz_core.render(load_onnx_file(exported[name][0]), style).svg == svg


def test_if_branches_become_groups() -> None:
    graph = load_onnx(F.branching_model(), name="Branching")
    assert graph.name == "Branching"
    groups = {group.id: group.label for group in graph.groups}
    assert groups == {
        "choose.then_branch": "choose · then_branch",
        "choose.else_branch": "choose · else_branch",
    }
    assert graph.node("then_relu").group == "choose.then_branch"
    assert graph.predecessors("then_relu") == ("x",)  # the captured outer value
    assert set(graph.predecessors("choose")) == {"positive", "then_relu", "else_sigmoid"}
    assert graph.node("choose").outputs[0].shape == (4,)
    nnviz_core.render(graph, "graph")


def test_loop_body_becomes_a_group() -> None:
    graph = load_onnx(F.looping_model())
    assert [(group.id, group.label) for group in graph.groups] == [("repeat.body", "repeat · body")]
    accumulate = graph.node("accumulate")
    assert accumulate.op == "add" and accumulate.group == "repeat.body"
    assert set(graph.predecessors("accumulate")) == {"start", "x"}  # carried value and capture
    assert graph.predecessors("repeat") == ("start", "accumulate")
    assert "keep_going" not in {node.id for node in graph.nodes}  # the condition is plumbing
    nnviz_core.render(graph, "graph")


def test_model_proto_is_left_unchanged() -> None:
    model = F.branching_model()
    before = model.SerializeToString()
    load_onnx(model)
    assert model.SerializeToString() == before


def test_unknown_op_is_a_generic_node_with_a_warning() -> None:
    with pytest.warns(UserWarning, match="op 'FancyWarp' from domain 'com.example' has no nnviz"):
        graph = load_onnx(F.custom_op_model())
    warp = graph.node("warp")
    assert warp.op == "custom" and warp.attrs["type"] == "FancyWarp"
    assert graph.predecessors("warp") == ("relu",)


def test_standard_ops_without_equivalent_do_not_warn(
    exported: dict[str, tuple[Path, object]],
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        graph = load_onnx_file(exported["branches"][0])
    assert "ReduceMean" in _custom_types(graph)


def test_external_data_is_never_loaded(
    tmp_path: Path, exported: dict[str, tuple[Path, object]]
) -> None:
    model = onnx.load(str(exported["cnn"][0]))
    target = tmp_path / "external.onnx"
    onnx.save_model(
        model, str(target), save_as_external_data=True, location="weights.bin", size_threshold=0
    )
    (tmp_path / "weights.bin").unlink()  # loading it would now fail
    graph = load_onnx_file(target)
    assert graph.trainable_params == load_onnx_file(exported["cnn"][0]).trainable_params


def test_a_file_that_is_not_onnx(tmp_path: Path) -> None:
    bogus = tmp_path / "model.onnx"
    bogus.write_bytes(b"\x08\x07 this is not protobuf \xff\xff\xff")
    with pytest.raises(SourceError) as caught:
        load_onnx_file(bogus)
    message = str(caught.value)
    assert message.startswith(f"{bogus}: not an ONNX model: ")
    assert len(message) > len(f"{bogus}: not an ONNX model: ") + 5  # onnx's own words follow


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"missing\.onnx: no such file"):
        load_onnx_file(tmp_path / "missing.onnx")


def test_missing_onnx_names_the_extra(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "onnx", None)
    with pytest.raises(MissingDependencyError) as caught:
        load_onnx_file(tmp_path / "model.onnx")
    assert str(caught.value) == (
        "Drawing an ONNX model needs the optional dependency 'onnx', which is not installed; "
        'install it with: pip install "nnviz-docs[onnx]"'
    )


@pytest.mark.parametrize("depth", [0, 1, 2, 3, None])
def test_fcnn_draws_the_transformer_at_every_depth(
    exported: dict[str, tuple[Path, object]], depth: int | None
) -> None:
    # Layers left on both sides of a collapsed attention group (joined by its residual) made
    # one box that fed the attention box and was fed by it: circular links, a bare KeyError.
    from nnviz_core.styles.fcnn import FcnnOptions
    from nnviz_core.styles.fcnn.place import topological
    from nnviz_core.styles.fcnn.regions import make_plan

    graph = load_onnx_file(exported["transformer"][0])
    plan = make_plan(graph, FcnnOptions(depth=depth, fold_repeats=False))
    assert len(topological(plan)) == len(plan.order)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        scene = nnviz_core.render(graph, "fcnn", depth=depth, fold_repeats=False).scene
    assert scene.width > 0
