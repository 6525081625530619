"""The sizes nnviz accepts, in one place, so every source refuses the same things early.

Each limit is far above any real network and low enough that what passes can be drawn: numbers
stay exact as floats (styles scale sizes with them), and documents stay inside the time and
memory a docs build can afford. Messages name the limit and the way around it.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "MAX_DIMENSION",
    "MAX_INTEGER",
    "MAX_RANK",
    "shape_problem",
]

#: The largest tensor dimension, given or inferred (the frameworks' int32 shapes stop here too).
MAX_DIMENSION = 2**31 - 1
#: The most dimensions one tensor may have (NumPy allows 64, PyTorch and ONNX fewer in practice).
MAX_RANK = 32
#: The largest integer a spec or prototxt may write (a parameter count, a seed); exact as a float.
MAX_INTEGER = 2**53


def shape_problem(shape: Sequence[object]) -> str | None:
    """Why a tensor shape is past the limits (``has a dimension larger than …``), or ``None``.

    Within them, a tensor's element count stays below 2**992, so it is a finite float.
    """
    if len(shape) > MAX_RANK:
        return f"has {len(shape):,} dimensions, more than the {MAX_RANK} nnviz accepts"
    for dim in shape:
        if isinstance(dim, int) and abs(dim) > MAX_DIMENSION:
            return f"has a dimension larger than {MAX_DIMENSION:,}, the largest nnviz accepts"
    return None
