"""Every way a model source can fail is one error naming the path or file, quoting the cause."""

from __future__ import annotations

from pathlib import Path

import pytest

import nnviz_core
from nnviz_core.errors import OptionError, SourceError
from nnviz_core.sources.resolve import is_import_path, load_model, model_inputs


def test_import_paths_are_told_apart_from_yaml_text_and_files() -> None:
    assert is_import_path("pkg.models:build")
    assert is_import_path("pkg:Net.variant")
    assert not is_import_path("name: LeNet")
    assert not is_import_path("pkg.models")
    assert not is_import_path("C:/models/net.onnx")


def test_a_missing_module_names_the_path_and_the_fix() -> None:
    with pytest.raises(SourceError) as caught:
        nnviz_core.load("nnviz_no_such_package.models:build")
    assert str(caught.value) == (
        "model 'nnviz_no_such_package.models:build': no module named 'nnviz_no_such_package'; "
        "check the spelling, and that its package is installed or its directory is on sys.path "
        "(PYTHONPATH, or sys.path in Sphinx's conf.py)"
    )


def test_a_module_failing_on_import_is_quoted() -> None:
    with pytest.raises(SourceError) as caught:
        nnviz_core.load("nnviz_testmodels.fails_on_import:net")
    assert str(caught.value) == (
        "model 'nnviz_testmodels.fails_on_import:net': importing "
        "'nnviz_testmodels.fails_on_import' raised RuntimeError: database 'models' is not "
        "reachable"
    )


def test_a_missing_dependency_of_the_module_is_not_called_a_missing_module() -> None:
    with pytest.raises(SourceError) as caught:
        nnviz_core.load("nnviz_testmodels.needs_missing:net")
    assert str(caught.value) == (
        "model 'nnviz_testmodels.needs_missing:net': importing 'nnviz_testmodels.needs_missing' "
        "raised ModuleNotFoundError: No module named 'nnviz_dependency_that_is_not_installed'"
    )


def test_a_missing_attribute_suggests_the_closest_name() -> None:
    with pytest.raises(SourceError) as caught:
        nnviz_core.load("nnviz_testmodels.broken:failing_factori")
    assert str(caught.value) == (
        "model 'nnviz_testmodels.broken:failing_factori': 'nnviz_testmodels.broken' has no "
        "attribute 'failing_factori' (did you mean 'failing_factory'?)"
    )


def test_a_raising_factory_is_quoted_with_its_arguments() -> None:
    with pytest.raises(SourceError) as caught:
        nnviz_core.load("nnviz_testmodels.broken:failing_factory", model_args={"size": 7})
    assert str(caught.value) == (
        "model 'nnviz_testmodels.broken:failing_factory': calling it with model_args size=7 "
        "raised ValueError: no pretrained weights for size 7"
    )


def test_a_factory_with_wrong_arguments_is_quoted() -> None:
    with pytest.raises(SourceError, match=r"got an unexpected keyword argument 'colour'"):
        nnviz_core.load("nnviz_testmodels.broken:failing_factory", model_args='{"colour": 1}')


def test_something_that_is_not_a_model() -> None:
    with pytest.raises(SourceError) as caught:
        nnviz_core.load("nnviz_testmodels.broken:NUMBER")
    assert str(caught.value) == (
        "model 'nnviz_testmodels.broken:NUMBER' is a int, not a model, a model class or a "
        "function that builds one"
    )
    with pytest.raises(SourceError) as caught:
        nnviz_core.load("nnviz_testmodels.broken:returns_text")
    assert str(caught.value) == (
        "model 'nnviz_testmodels.broken:returns_text': calling it returned a str, not a "
        "PyTorch module, a Keras model or an ONNX model"
    )


def test_a_factory_may_return_a_graph() -> None:
    graph = nnviz_core.load("nnviz_testmodels.broken:graph_factory", model_args={"units": 6})
    assert graph.name == "handmade" and graph.nodes[0].outputs[0].shape == (6,)


