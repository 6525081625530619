"""The intermediate representation shared by every source and style."""

from nnviz_core.ir.graph import (
    CATEGORIES,
    AttrValue,
    Category,
    Display,
    Edge,
    Graph,
    Group,
    GroupKind,
    Layout,
    Node,
    TensorSpec,
    freeze,
)

__all__ = [
    "CATEGORIES",
    "AttrValue",
    "Category",
    "Display",
    "Edge",
    "Graph",
    "Group",
    "GroupKind",
    "Layout",
    "Node",
    "TensorSpec",
    "freeze",
]
