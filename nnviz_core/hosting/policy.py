"""Which files a docs build may read: the docs and project folders, and the roots a site allows.

A spec, log or model file named on a page is read (and parts of it may appear in warnings), so a
page, perhaps from a pull request, must not reach outside the project: ``file="/etc/passwd"``
or ``../../.ssh/id_rsa`` is refused with an error that names the setting to widen the policy.
Paths are resolved (symbolic links included) before they are checked.

The default roots are the docs source folder, the folder holding ``conf.py`` / ``mkdocs.yml``,
and the repository that folder is in (the nearest parent with ``.git``, ``pyproject.toml``,
``setup.py`` or ``setup.cfg``), so a docs folder can draw the project's own models and logs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from nnviz_core.errors import SourceError, excerpt_text

__all__ = ["FilePolicy", "project_root"]

_PROJECT_MARKERS = (".git", "pyproject.toml", "setup.py", "setup.cfg")


def project_root(config_dir: Path) -> Path:
    """The repository ``config_dir`` is in: the nearest folder with a project marker, else it."""
    start = config_dir.resolve()
    for folder in (start, *start.parents):
        if any((folder / marker).exists() for marker in _PROJECT_MARKERS):
            return folder
    return start


@dataclass(frozen=True)
class FilePolicy:
    """The folders files may come from, and the name of the setting that adds more."""

    roots: tuple[Path, ...]
    setting: str = "allowed_roots"

    @classmethod
    def for_site(
        cls, docs_dir: Path, config_dir: Path, extra: Iterable[Path], setting: str
    ) -> FilePolicy:
        """The default roots of a site plus ``extra`` (already absolute)."""
        found = [docs_dir.resolve(), config_dir.resolve(), project_root(config_dir)]
        found += [Path(root).resolve() for root in extra]
        unique = tuple(dict.fromkeys(found))
        return cls(unique, setting)

    def check(self, path: Path, shown: str) -> Path:
        """``path`` with links resolved, if it lies in a root; else a :class:`SourceError`."""
        resolved = path.resolve()
        if any(resolved == root or root in resolved.parents for root in self.roots):
            return resolved
        raise SourceError(
            f"{excerpt_text(shown)}: refusing to read a file outside the docs and project folders "
            f"({excerpt_text(resolved)}); add its folder to the {self.setting} setting to allow it"
        )


#: A policy that allows every file (for hosts outside a docs build: a plain Markdown call).
OPEN = FilePolicy((Path("/"),))
