"""The sizes nnviz accepts, in one place, so every source and style refuses the same things early.

Each limit is far above any network a diagram can show and low enough that what passes is drawn
in seconds and under 1 GB of memory (``benchmarks/bench_limits.py`` measures the largest inputs
accepted): numbers stay exact as floats (styles scale sizes with them), texts and graphs stay
inside what a docs build can afford. Messages name the limit and the way around it; the limits
are listed in ``docs/language.md`` ("Limits").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType

__all__ = [
    "MAX_DIMENSION",
    "MAX_DRAWN_CONNECTIONS",
    "MAX_DRAWN_LAYERS",
    "MAX_INTEGER",
    "MAX_LAYERS",
    "MAX_PNG_PIXELS",
    "MAX_RANK",
    "MAX_SPEC_CHARACTERS",
    "MAX_VALUES",
    "drawn_layer_limit",
    "shape_problem",
]

#: The largest tensor dimension, given or inferred (the frameworks' int32 shapes stop here too).
MAX_DIMENSION = 2**31 - 1
#: The most dimensions one tensor may have (NumPy allows 64, PyTorch and ONNX fewer in practice).
MAX_RANK = 32
#: The largest integer a spec or prototxt may write (a parameter count, a seed); exact as a float.
MAX_INTEGER = 2**53

#: The longest spec text read (a 100,000-layer spec written out layer by layer takes about 1 MB).
MAX_SPEC_CHARACTERS = 2_000_000
#: Values a spec may hold once anchors and aliases are expanded (stops "billion laughs").
MAX_VALUES = 2_000_000
#: Layers a spec may expand to through ``repeat`` and nested blocks.
MAX_LAYERS = 100_000

#: Layers each style draws at most, after ``depth`` and ``fold_repeats``: past these, diagrams
#: take more than a few seconds and are too dense to read. Other styles get the default.
MAX_DRAWN_LAYERS: Mapping[str, int] = MappingProxyType(
    {"graph": 10_000, "lenet": 12_000, "block": 12_000, "fcnn": 12_000}
)
_DEFAULT_DRAWN_LAYERS = 10_000
#: Neuron-to-neuron connections the styles that draw them (fcnn) draw at most.
MAX_DRAWN_CONNECTIONS: Mapping[str, int] = MappingProxyType({"fcnn": 1_000_000})
#: Pixels of the largest PNG written (400 MB of RGBA while it is drawn).
MAX_PNG_PIXELS = 100_000_000


def drawn_layer_limit(style: str) -> int:
    """The most layers ``style`` draws."""
    return MAX_DRAWN_LAYERS.get(style, _DEFAULT_DRAWN_LAYERS)


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
