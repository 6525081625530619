"""```` ```nnviz-history ```` fences: training curves from a log file or CSV/JSON in the fence.

    ```nnviz-history file="logs/history.csv" mark_best="val_loss" caption="Training"
    ```

Same figure attributes, cache, page-and-line warnings and error boxes as ```` ```nnviz ````
fences (:mod:`mkdocs_nnviz.renderer`); the drawing options are those of
:class:`nnviz_core.history.HistoryOptions` plus the output options (``theme``…). A log file is
cached by a digest of its bytes, so a new log redraws the figure on the next build.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, MutableMapping
from pathlib import Path
from typing import Any

from markdown import Markdown

from mkdocs_nnviz.attributes import FLAG, Header, _figure, parse_header
from mkdocs_nnviz.cache import cache_key
from mkdocs_nnviz.html import figure_html
from mkdocs_nnviz.renderer import INLINE, FenceRenderer, log
from nnviz_core.errors import OptionError, SourceError
from nnviz_core.history import STYLE_NAME, HistoryWarning, plot_history, split_history_options
from nnviz_core.history.readers import log_digest

__all__ = ["HISTORY_FIGURE_ATTRIBUTES", "history_format", "render_history"]

#: Attributes about the figure and the log rather than the drawing.
HISTORY_FIGURE_ATTRIBUTES = ("caption", "name", "id", "align", "alt", "class", "width", "file")


def _options(raw: Mapping[str, str | bool], renderer: FenceRenderer) -> dict[str, Any]:
    """The plugin's theme and ``default_options.history``, then the fence's, checked."""
    values: dict[str, Any] = {"theme": renderer.settings.theme}
    values.update(renderer.settings.default_options.get(STYLE_NAME) or {})
    for key, value in raw.items():
        if key not in HISTORY_FIGURE_ATTRIBUTES:
            values[key] = "true" if value is FLAG else value
    split_history_options(values)  # unknown names and bad values fail here, with the fix
    return values


def _draw(renderer: FenceRenderer, file: str | None, body: str, options: dict[str, Any]) -> str:
    """The SVG, from the cache when this log and these options were drawn before."""
    if file is None and not body.strip():
        raise OptionError(
            "this nnviz-history fence is empty; write CSV or JSON in it, or name a log "
            'with file="..."'
        )
    if file is not None and body.strip():
        raise OptionError(f"give the log either in the fence body or with file={file!r}, not both")
    source: Any = body
    key_source = f"{INLINE}\n{body}"
    if file is not None:
        source = (renderer.settings.base_dir / file).resolve()
        renderer.watched.add(source)
        if not source.exists():
            raise SourceError(f"file={file!r}: no such file ({source})")
        key_source = f"{file}\n{log_digest(source)}"
    key = cache_key(key_source, STYLE_NAME, tuple(sorted(options.items())))
    name = Path(file).as_posix() if file else INLINE
    return renderer.cache.get_or_draw(
        key, lambda: plot_history(source, filename=name, **options).svg
    )


def render_history(
    renderer: FenceRenderer,
    body: str,
    header: Header | str,
    line: int | None = None,
    indent: str = "",
) -> str:
    """The HTML of one fence; NaN gaps and every error become warnings at the fence's line."""
    place = renderer._place(body, line, indent)
    try:
        parsed = parse_header(header) if isinstance(header, str) else header
        raw = dict(parsed.values)
        figure = _figure(raw, parsed)
        file = str(raw["file"]).strip() if "file" in raw else None
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", HistoryWarning)
            svg = _draw(renderer, file, body, _options(raw, renderer))
        for warning in caught:
            if isinstance(warning.message, HistoryWarning):
                found = warning.message
                note = str(found) if file else found.note
                log.warning("nnviz: %s: %s", renderer._prefix(place), note)
        return figure_html(renderer._on_page(svg, figure.anchor), figure, STYLE_NAME)
    except Exception as error:  # a bug must not stop the other fences
        return renderer.failure_html(error, place)


def history_format(
    source: str,
    language: str,
    class_name: str,
    options: MutableMapping[str, Any],
    md: Markdown,
    **kwargs: Any,
) -> str:
    """The superfences formatter of ```` ```nnviz-history ```` fences."""
    from mkdocs_nnviz.fences import fence_header, renderer_for

    return render_history(renderer_for(md), source, fence_header(class_name, options, kwargs))
