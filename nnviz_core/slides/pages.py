"""Finding the diagrams written in documentation pages, in the order a reader meets them.

Three notations are read: the reStructuredText directive ``.. nnviz::``, the MyST fence
```` ```{nnviz} ```` (both Sphinx, options as ``:key: value`` lines, an optional spec-file
argument), and the MkDocs fence ```` ```nnviz key="value" ```` (read with the hosting fence
grammar, the one the MkDocs adapter uses, so both agree on every attribute). A directive or
fence alias (``nnviz-history``) fixes its style, as it does in the hosts.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nnviz_core.errors import SourceLocation
from nnviz_core.hosting import ALIASES, LANGUAGE, find_fences, interpret, parse_header, style_of

DEFAULT_STYLE = "graph"

_NAMES = "|".join(re.escape(name) for name in sorted((LANGUAGE, *ALIASES), key=len, reverse=True))
_DIRECTIVE = re.compile(
    rf"^(?P<indent>[ \t]*)\.\.[ \t]+(?P<name>{_NAMES})::[ \t]*(?P<argument>.*?)[ \t]*$"
)
_MYST_OPEN = re.compile(
    rf"^(?P<indent>[ \t]*)(?P<fence>`{{3,}}|~{{3,}})\{{(?P<name>{_NAMES})\}}[ \t]*(?P<arg>.*?)\s*$"
)
_ANY_FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})")
_CODE = re.compile(r"^\.\.[ \t]+(?:code-block|code|sourcecode|parsed-literal)::")
_FIELD = re.compile(r"^:(?P<key>[\w-]+):(?:[ \t]+(?P<value>.*?))?[ \t]*$")


@dataclass(frozen=True)
class Site:
    """One diagram found in a page: its spec (inline text or a file) and what the page asks."""

    page: Path
    line: int
    text: str | None
    file: Path | None
    style: str = DEFAULT_STYLE
    caption: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    body_line: int = 0
    """Line of the page where the inline spec's first line sits (for error locations)."""
    body_indent: int = 0
    """Columns the inline spec is indented by in the page."""

    def in_page(
        self, location: SourceLocation | None, shown: str, inline: str
    ) -> SourceLocation | None:
        """Where in the page (``shown`` is ``page:line``) a location in the inline text, read
        under the file name ``inline``, sits; ``None`` for a location anywhere else."""
        if location is None or location.file != inline:
            return None
        page = shown.rsplit(":", 1)[0]
        line = self.body_line + location.line - 1
        return SourceLocation(page, line, location.column + self.body_indent)


def _fields(lines: list[str]) -> tuple[dict[str, str], int]:
    """Leading ``:key: value`` lines; returns them and how many lines they used."""
    found: dict[str, str] = {}
    used = 0
    for line in lines:
        match = _FIELD.match(line.strip())
        if not line.strip() or not match:
            break
        found[match.group("key").replace("-", "_")] = match.group("value") or ""
        used += 1
    return found, used


def _site(
    page: Path,
    root: Path,
    where: tuple[int, int, int],
    argument: str,
    raw: dict[str, str],
    body: list[str],
) -> Site:
    """A Site from Sphinx-style parts; a file argument is relative to the page, or with a
    leading ``/`` to the source root, as Sphinx resolves image and include paths."""
    line, body_line, indent = where
    style = raw.pop("style", "").strip() or DEFAULT_STYLE
    caption = raw.pop("caption", "").strip() or None
    while body and not body[0].strip():
        body, body_line = body[1:], body_line + 1
    text = "\n".join(body).strip("\n") or None
    file = None
    if argument:
        file = root / argument.lstrip("/") if argument.startswith("/") else page.parent / argument
    options = {key: value or "true" for key, value in raw.items()}
    return Site(page, line, text, file, style, caption, options, body_line, indent)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _block(lines: list[str], start: int, indent: int) -> tuple[list[str], int]:
    """The lines indented deeper than ``indent`` after ``start``, dedented, and by how much."""
    block: list[str] = []
    for line in lines[start:]:
        if line.strip() and _indent(line) <= indent:
            break
        block.append(line)
    while block and not block[-1].strip():
        block.pop()
    if not block:
        return [], 0
    return textwrap.dedent("\n".join(block)).split("\n"), min(
        _indent(line) for line in block if line.strip()
    )


def _literal_lines(lines: list[str]) -> set[int]:
    """Indices of lines inside literal blocks (``::`` paragraphs, code directives): examples
    of directives shown in the docs, not directives."""
    literal: set[int] = set()
    opener: int | None = None
    for index, line in enumerate(lines):
        indent = _indent(line)
        if opener is not None and (not line.strip() or indent > opener):
            literal.add(index)
            continue
        opener = None
        stripped = line.strip()
        code = _CODE.match(stripped)
        if code or (stripped.endswith("::") and not stripped.startswith("..")):
            opener = indent
    return literal


