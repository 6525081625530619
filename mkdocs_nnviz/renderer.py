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
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs_nnviz.html import error_html, figure_html
from nnviz_core.errors import NnvizError, OptionError, SourceError
from nnviz_core.hosting import (
    INLINE,
    LANGUAGE,
    DiagramCache,
    FenceSite,
    FenceSpec,
    FilePolicy,
    Header,
    Host,
    HostSettings,
    Origin,
    Request,
    excerpt,
    find_fences,
    guard_message,
    interpret,
    parse_header,
    place,
    reads_own_source,
    same_body,
    style_of,
)
from nnviz_core.sources.resolve import is_import_path, module_file

log = logging.getLogger("mkdocs.plugins.nnviz")


@dataclass(frozen=True)
class Settings:
    """Site-wide defaults (the plugin's configuration, or the extension's)."""

    default_style: str = "graph"
    default_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    theme: str = "auto"
    graphviz_engine: str | None = None
    base_dir: Path = Path()
    """Where ``file=`` paths start: the docs directory."""
    source_name: str = "<markdown>"
    """How errors name the document when no page is being built."""
    allowed_roots: tuple[Path, ...] = ()
    """Folders besides the docs and project folders that ``file=`` and ``model=`` may read."""
    config_dir: Path | None = None
    """The folder of ``mkdocs.yml`` (default: the working directory)."""

    def host(self) -> HostSettings:
        return HostSettings(
            self.default_style,
            self.default_options,
            self.theme,
            self.graphviz_engine,
            self.allowed_roots,
        )

    def policy(self) -> FilePolicy:
        config_dir = self.config_dir or Path.cwd()
        return FilePolicy.for_site(self.base_dir, config_dir, self.allowed_roots, "allowed_roots")


@dataclass
class PageContext:
    """The page being converted: its name, where its Markdown starts and its nnviz fences."""

    name: str
    line_offset: int = 0
    sites: list[FenceSite] = field(default_factory=list)
    used: set[int] = field(default_factory=set)
    anchors: set[str] = field(default_factory=set)
    """Ids of the figures drawn on the page, for MkDocs' anchor validation."""
    drawn: Counter[str] = field(default_factory=Counter)
    """How often each diagram (by its cache key) is on the page, to keep repeated ids apart."""

    def locate(self, body: str) -> FenceSite | None:
        """The first fence not yet drawn whose body is ``body`` (formatters are not told)."""
        for number, site in enumerate(self.sites):
            if number not in self.used and same_body(site.body, body):
                self.used.add(number)
                return site
        return None

    def mark(self, line: int) -> None:
        """Note that the fence opening on ``line`` (of the converted text) was drawn."""
        self.used.update(n for n, site in enumerate(self.sites) if site.line == line)

    def undrawn(self) -> list[FenceSite]:
        """Fences Markdown never handed to nnviz (a header superfences refused, a container)."""
        return [site for n, site in enumerate(self.sites) if n not in self.used]


