"""One cache for every host: drawn diagrams by content hash, in memory and in a folder.

The key covers everything that changes the picture: the source (spec text, a log's digest or a
model's Graph hash), the style, every typed option, and a fingerprint of the nnviz code that
draws it (its source files, hashed once per process), so editing nnviz invalidates old entries
even when its version string stays the same.

An entry is the SVG (``nnviz-<key>.svg``) and what a page needs besides it (alt text, where the
ids sit, the remarks its hosts warn with) with the SVG's length and hash
(``nnviz-<key>.svg.json``); other formats (PDF, PNG for Sphinx builders) have a check file of
their own, with the remarks made while converting (a PNG drawn smaller than asked). What is
read is verified: a damaged entry is deleted and drawn again, with one info line. A folder that
cannot be written turns the cache into a memory cache (plus a temporary folder, with check
files, for files a builder must copy), again with one info line.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from nnviz_core.errors import excerpt_text
from nnviz_core.files import write_atomic
from nnviz_core.hosting.svg_ids import (
    first_id,
    id_marks,
    renumbered,
    with_id_suffix,
    without_prolog,
)

__all__ = ["DiagramCache", "Drawn", "Filed", "Note", "cache_key", "code_fingerprint"]

#: Bump when what the cache stores changes.
FORMAT = 5
_PREFIX = "nnviz-"


@cache
def code_fingerprint() -> str:
    """A hash of the nnviz code and data that draw diagrams, computed once per process."""
    import nnviz_core

    digest = hashlib.sha256(f"{nnviz_core.__version__}/{FORMAT}".encode())
    root = Path(nnviz_core.__file__).parent
    for path in sorted(root.rglob("*")):
        if path.suffix in {".py", ".json", ".css", ".yaml"} and path.is_file():  # themes too
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_key(source: str, style: str, options: tuple[tuple[str, Any], ...]) -> str:
    """The content hash naming one drawn diagram."""
    payload = {
        "code": code_fingerprint(),
        "source": source,
        "style": style,
        "options": [[name, value] for name, value in options],
    }
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:40]


@dataclass(frozen=True)
class Note:
    """A remark a style made about its data: its kind, the full text, and the text without the
    source's name (for hosts that already point at inline text)."""

    kind: str
    text: str
    short: str


@dataclass(frozen=True)
class Drawn:
    """A drawn diagram as pages use it: the SVG, its alt text and where its ids sit."""

    key: str
    svg: str
    alt: str
    marks: tuple[int, ...] = ()
    """Offsets in ``svg`` where a repeat on the same page appends ``-N`` to an id."""
    notes: tuple[Note, ...] = ()
    """Remarks made while drawing (NaN gaps in a log, text too small for the canvas), kept
    with the diagram so a page drawn from the cache warns as the first build did."""
    viewer: str = ""
    """What the page's viewer needs after the SVG: the layers' details and the finer levels of
    detail (:func:`nnviz_core.viewer.payload`)."""

    @classmethod
    def of(
        cls, key: str, svg: str, alt: str, notes: tuple[Note, ...] = (), viewer: str = ""
    ) -> Drawn:
        """Find the id positions once, when the diagram is drawn."""
        return cls(key, svg, alt, id_marks(svg), notes, viewer)

    @property
    def root_id(self) -> str:
        return first_id(self.svg)

    def inline(self, occurrence: int = 1) -> str:
        """The ``<svg>`` element for an HTML page; the N-th copy on a page gets ``-N`` ids."""
        return without_prolog(with_id_suffix(self.svg, self.marks, occurrence))

    def viewer_html(self, occurrence: int = 1) -> str:
        """The viewer's payload for the N-th copy on a page (its finer levels get ids of their
        own too, as :meth:`inline` gives the SVG)."""
        return renumbered(self.viewer, occurrence)


@dataclass(frozen=True)
class Filed:
    """A diagram as a file in another format, and the remarks its conversion made (stored with
    it, so a build that copies the cached file warns as the first one did)."""

    path: Path
    notes: tuple[Note, ...] = ()


def _notes_data(notes: tuple[Note, ...]) -> list[list[str]]:
    return [[note.kind, note.text, note.short] for note in notes]


def _notes_of(meta: dict[str, Any]) -> tuple[Note, ...]:
    """The notes in a check file (raises ``TypeError``/``ValueError`` when malformed)."""
    return tuple(Note(str(k), str(t), str(s)) for k, t, s in meta.get("notes", ()))


def _check(data: bytes) -> dict[str, Any]:
    return {"format": FORMAT, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}


