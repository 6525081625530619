"""Spec text drawn for the page: the viewer's HTML, or the located errors the editor marks.

Renders run one at a time off the event loop. Each carries its page's id and edit number; a
render still waiting when a newer edit of the same page arrives is dropped (``superseded``), so
typing never queues stale work behind the diagram the user is looking at.
"""

from __future__ import annotations

import threading
import warnings
from collections.abc import Mapping
from typing import Any

from nnviz_core import api
from nnviz_core.errors import NnvizError
from nnviz_core.sources.yaml_spec import load_text
from nnviz_core.viewer import payload

__all__ = ["Worker", "located", "render_text"]


def located(error: NnvizError) -> dict[str, Any]:
    """An error as the editor marks it: 1-based line and column (the first line when unknown)."""
    where = error.location
    return {
        "line": where.line if where else 1,
        "column": where.column if where else 1,
        "located": where is not None,
        "message": error.message,
    }


def _options(values: Mapping[str, Any]) -> dict[str, Any]:
    """The form's values: empty fields mean the option's default."""
    return {key: value for key, value in values.items() if value not in ("", None)}


def render_text(text: str, name: str, style: str, options: Mapping[str, Any]) -> api.Diagram:
    """The spec ``text`` (read as file ``name``) drawn in ``style``."""
    graph = load_text(text, filename=name)
    return api.render(graph, style, **_options(options))


#: How many pages' newest edits are remembered.
_PAGES = 256


class Worker:
    """Draws one edit at a time; an edit older than the newest one asked for is skipped."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._newest: dict[str, int] = {}

    def draw(
        self, page: str, edit: int, text: str, name: str, style: str, options: Mapping[str, Any]
    ) -> dict[str, Any]:
        """The page's answer for one edit: ``html`` or ``errors`` (or ``superseded``)."""
        if len(self._newest) > _PAGES and page not in self._newest:
            self._newest.clear()  # pages long closed; a live one at worst redraws once
        self._newest[page] = max(self._newest.get(page, 0), edit)
        with self._lock:
            if edit < self._newest[page]:
                return {"edit": edit, "superseded": True}
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", UserWarning)
                try:
                    diagram = render_text(text, name, style, options)
                    svg = diagram.svg
                    extra = payload(diagram, svg)
                except NnvizError as error:
                    return {"edit": edit, "errors": [located(error)]}
            notes = list(dict.fromkeys(str(warning.message) for warning in caught))
            return {"edit": edit, "html": f"{svg}\n{extra}", "notes": notes, "errors": []}
