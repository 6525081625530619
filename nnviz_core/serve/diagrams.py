"""The diagrams of a docs tree (``nnviz serve docs/``), found as ``nnviz slides`` finds them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from nnviz_core.serve.files import SPEC_SUFFIXES, inside
from nnviz_core.slides.order import docs_tree
from nnviz_core.slides.pages import Site, page_sites

__all__ = ["Found", "diagrams", "site_at"]


@dataclass(frozen=True)
class Found:
    """One diagram: its page and line, its style, its spec file when it has one, and the
    network's ``name:`` when its spec is inline."""

    page: str
    line: int
    style: str
    file: str | None
    title: str | None = None


def diagrams(root: Path) -> Iterator[Found]:
    """Every diagram of the tree at ``root`` in reading order, then spec files no page draws."""
    base = root.resolve()
    tree = docs_tree(root)
    named: set[str] = set()
    for page in tree.pages:
        for site in page_sites(page, tree.root, tree.kind == "mkdocs"):
            if site.style == "history":
                continue  # training curves: a log, not a spec
            file = _relative(base, site.file)
            named.update([file] if file else [])
            title = _title(site.text) if site.text else None
            yield Found(_relative(base, page) or str(page), site.line, site.style, file, title)
    for path in sorted(base.rglob("*")):
        relative = _relative(base, path)
        hidden = any(part.startswith(".") for part in path.relative_to(base).parts)
        if (
            path.suffix.lower() in SPEC_SUFFIXES
            and relative
            and relative not in named
            and not hidden
        ):
            yield Found(relative, 1, "spec file", relative)


def _title(text: str) -> str | None:
    """The spec's ``name:`` for the list (``None`` while the spec does not read as YAML)."""
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError:
        return None
    name = loaded.get("name") if isinstance(loaded, dict) else None
    return str(name) if name else None


def _relative(base: Path, path: Path | None) -> str | None:
    """``path`` as a name the server opens, or ``None`` outside the tree (or no file)."""
    if path is None:
        return None
    resolved = path.resolve()
    if base not in resolved.parents:
        return None
    relative = resolved.relative_to(base).as_posix()
    return relative if inside(base, relative) is not None else None


def site_at(root: Path, page: str, line: int) -> Site | None:
    """The diagram whose directive or fence opens at ``page:line`` (``None``: there is none)."""
    path = inside(root, page)
    if path is None or not path.is_file():
        return None
    tree = docs_tree(root)
    return next(
        (site for site in page_sites(path, tree.root, tree.kind == "mkdocs") if site.line == line),
        None,
    )
