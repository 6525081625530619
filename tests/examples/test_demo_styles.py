"""``make demo`` draws every example in every style that draws a network, not training curves."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_demo_draws_the_network_styles_only() -> None:
    spec = importlib.util.spec_from_file_location("demo", ROOT / "tools" / "demo.py")
    assert spec and spec.loader
    demo = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(demo)
    assert sorted(demo.network_styles()) == ["block", "fcnn", "graph", "lenet"]
