"""Import paths: ``package.module:attribute`` to the object it names, with errors for humans.

Importing runs the module's code, as Python does; nothing is ever unpickled. Every failure is one
:class:`SourceError` that names the import path and quotes what went wrong.
"""

from __future__ import annotations

import importlib
import re
import sys
import types
from pathlib import Path
from typing import Any

from nnviz_core.errors import SourceError, did_you_mean, excerpt

__all__ = ["import_object", "is_import_path", "module_file"]

#: Modification times of the model modules imported so far, by module name.
_STAMPS: dict[str, float | None] = {}

_IDENT = r"[A-Za-z_]\w*"
_IMPORT_PATH = re.compile(rf"^{_IDENT}(?:\.{_IDENT})*:{_IDENT}(?:\.{_IDENT})*$")


def is_import_path(text: str) -> bool:
    """Whether ``text`` reads as ``package.module:attribute`` (dotted attributes allowed)."""
    return bool(_IMPORT_PATH.match(text.strip()))


def _fresh(name: str) -> Any:
    """The module, imported again if its file changed since it was imported here.

    Long-running hosts (``mkdocs serve``, notebooks) then draw the model as it is now.
    """
    module = importlib.import_module(name)
    stamp = _stamp(module)
    if name in _STAMPS and stamp != _STAMPS[name]:
        module = importlib.reload(module)
    _STAMPS[name] = stamp
    return module


def _stamp(module: Any) -> float | None:
    found = getattr(module, "__file__", None)
    try:
        return Path(found).stat().st_mtime if found else None
    except OSError:
        return None


def module_file(path: str) -> Path | None:
    """The file of an imported import path's module (for hosts that watch files)."""
    if not is_import_path(path):
        return None
    module = sys.modules.get(path.strip().partition(":")[0])
    found = getattr(module, "__file__", None)
    return Path(found) if found else None


def _module(path: str, role: str) -> Any:
    name = path.partition(":")[0]
    try:
        return _fresh(name)
    except ModuleNotFoundError as error:
        missing = error.name or ""
        if missing and (name == missing or name.startswith(missing + ".")):
            raise SourceError(
                f"{role} {excerpt(path)}: no module named {excerpt(missing)}; "
                "check the spelling, and that "
                "its package is installed or its directory is on sys.path (PYTHONPATH, or "
                "sys.path in Sphinx's conf.py)"
            ) from None
        raise SourceError(
            f"{role} {excerpt(path)}: importing {excerpt(name)} raised ModuleNotFoundError: {error}"
        ) from error
    except (Exception, SystemExit) as error:
        raise SourceError(
            f"{role} {excerpt(path)}: importing {excerpt(name)} raised "
            f"{type(error).__name__}: {error}"
        ) from error


def _attribute(owner: Any, name: str) -> Any:
    """``owner.name``; a submodule its package does not import itself is imported."""
    if not hasattr(owner, name) and isinstance(owner, types.ModuleType):
        try:
            return _fresh(f"{owner.__name__}.{name}")
        except ModuleNotFoundError:
            pass
    return getattr(owner, name)


def import_object(path: str, role: str = "model") -> Any:
    """The object an import path names; ``role`` says what it is for in error messages."""
    text = path.strip()
    if not is_import_path(text):
        raise SourceError(
            f"{role} {excerpt(path)} is not an import path; write package.module:attribute, "
            "e.g. mypackage.models:build_classifier"
        )
    found = _module(text, role)
    module, _, dotted = text.partition(":")
    parts = dotted.split(".")
    for index, part in enumerate(parts):
        try:
            found = _attribute(found, part)
        except AttributeError:
            owner = f"{module}:{'.'.join(parts[:index])}" if index else module
            names = [name for name in dir(found) if not name.startswith("_")]
            raise SourceError(
                f"{role} {excerpt(path)}: {excerpt(owner)} has no attribute {excerpt(part)}"
                f"{did_you_mean(part, names)}"
            ) from None
    return found