class FenceRenderer:
    """Renders fences with shared settings and cache; holds the page being built."""

    def __init__(self, settings: Settings | None = None, cache: DiagramCache | None = None):
        self.settings = settings or Settings()
        cache = cache or DiagramCache(inform=lambda message: log.info(message))
        self.host = Host(self.settings.host(), cache, self.settings.policy())
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
            spec = interpret(
                _aliased(parsed, language), self.settings.default_style, self.host.defaults
            )
            request = self._request(spec, body, language)
            drawn = self.host.draw(request)
            for note in drawn.notes:  # remarks about the data (NaN gaps in a log)
                log.warning(
                    "nnviz: %s: %s", origin.shown, note.short if request.text else note.text
                )
            return figure_html(self._on_page(drawn, spec.figure.anchor), spec.figure, spec.style)
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

    def _request(self, spec: FenceSpec, body: str, language: str) -> Request:
        options = self.host.complete(spec.style, dict(spec.options))
        if spec.model is not None:
            return self._model_request(spec, body, options)
        if reads_own_source(spec.style):
            text, file, name = self._log(spec.file, body, language)
            return Request(spec.style, options, text=text, name=name, file=file)
        text, name = self._source(spec.file, body)
        return Request(spec.style, options, text=text, name=name)

    def _on_page(self, drawn: Any, anchor: str | None) -> str:
        """Note the figure on the page; a repeat of a diagram gets ids of its own."""
        page = self.page
        if page is None:
            return str(drawn.inline())
        if anchor:
            page.anchors.add(anchor)
        page.drawn[drawn.key] += 1
        return str(drawn.inline(page.drawn[drawn.key]))

    def _origin(self, body: str, line: int | None, indent: str) -> Origin:
        page = self.page
        if page is None:
            return _origin(self.settings.source_name, line, len(indent))
        if line is not None:
            page.mark(line)
            return _origin(page.name, line + page.line_offset, len(indent))
        site = page.locate(body)
        if site is None:
            return Origin(page.name)
        return _origin(page.name, site.line + page.line_offset, len(site.indent))

    def _allowed(self, file: str) -> Path:
        return self.host.allow(self.settings.base_dir / file, f"file={file!r}")

    def _source(self, file: str | None, body: str) -> tuple[str, str]:
        """The spec text and the name its errors should carry."""
        if file is None:
            if not body.strip():
                raise OptionError(
                    "this nnviz fence is empty; write a YAML spec in it, "
                    'or name one with file="..."'
                )
            return body, INLINE
        if body.strip():
            raise OptionError(
                f"give the spec either in the fence body or with file={excerpt(file)!r}, not both"
            )
        path = self._allowed(file)
        try:
            return path.read_text(encoding="utf-8"), file
        except FileNotFoundError:
            raise SourceError(
                f"file={file!r}: no such file ({self.settings.base_dir / file})"
            ) from None
        except (OSError, UnicodeDecodeError) as error:
            raise SourceError(
                f"file={file!r}: cannot be read as UTF-8 text ({excerpt(error)})"
            ) from None

    def _log(
        self, file: str | None, body: str, language: str
    ) -> tuple[str | None, str | None, str]:
        """A style's own source (a training log): inline text, or an allowed file or folder."""
        if file is None and not body.strip():
            raise OptionError(
                f"this {language} fence is empty; write CSV or JSON in it, or name a log "
                'with file="..."'
            )
        if file is not None and body.strip():
            raise OptionError(
                f"give the log either in the fence body or with file={file!r}, not both"
            )
        if file is None:
            return body, None, INLINE
        path = self._allowed(file)
        if not path.exists():
            raise SourceError(f"file={file!r}: no such file ({path})")
        return None, str(path), Path(file).as_posix()

    def _model_request(self, spec: FenceSpec, body: str, options: Any) -> Request:
        """``model=``: an import path, or a model file allowed by the file policy."""
        target = str(spec.model)
        if body.strip():
            raise OptionError(
                f"give the network either in the fence body or with model={target!r}, not both"
            )
        where = target
        if not is_import_path(target):
            where = str(self.host.allow(self.settings.base_dir / target, f"model={target!r}"))
        module = module_file(target)
        if module is not None:
            self.watched.add(module)  # `mkdocs serve` redraws when the model's code changes
        return Request(spec.style, options, model=where, source_options=spec.source_options)

    def _message(self, error: NnvizError, origin: Origin) -> str:
        """``page:line[:column]: message``, with a fence-body location moved into the page."""
        placed = place(error, origin, INLINE)
        if placed.file == origin.document:
            return str(placed)
        return f"{origin.shown}: {placed}"


def _origin(document: str, line: int | None, indent: int) -> Origin:
    body = None if line is None else line + 1
    return Origin(document, line, body, indent)


def _aliased(header: Header, language: str) -> Header:
    """A fence alias (``nnviz-history``) is the ``nnviz`` fence with its style fixed."""
    style = style_of(language)
    if style is None:
        return header
    if "style" in header.values:
        raise OptionError(f"{language} fences draw the {style!r} style; remove style=")
    return Header({**header.values, "style": style}, header.classes, header.anchor)
