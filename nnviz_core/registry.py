"""Looking up styles, backends and sources by name, through entry points.

Built-ins are registered the same way as plug-ins (``nnviz.styles``, ``nnviz.backends``,
``nnviz.sources`` in ``pyproject.toml``), and a built-in table backs them up so a source checkout
works before it is installed. Modules are imported on first use, so ``import nnviz_core`` stays
light.
"""

from __future__ import annotations

import importlib
import importlib.util
from functools import cache
from importlib.metadata import entry_points
from typing import Any

from nnviz_core.errors import OptionError, did_you_mean

_BUILTIN: dict[str, dict[str, str]] = {
    "nnviz.styles": {
        "graph": "nnviz_core.styles.graph:STYLE",
        "block": "nnviz_core.styles.block:STYLE",
        "lenet": "nnviz_core.styles.lenet:STYLE",
        "fcnn": "nnviz_core.styles.fcnn:STYLE",
        "history": "nnviz_core.history.style:STYLE",
    },
    "nnviz.backends": {
        "svg": "nnviz_core.backends.svg:BACKEND",
        "png": "nnviz_core.backends.raster:PNG",
        "pdf": "nnviz_core.backends.raster:PDF",
        "dot": "nnviz_core.backends.dot:BACKEND",
        "pptx": "nnviz_core.backends.pptx:BACKEND",
    },
    "nnviz.sources": {
        "yaml": "nnviz_core.sources.yaml_spec:SOURCE",
    },
}

_KIND = {"nnviz.styles": "style", "nnviz.backends": "format", "nnviz.sources": "source"}


@cache
def _table(group: str) -> dict[str, str]:
    table = dict(_BUILTIN[group])
    for point in entry_points(group=group):
        table[point.name] = point.value
    return table


def _importable(target: str) -> bool:
    module = target.partition(":")[0]
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def names(group: str) -> tuple[str, ...]:
    """Registered names whose module exists, sorted."""
    return tuple(sorted(name for name, target in _table(group).items() if _importable(target)))


@cache
def load(group: str, name: str) -> Any:
    """The object registered as ``name`` in ``group``; an :class:`OptionError` names the choices."""
    available = names(group)
    if name not in available:
        kind = _KIND[group]
        raise OptionError(
            f"unknown {kind} {name!r}{did_you_mean(name, available)}; "
            f"available: {', '.join(available)}"
        )
    module_name, _, attribute = _table(group)[name].partition(":")
    return getattr(importlib.import_module(module_name), attribute)


def style(name: str) -> Any:
    return load("nnviz.styles", name)


def backend(name: str) -> Any:
    return load("nnviz.backends", name)