class DiagramCache:
    """Drawn diagrams in memory, backed by an optional folder shared by processes and builds."""

    def __init__(
        self, directory: Path | None = None, inform: Callable[[str], None] | None = None
    ) -> None:
        self.directory = directory
        self._inform = inform or (lambda message: None)
        self._memory: dict[str, Drawn] = {}
        self._files: Path | None = None
        self.rendered = 0
        """Diagrams drawn since the last :meth:`reset_counts`."""
        self.reused = 0
        """Diagrams taken from the cache since the last :meth:`reset_counts`."""
        self.used: set[str] = set()
        """Keys asked for or stored since the last :meth:`reset_counts`."""

    def reset_counts(self) -> None:
        self.rendered = self.reused = 0
        self.used.clear()

    def get(self, key: str) -> Drawn | None:
        """The diagram stored under ``key``, verified, if any."""
        self.used.add(key)
        found = self._memory.get(key) or self._read(key)
        if found is not None:
            self._memory[key] = found
            self.reused += 1
        return found

    def get_or_draw(self, key: str, draw: Callable[[], Drawn]) -> Drawn:
        """The diagram stored under ``key``, or ``draw()``'s, stored for next time."""
        found = self.get(key)
        if found is None:
            found = draw()
            self.put(found)
        return found

    def put(self, drawn: Drawn) -> None:
        self.rendered += 1
        self.used.add(drawn.key)
        self._memory[drawn.key] = drawn
        data = drawn.svg.encode("utf-8")
        notes = _notes_data(drawn.notes)
        meta = {**_check(data), "alt": drawn.alt, "marks": list(drawn.marks), "notes": notes}
        meta["viewer"] = drawn.viewer
        self._write(drawn.key, "svg", data, meta)

    def file(self, key: str, fmt: str, make: Callable[[], tuple[bytes, tuple[Note, ...]]]) -> Filed:
        """The diagram in ``fmt`` (for builders that copy files) and the remarks its conversion
        made; ``make()`` gives both when the file is missing."""
        self.used.add(key)
        for folder in (self.directory, self._files):
            found = None if folder is None else self._verified(folder, key, fmt)
            if folder is not None and found is not None:
                try:
                    return Filed(folder / f"{_PREFIX}{key}.{fmt}", _notes_of(found[1]))
                except (TypeError, ValueError):
                    self._damaged(folder, key)
        data, notes = make()
        meta = {**_check(data), "notes": _notes_data(notes)}
        written = self._write(key, fmt, data, meta)
        if written is None:  # no folder at all: a temporary one, for this process
            self._files = self._files or Path(tempfile.mkdtemp(prefix="nnviz-"))
            written = self._files / f"{_PREFIX}{key}.{fmt}"
            write_atomic(written, data)
            write_atomic(written.with_name(written.name + ".json"), json.dumps(meta).encode())
        return Filed(written, notes)

    def prune(self) -> int:
        """Delete the stored diagrams not used since :meth:`reset_counts`; how many went."""
        if self.directory is None or not self.directory.is_dir():
            return 0
        stale = {
            path.name.split(".", 1)[0][len(_PREFIX) :]
            for path in self.directory.glob(f"{_PREFIX}*")
            if path.is_file()
        } - self.used
        for key in stale:
            self._forget(self.directory, key)
        return len(stale)

    def _write(self, key: str, fmt: str, data: bytes, meta: dict[str, Any]) -> Path | None:
        """Store one file and its check file; on failure, stop using the folder."""
        if self.directory is None:
            return None
        target = self.directory / f"{_PREFIX}{key}.{fmt}"
        try:
            write_atomic(target, data)
            write_atomic(target.with_name(target.name + ".json"), json.dumps(meta).encode())
        except OSError as error:
            self._inform(
                f"nnviz: cannot write the diagram cache {self.directory} "
                f"({excerpt_text(error.strerror or error)}); "
                "keeping diagrams in memory for this build"
            )
            self.directory = None
            return None
        return target

    def _read(self, key: str) -> Drawn | None:
        if self.directory is None:
            return None
        found = self._verified(self.directory, key, "svg")
        if found is None:
            return None
        data, meta = found
        try:
            marks = tuple(int(mark) for mark in meta["marks"])
            svg, alt, viewer = data.decode("utf-8"), str(meta["alt"]), str(meta["viewer"])
            return Drawn(key, svg, alt, marks, _notes_of(meta), viewer)
        except (KeyError, TypeError, ValueError):
            self._damaged(self.directory, key)
            return None

    def _verified(self, folder: Path, key: str, fmt: str) -> tuple[bytes, dict[str, Any]] | None:
        """A stored file and its check data, when both are there and agree."""
        target = folder / f"{_PREFIX}{key}.{fmt}"
        check = target.with_name(target.name + ".json")
        try:
            data = target.read_bytes()
            meta = json.loads(check.read_text(encoding="utf-8"))
        except FileNotFoundError:
            if target.exists() or check.exists():
                self._damaged(folder, key)
            return None
        except (OSError, ValueError):
            self._damaged(folder, key)
            return None
        if not isinstance(meta, dict) or {k: meta.get(k) for k in _check(data)} != _check(data):
            self._damaged(folder, key)
            return None
        return data, meta

    def _damaged(self, folder: Path, key: str) -> None:
        self._inform(
            f"nnviz: cached diagram {_PREFIX}{key} in {folder} was damaged; drawing it again"
        )
        self._forget(folder, key)

    @staticmethod
    def _forget(folder: Path, key: str) -> None:
        for path in folder.glob(f"{_PREFIX}{key}.*"):
            with contextlib.suppress(OSError):
                path.unlink()
