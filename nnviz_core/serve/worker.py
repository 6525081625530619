"""The page's edits drawn in a render process that a newer edit stops.

Renders run one at a time, in a warm child process (:mod:`~nnviz_core.serve.process`), with
a second warm process kept spare. Each edit carries its page's id and edit number. An edit of
a page whose older edit is still being drawn kills that render's process and is drawn at once
by the spare (a new spare starts behind it); an edit still waiting when a newer one of the
same page arrives is dropped. The older edits answer ``superseded``, and the page keeps the
diagram it shows until the newest edit's answer.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from nnviz_core.serve.process import RenderProcess, Stopped

__all__ = ["Worker"]

#: How many pages' newest edits are remembered.
_PAGES = 256


@dataclass(frozen=True)
class _Running:
    page: str
    edit: int
    process: RenderProcess


class Worker:
    """Draws one edit at a time; an older edit than the newest one asked for is skipped, or
    stopped when it is already being drawn."""

    def __init__(self) -> None:
        self._turn = threading.Lock()  # one render at a time
        self._state = threading.Lock()  # guards the fields below
        self._newest: dict[str, int] = {}
        self._running: _Running | None = None
        self._closed = False
        self._process = RenderProcess()
        self._spare = RenderProcess()

    def draw(
        self, page: str, edit: int, text: str, name: str, style: str, options: Mapping[str, Any]
    ) -> dict[str, Any]:
        """The page's answer for one edit: ``html`` or ``errors`` (or ``superseded``)."""
        self._ask(page, edit)
        with self._turn:
            with self._state:
                if edit < self._newest[page]:
                    return {"edit": edit, "superseded": True}
                process = self._process
                self._running = _Running(page, edit, process)
            try:
                result = process.run((text, name, style, dict(options)))
            except Stopped:
                return self._lost(page, edit, process)
            finally:
                with self._state:
                    self._running = None
        return {"edit": edit, **result}

    def close(self) -> None:
        """End the render processes (the server is stopping)."""
        with self._state:
            self._closed = True
            for process in (self._process, self._spare):
                process.close()

    def _ask(self, page: str, edit: int) -> None:
        """Record the page's newest edit; stop the page's older edit being drawn."""
        with self._state:
            if len(self._newest) > _PAGES and page not in self._newest:
                self._newest.clear()  # pages long closed; a live one at worst redraws once
            self._newest[page] = max(self._newest.get(page, 0), edit)
            running = self._running
            if running and running.page == page and running.edit < edit:
                self._replace(running.process)

    def _replace(self, process: RenderProcess) -> None:
        """Stop ``process`` and draw with the warm spare from now on (called under state)."""
        if process is not self._process or self._closed:
            return  # already replaced, or the server is stopping
        process.stop()
        self._process, self._spare = self._spare, RenderProcess()

    def _lost(self, page: str, edit: int, process: RenderProcess) -> dict[str, Any]:
        """The answer for a render whose process ended: superseded when a newer edit stopped
        it, else the process died on its own and the spare takes over."""
        with self._state:
            if edit < self._newest[page]:
                return {"edit": edit, "superseded": True}
            self._replace(process)
        message = "the render process stopped unexpectedly (out of memory?); edit to try again"
        error = {"line": 1, "column": 1, "located": False, "message": message}
        return {"edit": edit, "errors": [error]}
