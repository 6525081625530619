"""nnviz's modules stay layered: no import cycles, no private names across packages, and the core
never imports a host adapter.

The import graph is computed from the source with :mod:`ast`, without importing anything: every
``import`` and ``from … import`` counts, at module level, inside functions and under
``TYPE_CHECKING`` alike (a cycle that only types close is still two modules that cannot be read
apart). Relative imports are resolved, and ``from package import name`` points at the submodule
when ``name`` is one. An import names one module: importing ``a.b.c`` is an edge to ``a.b.c``,
not to the packages ``a`` and ``a.b`` Python runs first (a package re-exporting its submodules is
no cycle).

Private names: a ``_module`` belongs to its package (usable anywhere inside it), a ``_name`` in a
module to that module alone.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("nnviz_core", "sphinx_nnviz", "mkdocs_nnviz")
ADAPTERS = ("sphinx_nnviz", "mkdocs_nnviz")

# Known exceptions, each being removed on another branch of the same piece of work. These must
# be EMPTY: when a branch lands, delete its entries (the tests below fail on stale ones).
KNOWN_CYCLES: frozenset[frozenset[str]] = frozenset(
    {
        frozenset({"nnviz_core.api", "nnviz_core.styles.graph"}),
        frozenset({"nnviz_core.styles._tensor_place", "nnviz_core.styles._tensor_routes"}),
        frozenset(
            {
                "nnviz_core.styles.fcnn.labels",
                "nnviz_core.styles.fcnn.panels",
                "nnviz_core.styles.fcnn.plan",
            }
        ),
        frozenset({"sphinx_nnviz.cache", "sphinx_nnviz.directive", "sphinx_nnviz.history"}),
    }
)
KNOWN_ADAPTER_IMPORTS: frozenset[tuple[str, str]] = frozenset(
    {
        ("nnviz_core.slides.pages", "mkdocs_nnviz.attributes"),
        ("nnviz_core.slides.pages", "mkdocs_nnviz.scan"),
    }
)
KNOWN_PRIVATE_IMPORTS: frozenset[tuple[str, str]] = frozenset(
    {("mkdocs_nnviz.history", "mkdocs_nnviz.attributes._figure")}
)


@dataclass(frozen=True)
class Import:
    """One imported name: the module that imports, the module it runs, the full dotted name."""

    importer: str
    module: str
    dotted: str
    line: int

    def __str__(self) -> str:
        return f"{self.importer} (line {self.line}) imports {self.dotted}"


def find_modules(root: Path, packages: tuple[str, ...]) -> dict[str, Path]:
    """Every module of ``packages`` under ``root`` by dotted name (a package by its own name)."""
    found: dict[str, Path] = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


def _own_package(name: str, path: Path) -> str:
    return name if path.name == "__init__.py" else name.rpartition(".")[0]


def _raw_imports(name: str, path: Path) -> Iterator[tuple[str, str | None, int]]:
    """(module, imported name or None, line) for every import statement, anywhere."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, None, node.lineno
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = _own_package(name, path).split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join([*base, *([node.module] if node.module else [])])
            for alias in node.names:
                yield module, alias.name, node.lineno


def imports(modules: Mapping[str, Path], packages: tuple[str, ...]) -> list[Import]:
    """Every import of one of ``packages`` made by ``modules``."""
    found: list[Import] = []
    for name, path in modules.items():
        for module, imported, line in _raw_imports(name, path):
            if module.partition(".")[0] not in packages:
                continue
            dotted = f"{module}.{imported}" if imported and imported != "*" else module
            target = dotted if dotted in modules else module
            while target not in modules and "." in target:
                target = target.rpartition(".")[0]
            found.append(Import(name, target, dotted, line))
    return found


