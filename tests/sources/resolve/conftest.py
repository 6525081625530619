"""Model-source tests import ``nnviz_testmodels`` from ``models/``, as users' code is imported.

Keras runs on the torch backend here (the source never chooses a backend for the user).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

MODELS = Path(__file__).parent / "models"
os.environ.setdefault("KERAS_BACKEND", "torch")


@pytest.fixture(autouse=True)
def _models_on_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(MODELS))


@pytest.fixture
def child_env() -> dict[str, str]:
    """The environment of a subprocess that must import the test models."""
    path = os.pathsep.join([str(MODELS), *sys.path])
    return {**os.environ, "PYTHONPATH": path, "KERAS_BACKEND": "torch"}
