"""Shared test fixtures.

Browser: ``browser`` is the session's one Debian chromium driven by playwright (one per session:
two sync playwright instances cannot run at once), used by tests/viewer and tests/serve.

Golden files: ``golden(name, text)`` compares ``text`` with ``tests/goldens/<name>`` and fails with
a diff when they differ. Run ``pytest --update-goldens`` (or ``make goldens``) to (re)write the
files from the current output, then review the change with ``git diff tests/goldens``.
"""

from __future__ import annotations

import difflib
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

GOLDENS = Path(__file__).parent / "goldens"
_DIFF_LINES = 60

#: Chromium flags for a quiet, offline, sandbox-free headless run.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _chromium() -> str | None:
    """Debian's chromium, installed with apt-get when missing (as tools/system-deps.sh does)."""
    found = shutil.which("chromium")
    if found or not shutil.which("apt-get"):
        return found
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium"],
        capture_output=True,
        check=False,
    )
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    playwright_api = pytest.importorskip(
        "playwright.sync_api", reason='playwright is not installed: pip install -e ".[dev]"'
    )
    executable = _chromium()
    if executable is None:
        pytest.skip("chromium is missing and cannot be installed: sudo apt-get install chromium")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="rewrite tests/goldens/* from the current output instead of comparing",
    )


def _diff(expected: str, actual: str, name: str) -> str:
    lines = difflib.unified_diff(
        expected.splitlines(), actual.splitlines(), f"goldens/{name}", "actual", lineterm=""
    )
    shown = list(lines)[:_DIFF_LINES]
    return "\n".join(shown)


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """``golden(name, text)``: assert ``text`` equals ``tests/goldens/<name>``.

    ``name`` may contain folders (``"graph/lenet5.svg"``). Under ``--update-goldens`` the file is
    written instead (folders created) and the check passes.
    """
    update = bool(request.config.getoption("--update-goldens"))

    def check(name: str, text: str) -> None:
        path = GOLDENS / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            return
        if not path.is_file():
            pytest.fail(f"no golden file {path}; create it with: pytest --update-goldens")
        expected = path.read_text(encoding="utf-8")
        if expected != text:
            pytest.fail(
                f"output differs from {path} (if the change is intended, run "
                f"pytest --update-goldens and review git diff):\n{_diff(expected, text, name)}"
            )

    return check