def test_pickles_are_never_loaded(tmp_path: Path) -> None:
    checkpoint = tmp_path / "net.pt"
    checkpoint.write_bytes(b"\x80\x04not really")
    with pytest.raises(SourceError) as caught:
        nnviz_core.load(checkpoint)
    assert str(caught.value) == (
        f"{checkpoint}: .pt files are pickles, which nnviz never loads (unpickling runs "
        "arbitrary code); point at the code that builds the model instead, as "
        "package.module:attribute, or export it to ONNX"
    )


def test_model_files_must_exist_and_have_a_known_suffix(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"net\.onnx: no such file$"):
        nnviz_core.load(str(tmp_path / "net.onnx"))
    with pytest.raises(SourceError, match=r"net\.h5: unsupported file type '\.h5'; expected "):
        load_model(tmp_path / "net.h5")


def test_source_options_are_typed_with_clear_messages() -> None:
    typed = model_inputs({"model-args": '{"n": 3}', "input_shape": "1,8", "show_plumbing": "yes"})
    assert typed.model_args == {"n": 3} and typed.input_shape[0].shape == (1, 8)
    assert typed.show_plumbing is True
    with pytest.raises(OptionError) as caught:
        model_inputs({"model_args": "[1, 2]"})
    assert str(caught.value) == (
        'model_args: expects a JSON object such as {"num_classes": 10}, got [1, 2]'
    )
    with pytest.raises(OptionError, match=r"^model_args: expects a JSON object .* \(Expecting"):
        model_inputs({"model_args": "{n: 3}"})
    with pytest.raises(OptionError) as caught:
        model_inputs({"input_shap": "1,8"})
    assert str(caught.value) == (
        "unknown source option 'input_shap' (did you mean 'input_shape'?); known source "
        "options: model_args, input_shape, example_inputs, show_plumbing, name_groups"
    )


def test_source_options_do_not_apply_to_yaml_specs() -> None:
    with pytest.raises(OptionError) as caught:
        nnviz_core.render("examples/mlp.yaml", "graph", input_shape="1,784")
    assert str(caught.value) == (
        "input_shape applies to models (import paths, model files, live models), not to a "
        "YAML spec or a Graph; remove it"
    )


def test_a_changed_model_module_is_imported_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Long-running hosts (mkdocs serve, notebooks) draw the model as its code is now."""
    import os

    module = tmp_path / "nnviz_reload_probe.py"
    code = (
        "from nnviz_core.ir import Graph, Node, TensorSpec\n"
        "def build():\n"
        "    node = Node('x', 'input', 'x', 'input', outputs=(TensorSpec((4,)),))\n"
        "    return Graph({name!r}, (node,))\n"
    )
    module.write_text(code.format(name="first"), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert nnviz_core.load("nnviz_reload_probe:build").name == "first"
    module.write_text(code.format(name="second"), encoding="utf-8")
    later = module.stat().st_mtime + 10
    os.utime(module, (later, later))
    assert nnviz_core.load("nnviz_reload_probe:build").name == "second"
    assert nnviz_core.load("nnviz_reload_probe:build").name == "second"


def test_no_framework_is_imported_that_the_source_does_not_need() -> None:
    import subprocess
    import sys

    script = (
        "import sys, nnviz_core\n"
        f"nnviz_core.load({str(Path(__file__).parent / 'models' / 'net.prototxt')!r})\n"
        "try:\n"
        "    nnviz_core.load(object())\n"
        "except nnviz_core.NnvizError:\n"
        "    pass\n"
        "print(sorted(m for m in ('torch', 'keras', 'onnx', 'tensorflow') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.stdout == "[]\n", result.stderr


def test_a_dotted_attribute_may_name_a_submodule_not_yet_imported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sys

    import nnviz_testmodels

    monkeypatch.delitem(sys.modules, "nnviz_testmodels.broken", raising=False)
    monkeypatch.delattr(nnviz_testmodels, "broken", raising=False)
    graph = nnviz_core.load("nnviz_testmodels:broken.graph_factory", model_args={"units": 2})
    assert graph.name == "handmade"
