"""One fence in, one block of HTML out: the single implementation behind every way in.

The Python-Markdown extension, the superfences formatters and the MkDocs plugin all call
:meth:`FenceRenderer.render`. It reads the header with the hosting grammar, turns the fence into a
:class:`~nnviz_core.hosting.Request` and has the :class:`~nnviz_core.hosting.Host` draw it (from
the cache when it can). Every nnviz error becomes a warning on the ``mkdocs.plugins.nnviz`` logger
(so ``mkdocs build --strict`` fails) naming the page and line, and an error box in place of the
diagram; the other fences of the page still render.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs_nnviz.html import error_html, figure_html
from nnviz_core.errors import NnvizError
from nnviz_core.hosting import (
    INLINE,
    LANGUAGE,
    DiagramCache,
    Drawn,
    FilePolicy,
    Header,
    Host,
    HostSettings,
    Origin,
    PageContext,
    aliased,
    fence_origin,
    fence_request,
    find_fences,
    guard_message,
    parse_header,
    place,
    read_fence,
)

log = logging.getLogger("mkdocs.plugins.nnviz")


@dataclass(frozen=True)
class Settings:
    """Site-wide defaults (the plugin's configuration, or the extension's): the settings every
    host shares, and where this one finds files and names pages."""

    shared: HostSettings = field(default_factory=HostSettings)
    base_dir: Path = Path()
    """Where ``file=`` paths start: the docs directory."""
    source_name: str = "<markdown>"
    """How errors name the document when no page is being built."""
    config_dir: Path | None = None
    """The folder of ``mkdocs.yml`` (default: the working directory)."""

    def policy(self) -> FilePolicy:
        config_dir = self.config_dir or Path.cwd()
        return FilePolicy.for_site(
            self.base_dir, config_dir, self.shared.allowed_roots, "allowed_roots"
        )


class FenceRenderer:
    """Renders fences with shared settings and cache; holds the page being built."""

    def __init__(self, settings: Settings | None = None, cache: DiagramCache | None = None):
        self.settings = settings or Settings()
        cache = cache or DiagramCache(inform=lambda message: log.info(message))
        self.host = Host(self.settings.shared, cache, self.settings.policy())
        self.host.check_settings()
        self.page: PageContext | None = None

    @property
    def cache(self) -> DiagramCache:
        return self.host.cache

    @property
    def watched(self) -> set[Path]:
        """Files read through ``file=`` and ``model=``, for ``mkdocs serve`` to watch."""
        return self.host.watched

    def begin_page(self, name: str, markdown: str, line_offset: int = 0) -> None:
        """Remember the page about to be converted, and where each of its fences starts."""
        text = markdown.replace("\r\n", "\n").replace("\r", "\n")  # as Markdown will see it
        self.page = PageContext(name, line_offset, find_fences(text))

    def end_page(self) -> PageContext | None:
        """Forget the page, returning what was recorded about it."""
        page, self.page = self.page, None
        return page

    def report_undrawn(self, page: PageContext, hint: str) -> None:
        """Warn about each fence of ``page`` that Markdown never passed on to be drawn."""
        for site in page.undrawn():
            where = f"{page.name}:{site.line + page.line_offset}"
            log.warning("nnviz: %s: this nnviz fence was not drawn: %s", where, hint)

    def render(
        self,
        body: str,
        header: Header | str,
        line: int | None = None,
        indent: str = "",
        language: str = LANGUAGE,
    ) -> str:
        """The HTML for one fence; ``line`` is its opening line in the converted text, if known."""
        origin = self._origin(body, line, indent)
        try:
            parsed = parse_header(header) if isinstance(header, str) else header
            spec = read_fence(aliased(parsed, language), self.settings.shared.default_style)
            request = fence_request(self.host, spec, body, self.settings.base_dir, language)
            drawn = self.host.draw(request)
            for note in drawn.notes:  # remarks about the data (NaN gaps in a log)
                log.warning(
                    "nnviz: %s: %s", origin.shown, note.short if request.text else note.text
                )
            svg, viewer = self._on_page(drawn, spec.figure.anchor)
            return figure_html(svg, spec.figure, spec.style, viewer)
        except Exception as error:  # a bug in one style must not stop the other fences
            return self.failure_html(error, origin)

    def failure_html(self, error: Exception, origin: Origin) -> str:
        """Log why a fence failed (a bug with its traceback) and return the error box."""
        if isinstance(error, NnvizError):
            message = self._message(error, origin)
            log.warning("nnviz: %s", message)
        else:
            reason = guard_message(f"{type(error).__name__}: {error}")
            message = f"{origin.shown}: internal error: {reason}"
            log.error("nnviz: %s (please report this)", message, exc_info=error)
        return error_html(message)

    def _on_page(self, drawn: Drawn, anchor: str | None) -> tuple[str, str]:
        """Note the figure on the page: its SVG and viewer payload (a repeat of a diagram gets
        ids of its own)."""
        page = self.page
        if page is None:
            return drawn.inline(), drawn.viewer_html()
        if anchor:
            page.anchors.add(anchor)
        page.drawn[drawn.root_id] += 1  # diagrams of different keys may draw the same SVG
        occurrence = page.drawn[drawn.root_id]
        return drawn.inline(occurrence), drawn.viewer_html(occurrence)

    def _origin(self, body: str, line: int | None, indent: str) -> Origin:
        if self.page is None:
            return fence_origin(self.settings.source_name, line, len(indent))
        return self.page.origin(body, line, indent)

    def _message(self, error: NnvizError, origin: Origin) -> str:
        """``page:line[:column]: message``, with a fence-body location moved into the page."""
        placed = place(error, origin, INLINE)
        if placed.file == origin.document:
            return str(placed)
        return f"{origin.shown}: {placed}"
