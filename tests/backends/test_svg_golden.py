"""A whole small scene against its golden SVG (update with ``pytest --update-goldens``)."""

from __future__ import annotations

from collections.abc import Callable

from backend_scenes import small_scene

from nnviz_core.backends.svg import render_svg
from nnviz_core.options import RenderOptions


def test_small_scene_auto_theme(golden: Callable[[str, str], None]) -> None:
    golden("backends/small_scene.svg", render_svg(small_scene(), RenderOptions()))


def test_small_scene_dark_solid(golden: Callable[[str, str], None]) -> None:
    options = RenderOptions(theme="dark", background="solid")
    golden("backends/small_scene_dark.svg", render_svg(small_scene(), options))
