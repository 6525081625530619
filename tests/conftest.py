"""Shared test fixtures.

Golden files: ``golden(name, text)`` compares ``text`` with ``tests/goldens/<name>`` and fails with
a diff when they differ. Run ``pytest --update-goldens`` (or ``make goldens``) to (re)write the
files from the current output, then review the change with ``git diff tests/goldens``.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path

import pytest

GOLDENS = Path(__file__).parent / "goldens"
_DIFF_LINES = 60


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
