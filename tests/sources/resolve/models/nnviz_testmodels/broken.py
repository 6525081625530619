"""Code that fails the way users' code does: on import, in a factory, or with a wrong result."""

from __future__ import annotations

from nnviz_core.ir import Graph, Node, TensorSpec


def failing_factory(size: int = 3) -> None:
    raise ValueError(f"no pretrained weights for size {size}")


def returns_text() -> str:
    return "not a model"


def graph_factory(units: int = 4) -> Graph:
    """A factory may hand back an nnviz Graph it built itself."""
    spec = TensorSpec((units,))
    return Graph("handmade", (Node("x", "input", "x", "input", outputs=(spec,)),))


NUMBER = 42
