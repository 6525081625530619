"""Backends turn a Scene into bytes of one format; looked up by name and imported on first use."""

from __future__ import annotations

from typing import Protocol

from nnviz_core.options import RenderOptions
from nnviz_core.scene import Scene


class Backend(Protocol):
    """What a backend plug-in provides (registered in the ``nnviz.backends`` entry-point group)."""

    name: str
    suffix: str
    media_type: str

    def render(self, scene: Scene, options: RenderOptions) -> bytes: ...
