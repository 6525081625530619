"""A live ``nnviz serve`` on a free loopback port (started as users start it, from the CLI),
serving a folder of specs (its page is driven by tests/conftest.py's ``browser``)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator

import pytest
from serving import LENET, ROOT, Server, free_port, started


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    pytest.importorskip("starlette", reason='the serve extra is missing: pip install -e ".[all]"')
    folder = tmp_path_factory.mktemp("served")
    (folder / "lenet5.yaml").write_text(LENET, encoding="utf-8")
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "nnviz_core", "serve", str(folder / "lenet5.yaml")]
    process = subprocess.Popen(
        [*command, "--port", str(port), "--no-browser"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        started(port, process)
        yield Server(port, folder)
    finally:
        process.terminate()
        process.wait(timeout=10)
