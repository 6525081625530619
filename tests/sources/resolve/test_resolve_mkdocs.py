"""``model=`` fences in a real ``mkdocs build --strict``, the models found through PYTHONPATH."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.keras, pytest.mark.torch, pytest.mark.onnx]

MODELS = Path(__file__).parent / "models"
CONFIG = """site_name: models
markdown_extensions:
  - pymdownx.superfences
plugins:
  - nnviz
"""
PAGE = """# Models

```nnviz model="nnviz_testmodels.keras_nets:build_classifier" model_args='{"classes": 3}'
```

```nnviz model="nnviz_testmodels.torch_nets:MLP" input_shape="1,8" style="fcnn" id="fig-mlp"
```

```nnviz model="net.prototxt" style="lenet"
```

```nnviz model="mlp.onnx" style="block" caption="ONNX"
```
"""
BROKEN = """# Broken

```nnviz model="nnviz_testmodels.torch_nets:Exploding" input_shape="1,4"
```
"""


def _mkdocs(tmp_path: Path, page: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "docs" / "index.md").write_text(page, encoding="utf-8")
    shutil.copy(MODELS / "net.prototxt", tmp_path / "docs" / "net.prototxt")
    from nnviz_testmodels.torch_nets import export_onnx

    export_onnx(str(tmp_path / "docs" / "mlp.onnx"))
    command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    return subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True)


def test_every_framework_draws_in_a_strict_build(tmp_path: Path, child_env: dict[str, str]) -> None:
    result = _mkdocs(tmp_path, PAGE, child_env)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert html.count('class="nnviz-figure') == 4 and 'id="fig-mlp"' in html
    assert "nnviz-error" not in html
    assert "TinyCaffe" in html or "conv1" in html


def test_a_forward_that_raises_fails_the_strict_build_at_its_line(
    tmp_path: Path, child_env: dict[str, str]
) -> None:
    result = _mkdocs(tmp_path, BROKEN, child_env)
    assert result.returncode == 1
    assert (
        "WARNING -  nnviz: index.md:3: nnviz_testmodels.torch_nets:Exploding: "
        "forward() raised RuntimeError: expected 3 channels, got 4 (inputs: [1, 4])"
    ) in result.stderr


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ('input_shape="1,8"', "input_shape= is only used with model=; remove it"),
        ('model="pkg:net" file="net.yaml"', "give either model= or file=, not both"),
        ('model="pkg:net" model_args="[1]"', "model_args: expects a JSON object such as"),
        ('model="pkg:net" input_shap="1,8"', "unknown attribute 'input_shap' for style 'graph'"),
        ('model="pkg:net" model_args', "attribute 'model_args' needs a value"),
    ],
)
def test_fence_source_attributes_are_checked(header: str, expected: str) -> None:
    from nnviz_core.errors import OptionError
    from nnviz_core.hosting import interpret, parse_header

    with pytest.raises(OptionError) as caught:
        interpret(parse_header(header), "graph", lambda style: {})
    assert str(caught.value).startswith(expected)


def test_fence_source_attributes_are_kept_as_written() -> None:
    from nnviz_core.hosting import interpret, parse_header

    header = 'model="pkg:net" input_shape="1,8" show_plumbing style="block"'
    spec = interpret(parse_header(header), "graph", lambda style: {})
    assert (spec.model, spec.style) == ("pkg:net", "block")
    assert spec.source_options == (("input_shape", "1,8"), ("show_plumbing", True))