def rst_sites(page: Path, text: str, root: Path) -> list[Site]:
    """Every ``.. nnviz::`` directive of a reStructuredText page (not those shown as code)."""
    lines = text.split("\n")
    literal = _literal_lines(lines)
    sites: list[Site] = []
    for index, line in enumerate(lines):
        match = _DIRECTIVE.match(line)
        if not match or index in literal:
            continue
        block, indent = _block(lines, index + 1, len(match.group("indent").expandtabs()))
        raw, used = _fields(block)
        where = (index + 1, index + 2 + used, indent)
        raw.update(_fixed_style(match.group("name")))
        sites.append(_site(page, root, where, match.group("argument"), raw, block[used:]))
    return sites


def _myst_front(body: list[str]) -> tuple[dict[str, str], int]:
    """MyST options either as ``:key: value`` lines or a ``---`` YAML block."""
    if body and body[0].strip() == "---":
        end = next((i for i in range(1, len(body)) if body[i].strip() == "---"), None)
        if end is not None:
            import yaml

            loaded = yaml.safe_load("\n".join(body[1:end])) or {}
            if isinstance(loaded, dict):
                return {str(k).replace("-", "_"): str(v) for k, v in loaded.items()}, end + 1
    return _fields(body)


def _closes(line: str, fence: str) -> bool:
    stripped = line.strip()
    return bool(fence) and set(stripped) == {fence[0]} and len(stripped) >= len(fence)


def myst_sites(page: Path, text: str, root: Path) -> list[Site]:
    """Every MyST ```` ```{nnviz} ```` fence of a Markdown page in a Sphinx project."""
    lines = text.split("\n")
    sites: list[Site] = []
    index = 0
    while index < len(lines):
        match = _MYST_OPEN.match(lines[index])
        opened = match or _ANY_FENCE.match(lines[index])
        fence = opened.group("fence") if opened else ""
        close = next((j for j in range(index + 1, len(lines)) if _closes(lines[j], fence)), None)
        if close is None:
            index += 1
            continue
        if match:  # any other fence is skipped whole: an nnviz fence shown as Markdown code
            body = textwrap.dedent("\n".join(lines[index + 1 : close])).split("\n")
            raw, used = _myst_front(body)
            raw.update(_fixed_style(match.group("name")))
            where = (index + 1, index + 2 + used, len(match.group("indent")))
            sites.append(_site(page, root, where, match.group("arg"), raw, body[used:]))
        index = close + 1
    return sites


def _fixed_style(name: str) -> dict[str, str]:
    """The style a directive alias fixes (``nnviz-history``), as a ``:style:`` field."""
    style = style_of(name)
    return {} if style is None else {"style": style}


def mkdocs_sites(page: Path, text: str, docs_dir: Path) -> list[Site]:
    """Every ```` ```nnviz ```` fence of a MkDocs page; ``file=`` is relative to ``docs_dir``."""
    sites: list[Site] = []
    for fence in find_fences(text):
        style = style_of(fence.language)
        if style is not None:
            sites.append(_alias_fence(page, fence, docs_dir, style))
            continue
        spec = interpret(parse_header(fence.header), DEFAULT_STYLE, lambda style: {})
        body = fence.body.strip("\n")
        sites.append(
            Site(
                page=page,
                line=fence.line,
                text=body or None,
                file=docs_dir / spec.file if spec.file else None,
                style=spec.style,
                caption=spec.figure.caption,
                options={**dict(spec.options), **_fence_model(spec, docs_dir)},
                body_line=fence.line + 1,
                body_indent=len(fence.indent),
            )
        )
    return sites


def _alias_fence(page: Path, fence: Any, docs_dir: Path, style: str) -> Site:
    """A fence alias (```` ```nnviz-history ````): its source (``file=`` or the body), options."""
    raw = {k: str(v) for k, v in parse_header(fence.header).values.items()}
    file = raw.pop("file", None)
    caption = raw.pop("caption", None)
    body = fence.body.strip("\n")
    return Site(
        page=page,
        line=fence.line,
        text=body or None,
        file=docs_dir / file if file else None,
        style=style,
        caption=caption,
        options=raw,
        body_line=fence.line + 1,
        body_indent=len(fence.indent),
    )


def _fence_model(spec: Any, docs_dir: Path) -> dict[str, Any]:
    """A fence's ``model=`` (a file made relative to the page, as sites' files are) and options."""
    if spec.model is None:
        return {}
    from nnviz_core.sources.resolve import is_import_path

    model = spec.model if is_import_path(spec.model) else str((docs_dir / spec.model).resolve())
    return {"model": model, **dict(spec.source_options)}


def page_sites(page: Path, docs_dir: Path, mkdocs: bool) -> list[Site]:
    """The diagrams of one page, in the order they appear."""
    return text_sites(page, page.read_text(encoding="utf-8"), docs_dir, mkdocs)


def text_sites(page: Path, text: str, docs_dir: Path, mkdocs: bool) -> list[Site]:
    """The diagrams of the page ``page`` whose text is ``text`` (read once by the caller, who
    may write it back)."""
    if page.suffix == ".rst":
        found = any(f"{name}::" in text for name in (LANGUAGE, *ALIASES))
        return rst_sites(page, text, docs_dir) if found else []
    if mkdocs:
        return mkdocs_sites(page, text, docs_dir) if "nnviz" in text else []
    found = any(f"{{{name}}}" in text for name in (LANGUAGE, *ALIASES))
    return myst_sites(page, text, docs_dir) if found else []
