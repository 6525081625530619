"""Rendered diagrams cached by content hash, in memory and on disk.

The key covers everything that changes the picture (the spec text, the style, the typed options
and a fingerprint of the installed nnviz code), so a rebuild of an unchanged page renders nothing
and ``mkdocs serve`` redraws only the fences that changed. Entries are written atomically, so an
interrupted build never leaves a half-written diagram behind.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import nnviz_core
from nnviz_core.files import write_atomic

#: Bump when the adapter changes what it stores.
FORMAT = 1


@cache
def code_fingerprint() -> str:
    """A hash of the installed nnviz code and data, so upgrading it invalidates old entries."""
    digest = hashlib.sha256(f"{nnviz_core.__version__}/{FORMAT}".encode())
    root = Path(nnviz_core.__file__).parent
    for path in sorted(root.rglob("*")):
        if path.suffix in {".py", ".json", ".css"} and path.is_file():
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_key(source: str, style: str, options: tuple[tuple[str, Any], ...]) -> str:
    """The content hash naming one rendered diagram."""
    payload = {
        "code": code_fingerprint(),
        "source": source,
        "style": style,
        "options": [[name, value] for name, value in options],
    }
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class DiagramCache:
    """A memory cache backed by an optional directory of ``<key>.svg`` files."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory
        self._memory: dict[str, str] = {}
        self.rendered = 0
        """Diagrams drawn since the last :meth:`reset_counts`."""
        self.reused = 0
        """Diagrams taken from the cache since the last :meth:`reset_counts`."""
        self.used: set[str] = set()
        """Keys asked for or stored since the last :meth:`reset_counts`."""

    def reset_counts(self) -> None:
        self.rendered = self.reused = 0
        self.used.clear()

    def prune(self) -> int:
        """Delete the stored diagrams not used since :meth:`reset_counts`; how many went."""
        if self.directory is None or not self.directory.is_dir():
            return 0
        stale = [path for path in self.directory.glob("*.svg") if path.stem not in self.used]
        for path in stale:
            with contextlib.suppress(OSError):
                path.unlink()
        return len(stale)

    def get(self, key: str) -> str | None:
        """The SVG stored under ``key``, if any."""
        self.used.add(key)
        svg = self._memory.get(key) or self._read(key)
        if svg is not None:
            self._memory[key] = svg
            self.reused += 1
        return svg

    def get_or_draw(self, key: str, draw: Callable[[], str]) -> str:
        """The SVG stored under ``key``, or ``draw()``'s, stored for next time."""
        svg = self.get(key)
        if svg is None:
            svg = draw()
            self.put(key, svg)
        return svg

    def put(self, key: str, svg: str) -> None:
        self.rendered += 1
        self.used.add(key)
        self._memory[key] = svg
        if self.directory is not None:
            # An unwritable cache only costs speed; the memory cache still works.
            with contextlib.suppress(OSError):
                write_atomic(self._path(key), svg.encode("utf-8"))

    def _path(self, key: str) -> Path:
        assert self.directory is not None
        return self.directory / f"{key}.svg"

    def _read(self, key: str) -> str | None:
        if self.directory is None:
            return None
        try:
            return self._path(key).read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            return None
