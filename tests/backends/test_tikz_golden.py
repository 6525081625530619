"""Whole TikZ outputs against golden files (update with ``pytest --update-goldens``).

The small scene has every kind of item (a category card, an arrow, a dashed curved skip, a ⊕
ball, a literal colour at 60 % opacity, scripts, a legend); the examples give one figure per
style, so a change in any style's drawing or in the backend shows as a diff a reviewer reads.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from backend_scenes import small_scene

import nnviz_core
from nnviz_core.backends.tikz import render_body, render_document
from nnviz_core.options import RenderOptions

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
Golden = Callable[[str, str], None]


def test_small_scene_picture(golden: Golden) -> None:
    golden("backends/small_scene.tikz", render_body(small_scene(), RenderOptions()))


def test_small_scene_dark_standalone_document(golden: Golden) -> None:
    options = RenderOptions(theme="dark", background="solid")
    golden("backends/small_scene_dark.tex", render_document(small_scene(), options))


@pytest.mark.parametrize(
    ("example", "style"),
    [("lenet5", "graph"), ("lenet5", "block"), ("lenet5", "lenet"), ("mlp", "fcnn")],
)
def test_example_pictures(golden: Golden, example: str, style: str) -> None:
    diagram = nnviz_core.render(str(EXAMPLES / f"{example}.yaml"), style=style)
    golden(f"tikz/{example}_{style}.tikz", diagram.to_bytes("tikz").decode("utf-8"))
