"""One fence in, one block of HTML out: the single implementation behind every way in.

The Python-Markdown extension, the superfences formatter and the MkDocs plugin all call
:meth:`FenceRenderer.render`. It types the attributes, loads the spec (inline or ``file=``), takes
the SVG from the cache or draws it, and wraps it for the page. Every nnviz error becomes a warning
on the ``mkdocs.plugins.nnviz`` logger (so ``mkdocs build --strict`` fails) naming the page and
line, and an error box in place of the diagram; the other fences of the page still render.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nnviz_core
from mkdocs_nnviz.attributes import (
    FenceSpec,
    Header,
    interpret,
    option_table,
    parse_header,
    typed_options,
)
from mkdocs_nnviz.cache import DiagramCache, cache_key
from mkdocs_nnviz.html import error_html, figure_html
from mkdocs_nnviz.scan import FenceSite, find_fences, same_body
from nnviz_core import registry
from nnviz_core.backends.svg_inline import first_id, renumbered
from nnviz_core.errors import NnvizError, OptionError, SourceError

log = logging.getLogger("mkdocs.plugins.nnviz")

#: The file name the YAML loader is given for a fence body; errors there are moved to the page.
INLINE = "<nnviz fence>"


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
    """How often each diagram (by its SVG id) is on the page, to keep repeated ids apart."""

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


@dataclass(frozen=True)
class Place:
    """Where a fence is, for messages: page name, opening line (if known), indentation."""

    page: str
    line: int | None
    indent: str = ""


class FenceRenderer:
    """Renders fences with shared settings and cache; holds the page being built."""

    def __init__(self, settings: Settings | None = None, cache: DiagramCache | None = None):
        self.settings = settings or Settings()
        self.cache = cache or DiagramCache()
        self.page: PageContext | None = None
        self.watched: set[Path] = set()
        """Spec files read through ``file=``; the plugin asks ``mkdocs serve`` to watch them."""
        self._defaults: dict[str, dict[str, Any]] = {}
        self._check_settings()

    def _check_settings(self) -> None:
        registry.style(self.settings.default_style)
        for style in self.settings.default_options:
            self.defaults(style)

    def defaults(self, style: str) -> dict[str, Any]:
        """The typed options a fence of ``style`` starts from."""
        if style not in self._defaults:
            base: dict[str, Any] = {"theme": self.settings.theme}
            if self.settings.graphviz_engine and "engine" in option_table(style):
                base["engine"] = self.settings.graphviz_engine
            base.update(self.settings.default_options.get(style) or {})
            owner = f"the default options of style {style!r}"
            self._defaults[style] = typed_options(style, base, owner)
        return self._defaults[style]

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
        self, body: str, header: Header | str, line: int | None = None, indent: str = ""
    ) -> str:
        """The HTML for one fence; ``line`` is its opening line in the converted text, if known."""
        place = self._place(body, line, indent)
        try:
            parsed = parse_header(header) if isinstance(header, str) else header
            spec = interpret(parsed, self.settings.default_style, self.defaults)
            if spec.model is not None:
                svg = self._draw_model(spec, body)
            else:
                text, name = self._source(spec.file, body)
                svg = self._draw(text, name, spec.style, spec.options)
            return figure_html(self._on_page(svg, spec.figure.anchor), spec.figure, spec.style)
        except Exception as error:  # a bug in one style must not stop the other fences
            return self.failure_html(error, place)

    def failure_html(self, error: Exception, place: Place) -> str:
        """Log why a fence failed (a bug with its traceback) and return the error box."""
        if isinstance(error, NnvizError):
            message = self._message(error, place)
            log.warning("nnviz: %s", message)
        else:
            message = f"{self._prefix(place)}: internal error: {type(error).__name__}: {error}"
            log.error("nnviz: %s (please report this)", message, exc_info=error)
        return error_html(message)

    def _on_page(self, svg: str, anchor: str | None) -> str:
        """Note the figure on the page; a repeat of a diagram gets ids of its own."""
        page = self.page
        if page is None:
            return svg
        if anchor:
            page.anchors.add(anchor)
        root = first_id(svg)
        page.drawn[root] += 1
        return renumbered(svg, page.drawn[root])

    def _place(self, body: str, line: int | None, indent: str) -> Place:
        page = self.page
        if page is None:
            return Place(self.settings.source_name, line, indent)
        if line is not None:
            page.mark(line)
            return Place(page.name, line + page.line_offset, indent)
        site = page.locate(body)
        if site is None:
            return Place(page.name, None, indent)
        return Place(page.name, site.line + page.line_offset, site.indent)

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
                f"give the spec either in the fence body or with file={file!r}, not both"
            )
        path = (self.settings.base_dir / file).resolve()
        self.watched.add(path)
        try:
            return path.read_text(encoding="utf-8"), file
        except OSError as error:
            reason = "no such file" if isinstance(error, FileNotFoundError) else str(error)
            raise SourceError(f"file={file!r}: {reason} ({path})") from None

    def _draw(self, text: str, name: str, style: str, options: tuple[tuple[str, Any], ...]) -> str:
        """The SVG of a spec, from the cache when this exact spec and options were drawn before."""

        def draw() -> str:
            from nnviz_core.sources import yaml_spec

            graph = yaml_spec.load_text(text, filename=name)
            return nnviz_core.render(graph, style, **dict(options)).svg

        return self.cache.get_or_draw(cache_key(f"{name}\n{text}", style, options), draw)

    def _draw_model(self, spec: FenceSpec, body: str) -> str:
        """The SVG of ``model=``; cached by a hash of the model's graph, so edits redraw it."""
        from nnviz_core.sources.resolve import (
            fingerprint,
            is_import_path,
            load_model,
            model_inputs,
            module_file,
        )

        target = str(spec.model)
        if body.strip():
            raise OptionError(
                f"give the network either in the fence body or with model={target!r}, not both"
            )
        where = target
        if not is_import_path(target):
            path = (self.settings.base_dir / target).resolve()
            self.watched.add(path)
            where = str(path)
        graph = load_model(where, model_inputs(dict(spec.source_options)))
        module = module_file(target)
        if module is not None:
            self.watched.add(module)  # `mkdocs serve` redraws when the model's code changes
        key = cache_key(f"model {target}\n{fingerprint(graph)}", spec.style, spec.options)
        return self.cache.get_or_draw(
            key, lambda: nnviz_core.render(graph, spec.style, **dict(spec.options)).svg
        )

    @staticmethod
    def _prefix(place: Place) -> str:
        return place.page if place.line is None else f"{place.page}:{place.line}"

    def _message(self, error: NnvizError, place: Place) -> str:
        """``page:line[:column]: message``, with a fence-body location moved into the page."""
        location = error.location
        if location is not None and location.file == INLINE:
            if place.line is None:
                return f"{place.page}: line {location.line} of an nnviz fence: {error.message}"
            line = place.line + location.line
            column = location.column + len(place.indent)
            return f"{place.page}:{line}:{column}: {error.message}"
        return f"{self._prefix(place)}: {error}"
