"""The canonical op catalogue: names, categories, arguments, shape and parameter rules.

Every source maps its layers onto these ops, so a Keras ``Conv2D`` and a PyTorch ``nn.Conv2d``
become the same ``conv2d`` with the same attributes. Use it without YAML::

    >>> from nnviz_core.ir.ops import lookup, apply, Incoming
    >>> apply(lookup("conv2d"), {"filters": 6, "kernel": 5}, [Incoming((1, 32, 32))]).shape
    (6, 28, 28)
"""

from nnviz_core.ir.ops.apply import Applied, apply, evaluate
from nnviz_core.ir.ops.base import Arg, Call, Incoming, Op, Shape, fmt
from nnviz_core.ir.ops.registry import ALIASES, OPS, canonical, categories, lookup
from nnviz_core.ir.ops.values import ACTIVATIONS, coerce, complete, normalise, resolve

__all__ = [
    "ACTIVATIONS",
    "ALIASES",
    "OPS",
    "Applied",
    "Arg",
    "Call",
    "Incoming",
    "Op",
    "Shape",
    "apply",
    "canonical",
    "categories",
    "coerce",
    "complete",
    "evaluate",
    "fmt",
    "lookup",
    "normalise",
    "resolve",
]
