"""A live ``nnviz serve`` on a free loopback port (started as users start it, from the CLI),
serving a folder of specs, and one headless Debian chromium (playwright) to drive its page."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from serving import CHROMIUM_ARGS, LENET, ROOT, Server, free_port, started


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


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    playwright_api = pytest.importorskip(
        "playwright.sync_api", reason='playwright is not installed: pip install -e ".[dev]"'
    )
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("chromium is missing: sudo apt-get install chromium")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()
