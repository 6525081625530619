"""The contract every docs host calls: a :class:`Request` in, a :class:`Drawn` diagram out.

A host (the Sphinx extension, the MkDocs plugin, the plain Markdown extension) builds one
:class:`Host` from its settings, then for each directive or fence turns what the author wrote into
a Request: the source (inline text with the name errors should carry, a file, or a model), the
style and the author's options as written. :meth:`Host.draw` takes the diagram from the one cache
when this exact source, style, options, host settings and nnviz code were drawn before; only
otherwise does it type the options (importing the style) and draw. A cached build therefore never
imports a style: that is most of what a docs build would pay per process for nnviz. Files are
read only through :meth:`Host.allow`, which applies the file policy.
"""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from nnviz_core import registry, viewer
from nnviz_core.errors import OptionError, SourceError, excerpt, excerpt_text
from nnviz_core.hosting.cache import DiagramCache, Drawn, Filed, Note, cache_key
from nnviz_core.hosting.columns import canvas_width
from nnviz_core.hosting.grammar import PAGE_FORMATS, option_table, reads_own_source, typed_options
from nnviz_core.hosting.models import load_graph, model_digest, model_graph, runs_model
from nnviz_core.hosting.policy import OPEN, FilePolicy
from nnviz_core.hosting.settings import HostSettings

if TYPE_CHECKING:
    from nnviz_core.api import Diagram

__all__ = [
    "INLINE",
    "Host",
    "Request",
    "alt_text",
    "canonical_source",
    "diagram",
    "file_digest",
    "given",
    "source_noun",
]

#: The name inline text is read under when the host has no better one.
INLINE = "<nnviz fence>"

Options = tuple[tuple[str, Any], ...]
T = TypeVar("T")


@dataclass(frozen=True)
class Request:
    """One diagram to draw. Exactly one of ``text``, ``file`` and ``model`` is the source.

    ``options`` are the author's, as written (``"true"``, ``"3"``, a bare flag as ``True``),
    sorted; the host types them when it draws. ``name`` is what errors in the source are located
    in (a document, a spec file, or :data:`INLINE`); ``shown`` is how messages name the file.
    """

    style: str
    options: Options = ()
    text: str | None = None
    name: str = INLINE
    file: str | None = None
    """A spec or log file (or log folder), already allowed by the file policy."""
    model: str | None = None
    """An import path, or a model file already allowed by the file policy."""
    source_options: Options = ()
    shown: str = ""
    fence: bool = False
    """Whether the options are fence attributes (messages then say "attribute")."""
    display: str | None = None
    """The figure's display width as written (``400px``, ``80%``): the canvas it is drawn for."""


def given(values: Mapping[str, Any]) -> Options:
    """Options as a request holds them: snake-case names, sorted."""
    return tuple(sorted((str(name).replace("-", "_"), value) for name, value in values.items()))


def file_digest(path: Path) -> str:
    """A hash of a file, or of every file under a folder (a TensorBoard log), names included."""
    digest = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        digest.update(file.relative_to(path).as_posix().encode() if path.is_dir() else b"")
        digest.update(file.read_bytes())
    return digest.hexdigest()


def canonical_source(text: str) -> str:
    """The source as it matters for the picture: no trailing spaces, no blank edges, LF ends."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip("\n")


def source_noun(style: str) -> str:
    """What a style's files are called in messages: ``nnviz spec file``, ``training log``."""
    return str(getattr(registry.style(style), "source_name", "nnviz spec file"))


def alt_text(diagram: Diagram) -> str:
    """A short description for screen readers and text builders."""
    if diagram.graph is None:
        return diagram.scene.description or diagram.scene.title or f"{diagram.style} figure"
    count = len(diagram.graph.nodes)
    noun = "layer" if count == 1 else "layers"
    return f"{diagram.graph.name}: neural-network diagram, {count} {noun} ({diagram.style} style)"


def diagram(request: Request) -> Diagram:
    """Load and lay out a request whose options are typed (the slow part; tests count calls)."""
    from nnviz_core.api import Diagram, render, split_options

    options = dict(request.options)
    if request.model is not None:
        if runs_model(options):  # activations: the model itself is run, not only its graph
            return render(request.model, request.style, **dict(request.source_options), **options)
        graph = model_graph(request.model, request.source_options)
        return render(graph, request.style, **options)
    if reads_own_source(request.style):
        style = registry.style(request.style)
        style_options, render_options = split_options(request.style, options)
        source: Any = Path(request.file) if request.file else request.text
        data = style.read(source, style_options, filename=request.name)
        scene = style.layout(data, style_options)
        return Diagram(scene, None, request.style, render_options)
    from nnviz_core.sources import yaml_spec

    text = request.text if request.file is None else _read_text(request)
    graph = yaml_spec.load_text(text or "", filename=request.name)
    return render(graph, request.style, **options)


