"""Styles and formats are found by name; a wrong name lists the right ones."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from nnviz_core import registry
from nnviz_core.errors import NnvizError, OptionError


def test_built_in_styles_and_formats_are_registered():
    assert {"graph", "block", "lenet", "fcnn"} <= set(registry.names("nnviz.styles"))
    assert {"svg", "png", "pdf", "dot"} <= set(registry.names("nnviz.backends"))


def test_unknown_style_suggests_and_lists():
    with pytest.raises(OptionError) as caught:
        registry.style("grahp")
    assert str(caught.value).startswith("unknown style 'grahp' (did you mean 'graph'?); available:")


def test_unknown_format_lists_the_formats():
    with pytest.raises(OptionError, match=r"^unknown format 'gif'; available: .*svg"):
        registry.backend("gif")


@pytest.fixture
def fresh_registry():
    """The registry reads its tables anew, before and after the test."""

    def clear() -> None:
        for cached in (
            registry._declared_in_checkout,
            registry._own,
            registry._plugins,
            registry.load,
        ):
            cached.cache_clear()

    clear()
    yield
    clear()


def _install_plugin(root: Path, entry_points: str) -> None:
    """A distribution on ``sys.path`` declaring ``entry_points``, with a module ``nnviz_plugin``."""
    info = root / "nnviz_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: nnviz-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(entry_points)
    (root / "nnviz_plugin.py").write_text("STYLE = 'plug-in style'\nGRAPH = 'impostor'\n")


def test_the_table_is_pyprojects_entry_points():
    tomllib = pytest.importorskip("tomllib", reason="Python 3.10 reads the installed metadata")
    checkout = Path(registry.__file__).resolve().parents[1] / "pyproject.toml"
    declared = tomllib.loads(checkout.read_text(encoding="utf-8"))
    points = declared["project"]["entry-points"]
    for group in registry.GROUPS:
        assert registry._own(group) == points[group]
    assert "nnviz.sources" not in points  # models are reached through nnviz_core.load alone


@pytest.mark.parametrize("pyproject", [None, '[project]\nname = "someone-else"\n'])
def test_installed_from_a_wheel_the_table_is_the_distributions(
    tmp_path, monkeypatch, fresh_registry, pyproject
):
    checkout = tmp_path / "pyproject.toml"
    if pyproject is not None:
        checkout.write_text(pyproject, encoding="utf-8")
    monkeypatch.setattr(registry, "_CHECKOUT", checkout)
    assert registry._own("nnviz.styles")["graph"] == "nnviz_core.styles.graph:STYLE"
    assert registry.backend("svg").render is not None


def test_neither_a_checkout_nor_installed_names_the_fix(tmp_path, monkeypatch, fresh_registry):
    monkeypatch.setattr(registry, "_CHECKOUT", tmp_path / "pyproject.toml")
    monkeypatch.setattr(registry, "DISTRIBUTION", "nnviz-docs-not-installed")
    with pytest.raises(NnvizError, match=r"^nnviz's styles are registered when the nnviz-docs-not"):
        registry.style("graph")


def test_a_plugin_adds_a_style_but_cannot_replace_a_built_in(tmp_path, monkeypatch, fresh_registry):
    _install_plugin(
        tmp_path,
        "[nnviz.styles]\nsketch = nnviz_plugin:STYLE\ngraph = nnviz_plugin:GRAPH\n",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    assert registry.style("sketch") == "plug-in style"
    assert registry.style("graph").name == "graph"
    assert "sketch" in registry.names("nnviz.styles")


def test_a_plugin_whose_module_is_gone_is_not_offered(tmp_path, monkeypatch, fresh_registry):
    _install_plugin(tmp_path, "[nnviz.styles]\nghost = nnviz_plugin_removed:STYLE\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert "ghost" not in registry.names("nnviz.styles")
    with pytest.raises(OptionError, match=r"^unknown style 'ghost'; available: block, "):
        registry.style("ghost")


def test_an_unknown_group_is_a_programming_error():
    with pytest.raises(ValueError, match=r"^unknown entry-point group 'nnviz\.sources'"):
        registry.names("nnviz.sources")


def test_import_does_not_read_the_table():
    code = (
        "import sys, nnviz_core, nnviz_core.registry\n"
        "print(nnviz_core.registry._own.cache_info().currsize, 'importlib.metadata' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["0", "False"]
