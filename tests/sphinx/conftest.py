"""Sphinx's own test harness for the ``nnviz`` directive, one fresh copy of a root per build."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.fixtures import (  # noqa: F401 (pytest finds fixtures by name)
    make_app,
    shared_result,
    test_params,
)
from sphinx.testing.util import SphinxTestApp

ROOTS = Path(__file__).parent / "roots"

Build = Callable[..., SphinxTestApp]


@pytest.fixture
def build(request: pytest.FixtureRequest, tmp_path: Path) -> Build:
    """Build a copy of ``roots/test-<root>`` with one builder; the copy is reused per test."""

    def run(root: str, builder: str = "html", **kwargs: Any) -> SphinxTestApp:
        srcdir = tmp_path / root
        if not srcdir.exists():
            shutil.copytree(ROOTS / f"test-{root}", srcdir)
        app = request.getfixturevalue("make_app")(builder, srcdir=srcdir, **kwargs)
        try:
            app.build()
        finally:
            app.cleanup()  # unregister global docutils state, so the next app starts clean
        return app

    return run
