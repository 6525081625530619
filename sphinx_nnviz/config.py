"""The ``conf.py`` values of the extension, generated from the hosting settings declared once.

Every shared setting becomes ``nnviz_<name>``; :func:`host_for` turns the values into the one
:class:`~nnviz_core.hosting.Host` a build draws with (its cache sits beside the pickled
environment, so it survives rebuilds and is shared by every builder of the project).
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sphinx.application import Sphinx
from sphinx.config import ENUM
from sphinx.util import logging

from nnviz_core.hosting import (
    PAGE_FORMATS,
    DiagramCache,
    FilePolicy,
    Host,
    HostSettings,
    Setting,
    for_host,
)

__all__ = ["CONFIG_VALUES", "FORMATS", "ConfigValue", "host_for", "install_host", "register"]

logger = logging.getLogger(__name__)

#: The formats Sphinx builders take diagrams in, with their MIME types.
FORMATS = {"svg": "image/svg+xml", "pdf": "application/pdf", "png": "image/png"}
PREFIX = "nnviz_"


@dataclass(frozen=True)
class ConfigValue:
    """One ``nnviz_*`` setting: default, what it rebuilds when changed, accepted types, meaning."""

    name: str
    default: Any
    rebuild: Literal["env", "html"]
    types: Any
    type_text: str
    description: str


def _config_value(setting: Setting) -> ConfigValue:
    types = ENUM(*setting.choices) if setting.choices else frozenset(setting.kinds)
    return ConfigValue(
        PREFIX + setting.name,
        setting.default,
        setting.rebuild,
        types,
        setting.type_text,
        setting.description,
    )


CONFIG_VALUES: tuple[ConfigValue, ...] = tuple(map(_config_value, for_host("sphinx")))


def register(app: Sphinx) -> None:
    """Add every declared value to Sphinx, with its type and rebuild flag."""
    for value in CONFIG_VALUES:
        app.add_config_value(value.name, value.default, value.rebuild, types=value.types)


_HOSTS: weakref.WeakKeyDictionary[Any, Host] = weakref.WeakKeyDictionary()


def _make_host(env: Any, confdir: Path) -> Host:
    config = env.config
    values = {s.name: getattr(config, PREFIX + s.name) for s in for_host("sphinx")}
    settings = HostSettings.from_values(values, confdir)
    policy = FilePolicy.for_site(
        Path(env.srcdir), confdir, settings.allowed_roots, PREFIX + "allowed_roots"
    )
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
