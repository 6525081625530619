"""Fences, from a Markdown page to requests: the page's fences and lines, a fence's source.

Markdown hosts hand nnviz one fence at a time, often without its place in the page (a
superfences formatter is never told its line); :class:`PageContext` records every fence of the
page first, so each can be found again by its body. :func:`fence_request` turns a fence's
checked attributes and body into a :class:`~nnviz_core.hosting.Request`: inline text, a
``file=`` (a spec, or a log for a style with a source of its own) or a ``model=``, every file
through the host's file policy. A fence alias (``nnviz-history``) fixes its style.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from nnviz_core.errors import OptionError, SourceError, excerpt
from nnviz_core.hosting.aliases import style_of
from nnviz_core.hosting.draw import INLINE, Host, Request
from nnviz_core.hosting.grammar import FenceSpec, Header, reads_own_source
from nnviz_core.hosting.placement import Origin
from nnviz_core.hosting.scan import FenceSite, same_body
from nnviz_core.sources.resolve import is_import_path, module_file

__all__ = ["PageContext", "aliased", "fence_origin", "fence_request"]


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
    """How often each drawing (by its root id) is on the page, to keep repeated ids apart."""

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

    def origin(self, body: str, line: int | None, indent: str) -> Origin:
        """Where a fence is: its line in the converted text when known, else found by body."""
        if line is not None:
            self.mark(line)
            return fence_origin(self.name, line + self.line_offset, len(indent))
        site = self.locate(body)
        if site is None:
            return Origin(self.name)
        return fence_origin(self.name, site.line + self.line_offset, len(site.indent))


def fence_origin(document: str, line: int | None, indent: int) -> Origin:
    """The origin of a fence opening on ``line``: its body starts on the next line."""
    return Origin(document, line, None if line is None else line + 1, indent)


def fence_request(host: Host, spec: FenceSpec, body: str, base: Path, language: str) -> Request:
    """The request of one read fence; ``file=`` and ``model=`` files start at ``base``; a
    ``width=`` is the canvas it is drawn for (see :mod:`~nnviz_core.hosting.columns`).

    Nothing here imports a style unless the fence is wrong (its message then depends on what
    the style reads), so a fence whose diagram is cached costs no style import.
    """
    if spec.model is not None:
        return _model_request(host, spec, body, base)
    if spec.file is None:
        if not body.strip():
            raise OptionError(_empty(spec.style, language))
        return Request(
            spec.style, spec.options, text=body, name=INLINE, fence=True, display=spec.figure.width
        )
    shown = excerpt(str(spec.file))
    if body.strip():
        what = "log" if reads_own_source(spec.style) else "spec"
        raise OptionError(
            f"give the {what} either in the fence body or with file={shown}, not both"
        )
    path = host.allow(base / spec.file, f"file={shown}")
    if not path.exists():
        raise SourceError(f"file={shown}: no such file ({base / spec.file})")
    name = Path(spec.file).as_posix()
    return Request(
        spec.style,
        spec.options,
        file=str(path),
        name=name,
        shown=spec.file,
        fence=True,
        display=spec.figure.width,
    )


def _empty(style: str, language: str) -> str:
    if reads_own_source(style):
        return (
            f"this {language} fence is empty; write CSV or JSON in it, or name a log "
            'with file="..."'
        )
    return 'this nnviz fence is empty; write a YAML spec in it, or name one with file="..."'


def _model_request(host: Host, spec: FenceSpec, body: str, base: Path) -> Request:
    """``model=``: an import path, or a model file allowed by the file policy."""
    target = str(spec.model)
    shown = excerpt(target)
    if body.strip():
        raise OptionError(
            f"give the network either in the fence body or with model={shown}, not both"
        )
    where = target
    if not is_import_path(target):
        where = str(host.allow(base / target, f"model={shown}"))
    module = module_file(target)
    if module is not None:
        host.watched.add(module)  # `mkdocs serve` redraws when the model's code changes
    return Request(
        spec.style,
        spec.options,
        model=where,
        source_options=spec.source_options,
        fence=True,
        display=spec.figure.width,
    )


def aliased(header: Header, language: str) -> Header:
    """A fence alias (``nnviz-history``) is the ``nnviz`` fence with its style fixed."""
    style = style_of(language)
    if style is None:
        return header
    if "style" in header.values:
        raise OptionError(f"{language} fences draw the {style!r} style; remove style=")
    return Header({**header.values, "style": style}, header.classes, header.anchor)
