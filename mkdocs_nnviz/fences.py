"""The ``pymdownx.superfences`` custom fence: a validator and a formatter.

The route that works inside admonitions, content tabs and lists::

    markdown_extensions:
      - pymdownx.superfences:
          custom_fences:
            - name: nnviz
              class: nnviz
              validator: !!python/name:mkdocs_nnviz.fence_validator
              format: !!python/name:mkdocs_nnviz.fence_format

The validator accepts every header and hands all of it to the formatter: a header it rejected
would silently turn into a code block, so checking (and reporting) happens while formatting.
The same two functions serve the style aliases (``name: nnviz-history``): the formatter is told
the fence's name.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Any

from markdown import Markdown

from mkdocs_nnviz.renderer import FenceRenderer
from nnviz_core.hosting import FLAG, Header

_ATTRIBUTE = "nnviz_renderer"
_fallback: FenceRenderer | None = None


def attach(md: Markdown, renderer: FenceRenderer) -> None:
    """Make ``renderer`` (the plugin's settings and cache) the one fences of ``md`` use."""
    setattr(md, _ATTRIBUTE, renderer)


def renderer_for(md: Markdown | None) -> FenceRenderer:
    """The renderer attached to ``md``, or a shared default one (graph style, memory cache)."""
    global _fallback
    attached = getattr(md, _ATTRIBUTE, None)
    if isinstance(attached, FenceRenderer):
        return attached
    if _fallback is None:
        _fallback = FenceRenderer()
    return _fallback


def fence_validator(
    language: str,
    inputs: MutableMapping[str, str],
    options: MutableMapping[str, Any],
    attrs: MutableMapping[str, str],
    md: Markdown,
) -> bool:
    """Accept the fence and pass every header value on as an option, checked when drawing.

    Superfences gives a value-less key its own name as value (``show_shapes`` →
    ``"show_shapes"``); that is turned back into a flag.
    """
    for key, value in inputs.items():
        options[key] = FLAG if value == key else value
    return True


def fence_format(
    source: str,
    language: str,
    class_name: str,
    options: MutableMapping[str, Any],
    md: Markdown,
    **kwargs: Any,
) -> str:
    """The HTML of one nnviz fence (``classes`` and ``id_value`` come from the brace form)."""
    header = fence_header(class_name, options, kwargs)
    return renderer_for(md).render(source, header, language=language)


def fence_header(class_name: str, options: Mapping[str, Any], kwargs: Mapping[str, Any]) -> Header:
    """The header superfences hands a formatter: options, extra classes and the ``#id``."""
    classes = tuple(name for name in kwargs.get("classes") or () if name != class_name)
    return Header(dict(options), classes, str(kwargs.get("id_value") or ""))
