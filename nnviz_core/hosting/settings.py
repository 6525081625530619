"""Host settings, declared once: Sphinx's ``conf.py`` values and the MkDocs plugin's config.

Each adapter generates its own schema from :data:`SETTINGS` (``app.add_config_value`` with an
``nnviz_`` prefix; the plugin's ``config_options``), and hands the values back as one
:class:`HostSettings`, so both hosts accept the same names with the same meaning.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

__all__ = ["SETTINGS", "HostSettings", "Setting", "for_host"]

Host = Literal["sphinx", "mkdocs"]
BOTH: frozenset[str] = frozenset({"sphinx", "mkdocs"})


@dataclass(frozen=True)
class Setting:
    """One setting: its name (``nnviz_`` + name in ``conf.py``), default, type and meaning."""

    name: str
    default: Any
    kinds: tuple[type, ...]
    description: str
    choices: tuple[str, ...] = ()
    hosts: frozenset[str] = BOTH
    rebuild: Literal["env", "html"] = "env"
    """What Sphinx rebuilds when the value changes."""

    @property
    def type_text(self) -> str:
        if self.choices:
            return " | ".join(self.choices)
        return " | ".join("None" if kind is type(None) else kind.__name__ for kind in self.kinds)


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "default_style",
        "graph",
        (str,),
        "Style of every diagram that names none (``:style:`` / ``style=``).",
    ),
    Setting(
        "default_options",
        {},
        (dict,),
        "Options per style, e.g. ``{'graph': {'show_shapes': True}}``; a diagram's own "
        "options win.",
    ),
    Setting(
        "theme",
        "auto",
        (str,),
        "Colours of every diagram: ``auto`` follows the page's light/dark switch (Furo, PyData, "
        "Material, Read the Docs, ``prefers-color-scheme``); a diagram's ``theme`` wins.",
        choices=("auto", "light", "dark"),
    ),
    Setting(
        "graphviz_engine",
        None,
        (str, type(None)),
        "Graphviz command for the graph style; by default the bundled ``graphviz-pure``, "
        "then ``dot`` on ``PATH``.",
    ),
    Setting(
        "allowed_roots",
        [],
        (list,),
        "More folders that spec, log and model files may be read from. By default files must "
        "lie in the docs source folder or the project folder (the folder of ``conf.py`` / "
        "``mkdocs.yml`` and the repository holding it); symbolic links are resolved first.",
    ),
    Setting(
        "html_format",
        "inline",
        (str,),
        "How HTML pages carry diagrams: inline SVG (follows the page's theme, text is "
        "searchable), or ``<img>`` files under ``_images/``.",
        choices=("inline", "img"),
        hosts=frozenset({"sphinx"}),
        rebuild="html",
    ),
    Setting(
        "cache_dir",
        ".cache/nnviz",
        (str,),
        "Where drawn diagrams are kept between builds, relative to ``mkdocs.yml``.",
        hosts=frozenset({"mkdocs"}),
    ),
    Setting(
        "cache",
        True,
        (bool,),
        "Keep diagrams on disk between builds (memory caching always happens).",
        hosts=frozenset({"mkdocs"}),
    ),
)


def for_host(host: Host) -> tuple[Setting, ...]:
    """The settings one host offers, in declaration order."""
    return tuple(setting for setting in SETTINGS if host in setting.hosts)


@dataclass(frozen=True)
class HostSettings:
    """The values of the shared settings, as a host resolved them."""

    default_style: str = "graph"
    default_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    theme: str = "auto"
    graphviz_engine: str | None = None
    allowed_roots: tuple[Path, ...] = ()
    """Roots besides the docs and project folders that files may come from (absolute)."""

    @classmethod
    def from_values(cls, values: Mapping[str, Any], base: Path) -> HostSettings:
        """Settings from a host's values by name; relative ``allowed_roots`` start at ``base``."""
        roots = tuple((base / str(root)).resolve() for root in values.get("allowed_roots") or ())
        return cls(
            default_style=str(values.get("default_style") or "graph"),
            default_options=dict(values.get("default_options") or {}),
            theme=str(values.get("theme") or "auto"),
            graphviz_engine=values.get("graphviz_engine") or None,
            allowed_roots=roots,
        )
