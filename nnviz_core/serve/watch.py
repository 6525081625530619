"""Changes on disk pushed to the page: server-sent events from :func:`watchfiles.awatch`.

The page reloads the text when the file differs from what it last saved, so another editor's
save shows up while the page's own saves do not bounce back.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

from starlette.responses import StreamingResponse
from watchfiles import awatch

from nnviz_core.serve.files import inside

__all__ = ["changes"]

#: How often the watcher checks in when nothing changed (milliseconds).
_TICK_MS = 1000


def changes(root: Path, name: str) -> StreamingResponse:
    """An event stream with one ``changed`` event each time ``name`` changes on disk."""
    target = inside(root, name)
    assert target is not None  # the caller opened it

    async def stream() -> AsyncIterator[str]:
        # An empty batch each second once the watcher runs: the first says it is ready, the
        # others keep the connection checked (a closed page ends the stream at the next one).
        batches = awatch(
            target.parent,
            debounce=100,
            step=25,
            recursive=False,
            rust_timeout=_TICK_MS,
            yield_on_timeout=True,
        )
        ready = False
        async for batch in batches:
            if not ready:
                ready = True
                yield "event: ready\ndata: {}\n\n"
            elif any(Path(path).resolve() == target for _, path in batch):
                yield "event: changed\ndata: {}\n\n"
            else:
                yield ": tick\n\n"

    headers = {"Cache-Control": "no-store"}
    return StreamingResponse(stream(), media_type="text/event-stream", headers=headers)
