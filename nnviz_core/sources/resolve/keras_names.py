"""Keras layer names of the models nnviz builds: those a new process would give them.

A new process that runs ``from pkg.mod import make_model; make_model()`` names the model's layers
counting on from the layers ``pkg.mod`` made at import time (a module-level ``Dense`` takes
``dense``, so the factory's first one is ``dense_1``). nnviz imports a model module under fresh
Keras counters and remembers the names its code took; every model built from that module starts
from them, so a docs page draws the same names whichever pages were built before it. A module
imported before nnviz saw it (by the user, or Sphinx's autodoc) made its layers with the
process's counters, so its models count on from those, as the user's own next model would.

Until the model is built nnviz cannot tell a Keras import path from a PyTorch one, so a Keras
release that moved its counters stops only Keras drawings (see :func:`keras_names`).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from nnviz_core.errors import SourceError
from nnviz_core.sources.keras_model.names import Counters, counters, keras_names
from nnviz_core.sources.resolve.imports import import_object

__all__ = ["building", "import_named"]

#: The Keras names each model module took while nnviz imported it, by module name.
_TAKEN: dict[str, Counters] = {}


def import_named(path: str) -> Any:
    """The object an import path names; the Keras names its module's import takes are kept."""
    module = path.strip().partition(":")[0]
    first = module not in sys.modules
    with keras_names(required=False):
        target = import_object(path)
        taken = _counters_if_known()
    if first or taken:  # taken by the module's code, run now or reloaded because it changed
        _TAKEN[module] = taken
    return target


@contextmanager
def building(module: str) -> Iterator[None]:
    """Inside the block, Keras names new layers as a new process that imported ``module``
    would; the process's counters are put back afterwards."""
    start = _TAKEN[module] if module in _TAKEN else _counters_if_known()
    with keras_names(start, required=False):
        yield


def _counters_if_known() -> Counters:
    """Keras's counters, or none when this Keras keeps them where nnviz cannot read them: an
    import path may name a PyTorch or ONNX model, which must draw all the same."""
    try:
        return counters()
    except SourceError:
        return {}
