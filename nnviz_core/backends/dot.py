"""The ``dot`` format: the Graphviz source the ``graph`` style laid out, ready for ``dot -T…``.

The style keeps its Graphviz graph as data in ``Scene.dot``; the full text is written here, only
when this format is asked for.
"""

from __future__ import annotations

from nnviz_core.dotgraph import full
from nnviz_core.errors import OptionError
from nnviz_core.options import RenderOptions
from nnviz_core.scene import Scene


class DotBackend:
    """Writes ``Scene.dot``; only Graphviz-based styles fill it in."""

    name = "dot"
    suffix = ".dot"
    media_type = "text/vnd.graphviz"

    def render(self, scene: Scene, options: RenderOptions) -> bytes:
        if scene.dot is None:
            raise OptionError(
                "the dot format is only available with the graph style; "
                "render with style='graph', or choose svg, png or pdf"
            )
        return full(scene.dot).encode("utf-8")


BACKEND = DotBackend()
