"""The ``.. nnviz::`` directive: parse host input, render once into the cache, emit a node.

The directive renders the SVG while the page is read, so every mistake in a spec surfaces as a
warning at the exact document line (or spec-file line) before anything is written; the builder
then only picks the file format it needs (see :mod:`sphinx_nnviz.transform`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from nnviz_core import registry
from nnviz_core.errors import NnvizError, SourceError
from nnviz_core.history import STYLE_NAME as HISTORY_STYLE
from nnviz_core.options import declared
from nnviz_core.sources.resolve import is_import_path
from sphinx_nnviz import models
from sphinx_nnviz.cache import DiagramCache, Request, cache_key
from sphinx_nnviz.models import MODEL_OPTIONS
from sphinx_nnviz.options import diagram_options, figure_options

__all__ = [
    "NnvizDirective",
    "configured_options",
    "internal_message",
    "nnviz",
    "project_cache",
]

logger = logging.getLogger(__name__)


class nnviz(nodes.General, nodes.Element):
    """A rendered diagram: the cache key, how to re-render it, and the image attributes."""


def project_cache(env: Any) -> DiagramCache:
    """The project's diagram cache, beside the pickled environment so it survives rebuilds."""
    return DiagramCache(Path(env.doctreedir) / "nnviz")


def configured_options(config: Any, style: str, given: dict[str, Any]) -> dict[str, Any]:
    """A diagram's options: theme and engine settings, the style's defaults, then ``given``.

    Training curves (``style`` ``"history"``) take the theme and their defaults; no engine.
    """
    values: dict[str, Any] = {"theme": config.nnviz_theme}
    if config.nnviz_graphviz_engine and style != HISTORY_STYLE:
        names = {info.name for info in declared(registry.style(style).options)}
        if "engine" in names:
            values["engine"] = config.nnviz_graphviz_engine
    defaults = config.nnviz_default_options.get(style, {})
    values.update({key.replace("-", "_"): value for key, value in defaults.items()})
    values.update(given)
    return values


def internal_message(error: Exception) -> str:
    """What to say when nnviz itself (or a plug-in style) fails on a diagram."""
    return (
        f"nnviz failed on this diagram with {type(error).__name__}: {error}; this is a bug in "
        "nnviz or in a plug-in, not in your spec: please report it with the spec that fails"
    )


