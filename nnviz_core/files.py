"""Files: writing ones other processes may read at the same moment (parallel docs builds), and
asking whether a path names one without failing on paths the system refuses to look up."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["exists", "is_file", "write_atomic"]


def exists(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` exists; a path too long or otherwise unusable does not (no OSError)."""
    try:
        return Path(path).exists()
    except (OSError, ValueError):  # ENAMETOOLONG, a NUL character...
        return False


def is_file(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a file; a path too long or otherwise unusable is not (no OSError)."""
    try:
        return Path(path).is_file()
    except (OSError, ValueError):
        return False


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` so that readers only ever see a missing or a complete file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
