"""nnviz: neural-network architecture diagrams from one source of truth.

>>> import nnviz_core
>>> diagram = nnviz_core.render("examples/lenet5.yaml", style="graph", show_shapes=True)
>>> diagram.save("lenet5.svg")  # doctest: +SKIP
>>> dot = nnviz_core.to_dot("examples/lenet5.yaml")  # pydot.Dot, like Keras' model_to_dot
>>> graph = nnviz_core.load("mypkg.models:build", input_shape="1,3,224,224")  # doctest: +SKIP
>>> curves = nnviz_core.plot_history("logs/history.csv")  # doctest: +SKIP

Importing the package costs next to nothing: each public name is imported from its home module
the first time it is used, so a docs build or a CLI call pays only for what it draws.
"""

from __future__ import annotations

import importlib

#: As typing.TYPE_CHECKING (mypy reads it so) without importing typing, which would cost more
#: than everything else here.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from nnviz_core.api import Diagram, load, render, to_dot
    from nnviz_core.errors import NnvizError, SourceLocation
    from nnviz_core.history import plot_history
    from nnviz_core.ir import Edge, Graph, Group, Node, TensorSpec

__version__ = "0.1.0"

__all__ = [
    "Diagram",
    "Edge",
    "Graph",
    "Group",
    "NnvizError",
    "Node",
    "SourceLocation",
    "TensorSpec",
    "__version__",
    "load",
    "plot_history",
    "render",
    "to_dot",
]

#: The module each public name lives in.
_HOMES = {
    "Diagram": "nnviz_core.api",
    "load": "nnviz_core.api",
    "render": "nnviz_core.api",
    "to_dot": "nnviz_core.api",
    "NnvizError": "nnviz_core.errors",
    "SourceLocation": "nnviz_core.errors",
    "plot_history": "nnviz_core.history",
    "Edge": "nnviz_core.ir",
    "Graph": "nnviz_core.ir",
    "Group": "nnviz_core.ir",
    "Node": "nnviz_core.ir",
    "TensorSpec": "nnviz_core.ir",
}


def __getattr__(name: str) -> object:
    """A public name, imported from its home on first use and kept."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'nnviz_core' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
