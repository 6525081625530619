"""Decks: many diagrams, one PowerPoint file, one slide per diagram (and per style if asked).

A source is a spec file, a model path, a single page, or a whole Sphinx/MkDocs docs directory
whose ``nnviz`` directives and fences become slides in reading order, each titled with its
caption (else the network's name) and with speaker notes naming the page it came from.

>>> from nnviz_core.slides import write_deck
>>> write_deck(["docs/"], "deck.pptx", styles=["graph", "block"])  # doctest: +SKIP
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nnviz_core import registry
from nnviz_core.errors import NnvizError, OptionError, SourceError
from nnviz_core.ir import Graph
from nnviz_core.options import RenderOptions, build, declared
from nnviz_core.slides.history import LOG_STYLE, LOG_SUFFIXES, history_slide, is_history
from nnviz_core.slides.order import docs_tree
from nnviz_core.slides.pages import DEFAULT_STYLE, Site, page_sites
from nnviz_core.slides.running import with_pictures
from nnviz_core.sources.resolve import MODEL_SUFFIXES, SourceOptions, is_import_path

__all__ = ["Deck", "Planned", "build_deck", "plan", "write_deck"]

_PAGE_SUFFIXES = (".rst", ".md", ".txt")


@dataclass(frozen=True)
class Planned:
    """One diagram to put in the deck, before it is loaded."""

    source: Any
    shown: str
    """The source as the user would name it (``docs/usage.md:12``), for notes and errors."""
    style: str = DEFAULT_STYLE
    caption: str | None = None
    options: Mapping[str, Any] = field(default_factory=dict)
    site: Site | None = None


@dataclass(frozen=True)
class Deck:
    """A finished deck: the file's bytes, and how many diagrams and slides went in."""

    data: bytes
    diagrams: int
    slides: int
    skipped: tuple[str, ...] = ()
    """Why a requested style was left out for a diagram (e.g. fcnn on a net with no dense layer)."""


def _shown(page: Path, root: Path, given: str) -> str:
    return str(Path(given) / page.relative_to(root)) if page != root else given


def _from_directory(directory: Path, given: str) -> Iterator[Planned]:
    tree = docs_tree(directory)
    found = False
    for page in tree.pages:
        for site in page_sites(page, tree.root, tree.kind == "mkdocs"):
            found = True
            shown = f"{_shown(page, directory, given)}:{site.line}"
            yield Planned(site, shown, site.style, site.caption, site.options, site)
    if not found:
        raise SourceError(
            f"{given}: no nnviz diagrams found in {len(tree.pages)} pages; expected "
            "`.. nnviz::` directives, ```{nnviz} MyST fences or ```nnviz MkDocs fences"
        )


def plan(sources: Sequence[str | os.PathLike[str]]) -> list[Planned]:
    """Every diagram the sources hold, in order (a directory's in its reading order)."""
    planned: list[Planned] = []
    for source in sources:
        given = os.fspath(source)
        path = Path(given)
        if path.is_dir():
            planned.extend(_from_directory(path, given))
        elif path.suffix.lower() in _PAGE_SUFFIXES and path.is_file():
            mkdocs = path.suffix == ".md" and "```nnviz" in path.read_text(encoding="utf-8")
            sites = page_sites(path, path.parent, mkdocs)
            if not sites:
                raise SourceError(f"{given}: no nnviz diagrams found in this page")
            planned.extend(
                Planned(s, f"{given}:{s.line}", s.style, s.caption, s.options, s) for s in sites
            )
        elif path.is_file() and path.suffix.lower() in LOG_SUFFIXES:
            planned.append(Planned(path, given, style=LOG_STYLE))
        elif path.is_file() or (is_import_path(given) and not path.exists()):
            planned.append(Planned(path if path.is_file() else given, given))
        else:
            raise SourceError(
                f"{given}: no such file or directory; a slides source is a .yaml spec, a model "
                "(package.module:attribute, or a .onnx, .keras or .prototxt file), "
                "a docs page (.rst, .md) or a docs directory"
            )
    return planned


def _load(item: Planned, loading: Mapping[str, Any]) -> Graph:
    """The item's Graph; ``loading`` (deck-wide source options) goes where it applies."""
    from nnviz_core.api import load

    site = item.site
    if site is None and isinstance(item.source, str):  # an import path
        return load(item.source, **loading)
    if site is None:  # a file: a model file takes the options it understands
        takes = MODEL_SUFFIXES.get(Path(item.source).suffix.lower(), ())
        return load(item.source, **{k: v for k, v in loading.items() if k in takes})
    if "model" in site.options:
        return _site_model(site)
    if site.text and site.file:
        raise SourceError(
            f"{item.shown}: the directive names the file {site.file.name!r} and has an inline "
            "spec too; keep one of them"
        )
    if site.file is not None:
        return load(site.file)
    if not site.text:
        raise SourceError(f"{item.shown}: the directive has no spec; write YAML under it")
    try:
        return load(site.text + "\n")
    except NnvizError as error:
        where = site.in_page(error.location, item.shown, "<string>")
        if where is None:
            raise
        raise error.relocated(where) from None


