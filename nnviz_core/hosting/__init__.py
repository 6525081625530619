"""The one contract every docs host calls (Sphinx, MkDocs, plain Markdown, ``nnviz slides``).

* :mod:`~nnviz_core.hosting.settings`: the host settings, declared once; each adapter generates
  its config schema (``conf.py`` values, the MkDocs plugin's options) from :data:`SETTINGS`.
* :mod:`~nnviz_core.hosting.grammar` and :mod:`~nnviz_core.hosting.scan`: the fence grammar
  (header attributes, typed from the option declarations) and finding fences in a page.
* :mod:`~nnviz_core.hosting.draw`: a :class:`Request` (source, style, options) drawn by a
  :class:`Host` (settings, cache, file policy) into a :class:`Drawn` diagram (inline SVG with
  its id positions, alt text, notes), or a file in another format (:class:`Filed`, with the
  remarks its conversion made).
* :mod:`~nnviz_core.hosting.cache`: one cache with one key (source, style, options, code).
* :mod:`~nnviz_core.hosting.policy` and :mod:`~nnviz_core.hosting.guard`: which files a
  page may read, and host messages kept to one line that quotes only excerpts.
* :mod:`~nnviz_core.hosting.placement`: errors moved from inline text to the page's lines.
* :mod:`~nnviz_core.hosting.html` and :mod:`~nnviz_core.hosting.svg_ids`: the HTML a diagram
  becomes in a page, with ids made unique for a repeat (positions found once, when drawn).
* :mod:`nnviz_core.viewer`: the page script every host copies beside pages with diagrams
  (:data:`VIEWER_SCRIPT`, :func:`viewer_script`); its styles are part of :func:`page_css`.

Adapters import this package and the core's public surface, nothing deeper; the core never
imports an adapter.
"""

from __future__ import annotations

from nnviz_core import registry
from nnviz_core.errors import excerpt_text
from nnviz_core.files import write_atomic
from nnviz_core.hosting.aliases import ALIASES, style_of
from nnviz_core.hosting.cache import DiagramCache, Drawn, Filed, Note, cache_key, code_fingerprint
from nnviz_core.hosting.draw import (
    INLINE,
    Host,
    Request,
    alt_text,
    canonical_source,
    diagram,
    file_digest,
    given,
    source_noun,
)
from nnviz_core.hosting.fences import PageContext, aliased, fence_origin, fence_request
from nnviz_core.hosting.grammar import (
    FIGURE_ATTRIBUTES,
    FLAG,
    PAGE_FORMATS,
    FenceSpec,
    Figure,
    Header,
    figure_of,
    interpret,
    option_table,
    parse_header,
    read_fence,
    reads_own_source,
    source_infos,
    typed_options,
)
from nnviz_core.hosting.guard import guard_message
from nnviz_core.hosting.html import (
    directive_css,
    directive_html,
    error_html,
    figure_html,
    inline_svg,
    page_css,
)
from nnviz_core.hosting.placement import Origin, Placed, place
from nnviz_core.hosting.policy import FilePolicy, project_root
from nnviz_core.hosting.scan import LANGUAGE, LANGUAGES, FenceSite, find_fences, same_body
from nnviz_core.hosting.settings import SETTINGS, HostSettings, Setting, for_host
from nnviz_core.hosting.svg_ids import renumbered, without_prolog
from nnviz_core.options import OptionInfo
from nnviz_core.sources.resolve import is_import_path, module_file
from nnviz_core.viewer import SCRIPT as VIEWER_SCRIPT
from nnviz_core.viewer import script as viewer_script

__all__ = [
    "ALIASES",
    "FIGURE_ATTRIBUTES",
    "FLAG",
    "INLINE",
    "LANGUAGE",
    "LANGUAGES",
    "PAGE_FORMATS",
    "SETTINGS",
    "VIEWER_SCRIPT",
    "DiagramCache",
    "Drawn",
    "FenceSite",
    "FenceSpec",
    "Figure",
    "FilePolicy",
    "Filed",
    "Header",
    "Host",
    "HostSettings",
    "Note",
    "OptionInfo",
    "Origin",
    "PageContext",
    "Placed",
    "Request",
    "Setting",
    "aliased",
    "all_options",
    "alt_text",
    "cache_key",
    "canonical_source",
    "code_fingerprint",
    "diagram",
    "directive_css",
    "directive_html",
    "error_html",
    "fence_origin",
    "fence_request",
    "figure_html",
    "figure_of",
    "file_digest",
    "find_fences",
    "for_host",
    "given",
    "guard_message",
    "inline_svg",
    "interpret",
    "is_import_path",
    "module_file",
    "network_styles",
    "option_table",
    "page_css",
    "parse_header",
    "place",
    "project_root",
    "read_fence",
    "reads_own_source",
    "renumbered",
    "same_body",
    "source_infos",
    "source_noun",
    "style_names",
    "style_of",
    "typed_options",
    "viewer_script",
    "without_prolog",
    "write_atomic",
]


def style_names() -> tuple[str, ...]:
    """Every registered style, sorted."""
    return registry.names("nnviz.styles")


def network_styles() -> tuple[str, ...]:
    """The registered styles that draw networks (not those with a source of their own)."""
    return tuple(name for name in registry.names("nnviz.styles") if not reads_own_source(name))


def all_options(formats: tuple[str, ...], failed: list[str] | None = None) -> dict[str, OptionInfo]:
    """Every option any registered style or the output (in ``formats``) takes, by kebab name.

    A style that cannot be imported is left out and described in ``failed`` (for a warning).
    """
    found: dict[str, OptionInfo] = {}
    for name in style_names():
        try:
            table = option_table(name, formats)
        except (ImportError, AttributeError) as error:
            if failed is not None:
                failed.append(f"style {name!r} cannot be loaded ({excerpt_text(error)})")
            continue
        for info in table.values():
            found.setdefault(info.kebab, info)
    return found
