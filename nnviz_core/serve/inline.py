"""Inline specs of a docs page (``.. nnviz::`` bodies, ```` ```nnviz ```` fences) written back
into the page: the block's lines are replaced, with its indentation, and nothing else changes.

A save names the block by its page and the line its directive or fence opens on, and carries
the text the editor last loaded or saved there. The page is read again and the save refused,
with a message, when that line no longer opens a block with that text (the page changed on
disk and the block moved or was edited elsewhere), or when the new text would not read back as
the same block (it would end the fence, or turn into directive options).
"""

from __future__ import annotations

from pathlib import Path

from nnviz_core.files import write_atomic
from nnviz_core.serve.files import inside
from nnviz_core.slides.order import docs_tree
from nnviz_core.slides.pages import Site, text_sites

__all__ = ["write_back"]


def _normal(text: str) -> str:
    """A spec as the page scanners read it back: blank lines empty, none at either end."""
    return "\n".join(line if line.strip() else "" for line in text.split("\n")).strip("\n")


def _site(root: Path, path: Path, text: str, line: int) -> Site | None:
    tree = docs_tree(root)
    sites = text_sites(path, text, tree.root, tree.kind == "mkdocs")
    return next((site for site in sites if site.line == line and site.text is not None), None)


def _body(lines: list[str], site: Site) -> tuple[int, str] | None:
    """Where the block's spec starts (0-based) and the indentation its lines carry, checked by
    reading the spec back from those lines; ``None`` when they do not give the spec."""
    assert site.text is not None
    start = site.body_line - 1
    while start < len(lines) and not lines[start].strip():
        start += 1  # blank lines before the spec are not part of it
    wanted = site.text.split("\n")
    found = lines[start : start + len(wanted)]
    first = next((line for line in found if line.strip()), "")
    common = min((len(line) - len(line.lstrip()) for line in found if line.strip()), default=0)
    for width in dict.fromkeys((site.body_indent, common)):
        prefix = first[:width]
        if [line.removeprefix(prefix) if line.strip() else line.strip() for line in found] == [
            line if line.strip() else line.strip() for line in wanted
        ]:
            return start, prefix
    return None


def _indented(text: str, prefix: str) -> list[str]:
    return [prefix + line if line else "" for line in _normal(text).split("\n")]


def write_back(root: Path, page: str, line: int, base: str, text: str) -> str | None:
    """Replace the spec of the block at ``page:line``, which was ``base``, with ``text``;
    the reason it was refused, or ``None`` once written."""
    where = f"{page}:{line}"
    path = inside(root, page)
    if path is None or not path.is_file():
        return f"{where}: the page is gone"
    if not text.strip():
        return f"{where}: an inline spec cannot be empty; delete the block in its page instead"
    raw = path.read_bytes().decode("utf-8")
    newline = "\r\n" if "\r\n" in raw else "\n"
    current = raw.replace("\r\n", "\n")
    site = _site(root, path, current, line)
    if site is None or site.text is None or _normal(site.text) != _normal(base):
        return (
            f"{where}: the page changed on disk and this spec is no longer there as it was; "
            "not saved (copy your text, then open the spec again from the list)"
        )
    lines = current.split("\n")
    body = _body(lines, site)
    if body is None:
        return f"{where}: the spec's lines in the page could not be told apart; not saved"
    start, prefix = body
    count = len(site.text.split("\n"))
    updated = "\n".join([*lines[:start], *_indented(text, prefix), *lines[start + count :]])
    again = _site(root, path, updated, line)
    if again is None or again.text != _normal(text):
        return (
            f"{where}: this text would change the page around the spec (a line that ends the "
            "block or reads as a directive option); not saved"
        )
    write_atomic(path, updated.replace("\n", newline).encode("utf-8"))
    return None
