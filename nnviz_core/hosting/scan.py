"""Finding ```` ```nnviz ```` fences in Markdown text, with the line each one starts on.

Three users: the plain Python-Markdown preprocessor, which replaces top-level fences; the MkDocs
plugin, which records every fence of a page (also those indented inside admonitions, content tabs
and lists) so that a superfences formatter, which is never told where its block was, can still
report errors at the right line; and ``nnviz slides``, which reads a docs tree for its diagrams.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nnviz_core.hosting.aliases import ALIASES

LANGUAGE = "nnviz"
#: Every fence language nnviz draws: ``nnviz`` and the style aliases (``nnviz-<alias>``).
LANGUAGES: tuple[str, ...] = (LANGUAGE, *ALIASES)

_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n]*?)[ \t]*$")
_BRACE_LANGUAGE = re.compile(r"^\{\s*\.(?P<lang>[\w#.+-]+)")


@dataclass(frozen=True)
class FenceSite:
    """One closed fence: where it is and what it says (the body is dedented)."""

    line: int
    """1-based line of the opening fence."""
    end: int
    """1-based line of the closing fence."""
    indent: str
    language: str
    header: str
    body: str


def _split_info(info: str) -> tuple[str, str]:
    """The fence language and the rest of the header (``nnviz style="x"``, ``{.nnviz ...}``)."""
    braced = _BRACE_LANGUAGE.match(info)
    if braced:
        rest = info[: braced.start("lang") - 1] + info[braced.end("lang") :]
        return braced.group("lang"), rest.strip()
    language, _, rest = info.partition(" ")
    if "{" in language:
        language, brace, tail = language.partition("{")
        rest = brace + tail + (" " + rest if rest else "")
    return language.lstrip("."), rest.strip()


def _closes(line: str, fence: str) -> bool:
    stripped = line.strip()
    return (
        stripped.startswith(fence) and set(stripped) == {fence[0]} and len(stripped) >= len(fence)
    )


def _dedent(lines: list[str], indent: str) -> str:
    width = len(indent)
    out = []
    for line in lines:
        lead = len(line) - len(line.lstrip(" \t"))
        out.append(line[min(lead, width) :])
    return "\n".join(out)


def find_fences(
    text: str, language: str | tuple[str, ...] = LANGUAGES, max_indent: int | None = None
) -> list[FenceSite]:
    """Every closed fence of ``language`` (by default ``nnviz`` and its aliases), in document
    order, skipping fences nested in others.

    ``max_indent`` limits how far the opening fence may be indented (3 for top-level Markdown
    fences); ``None`` accepts any indentation, as superfences does inside containers.
    """
    lines = text.split("\n")
    sites: list[FenceSite] = []
    index = 0
    while index < len(lines):
        match = _OPEN.match(lines[index])
        if not match or ("`" in match.group("info") and match.group("fence")[0] == "`"):
            index += 1
            continue
        fence, indent = match.group("fence"), match.group("indent")
        close = next((j for j in range(index + 1, len(lines)) if _closes(lines[j], fence)), None)
        if close is None:
            index += 1
            continue
        found, header = _split_info(match.group("info"))
        fits = max_indent is None or len(indent.expandtabs(4)) <= max_indent
        wanted = (language,) if isinstance(language, str) else language
        if found in wanted and fits:
            body = _dedent(lines[index + 1 : close], indent)
            sites.append(FenceSite(index + 1, close + 1, indent, found, header, body))
        index = close + 1
    return sites


def same_body(left: str, right: str) -> bool:
    """Whether two fence bodies are the same text, ignoring trailing blanks and line ends."""
    return _normal(left) == _normal(right)


def _normal(body: str) -> tuple[str, ...]:
    return tuple(line.rstrip() for line in body.strip("\n").split("\n"))
