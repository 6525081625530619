"""Spec text drawn for the page: the viewer's HTML, or the located errors the editor marks.

These functions run in the render process (:mod:`~nnviz_core.serve.process`); exports call
:func:`render_text` in the server itself.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any

from nnviz_core import api
from nnviz_core.errors import NnvizError
from nnviz_core.sources.yaml_spec import load_text
from nnviz_core.viewer import payload

__all__ = ["answer", "located", "render_text"]


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


def answer(text: str, name: str, style: str, options: Mapping[str, Any]) -> dict[str, Any]:
    """The page's answer for one edit: the diagram's ``html`` and ``notes`` (the readability
    warnings), or the ``errors`` to mark."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UserWarning)
        try:
            diagram = render_text(text, name, style, options)
            svg = diagram.svg
            extra = payload(diagram, svg)
        except NnvizError as error:
            return {"errors": [located(error)]}
    notes = list(dict.fromkeys(str(warning.message) for warning in caught))
    return {"html": f"{svg}\n{extra}", "notes": notes, "errors": []}
