"""Live ``nnviz serve`` servers on free loopback ports (started as users start them, from the
CLI): one serving a folder of specs, one started with no PATH in an empty folder, one serving
a docs tree (their pages are driven by tests/conftest.py's ``browser``)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from serving import LENET, ROOT, Server, free_port, started


def _serving(folder: Path, *path: str) -> Iterator[Server]:
    pytest.importorskip("starlette", reason='the serve extra is missing: pip install -e ".[all]"')
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "nnviz_core", "serve", *path, "--port", str(port), "--no-browser"],
        env=env,
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        started(port, process)
        yield Server(port, folder)
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("served")
    (folder / "lenet5.yaml").write_text(LENET, encoding="utf-8")
    yield from _serving(folder, str(folder / "lenet5.yaml"))


@pytest.fixture(scope="session")
def scratch_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``nnviz serve`` with no PATH, in an empty folder."""
    yield from _serving(tmp_path_factory.mktemp("scratch"))


@pytest.fixture(scope="session")
def docs_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``nnviz serve`` of a Sphinx docs folder (its pages are written by each test)."""
    folder = tmp_path_factory.mktemp("docs")
    (folder / "conf.py").write_text("", encoding="utf-8")
    yield from _serving(folder, str(folder))
