"""Which pages a docs directory holds, in reading order.

A Sphinx project is read in its toctree order from the root document, a MkDocs project in its
``nav`` order; pages no toctree or nav reaches follow, sorted by path with each directory's
``index``/``README`` first, as they would in a sidebar.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

Kind = Literal["sphinx", "mkdocs", "plain"]
SUFFIXES = (".rst", ".md", ".txt")
_SKIP = {"_build", "build", "site", "_static", "_templates", "node_modules", "__pycache__"}
_TOCTREE = re.compile(r"^(?P<indent>[ \t]*)(?:\.\.[ \t]+toctree::|(?P<fence>`{3,})\{toctree\})")
_ROOT_DOC = re.compile(r"^(?:root_doc|master_doc)\s*=\s*['\"](?P<name>[^'\"]+)['\"]", re.M)
_ENTRY = re.compile(r"^(?:.*<(?P<target>[^>]+)>|(?P<plain>\S+))$")


@dataclass(frozen=True)
class DocsTree:
    """A documentation source directory: its notation and its pages in reading order."""

    root: Path
    kind: Kind
    pages: tuple[Path, ...]


class _LooseLoader(yaml.SafeLoader):
    """Reads ``mkdocs.yml`` safely: ``!!python/name:`` and ``!ENV`` tags become ``None``."""


_LooseLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _sidebar_key(path: Path, root: Path) -> tuple[Any, ...]:
    relative = path.relative_to(root)
    first = relative.stem.lower() not in ("index", "readme")
    return (relative.parent.parts, first, relative.name)


def _all_pages(root: Path) -> list[Path]:
    found = [
        path
        for path in root.rglob("*")
        if path.suffix in SUFFIXES
        and path.is_file()
        and not any(part in _SKIP or part.startswith(".") for part in path.relative_to(root).parts)
    ]
    return sorted(found, key=lambda path: _sidebar_key(path, root))


def _nav_files(nav: Any) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [name for entry in nav for name in _nav_files(entry)]
    if isinstance(nav, dict):
        return [name for value in nav.values() for name in _nav_files(value)]
    return []


def _page(root: Path, name: str) -> Path | None:
    candidate = root / name
    if candidate.suffix in SUFFIXES and candidate.is_file():
        return candidate
    return next((p for s in SUFFIXES if (p := root / f"{name}{s}").is_file()), None)


def _toctree_entries(text: str) -> list[str]:
    lines = text.split("\n")
    entries: list[str] = []
    for index, line in enumerate(lines):
        match = _TOCTREE.match(line)
        if not match:
            continue
        block: list[str] = []
        for following in lines[index + 1 :]:
            if match.group("fence") and following.strip().startswith(match.group("fence")):
                break
            indented = len(following) - len(following.lstrip()) > len(match.group("indent"))
            if not match.group("fence") and following.strip() and not indented:
                break
            block.append(following)
        for entry in textwrap.dedent("\n".join(block)).split("\n"):
            entry = entry.strip()
            found = _ENTRY.match(entry) if entry and not entry.startswith(":") else None
            if found and entry != "self" and "://" not in entry:
                entries.append(found.group("target") or found.group("plain"))
    return entries


def _toctree_order(root: Path, start: Path) -> list[Path]:
    ordered: list[Path] = []
    pending = [start]
    while pending:
        page = pending.pop(0)
        if page in ordered:
            continue
        ordered.append(page)
        children: list[Path] = []
        for entry in _toctree_entries(page.read_text(encoding="utf-8")):
            base = root if entry.startswith("/") else page.parent
            pattern = entry.lstrip("/")
            if any(char in pattern for char in "*?["):
                matches = sorted(base.glob(pattern + ".*"))
                children.extend(p for p in matches if p.suffix in SUFFIXES)
            elif (found := _page(base, pattern)) is not None:
                children.append(found)
        pending[0:0] = children
    return ordered


def _sphinx_root(directory: Path) -> Path | None:
    for candidate in (directory, directory / "source", directory / "docs"):
        if (candidate / "conf.py").is_file():
            return candidate
    return None


def _mkdocs_config(directory: Path) -> tuple[Path, dict[str, Any]] | None:
    for base in (directory, directory.parent):
        for name in ("mkdocs.yml", "mkdocs.yaml"):
            config_path = base / name
            if config_path.is_file():
                text = config_path.read_text(encoding="utf-8")
                config = yaml.load(text, Loader=_LooseLoader) or {}
                docs_dir = (base / str(config.get("docs_dir", "docs"))).resolve()
                if base == directory or docs_dir == directory.resolve():
                    return docs_dir, config
    return None


def docs_tree(directory: Path) -> DocsTree:
    """The pages of a Sphinx, MkDocs or plain documentation directory, in reading order."""
    mkdocs = _mkdocs_config(directory)
    if mkdocs is not None:
        root, config = mkdocs
        listed = [p for name in _nav_files(config.get("nav")) if (p := _page(root, name))]
        rest = [page for page in _all_pages(root) if page not in listed]
        return DocsTree(root, "mkdocs", tuple(listed + rest))
    sphinx = _sphinx_root(directory)
    if sphinx is not None:
        named = _ROOT_DOC.search((sphinx / "conf.py").read_text(encoding="utf-8"))
        start = _page(sphinx, named.group("name") if named else "index")
        listed = _toctree_order(sphinx, start) if start else []
        rest = [page for page in _all_pages(sphinx) if page not in listed]
        return DocsTree(sphinx, "sphinx", tuple(listed + rest))
    return DocsTree(directory, "plain", tuple(_all_pages(directory)))