def _site_model(site: Site) -> Graph:
    """A directive's or fence's ``model``: an import path, or a file relative to its page."""
    from nnviz_core.api import load

    values = dict(site.options)
    target = str(values.pop("model")).strip()
    names = {info.name for info in declared(SourceOptions)}
    loading = {key: value for key, value in values.items() if key in names}
    if not is_import_path(target):
        target = str(site.page.parent / target)
    return load(target, **loading)


def _split(options: Mapping[str, Any]) -> tuple[RenderOptions, dict[str, Any]]:
    """Deck-wide options: the output's, and drawing options for every style that takes them."""
    render_names = {info.name for info in declared(RenderOptions)}
    render = {k.replace("-", "_"): v for k, v in options.items()}
    drawing = {k: render.pop(k) for k in list(render) if k not in render_names}
    if not drawing:
        return build(RenderOptions, render), drawing
    known = {info.name for name in registry.names("nnviz.styles") for info in _style_infos(name)}
    unknown = sorted(set(drawing) - known)
    if unknown:
        raise OptionError(
            f"unknown option {unknown[0]!r} for slides; known: "
            f"{', '.join(sorted(known | render_names))}"
        )
    return build(RenderOptions, render), drawing


def _style_infos(style: str) -> tuple[Any, ...]:
    return declared(registry.style(style).options)


#: Options a directive or fence sets for its page's column, not for a slide.
_PAGE_ONLY = ("fit", "width")


def _style_options(
    style: str, drawing: Mapping[str, Any], site: Mapping[str, Any], width: float, *, owner: str
) -> Any:
    """A slide's style options: the diagram's own (but not its page ``fit``/``width``) over the
    deck's, laid out for the slide (``fit: slide`` at its ``width``) unless the deck says else."""
    names = {info.name for info in _style_infos(style)}
    values: dict[str, Any] = {} if "fit" in drawing else {"fit": "slide", "width": width}
    values.update({k: v for k, v in drawing.items() if k in names})
    values.update({k: v for k, v in site.items() if k in names and k not in _PAGE_ONLY})
    return build(registry.style(style).options, values, owner=owner)


def build_deck(
    sources: Sequence[str | os.PathLike[str]],
    *,
    styles: Sequence[str] = (),
    template: str | os.PathLike[str] | None = None,
    options: Mapping[str, Any] | None = None,
) -> Deck:
    """A deck of every diagram in ``sources``; ``styles`` gives one slide per style each."""
    from nnviz_core.api import lay_out, source_options
    from nnviz_core.backends.pptx import require
    from nnviz_core.backends.pptx.compose import DeckBuilder
    from nnviz_core.theme import using
    from nnviz_core.theming import chosen

    require()
    loading, rest = source_options(options or {})
    render_options, drawing = _split(rest)
    theme, _ = chosen(render_options.theme, render_options.mode)
    deck = DeckBuilder(render_options, _template(template))
    planned = plan(sources)
    slides = 0
    skipped: list[str] = []
    with using(theme):  # training curves are measured in the deck's font too
        for item in planned:
            if is_history(item):
                slides += history_slide(deck, item, drawing)
                continue
            graph = _load(item, loading)
            for style in styles or (item.style,):
                style_options = _style_options(
                    style, drawing, item.options, deck.canvas_width(), owner=item.shown
                )
                try:
                    style_options = with_pictures(
                        style_options, item.source, item.site, loading, graph
                    )
                    scene, _ = lay_out(graph, style, style_options, theme)
                except OptionError as error:
                    if len(styles) < 2:
                        raise
                    skipped.append(f"{item.shown}: no {style} slide: {error}")
                    continue
                title = item.caption or scene.title or graph.name
                if len(styles) > 1:
                    title = f"{title} ({style})"
                notes = f"From {item.shown}, drawn in the {style} style."
                slides += deck.add(scene, title, notes)
    return Deck(deck.to_bytes(), len(planned), slides, tuple(skipped))


def _template(template: str | os.PathLike[str] | None) -> bytes | None:
    if template is None:
        return None
    path = Path(template)
    if path.suffix.lower() not in (".pptx", ".potx") or not path.is_file():
        raise SourceError(f"template {os.fspath(template)!r}: expected an existing .pptx file")
    return path.read_bytes()


def write_deck(
    sources: Sequence[str | os.PathLike[str]],
    output: str | os.PathLike[str],
    *,
    styles: Sequence[str] = (),
    template: str | os.PathLike[str] | None = None,
    options: Mapping[str, Any] | None = None,
) -> Deck:
    """Build the deck and write it to ``output`` (parent directories are created)."""
    deck = build_deck(sources, styles=styles, template=template, options=options)
    target = Path(output)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(deck.data)
    return deck
