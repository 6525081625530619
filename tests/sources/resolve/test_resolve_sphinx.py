"""``:model:`` in a real Sphinx build: every framework, models on sys.path, errors located."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

pytestmark = [pytest.mark.keras, pytest.mark.torch, pytest.mark.onnx]

CONF = """\
import os
import sys

sys.path.insert(0, {models!r})
os.environ.setdefault("KERAS_BACKEND", "torch")
extensions = ["sphinx_nnviz"]
project = "models"
"""

INDEX = """\
Models
======

.. nnviz::
   :model: nnviz_testmodels.keras_nets:build_classifier
   :model-args: {"classes": 3}
   :style: block
   :caption: A Keras classifier.

.. nnviz::
   :model: nnviz_testmodels.keras_nets:unbuilt
   :input-shape: 1, 8

.. nnviz::
   :model: nnviz_testmodels.broken:failing_factory
   :model-args: {"size": 5}

.. nnviz::
   :model: nnviz_testmodels.keras_nets:classifier
   :model-args: {"classes": [1, 2}

.. nnviz::
   :model: net.h5

.. nnviz::
   :model: nnviz_testmodels.torch_nets:MLP
   :input-shape: 1, 8
   :style: fcnn

.. nnviz::
   :model: mlp.onnx
   :style: lenet

.. nnviz::
   :model: net.prototxt
   :style: graph
"""


def _build(tmp_path: Path, models: Path) -> tuple[int, list[str], str]:
    source = tmp_path / "docs"
    source.mkdir()
    (source / "conf.py").write_text(CONF.format(models=str(models)), encoding="utf-8")
    (source / "index.rst").write_text(INDEX, encoding="utf-8")
    (source / "net.prototxt").write_bytes((models / "net.prototxt").read_bytes())
    from nnviz_testmodels.torch_nets import export_onnx

    export_onnx(str(source / "mlp.onnx"))
    warnings = tmp_path / "warnings.txt"
    status = build_main(
        ["-q", "-b", "html", "-w", str(warnings), str(source), str(tmp_path / "out")]
    )
    lines = warnings.read_text(encoding="utf-8").replace(f"{source}/", "").splitlines()
    return status, lines, (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


def test_models_render_and_errors_are_warnings_at_their_directive(tmp_path: Path) -> None:
    status, warnings, html = _build(tmp_path, Path(__file__).parent / "models")
    assert status == 0
    assert warnings == [
        "index.rst:14: WARNING: model 'nnviz_testmodels.broken:failing_factory': calling it "
        "with model_args size=5 raised ValueError: no pretrained weights for size 5 "
        "[nnviz.source]",
        "index.rst:18: WARNING: model_args: expects a JSON object such as "
        "{\"num_classes\": 10} (Expecting ',' delimiter: line 1 column 18 (char 17)) "
        "[nnviz.render]",
        "index.rst:22: WARNING: net.h5: unsupported file type '.h5'; expected "
        ".yaml, .yml, .onnx, .keras, .prototxt [nnviz.source]",
    ]
    assert html.count('<div class="nnviz') == 5
    assert "A Keras classifier." in html and "d2" in html and "TinyCaffe" in html
