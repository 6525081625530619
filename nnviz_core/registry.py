"""Looking up styles and backends by name: one table, the entry points in ``pyproject.toml``.

nnviz's own styles and backends are entry points (``nnviz.styles``, ``nnviz.backends``) like any
plug-in's, so adding one is one line in ``pyproject.toml``. The table is read on first use, never
at import, and cheaply: nnviz's own entries come from the ``pyproject.toml`` beside the package
in a checkout (so a new line counts before the package is reinstalled), else from the installed
distribution's metadata (always on Python 3.10, which cannot read TOML). Other distributions'
entry points (plug-ins) are scanned only when a name is not nnviz's own or when all names are
listed. A plug-in cannot take a built-in's name: ``style="graph"`` draws the same picture on
every machine.

Models are not looked up here: every source is reached through :func:`nnviz_core.load`, and a
third-party format plugs in as an import path to a function returning a :class:`Graph`.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from functools import cache
from pathlib import Path
from typing import Any, Final

from nnviz_core.errors import NnvizError, OptionError, did_you_mean

__all__ = ["GROUPS", "backend", "load", "names", "style"]

DISTRIBUTION: Final = "nnviz-docs"
#: Each group and what its names are called in messages.
GROUPS: Final = {"nnviz.styles": "style", "nnviz.backends": "format"}
_CHECKOUT: Final = Path(__file__).resolve().parent.parent / "pyproject.toml"


@cache
def _own(group: str) -> dict[str, str]:
    """nnviz's own ``name -> module:attribute`` table for ``group``."""
    _check_group(group)
    declared = _declared_in_checkout()
    if declared is not None:
        return dict(declared.get(group, {}))
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        points = distribution(DISTRIBUTION).entry_points
    except PackageNotFoundError:
        raise NnvizError(
            f"nnviz's {GROUPS[group]}s are registered when the {DISTRIBUTION} package is "
            f"installed, and it is not; install it (pip install {DISTRIBUTION}, or pip install "
            "-e . in a checkout)"
        ) from None
    return {point.name: point.value for point in points if point.group == group}


@cache
def _declared_in_checkout() -> dict[str, dict[str, str]] | None:
    """The entry-point tables of the checkout's ``pyproject.toml``; ``None`` when installed
    from a wheel (no ``pyproject.toml`` of nnviz beside the package)."""
    try:
        text = _CHECKOUT.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    project = _toml(text).get("project", {})
    if project.get("name") != DISTRIBUTION:
        return None
    tables: dict[str, dict[str, str]] = project.get("entry-points", {})
    return tables


def _toml(text: str) -> dict[str, Any]:
    """``text`` parsed as TOML; empty on Python 3.10 (no ``tomllib``) or when it is broken."""
    if sys.version_info >= (3, 11):
        import tomllib

        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError:
            return {}
    return {}


@cache
def _plugins(group: str) -> dict[str, str]:
    """Entry points of other installed distributions; nnviz's own names keep their meaning."""
    from importlib.metadata import entry_points

    own = _own(group)
    return {
        point.name: point.value
        for point in entry_points(group=group)
        if point.name not in own and (point.dist is None or point.dist.name != DISTRIBUTION)
    }


def _check_group(group: str) -> None:
    if group not in GROUPS:
        raise ValueError(f"unknown entry-point group {group!r}; nnviz reads {', '.join(GROUPS)}")


def _importable(target: str) -> bool:
    module = target.partition(":")[0]
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def names(group: str) -> tuple[str, ...]:
    """Registered names whose module exists, sorted."""
    table = {**_plugins(group), **_own(group)}
    return tuple(sorted(name for name, target in table.items() if _importable(target)))


def _target(group: str, name: str) -> str:
    found = _own(group).get(name) or _plugins(group).get(name)
    if found is None or not _importable(found):
        available = names(group)
        raise OptionError(
            f"unknown {GROUPS[group]} {name!r}{did_you_mean(name, available)}; "
            f"available: {', '.join(available)}"
        )
    return found


@cache
def load(group: str, name: str) -> Any:
    """The object registered as ``name`` in ``group``; an :class:`OptionError` names the choices."""
    module_name, _, attribute = _target(group, name).partition(":")
    return getattr(importlib.import_module(module_name), attribute)


def style(name: str) -> Any:
    """The style registered as ``name`` (its ``options`` class and ``layout``)."""
    return load("nnviz.styles", name)


def backend(name: str) -> Any:
    """The backend that writes format ``name`` (its ``render``)."""
    return load("nnviz.backends", name)