def _read_text(request: Request) -> str:
    try:
        return Path(str(request.file)).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        shown = f"{source_noun(request.style)} {excerpt(str(request.shown or request.name))}"
        raise SourceError(f"{shown} cannot be read as UTF-8 text: {excerpt_text(error)}") from None


def _quiet(request: Request) -> Diagram:
    """Draw ``request`` again for another format: its remarks were made with its SVG."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return diagram(request)


def _noting(make: Callable[[], T]) -> tuple[T, tuple[Note, ...]]:
    """``make()``'s result and the remarks it made, as notes a host warns with (NaN gaps in a
    log, text too small, a PNG drawn smaller than asked): a warning that carries a ``note``.
    Any other warning goes on as it was raised."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        made = make()
    notes: list[Note] = []
    for warning in caught:
        note = getattr(warning.message, "note", None)
        if isinstance(note, str):
            kind = str(getattr(warning.message, "kind", "data"))
            notes.append(Note(kind, str(warning.message), note))
        else:
            warnings.warn_explicit(
                warning.message, warning.category, warning.filename, warning.lineno
            )
    return made, tuple(notes)


def _noted(request: Request, key: str) -> Drawn:
    """Draw ``request``, keeping the remarks it made about its data (NaN gaps in a log)."""

    def draw() -> tuple[Diagram, str]:
        figure = diagram(request)
        return figure, figure.svg

    (figure, svg), notes = _noting(draw)
    return Drawn.of(key, svg, alt_text(figure), notes, viewer.payload(figure, svg))


def _converted(request: Request, fmt: str) -> tuple[bytes, tuple[Note, ...]]:
    """``request`` in ``fmt`` and the remarks the conversion made (a PNG too large for the
    converter is drawn smaller): caught here, where they are made, to be kept with the file."""
    figure = _quiet(request)
    return _noting(lambda: figure.to_bytes(fmt))


