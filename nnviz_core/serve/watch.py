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


def changes(root: Path, name: str) -> StreamingResponse:
    """An event stream with one ``changed`` event each time ``name`` changes on disk."""
    target = inside(root, name)
    assert target is not None  # the caller opened it

    async def stream() -> AsyncIterator[str]:
        yield ": watching\n\n"
        async for batch in awatch(target.parent, debounce=100, step=25, recursive=False):
            if any(Path(path).resolve() == target for _, path in batch):
                yield "event: changed\ndata: {}\n\n"

    headers = {"Cache-Control": "no-store"}
    return StreamingResponse(stream(), media_type="text/event-stream", headers=headers)
