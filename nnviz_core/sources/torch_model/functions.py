"""Functional operations (``x + y``, ``torch.cat``, ``F.relu``, ``x.view``) → canonical ops.

A traced function arrives as a name (``add``, ``__radd__``, ``relu_``, ``cat``) with its Python
arguments and the shapes it produced. Plumbing that does not change the data (``contiguous``,
``to``, tuple indexing) is not drawn; known operations without a catalogue op (``matmul``, tensor
slicing) become generic nodes quietly; anything else becomes a generic node with a warning.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from nnviz_core.ir.ops import lookup
from nnviz_core.sources.torch_model.layer_functions import map_layer_function

#: Calls that hand their input through unchanged (or only change where it lives).
PLUMBING = frozenset(
    {
        "contiguous",
        "clone",
        "detach",
        "to",
        "float",
        "double",
        "half",
        "bfloat16",
        # casts to integers and booleans (RoBERTa's position ids) change only the dtype too
        "int",
        "long",
        "short",
        "bool",
        "byte",
        "char",
        "type",
        "type_as",
        "cpu",
        "cuda",
        "requires_grad",
        "identity",
        "dropout_",
    }
)

#: Operations nnviz knows but the catalogue has no op for: generic nodes, no warning.
KNOWN_GENERIC = frozenset(
    {
        "matmul",
        "bmm",
        "mm",
        "einsum",
        "div",
        "truediv",
        "floordiv",
        "pow",
        "sqrt",
        "rsqrt",
        "exp",
        "log",
        "neg",
        "abs",
        "mean",
        "sum",
        "cumsum",
        "cumprod",
        "gather",
        "amax",
        "max",
        "min",
        "norm",
        "getitem",
        "chunk",
        "split",
        "unbind",
        "stack",
        "expand",
        "expand_as",
        "repeat",
        "masked_fill",
        "where",
        "pad",
        "normalize",
        "clamp",
        "roll",
        "interpolate",
        # a permute or transpose that moves the batch axis (ViT's qkv split) has no IR form
        "permute",
        "transpose",
        "swapaxes",
    }
)

MERGES = {"add": "add", "sub": "subtract", "subtract": "subtract", "rsub": "subtract"}
MERGES |= {"mul": "multiply", "multiply": "multiply", "maximum": "maximum", "minimum": "minimum"}

#: ``torch`` / ``F`` activation functions; the catalogue knows their names (``hardswish``).
ACTIVATIONS = frozenset(
    {
        *("relu", "relu6", "sigmoid", "tanh", "silu", "selu", "celu", "gelu", "elu", "mish"),
        *("softplus", "softsign", "hardsigmoid", "hardswish", "leaky_relu"),
        *("softmax", "log_softmax"),
    }
)
#: Operators Python also calls reflected (``__radd__``) or in place (``__iadd__``).
REFLECTED = frozenset({"add", "sub", "mul", "truediv", "floordiv", "matmul", "pow", "and", "or"})
RESHAPES = frozenset({"view", "reshape", "squeeze", "unsqueeze", "unflatten", "view_as"})
#: ``x.ne(1)``, ``x == y``: element-wise comparisons (the catalogue knows these short names).
COMPARISONS = frozenset({"eq", "ne", "gt", "ge", "lt", "le"})


def canonical_name(raw: str) -> str:
    """``__radd__`` → ``add``, ``relu_`` → ``relu``, ``__iadd__`` → ``add``."""
    name = raw.strip("_")
    if raw.startswith("__") and name[:1] in ("r", "i") and name[1:] in REFLECTED:
        name = name[1:]
    return name.rstrip("_") or raw


def _dim_arg(args: Sequence[Any], kwargs: dict[str, Any], position: int, default: Any) -> Any:
    if "dim" in kwargs:
        return kwargs["dim"]
    return args[position] if len(args) > position else default


def _axis(dim: Any) -> Any:
    """A framework axis (batch first) as an IR axis (batch dropped)."""
    return dim - 1 if isinstance(dim, int) and dim > 0 else dim


def _permutation(name: str, args: Sequence[Any], rank: int) -> list[int] | None:
    """The IR ``dims`` of a permute or transpose, if the batch axis stays in front: 1-based
    like Keras ``Permute`` (the batch axis is 0, so the framework's numbers stay as they are)."""
    if name == "permute":
        order = (
            list(args[1]) if len(args) == 2 and isinstance(args[1], Sequence) else list(args[1:])
        )
    else:
        order = list(range(rank + 1))
        a, b = (int(value) % (rank + 1) for value in args[1:3])
        order[a], order[b] = order[b], order[a]
    order = [int(value) % (rank + 1) for value in order]
    if not order or order[0] != 0:
        return None
    return order[1:]


def map_function(
    name: str, args: Sequence[Any], kwargs: dict[str, Any], rank_in: int, out_shape: Sequence[int]
) -> tuple[str, dict[str, Any]] | None:
    """``(op, loose arguments)`` for a function call, or ``None`` if it has no catalogue op.

    ``rank_in`` and ``out_shape`` are the first input's rank and the output shape, both without
    the batch dimension.
    """
    if name in MERGES:
        return MERGES[name], {}
    if name in ("cat", "concat", "concatenate"):
        return "concat", {"axis": _axis(_dim_arg(args, kwargs, 1, 0))}
    if name in ACTIVATIONS:
        op = lookup(name).name
        if op in ("softmax", "log_softmax"):
            dim = _dim_arg(args, kwargs, 1, -1)
            return op, ({"axis": _axis(dim)} if op == "softmax" and dim is not None else {})
        return op, {}
    if name in COMPARISONS or name == "scaled_dot_product_attention":
        return lookup(name).name, {}
    if name in ("dropout", "dropout1d", "dropout2d", "dropout3d", "alpha_dropout"):
        return "dropout", {"rate": float(kwargs.get("p", args[1] if len(args) > 1 else 0.5))}
    if name == "flatten":
        start = _dim_arg(args, kwargs, 1, 0)
        if start == 1 and len(out_shape) == 1:
            return "flatten", {}
        return "reshape", {"target_shape": list(out_shape)}
    if name in RESHAPES:
        return "reshape", {"target_shape": list(out_shape)}
    if name in ("permute", "transpose", "swapaxes"):
        dims = _permutation("permute" if name == "permute" else "transpose", args, rank_in)
        return ("permute", {"dims": dims}) if dims is not None else None
    return map_layer_function(name, args, kwargs, rank_in, out_shape)
