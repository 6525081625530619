"""Pausing Python's cycle collector while a diagram is loaded, laid out and written."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cycle collector off, then restore it as it was.

    Each stage allocates hundreds of thousands of small objects that reference counting frees
    without help; each automatic collection meanwhile walks every one of them again (and, in a
    docs build that has imported a framework, every object of the process), which made a
    10,000-layer spec load twice as slowly. Nesting is fine: inner pauses change nothing.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
