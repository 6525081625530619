"""Element-wise comparisons (``ids != pad``): a mask of the input's shape.

A comparison with a constant (PyTorch ``x.ne(1)``) takes one input; of two tensors, both (ONNX
``Equal``). Each value goes through a step function, so it is drawn as an activation.
"""

from __future__ import annotations

from nnviz_core.ir.ops.base import Op
from nnviz_core.ir.ops.merge import elementwise_shape

#: Canonical name, the symbol it stands for, and the PyTorch and ONNX spellings.
_COMPARISONS = (
    ("equal", "=", ("eq",)),
    ("not_equal", "≠", ("ne",)),
    ("greater", ">", ("gt",)),
    ("greater_equal", "≥", ("ge", "greater_or_equal")),
    ("less", "<", ("lt",)),
    ("less_equal", "≤", ("le", "less_or_equal")),
)

OPS = tuple(
    Op(
        name,
        "activation",
        f"Whether each value is {name.replace('_', ' or ')} ({symbol}) a constant or a second "
        "tensor of the same shape: a mask.",
        elementwise_shape,
        arity=(1, 2),
        aliases=aliases,
    )
    for name, symbol, aliases in _COMPARISONS
)