class Host:
    """A docs host's settings, cache and file policy, and the requests it draws with them."""

    def __init__(
        self,
        settings: HostSettings | None = None,
        cache: DiagramCache | None = None,
        policy: FilePolicy = OPEN,
        formats: tuple[str, ...] = PAGE_FORMATS,
    ) -> None:
        self.settings = settings or HostSettings()
        self.cache = cache or DiagramCache()
        self.policy = policy
        self.formats = formats
        """The formats this host shows diagrams in; options for others are refused."""
        self.watched: set[Path] = set()
        """Files read for diagrams, for hosts that watch them (``mkdocs serve``)."""
        self._defaults: dict[str, dict[str, Any]] = {}

    def check_settings(self) -> None:
        """Check the default style and type the default options now (a host reports a mistake
        before any page); a style is imported only when it has default options."""
        from nnviz_core.theming import chosen, is_path
        from nnviz_core.theming.build import digest

        theme = self.theme_file(self.settings.theme)
        if is_path(theme):  # every file it extends must be allowed too
            digest(theme, allow=self.allow)
        chosen(theme, self.settings.mode)
        style = self.settings.default_style
        if style not in registry.names("nnviz.styles"):
            registry.style(style)  # the error names the choices
        for style in self.settings.default_options:
            self.defaults(style)

    def defaults(self, style: str) -> dict[str, Any]:
        """The typed options a diagram of ``style`` starts from: theme, engine, defaults."""
        if style not in self._defaults:
            base: dict[str, Any] = {"theme": self.settings.theme}
            if self.settings.mode is not None:
                base["mode"] = self.settings.mode
            table = option_table(style, self.formats)
            if self.settings.graphviz_engine and "engine" in table:
                base["engine"] = self.settings.graphviz_engine
            given = self.settings.default_options.get(style) or {}
            if not isinstance(given, Mapping):
                raise OptionError(
                    f"default_options.{style} must map option names to values, "
                    f"e.g. {{show_shapes: true}}; got {excerpt(given)}"
                )
            base.update({str(key).replace("-", "_"): value for key, value in given.items()})
            owner = f"the default options of style {style!r}"
            self._defaults[style] = typed_options(style, base, owner, self.formats)
        return self._defaults[style]

    def typed(self, request: Request) -> Request:
        """The request with every option typed and complete: host defaults, then the author's,
        every other declared option at its default (imports the style)."""
        owner = "the fence" if request.fence else "the directive"
        values = dict(request.options)
        typed = typed_options(request.style, values, owner, self.formats, request.fence)
        table = option_table(request.style, self.formats)
        complete = {name: info.default for name, info in table.items()}
        complete.update(self.defaults(request.style))
        complete.update(typed)
        complete["theme"] = self.theme_file(str(complete["theme"]))
        if complete.get("example_input"):
            complete["example_input"] = self.example_file(str(complete["example_input"]))
        if "width" in table and complete["width"] is None:  # the site's column, or the figure's
            fit = str(complete.get("fit"))
            complete["width"] = canvas_width(fit, request.display, self.settings.width)
        return replace(request, options=tuple(sorted(complete.items())))

    def for_canvas(self, request: Request, fit: str) -> Request:
        """``request`` drawn for the canvas ``fit`` (LaTeX: ``paper``), unless its author or
        the site's default options chose one, or its style has no canvas (training curves)."""
        if "fit" not in option_table(request.style, self.formats):
            return request
        defaults = self.settings.default_options.get(request.style) or {}
        chosen = {name for name, _ in request.options} | {
            str(name).replace("-", "_") for name in defaults
        }
        if "fit" in chosen:
            return request
        return replace(request, options=tuple(sorted((*request.options, ("fit", fit)))))

    def theme_file(self, theme: str) -> str:
        """A theme option as drawn: a built-in's name as it is, a file's path made absolute
        (relative paths start at the folder of ``conf.py`` / ``mkdocs.yml``) and allowed by
        the file policy."""
        from nnviz_core.theming import is_path

        if not is_path(theme):
            return theme
        base = self.settings.theme_base or Path.cwd()
        return str(self.allow(base / theme, theme))

    def example_file(self, value: str) -> str:
        """An ``example_input`` as run: an image or ``.npy`` file's path made absolute
        (relative paths start where theme files do) and allowed; an import path as it is."""
        from nnviz_core.activations.inputs import is_file_input

        if not is_file_input(value):
            return value
        base = self.settings.theme_base or Path.cwd()
        return str(self.allow(base / value.strip(), value))

    def allow(self, path: Path, shown: str) -> Path:
        """``path`` resolved and checked by the file policy; watched for changes."""
        resolved = self.policy.check(path, shown)
        self.watched.add(resolved)
        return resolved

    def key(self, request: Request) -> str:
        """The cache key of a request: its source (a model is loaded to hash its Graph), style,
        options as written, the canvas it is drawn for (:meth:`canvas`: a figure shown in the
        site's column and one without a display width share their drawing) and the host
        settings that apply; nothing is typed or imported."""
        if request.model is not None:
            from nnviz_core.sources.resolve import fingerprint

            graph = load_graph(request.model, request.source_options)
            source = f"model {request.model}\n{fingerprint(graph)}"
            site = self.settings.default_options.get(request.style) or {}
            written = {**dict(given(site)), **dict(request.options)}
            if runs_model(written):  # the picture shows its weights and its example input
                example = written.get("example_input")
                shown = self.example_file(str(example)) if example else None
                source += "\n" + model_digest(request.model, request.source_options, shown)
        elif request.file is not None:
            source = f"{request.name}\n{file_digest(Path(request.file))}"
        else:
            source = f"{request.name}\n{canonical_source(request.text or '')}"
        settings = self.settings
        applied = (
            settings.theme,
            settings.mode,
            settings.graphviz_engine,
            self._theme_digest(request),
        )
        defaults = given(settings.default_options.get(request.style) or {})
        options = (
            ("given", request.options),
            ("canvas", self.canvas(request)),
            ("host", applied),
            ("defaults", defaults),
        )
        return cache_key(source, request.style, options)

    def _theme_digest(self, request: Request) -> str:
        """The text of the theme file a request is drawn in, hashed with every file it extends
        (empty for a built-in, whose text is part of the code's version)."""
        from nnviz_core.theming import is_path
        from nnviz_core.theming.build import digest

        defaults = dict(self.settings.default_options.get(request.style) or {})
        theme = str(dict(request.options).get("theme", defaults.get("theme", self.settings.theme)))
        if not is_path(theme):
            return ""
        return digest(self.theme_file(theme), allow=self.allow)

    def canvas(self, request: Request) -> tuple[Any, Any]:
        """The ``fit`` and ``width`` a request is drawn for, as written by its author, else by
        the site's default options, else from the figure's display width or the site's column
        (see :meth:`typed`); untyped, so the cache key needs no style import."""
        defaults = given(self.settings.default_options.get(request.style) or {})
        chosen = {**dict(defaults), **dict(request.options)}
        fit = chosen.get("fit", "page")
        width = chosen.get("width")
        if width is None:
            width = canvas_width(str(fit), request.display, self.settings.width)
        return fit, width

    def draw(self, request: Request, key: str | None = None) -> Drawn:
        """The drawn diagram, from the cache or drawn now (``key`` when already known)."""
        found = key or self.key(request)
        drawn = self.cache.get_or_draw(found, lambda: _noted(self.typed(request), found))
        if self.settings.readability_warnings:
            return drawn
        return replace(drawn, notes=tuple(n for n in drawn.notes if n.kind != "readability"))

    def file(self, request: Request, key: str, fmt: str) -> Filed:
        """The diagram as a file in ``fmt`` (for builders that copy image files), with the
        remarks its conversion made, from the cache as when first made; the hosts warn with
        them at the diagram (the SVG's own notes come from :meth:`draw`)."""
        if fmt == "svg":
            drawn = self.draw(request, key)
            return self.cache.file(key, fmt, lambda: (drawn.svg.encode("utf-8"), ()))
        return self.cache.file(key, fmt, lambda: _converted(self.typed(request), fmt))
