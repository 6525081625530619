"""The ``conf.py`` values of the extension, generated from the hosting settings declared once.

Every shared setting becomes ``nnviz_<name>``; :func:`install_host` turns the values into the one
:class:`~nnviz_core.hosting.Host` a build draws with (its cache sits beside the pickled
environment, so it survives rebuilds and is shared by every builder of the project).
"""

from __future__ import annotations

import weakref
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import ENUM
from sphinx.util import logging

from nnviz_core.hosting import PAGE_FORMATS, DiagramCache, FilePolicy, Host, HostSettings, for_host

__all__ = [
    "CONFIG_VALUES",
    "FORMATS",
    "PREFIX",
    "builder_class",
    "host_for",
    "install_host",
    "printed",
    "register",
]

logger = logging.getLogger(__name__)

#: The formats Sphinx builders take diagrams in, with their MIME types.
FORMATS = {"svg": "image/svg+xml", "pdf": "application/pdf", "png": "image/png"}
#: ``conf.py`` names are the declared names with this prefix: ``nnviz_theme``.
PREFIX = "nnviz_"
#: The settings Sphinx offers, in declaration order.
CONFIG_VALUES = for_host("sphinx")


def register(app: Sphinx) -> None:
    """Add every declared value to Sphinx, with its type and rebuild flag."""
    for value in CONFIG_VALUES:
        types = ENUM(*value.choices) if value.choices else frozenset(value.kinds)
        app.add_config_value(PREFIX + value.name, value.default, value.rebuild, types=types)


_HOSTS: weakref.WeakKeyDictionary[Any, Host] = weakref.WeakKeyDictionary()


def _make_host(env: Any, confdir: Path) -> Host:
    values = {value.name: getattr(env.config, PREFIX + value.name) for value in CONFIG_VALUES}
    settings = HostSettings.from_values(values, confdir)
    roots = settings.allowed_roots
    policy = FilePolicy.for_site(Path(env.srcdir), confdir, roots, PREFIX + "allowed_roots")
    cache = DiagramCache(Path(env.doctreedir) / "nnviz", inform=logger.info)
    return Host(settings, cache, policy, formats=(*PAGE_FORMATS, "pdf", "png"))


def install_host(app: Sphinx) -> None:
    """Make the build's Host from ``conf.py`` (``builder-inited``, before any page is read)."""
    _HOSTS[app.env] = _make_host(app.env, Path(app.confdir))


def host_for(env: Any) -> Host:
    """The Host of a build environment (made once per process and project)."""
    found = _HOSTS.get(env)
    if found is None:
        found = _HOSTS[env] = _make_host(env, Path(env.srcdir))
    return found


def builder_class(env: Any) -> Any:
    """The running builder's class (Sphinx 8.1+ keeps it on the environment; older ones on app)."""
    found = getattr(env, "_builder_cls", None)
    return found if found is not None else type(env.app.builder)


def printed(env: Any) -> bool:
    """Whether the running builder prints its pages (LaTeX): diagrams are drawn for paper."""
    return str(getattr(builder_class(env), "format", "")) == "latex"
