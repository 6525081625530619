"""The ``.. nnviz::`` directive and its aliases: host input in, a hosting request drawn, a node out.

The directive draws the SVG while the page is read, so every mistake surfaces as a warning at
the exact document line (or spec-file line) before anything is written; the builder then only
picks the file format it needs (see :mod:`sphinx_nnviz.transform`). An alias such as
``.. nnviz-history::`` is this directive with its style fixed.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from nnviz_core.errors import NnvizError, SourceError
from nnviz_core.hosting import (
    Drawn,
    Host,
    Origin,
    Request,
    given,
    guard_message,
    is_import_path,
    module_file,
    place,
    reads_own_source,
    source_noun,
)
from sphinx_nnviz.config import host_for, printed
from sphinx_nnviz.options import SOURCE_OPTIONS, diagram_options, figure_options

__all__ = ["NnvizDirective", "internal_message", "nnviz"]

logger = logging.getLogger(__name__)

#: The model's own options (``:model-args:``, ``:input-shape:``…), used only with ``:model:``.
MODEL_OPTIONS = tuple(name for name in SOURCE_OPTIONS if name not in ("style", "model"))


class nnviz(nodes.General, nodes.Element):
    """A drawn diagram: its cache key, the request that draws it again, the image attributes."""


def internal_message(error: Exception) -> str:
    """What to say when nnviz itself (or a plug-in style) fails on a diagram."""
    return guard_message(
        f"nnviz failed on this diagram with {type(error).__name__}: {error}; this is a bug in "
        "nnviz or in a plug-in, not in your spec: please report it with the spec that fails"
    )


class NnvizDirective(SphinxDirective):
    """Draw a network from inline YAML, a ``.yaml`` file argument or ``:model:``."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = {}
    style: ClassVar[str | None] = None
    """The style an alias fixes (``None``: the ``:style:`` option, else the default)."""

    @property
    def host(self) -> Host:
        return host_for(self.env)

    def run(self) -> list[nodes.Node]:
        style = self.style or str(self.options.get("style") or self.host.settings.default_style)
        try:
            problem = self._source_problem(style)
            if problem:
                return self._warn(problem, "source")
            stray = [f":{name}:" for name in MODEL_OPTIONS if name in self.options]
            if stray and "model" not in self.options and not reads_own_source(style):
                verb, pronoun = ("is", "it") if len(stray) == 1 else ("are", "them")
                message = f"{' and '.join(stray)} {verb} only used with :model:; remove {pronoun}"
                self._warn(message, "source")
            request = self._request(style)
            if request is not None:  # a display width is the canvas the diagram is drawn for
                request = replace(request, display=figure_options(self.options).get("width"))
        except NnvizError as error:
            return self._report(error, "", self._origin())
        if request is None:
            return []
        try:
            drawn = self.host.draw(request)
        except NnvizError as error:
            inline = request.name if request.text is not None else ""
            return self._report(error, inline, self._origin())
        except Exception as error:  # a bug must not stop the build
            return self._warn(internal_message(error), "internal")
        for note in drawn.notes:  # remarks about the data (NaN gaps in a log), readability
            if note.kind == "readability" and printed(self.env):
                continue  # LaTeX draws for paper and says so then (see transform)
            self._warn(note.short if self.content else note.text, note.kind)
        return self._wrap(self._node(request, drawn))

    def _source_problem(self, style: str) -> str | None:
        """Why the directive's source cannot be used (none, or more than one), if it cannot.

        Only a problem asks what the style reads (which imports it), for the message."""
        given = [
            label
            for label, present in (
                ("a file argument", bool(self.arguments)),
                ("inline content", bool(self.content)),
                ("the :model: option", "model" in self.options),
            )
            if present
        ]
        if len(given) == 1 and not ("model" in self.options and reads_own_source(style)):
            return None
        name = self.name or "nnviz"
        if reads_own_source(style):
            noun = source_noun(style)
            if "model" in self.options:
                return f":model: draws a network; {name} draws a {noun}: give it as the argument"
            if given:
                return f"{name} takes one {noun} but got {' and '.join(given)}; keep only one"
            return f"{name} without a {noun}: give its file as the argument, or write it as content"
        if given:
            given = ["inline YAML content" if g == "inline content" else g for g in given]
            return f"{name} directive takes one source but got {' and '.join(given)}; keep only one"
        return (
            f"{name} directive without a source: write the YAML spec as its content, "
            "give a .yaml file as its argument, or use :model:"
        )

    def _request(self, style: str) -> Request | None:
        """The request: inline content, the argument's file, or ``:model:`` (nothing typed)."""
        options = given(diagram_options(self.options))
        if "model" in self.options:
            return self._model_request(style, options)
        if self.content:
            name = self.env.doc2path(self.env.docname).as_posix()
            return Request(style, options, text="\n".join(self.content), name=name)
        argument = self.arguments[0]
        relative, absolute = self.env.relfn2path(argument, self.env.docname)
        self.env.note_dependency(relative)
        path = self.host.allow(Path(absolute), argument)
        if not path.exists():
            self._warn(
                f"{source_noun(style)} {argument!r} not found (looked for {absolute}); paths are "
                "relative to the document, or to the source directory with a leading /",
                "source",
            )
            return None
        for file in sorted(path.rglob("*")) if path.is_dir() else []:
            self.env.note_dependency(str(file))  # a log folder (TensorBoard) is many files
        return Request(style, options, file=str(path), name=path.as_posix(), shown=argument)

    def _model_request(self, style: str, options: Any) -> Request:
        """``:model:``: an import path, or a model file relative to the page."""
        target = str(self.options["model"]).strip()
        where = target
        if not is_import_path(target):
            relative, absolute = self.env.relfn2path(target, self.env.docname)
            self.env.note_dependency(relative)
            where = str(self.host.allow(Path(absolute), target))
        values = tuple(
            (kebab.replace("-", "_"), self.options[kebab])
            for kebab in MODEL_OPTIONS
            if kebab in self.options
        )
        found = module_file(target)
        if found is not None:
            self.env.note_dependency(str(found))
        return Request(style, options, model=where, source_options=tuple(sorted(values)))

    def _origin(self) -> Origin:
        """Where the directive and its content are in the document."""
        if not self.content:
            return Origin(self.env.doc2path(self.env.docname).as_posix(), self.lineno)
        if type(self.state_machine).__module__.startswith("myst_parser"):
            # MyST counts the content offset from the directive's opening line
            document = self.env.doc2path(self.env.docname).as_posix()
            return Origin(document, self.lineno, self.lineno + self.content_offset + 1)
        source, line = self.state_machine.get_source_and_line(self.content_offset + 1)
        return Origin(str(source), self.lineno, line)

    def _node(self, request: Request, drawn: Drawn) -> nnviz:
        """A drawn diagram's node; alt text from ``:alt:``, else the diagram's own."""
        node = nnviz(
            key=drawn.key,
            request=request,
            alt=self.options.get("alt", drawn.alt),
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
        location = self.get_location()
        logger.warning(guard_message(message), location=location, type="nnviz", subtype=subtype)
        return []

    def _report(self, error: NnvizError, inline: str, origin: Origin) -> list[nodes.Node]:
        """A core error as a warning at the document line, or at the spec file's line."""
        placed = place(error, origin, inline)
        where = self.get_location() if placed.line is None else f"{placed.file}:{placed.line}"
        subtype = "source" if isinstance(error, SourceError) else "render"
        logger.warning(placed.message, location=where, type="nnviz", subtype=subtype)
        return []


def alias(name: str, style: str, option_spec: dict[str, Any]) -> type[NnvizDirective]:
    """The directive ``name``: ``.. nnviz::`` with ``style`` fixed."""
    title = "".join(part.title() for part in name.split("-")) + "Directive"
    return type(title, (NnvizDirective,), {"style": style, "option_spec": option_spec})
