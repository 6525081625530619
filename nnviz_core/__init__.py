"""nnviz: neural-network architecture diagrams from one source of truth.

>>> import nnviz_core
>>> diagram = nnviz_core.render("examples/lenet5.yaml", style="graph", show_shapes=True)
>>> diagram.save("lenet5.svg")  # doctest: +SKIP
>>> dot = nnviz_core.to_dot("examples/lenet5.yaml")  # pydot.Dot, like Keras' model_to_dot
>>> graph = nnviz_core.load("mypkg.models:build", input_shape="1,3,224,224")  # doctest: +SKIP
>>> curves = nnviz_core.plot_history("logs/history.csv")  # doctest: +SKIP
"""

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
