"""``import nnviz_core`` is cheap, and its public names are the same objects as before."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

import pytest

import nnviz_core

HEAVY = ("torch", "keras", "onnx", "pydot", "yaml", "tomllib", "importlib.metadata")


def _modules_after(code: str) -> list[str]:
    """The modules a fresh interpreter has loaded after running ``code``."""
    script = f"import sys\n{code}\nimport json; print(json.dumps(sorted(sys.modules)))"
    command = [sys.executable, "-c", script]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    loaded: list[str] = json.loads(done.stdout)
    return loaded


def test_importing_the_package_imports_no_framework_style_or_registry():
    loaded = _modules_after("import nnviz_core")
    ours = [name for name in loaded if name.startswith("nnviz_core.")]
    assert ours == []
    assert [name for name in HEAVY if name in loaded] == []


def test_a_public_name_imports_only_its_home():
    loaded = _modules_after("from nnviz_core import Graph")
    assert "nnviz_core.ir" in loaded
    drawing = ("nnviz_core.styles", "nnviz_core.api", "nnviz_core.registry")
    assert [name for name in loaded if name.startswith(drawing)] == []


@pytest.mark.parametrize("name", [name for name in nnviz_core.__all__ if name != "__version__"])
def test_every_public_name_is_its_homes_object(name: str):
    home = importlib.import_module(nnviz_core._HOMES[name])
    assert getattr(nnviz_core, name) is getattr(home, name)


def test_the_facade_is_sorted_and_complete():
    assert nnviz_core.__all__ == sorted(nnviz_core.__all__)
    assert set(nnviz_core.__all__) == {*nnviz_core._HOMES, "__version__"}
    assert set(nnviz_core.__all__) <= set(dir(nnviz_core))


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match=r"^module 'nnviz_core' has no attribute 'rendr'$"):
        nnviz_core.rendr  # noqa: B018