def import_graph(found: list[Import]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for item in found:
        graph.setdefault(item.importer, set())
        if item.module != item.importer:
            graph[item.importer].add(item.module)
            graph.setdefault(item.module, set())
    return graph


def cycles(graph: Mapping[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected components of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, edges = work[-1]
            step = next(edges, None)
            if step is not None:
                if step not in index:
                    index[step] = low[step] = len(index)
                    stack.append(step)
                    on_stack.add(step)
                    work.append((step, iter(sorted(graph[step]))))
                elif step in on_stack:
                    low[node] = min(low[node], index[step])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(frozenset(component))
    return found


def cycle_path(component: frozenset[str], graph: Mapping[str, set[str]]) -> str:
    """One cycle through the component's first module, as ``a -> b -> a``."""
    first = min(component)
    came_from: dict[str, str] = {}
    queue = [first]
    while queue:
        node = queue.pop(0)
        for step in sorted(graph[node] & component):
            if step == first:
                path = [node]
                while path[-1] != first:
                    path.append(came_from[path[-1]])
                return " -> ".join([*reversed(path), first])
            if step not in came_from:
                came_from[step] = node
                queue.append(step)
    raise AssertionError(f"{sorted(component)} is not a cycle")


def private_imports(found: list[Import], modules: Mapping[str, Path]) -> list[Import]:
    """Imports of a ``_module`` from outside its package, or of a ``_name`` from another module."""
    bad: list[Import] = []
    for item in found:
        parts = item.dotted.split(".")
        for position, part in enumerate(parts):
            if not part.startswith("_") or part.startswith("__"):
                continue
            prefix = ".".join(parts[: position + 1])
            owner = ".".join(parts[:position]) if prefix in modules else prefix
            if item.importer != owner and not item.importer.startswith(owner + "."):
                bad.append(item)
            break
    return bad


def adapter_imports(found: list[Import], adapters: tuple[str, ...]) -> list[Import]:
    """Imports of a host adapter by the core."""
    return [
        item
        for item in found
        if item.importer.partition(".")[0] not in adapters
        and item.module.partition(".")[0] in adapters
    ]


@pytest.fixture(scope="module")
def nnviz() -> tuple[dict[str, Path], list[Import]]:
    modules = find_modules(ROOT, PACKAGES)
    return modules, imports(modules, PACKAGES)


def test_no_import_cycles(nnviz):
    _, found = nnviz
    graph = import_graph(found)
    present = set(cycles(graph))
    new = [cycle_path(component, graph) for component in present - KNOWN_CYCLES]
    assert not new, "import cycles:\n" + "\n".join(sorted(new))
    gone = [sorted(component) for component in KNOWN_CYCLES - present]
    assert not gone, f"no longer cycles, remove them from KNOWN_CYCLES: {gone}"


def test_no_private_names_across_packages(nnviz):
    modules, found = nnviz
    bad = private_imports(found, modules)
    new = [str(item) for item in bad if (item.importer, item.dotted) not in KNOWN_PRIVATE_IMPORTS]
    assert not new, "private names used outside their package or module:\n" + "\n".join(new)
    gone = KNOWN_PRIVATE_IMPORTS - {(item.importer, item.dotted) for item in bad}
    assert not gone, f"no longer imported, remove them from KNOWN_PRIVATE_IMPORTS: {gone}"


def test_the_core_never_imports_an_adapter(nnviz):
    _, found = nnviz
    bad = adapter_imports(found, ADAPTERS)
    new = [str(item) for item in bad if (item.importer, item.module) not in KNOWN_ADAPTER_IMPORTS]
    assert not new, "the core imports a host adapter:\n" + "\n".join(new)
    gone = KNOWN_ADAPTER_IMPORTS - {(item.importer, item.module) for item in bad}
    assert not gone, f"no longer imported, remove them from KNOWN_ADAPTER_IMPORTS: {gone}"


def test_the_graph_sees_every_package(nnviz):
    modules, found = nnviz
    graph = import_graph(found)
    assert {"nnviz_core.api", "sphinx_nnviz.directive", "mkdocs_nnviz.plugin"} <= set(modules)
    assert "nnviz_core.registry" in graph["nnviz_core.api"]
    assert "nnviz_core.backends.pptx.slide_parts" in graph["nnviz_core.backends.pptx.charts"]


# The checks themselves, on a small made-up tree, so they are known to fail when they should.

TREE = {
    "app/__init__.py": (
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from app.core import run\n"
    ),
    "app/core/__init__.py": "",
    "app/core/run.py": "from . import steps\n",
    "app/core/steps.py": "def later():\n    from ..core import run\n",
    "app/core/_helpers.py": "VALUE = 1\n",
    "app/core/deep/__init__.py": "",
    "app/core/deep/use.py": (
        "from app.core._helpers import VALUE\nfrom app.core.run import _hidden\n"
    ),
    "app/cli.py": "from app.core import _helpers\nimport app.core.run\nfrom app import core\n",
    "host/__init__.py": "",
    "host/glue.py": "import app\n",
    "app/plugin.py": "from host.glue import *\n",
}


@pytest.fixture
def made_up(tmp_path: Path) -> tuple[dict[str, Path], list[Import]]:
    for name, text in TREE.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    modules = find_modules(tmp_path, ("app", "host"))
    return modules, imports(modules, ("app", "host"))


def test_relative_function_level_and_submodule_imports_close_a_cycle(made_up):
    _, found = made_up
    graph = import_graph(found)
    assert graph["app.core.run"] == {"app.core.steps"}
    assert graph["app.core.steps"] == {"app.core.run"}
    assert graph["app"] == {"app.core.run"}  # a TYPE_CHECKING import counts
    assert graph["app.cli"] == {"app.core._helpers", "app.core.run", "app.core"}
    assert set(cycles(graph)) == {frozenset({"app.core.run", "app.core.steps"})}
    component = frozenset({"app.core.run", "app.core.steps"})
    assert cycle_path(component, graph) == "app.core.run -> app.core.steps -> app.core.run"


def test_private_modules_stay_in_their_package_and_private_names_in_their_module(made_up):
    modules, found = made_up
    assert sorted(str(item) for item in private_imports(found, modules)) == [
        "app.cli (line 1) imports app.core._helpers",
        "app.core.deep.use (line 2) imports app.core.run._hidden",
    ]


def test_an_import_of_an_adapter_by_the_core_is_found(made_up):
    _, found = made_up
    assert [str(item) for item in adapter_imports(found, ("host",))] == [
        "app.plugin (line 1) imports host.glue"
    ]
