"""Diagrams are rendered once: warm rebuilds, other builders and -j 2 reuse the cache."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import nnviz_core.hosting.draw as hosting_draw

Build = Callable[..., Any]


@pytest.fixture
def draws(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the diagrams laid out, in order."""
    seen: list[str] = []
    real = hosting_draw.diagram

    def counting(request: hosting_draw.Request) -> Any:
        diagram = real(request)
        seen.append(diagram.graph.name)
        return diagram

    monkeypatch.setattr(hosting_draw, "diagram", counting)
    return seen


def test_rebuild_after_touching_a_page_renders_nothing(build: Build, draws: list[str]) -> None:
    app = build("basic")
    assert sorted(draws) == ["LeNet-5", "Tiny MLP"]
    page = app.srcdir / "chapter" / "model.rst"
    page.write_text(page.read_text(encoding="utf-8") + "\nMore prose.\n", encoding="utf-8")
    draws.clear()
    again = build("basic")
    assert draws == []
    assert "More prose." in (again.outdir / "chapter/model.html").read_text(encoding="utf-8")


def test_fresh_environment_and_other_builders_reuse_files(build: Build, draws: list[str]) -> None:
    build("basic")
    draws.clear()
    build("basic", freshenv=True)
    build("basic", "text")
    assert draws == []
    build("basic", "latex")
    # LaTeX draws for the printed page: each distinct diagram once checked there, once as PDF
    assert sorted(draws) == ["LeNet-5", "LeNet-5", "Tiny MLP", "Tiny MLP"]
    draws.clear()
    build("basic", "latex")
    assert draws == []


def test_editing_a_spec_file_rebuilds_its_page(build: Build, draws: list[str]) -> None:
    app = build("basic")
    spec = app.srcdir / "models" / "mlp.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("Tiny MLP", "Edited MLP"))
    draws.clear()
    again = build("basic")
    assert draws == ["Edited MLP"]
    assert "Edited MLP" in (again.outdir / "chapter/model.html").read_text(encoding="utf-8")


def test_parallel_build_matches_serial_build(build: Build) -> None:
    serial = build("parallel", builddir=None)
    pages = sorted(
        p.name for p in serial.outdir.glob("*.html") if p.stem.startswith(("page", "index"))
    )
    assert len(pages) == 7
    serial_bytes = {p: (serial.outdir / p).read_bytes() for p in pages}
    parallel = build("parallel", parallel=2, freshenv=True, builddir=serial.srcdir / "_build_j2")
    assert parallel.warning.getvalue() == ""
    assert {p: (parallel.outdir / p).read_bytes() for p in pages} == serial_bytes
