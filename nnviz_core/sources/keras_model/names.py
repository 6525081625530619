"""Keras's automatic names, made independent of what the Python process built before.

Keras names a layer from per-thread counters (``dense``, then ``dense_1``…), so a model built
after others gets other names, and a docs page's diagram would depend on the pages built before
it. nnviz builds the models it imports or loads under counters of its own, starting as in a new
process (so names are those their author sees in ``model.summary()``), and puts the process's
counters back afterwards, so the user's next model is named as if nnviz had not run.

``keras.backend.clear_session()`` is no substitute: it also drops every global setting (dtype
policy, distribution, custom-object scopes), resets torch's compiler caches and cannot be undone.
"""

from __future__ import annotations

import collections
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from nnviz_core.errors import SourceError

__all__ = ["Counters", "counters", "keras_names"]

#: Times each name prefix was used: ``{"dense": 2}`` makes the next Dense ``dense_2``.
Counters = dict[str, int]

_ATTRIBUTE = "object_name_uids"  # where keras.src.utils.naming keeps its counters
_PROBE = "nnviz:probe"  # a prefix no Keras name can have (names are snake case)


def _global_state() -> Any | None:
    """Keras's per-thread global state; ``None`` while Keras has not been imported.

    Keras 3 has no public way to save and restore its name counters, so this module is the one
    place nnviz uses a private Keras module; if a Keras release moves it, drawing a Keras model
    stops with an error rather than silently naming layers differently.
    """
    if "keras" not in sys.modules:
        return None
    try:
        from keras.src.backend.common import global_state
    except ImportError as error:
        raise _moved(f"keras.src.backend.common.global_state is missing ({error})") from error
    for function in ("get_global_attribute", "set_global_attribute"):
        if not hasattr(global_state, function):
            raise _moved(f"keras.src.backend.common.global_state has no {function}")
    return global_state


def _moved(detail: str) -> SourceError:
    import keras

    return SourceError(
        f"nnviz cannot give Keras {keras.__version__} models reproducible layer names: {detail}; "
        "please report this to nnviz, or use a Keras version nnviz supports"
    )


def _install(state: Any, values: Mapping[str, int]) -> None:
    """Make Keras count names from ``values``, checking that Keras really reads them."""
    fresh: collections.defaultdict[str, int] = collections.defaultdict(int, values)
    fresh[_PROBE] = 0
    state.set_global_attribute(_ATTRIBUTE, fresh)
    import keras

    keras.backend.get_uid(_PROBE)  # the public face of the counters layer names come from
    if fresh.pop(_PROBE) != 1:
        raise _moved(f"Keras no longer keeps its name counters in {_ATTRIBUTE!r}")


def counters() -> Counters:
    """A copy of Keras's name counters now (empty while Keras has not been imported)."""
    state = _global_state()
    current = state.get_global_attribute(_ATTRIBUTE) if state is not None else None
    return dict(current or {})


@contextmanager
def keras_names(start: Mapping[str, int] | None = None, *, required: bool = True) -> Iterator[None]:
    """Inside the block, Keras names new objects counting from ``start`` (empty: as in a new
    process); the counters Keras had before are put back afterwards, whatever happens.

    Keras first imported inside the block starts with empty counters anyway. A Keras that moved
    its counters is an error, unless ``required`` is false: the block may build no Keras model at
    all (an import path's framework is known only once it is built), and then it runs with
    Keras's counters untouched; drawing a Keras model checks again, and fails there.
    """
    state, saved, readable = None, None, True
    try:
        state = _global_state()
        if state is not None:
            saved = state.get_global_attribute(_ATTRIBUTE)
            _install(state, start or {})
    except SourceError:
        if state is not None:  # the probe failed: undo what was installed
            state.set_global_attribute(_ATTRIBUTE, saved)
        if required:
            raise
        readable = False
    if not readable:  # counters nnviz cannot read are left as they are
        yield
        return
    try:
        yield
    finally:
        _put_back(saved, required)


def _put_back(saved: Any, required: bool) -> None:
    """Restore Keras's counters; Keras may have been imported first inside the block."""
    try:
        state = _global_state()
    except SourceError:
        if required:
            raise
        return
    if state is not None:
        state.set_global_attribute(_ATTRIBUTE, saved)
