"""The adapters are glue: they import the core's public names, its error tree and hosting only,
and nothing in the core imports an adapter."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ALLOWED = ("nnviz_core", "nnviz_core.errors", "nnviz_core.hosting")
ADAPTERS = {"sphinx_nnviz", "mkdocs_nnviz"}


def _imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
        elif isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
    return names


@pytest.mark.parametrize("adapter", ["sphinx_nnviz", "mkdocs_nnviz"])
def test_adapters_import_only_the_public_core_and_hosting(adapter: str) -> None:
    for path in sorted((ROOT / adapter).rglob("*.py")):
        deeper = [
            name for name in _imports(path) if name.startswith("nnviz_core") and name not in ALLOWED
        ]
        assert deeper == [], f"{path.relative_to(ROOT)} imports {deeper}"


def test_the_core_never_imports_an_adapter() -> None:
    for path in sorted((ROOT / "nnviz_core").rglob("*.py")):
        adapters = [
            name
            for name in _imports(path)
            if name.split(".")[0] in {"sphinx_nnviz", "mkdocs_nnviz"}
        ]
        assert adapters == [], f"{path.relative_to(ROOT)} imports {adapters}"
