"""The ``nnviz`` command on models: render, validate and export-spec, run as users run them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import nnviz_core

pytestmark = [pytest.mark.torch, pytest.mark.keras, pytest.mark.onnx]

MODELS = Path(__file__).parent / "models"


def _nnviz(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "nnviz_core", *args]
    return subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True)


def test_render_a_factory_with_model_args_and_input_shape(
    tmp_path: Path, child_env: dict[str, str]
) -> None:
    result = _nnviz(
        "render", "nnviz_testmodels.torch_nets:build_mlp", "--model-args", '{"classes": 7}',
        "--input-shape", "1,8", "-o", "mlp.svg", "-O", "show_shapes=true",
        env=child_env, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    svg = (tmp_path / "mlp.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "hidden" in svg and "16 → 7" in svg


def test_the_current_directory_is_importable_like_python_m(
    tmp_path: Path, child_env: dict[str, str]
) -> None:
    shutil.copytree(MODELS / "nnviz_testmodels", tmp_path / "nnviz_testmodels")
    env = {**child_env, "PYTHONPATH": ""}
    script = Path(sys.executable).with_name("nnviz")
    command = [str(script), "validate", "nnviz_testmodels.torch_nets:MLP", "--input-shape", "1,8"]
    result = subprocess.run(command, env=env, cwd=tmp_path, capture_output=True, text=True)
    assert result.stdout == "nnviz_testmodels.torch_nets:MLP: ok: MLP, 3 layers, 195 parameters\n"


def test_example_inputs_and_model_files(tmp_path: Path, child_env: dict[str, str]) -> None:
    from nnviz_testmodels.torch_nets import export_onnx

    export_onnx(str(tmp_path / "mlp.onnx"))
    result = _nnviz(
        "validate", str(MODELS / "net.prototxt"), "nnviz_testmodels.keras_nets:classifier",
        "mlp.onnx", env=child_env, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"{MODELS / 'net.prototxt'}: ok: TinyCaffe, 3 layers, 11,738 parameters",
        "nnviz_testmodels.keras_nets:classifier: ok: tiny_classifier, 5 layers, 43,706 parameters",
        "mlp.onnx: ok: mlp, 3 layers, 229 parameters",
    ]
    result = _nnviz(
        "render", "nnviz_testmodels.torch_nets:Embedder", "-f", "dot",
        "--example-inputs", "nnviz_testmodels.torch_nets:token_ids",
        env=child_env, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("digraph") and "embed" in result.stdout


def test_errors_name_the_source_and_exit_1(tmp_path: Path, child_env: dict[str, str]) -> None:
    result = _nnviz(
        "render", "nnviz_testmodels.broken:failing_factory", "--model-args", '{"size": 2}',
        env=child_env, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr == (
        "nnviz: error: model 'nnviz_testmodels.broken:failing_factory': calling it with "
        "model_args size=2 raised ValueError: no pretrained weights for size 2\n"
    )


def test_export_spec_writes_a_spec_that_validates(
    tmp_path: Path, child_env: dict[str, str]
) -> None:
    result = _nnviz(
        "export-spec", "nnviz_testmodels.keras_nets:build_classifier", "--model-args",
        '{"classes": 4}', "-o", "spec/classifier.yaml", env=child_env, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "spec" / "classifier.yaml").read_text(encoding="utf-8")
    assert "name: tiny_classifier\n" in text
    assert "- {id: logits, dense: {units: 4, activation: softmax}}" in text
    graph = nnviz_core.load(tmp_path / "spec" / "classifier.yaml")
    assert graph.name == "tiny_classifier" and graph.total_params == 43_508


def test_located_file_errors_name_the_file_once(tmp_path: Path, child_env: dict[str, str]) -> None:
    net = tmp_path / "net.prototxt"
    net.write_text(
        'input: "data"\ninput_dim: 1\ninput_dim: 1\ninput_dim: 28\ninput_dim: 28\n'
        'layer {\n  name: "c"\n  type: "Convolutoin"\n  bottom: "data"\n  top: "c"\n}\n'
    )
    result = _nnviz("render", "net.prototxt", env=child_env, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == (
        "nnviz: error: net.prototxt:8:3: unknown layer type 'Convolutoin' "
        "(did you mean 'Convolution'?)\n"
    )