class NnvizDirective(SphinxDirective):
    """Draw a network from inline YAML, a ``.yaml`` file argument or ``:model:``."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[nodes.Node]:
        given = [
            label
            for label, present in (
                ("a file argument", bool(self.arguments)),
                ("inline YAML content", bool(self.content)),
                ("the :model: option", "model" in self.options),
            )
            if present
        ]
        if len(given) > 1:
            return self._warn(
                f"nnviz directive takes one source but got {' and '.join(given)}; keep only one",
                "source",
            )
        if not given:
            return self._warn(
                "nnviz directive without a source: write the YAML spec as its content, "
                "give a .yaml file as its argument, or use :model:",
                "source",
            )
        if "model" in self.options:
            return self._model_diagram()
        stray = [f":{name}:" for name in MODEL_OPTIONS if name in self.options]
        if stray:
            verb, pronoun = ("is", "it") if len(stray) == 1 else ("are", "them")
            message = f"{' and '.join(stray)} {verb} only used with :model:; remove {pronoun}"
            self._warn(message, "source")
        return self._diagram()

    def _diagram(self) -> list[nodes.Node]:
        loaded = self._source()
        if loaded is None:
            return []
        text, filename, inline = loaded
        try:
            request = Request(text, filename, *self._style_and_options())
            key = self._ensure(request)
        except Exception as error:
            return self._failed(error, filename, inline)
        return self._wrap(self._node(request, key, request.style))

    def _model_diagram(self) -> list[nodes.Node]:
        """A diagram of ``:model:``: an import path, or a model file relative to the page."""
        target = str(self.options["model"]).strip()
        where = target
        if not is_import_path(target):
            relative, absolute = self.env.relfn2path(target, self.env.docname)
            self.env.note_dependency(relative)
            where = absolute
        values = {
            name: self.options[kebab]
            for kebab, name in MODEL_OPTIONS.items()
            if kebab in self.options
        }
        try:
            key_source, _graph = models.load(where, values)
            model = (("model", where), *sorted(values.items()))
            request = Request(key_source, target, *self._style_and_options(), model)
            key = self._ensure(request)
        except Exception as error:
            return self._failed(error, target, False)
        found = models.module_file(target)
        if found is not None:
            self.env.note_dependency(str(found))
        return self._wrap(self._node(request, key, request.style))

    def _ensure(self, request: Request) -> str:
        """Render ``request`` into the project cache unless it is there; its cache key."""
        key = cache_key(request)
        project_cache(self.env).ensure(request, key)
        return key

    def _failed(self, error: Exception, filename: str, inline: bool) -> list[nodes.Node]:
        """A core error as a located warning; any other is a bug, which must not stop the build."""
        if isinstance(error, NnvizError):
            return self._report(error, filename, inline)
        return self._warn(internal_message(error), "internal")

    def _source(self) -> tuple[str, str, bool] | None:
        """YAML text, the name errors use, and whether the YAML is inline in the document."""
        if self.content:
            return "\n".join(self.content), self.env.doc2path(self.env.docname).as_posix(), True
        relative, absolute = self.env.relfn2path(self.arguments[0], self.env.docname)
        self.env.note_dependency(relative)
        path = Path(absolute)
        if not path.is_file():
            self._warn(
                f"nnviz spec file {self.arguments[0]!r} not found (looked for {path}); "
                "paths are relative to the document, or to the source directory with a leading /",
                "source",
            )
            return None
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            self._warn(
                f"nnviz spec file {self.arguments[0]!r} cannot be read as UTF-8 text: {error}",
                "source",
            )
            return None
        return text, path.as_posix(), False

    def _style_and_options(self) -> tuple[str, dict[str, Any]]:
        """The style and its options: conf.py defaults, overridden by the directive's options."""
        style = str(self.options.get("style") or self.config.nnviz_default_style)
        return style, configured_options(self.config, style, diagram_options(self.options))

    def _node(self, request: Request, key: str, default_alt: str) -> nnviz:
        """A cached diagram's node; alt text from ``:alt:``, the cache, or ``default_alt``."""
        alt = project_cache(self.env).alt(key) or default_alt
        node = nnviz(
            key=key,
            source=request.source,
            filename=request.filename,
            style=request.style,
            options=dict(request.options),
            model=request.model,
            alt=self.options.get("alt", alt),
            explicit_alt="alt" in self.options,
        )
        figure = figure_options(self.options)
        for name in ("width", "height", "scale", "align"):
            if name in figure:
                node[name] = figure[name]
        node["classes"] += figure.get("class", [])
        self.set_source_info(node)
        return node

    def _wrap(self, node: nnviz) -> list[nodes.Node]:
        """A figure when there is a caption (so numfig and :numref: work), else the bare node."""
        caption = self.options.get("caption")
        if not caption:
            self.add_name(node)
            return [node]
        figure = nodes.figure("", node)
        self.set_source_info(figure)
        if "align" in node:
            figure["align"] = node.attributes.pop("align")
        inline, messages = self.parse_inline(caption, lineno=self.lineno)
        label = nodes.caption(caption, "", *inline)
        self.set_source_info(label)
        figure += label
        self.add_name(figure)
        return [figure, *messages]

    def _warn(self, message: str, subtype: str) -> list[nodes.Node]:
        logger.warning(message, location=self.get_location(), type="nnviz", subtype=subtype)
        return []

    def _report(self, error: NnvizError, filename: str, inline: bool) -> list[nodes.Node]:
        """A core error as a warning at the document line, or at the spec file's line."""
        where = self.get_location()
        location = error.location
        if location is not None and location.file == filename:
            if inline:
                where = self._content_location(location.line)
            else:
                where = f"{filename}:{location.line}"
        elif location is not None:
            where = f"{location.file}:{location.line}"
        subtype = "source" if isinstance(error, SourceError) else "render"
        logger.warning(error.message, location=where, type="nnviz", subtype=subtype)
        return []

    def _content_location(self, line: int) -> str:
        """``source:line`` of a line of the directive's content (1-based)."""
        if type(self.state_machine).__module__.startswith("myst_parser"):
            # MyST counts the content offset from the directive's opening line
            return (
                f"{self.env.doc2path(self.env.docname)}:{self.lineno + self.content_offset + line}"
            )
        source, absolute = self.state_machine.get_source_and_line(self.content_offset + line)
        return f"{source}:{absolute}"
