"""Which files a request may name: only those inside the served directory.

A request names a file by a relative path. Absolute paths, ``..`` and ``.`` segments, drive
letters, backslashes and symlinks that lead out of the directory are refused, so a page (or
anything that can reach the port) reads and writes only what ``nnviz serve`` was pointed at.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path, PurePosixPath

__all__ = ["MODEL_SUFFIXES", "SPEC_SUFFIXES", "create_atomic", "inside"]

#: Spec files the editor opens read-write.
SPEC_SUFFIXES = (".yaml", ".yml")
#: Model files the editor opens read-only, as the YAML they export to.
MODEL_SUFFIXES = (".onnx", ".keras", ".prototxt")


def inside(root: Path, relative: str) -> Path | None:
    """The file ``relative`` names under ``root``, or ``None`` when it would leave ``root``."""
    if not relative or "\\" in relative or "\0" in relative or ":" in relative:
        return None
    posix = PurePosixPath(relative)
    if posix.is_absolute() or any(part in ("..", ".") for part in relative.split("/")):
        return None
    base = root.resolve()
    target = (base / posix).resolve()
    if target != base and base not in target.parents:
        return None  # a symlink that points out
    return target


def create_atomic(path: Path, data: bytes) -> bool:
    """Create ``path`` with ``data`` complete, never over an existing file (``False`` then):
    the data is written to a temporary file first and hard-linked into place."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.link(temporary, path)
    except FileExistsError:
        return False
    finally:
        Path(temporary).unlink(missing_ok=True)
    return True
