"""Training-history slides: a ``.. nnviz-history::`` directive, a MyST ``{nnviz-history}`` or
MkDocs ``nnviz-history`` fence, or a CSV/JSON log given directly becomes one slide whose panels
are native PowerPoint charts (see :mod:`nnviz_core.backends.pptx.charts`)."""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from nnviz_core.errors import NnvizError, SourceError
from nnviz_core.history import HistoryOptions, HistoryWarning, plot_history
from nnviz_core.history.style import STYLE
from nnviz_core.hosting import reads_own_source
from nnviz_core.options import declared

__all__ = ["LOG_STYLE", "LOG_SUFFIXES", "history_slide", "is_history"]

#: Files that ``nnviz slides`` reads as training logs rather than specs.
LOG_SUFFIXES = (".csv", ".json", ".tsv")
#: The style that draws them.
LOG_STYLE = STYLE.name
_INLINE = "<log>"


def _options(*layers: Mapping[str, Any]) -> dict[str, Any]:
    """Only the options a history figure takes (figure options such as ``name`` are not)."""
    names = {info.name for info in declared(HistoryOptions)}
    return {k: v for layer in layers for k, v in layer.items() if k in names}


def _source(item: Any) -> tuple[Any, str | None]:
    site = item.site
    if site is None:
        return Path(item.source), None
    if site.text and site.file:
        raise SourceError(
            f"{item.shown}: the directive names the log {site.file.name!r} and has inline data "
            "too; keep one of them"
        )
    if site.file is not None:
        return site.file, None
    if not site.text:
        raise SourceError(f"{item.shown}: the directive has no log; name a file or write CSV")
    return site.text + "\n", _INLINE


def history_slide(deck: Any, item: Any, drawing: Mapping[str, Any]) -> int:
    """Add the slide of one planned history figure; returns the number of slides added."""
    source, filename = _source(item)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", HistoryWarning)  # the figure carries the note
            figure = plot_history(source, filename=filename, **_options(drawing, item.options))
    except NnvizError as error:
        where = item.site.in_page(error.location, item.shown, _INLINE) if item.site else None
        if where is None:
            raise
        raise error.relocated(where) from None
    title = item.caption or figure.scene.title or "Training curves"
    notes = f"From {item.shown}: {figure.scene.description}."
    return int(deck.add(figure.scene, title, notes))


def is_history(item: Any) -> bool:
    """Whether a planned item is drawn by a style with a source of its own (a training log)."""
    return reads_own_source(str(item.style))
