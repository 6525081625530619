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

from nnviz_core.errors import OptionError, excerpt

__all__ = ["SETTINGS", "HostSettings", "Setting", "for_host"]

Host = Literal["sphinx", "mkdocs"]
#: The content widths a host may set, as the ``width`` option allows (CSS px).
WIDTHS = (200, 20_000)
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
        "The look of every diagram: a built-in theme (``default``, ``print``, ``colorblind``, "
        "``pastel``, ``slides``) or a theme file's path, relative to ``conf.py`` / "
        "``mkdocs.yml``; ``auto``, ``light`` and ``dark`` are the default theme in that mode. "
        "A diagram's ``theme`` wins.",
    ),
    Setting(
        "mode",
        None,
        (str, type(None)),
        "Which half of the theme every diagram shows: ``auto`` follows the page's light/dark "
        "switch (Furo, PyData, Material, Read the Docs, ``prefers-color-scheme``); ``light`` "
        "or ``dark`` fix one. Default: auto, or what ``theme: light | dark`` says. A diagram's "
        "``mode`` wins.",
    ),
    Setting(
        "width",
        720,
        (int, float),
        "Width of the pages' content column in CSS px: diagrams drawn for a page (``fit: page``, "
        "the default) are laid out for it, so their text stays legible once the page fits them "
        "to its column; a diagram's own ``width`` wins. 720 suits Furo, Material and Read the "
        "Docs; the LaTeX builder draws for the printed page instead.",
    ),
    Setting(
        "readability_warnings",
        True,
        (bool,),
        "Warn when a diagram's text would be read below the floor of the place it is drawn "
        "for (9 px on a page, 6 pt on paper), naming the options that would help. Sphinx can "
        "also drop them with ``suppress_warnings = ['nnviz.readability']``.",
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
        "latex_format",
        "pdf",
        (str,),
        "How the LaTeX builder includes diagrams: a vector PDF image, or TikZ code "
        "(``\\input`` of a ``.tikz`` picture, ``tikz`` added to the preamble) that the "
        "document's fonts set and its preamble can restyle (see :doc:`latex`).",
        choices=("pdf", "tikz"),
        hosts=frozenset({"sphinx"}),
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
    """A built-in theme's name, or a theme file's path (absolute once resolved)."""
    mode: str | None = None
    width: float = 720.0
    """The content column diagrams drawn for a page are laid out for, in CSS px."""
    readability_warnings: bool = True
    graphviz_engine: str | None = None
    allowed_roots: tuple[Path, ...] = ()
    """Roots besides the docs and project folders that files may come from (absolute)."""
    theme_base: Path | None = None
    """Where relative theme file paths start: the folder of ``conf.py`` / ``mkdocs.yml``."""

    def __post_init__(self) -> None:
        width = self.width
        if (
            isinstance(width, bool)
            or not isinstance(width, int | float)
            or not (WIDTHS[0] <= width <= WIDTHS[1])
        ):
            raise OptionError(
                f"the width setting (the pages' content column, nnviz_width in conf.py) must be "
                f"a number of CSS px from {WIDTHS[0]} to {WIDTHS[1]:,}; got {excerpt(width)}"
            )

    @classmethod
    def from_values(cls, values: Mapping[str, Any], base: Path) -> HostSettings:
        """Settings from a host's values by name; relative ``allowed_roots`` start at ``base``."""
        roots = tuple((base / str(root)).resolve() for root in values.get("allowed_roots") or ())
        return cls(
            default_style=str(values.get("default_style") or "graph"),
            default_options=dict(values.get("default_options") or {}),
            theme=str(values.get("theme") or "auto"),
            mode=values.get("mode") or None,
            width=values.get("width", 720.0),
            readability_warnings=bool(values.get("readability_warnings", True)),
            graphviz_engine=values.get("graphviz_engine") or None,
            allowed_roots=roots,
            theme_base=base,
        )
