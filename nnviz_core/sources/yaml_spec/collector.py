"""Pausing Python's cycle collector while a spec is parsed and built."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cycle collector off, then restore it as it was.

    Loading allocates hundreds of thousands of small objects that reference counting frees
    without help; each automatic collection meanwhile walks every one of them again, which
    made a 10,000-layer spec load twice as slowly.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
