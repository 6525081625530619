"""Styles turn a Graph into a Scene: each is a name, an options class and ``layout``.

Styles know nothing about hosts or output formats; they paint with theme tokens (see
:mod:`nnviz_core.theme`) and measure text with :mod:`nnviz_core.text`. The pieces every figure
draws the same way (title, legend sizes, parameter counts) are public here, for figures and
commands outside the styles too.
"""

from __future__ import annotations

from typing import Any, Protocol

from nnviz_core.ir import Graph
from nnviz_core.options import StyleOptions
from nnviz_core.scene import Scene
from nnviz_core.styles._common import LEGEND_SIZE, TITLE_SIZE, count_text, shape_text, title

__all__ = ["LEGEND_SIZE", "TITLE_SIZE", "Style", "count_text", "shape_text", "title"]


class Style(Protocol):
    """What a style plug-in provides (registered in the ``nnviz.styles`` entry-point group)."""

    name: str
    description: str
    options: type[StyleOptions]

    def layout(self, graph: Graph, options: Any) -> Scene: ...
