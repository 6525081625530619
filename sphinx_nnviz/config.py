"""The ``conf.py`` values of the extension, declared once for ``setup()`` and for the docs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from sphinx.application import Sphinx
from sphinx.config import ENUM

__all__ = ["CONFIG_VALUES", "ConfigValue", "register"]


@dataclass(frozen=True)
class ConfigValue:
    """One ``nnviz_*`` setting: default, what it rebuilds when changed, accepted types, meaning."""

    name: str
    default: Any
    rebuild: Literal["env", "html"]
    types: Any
    type_text: str
    description: str


CONFIG_VALUES: tuple[ConfigValue, ...] = (
    ConfigValue(
        "nnviz_default_style",
        "graph",
        "env",
        frozenset({str}),
        "str",
        "Style of every diagram that gives no ``:style:``.",
    ),
    ConfigValue(
        "nnviz_default_options",
        {},
        "env",
        frozenset({dict}),
        "dict",
        "Options per style, e.g. ``{'graph': {'show_shapes': True}}``; "
        "a directive's own options win.",
    ),
    ConfigValue(
        "nnviz_theme",
        "auto",
        "env",
        ENUM("auto", "light", "dark"),
        "auto | light | dark",
        "Colours of every diagram: ``auto`` follows the page's light/dark switch "
        "(Furo, PyData, Read the Docs, ``prefers-color-scheme``); a directive's ``:theme:`` wins.",
    ),
    ConfigValue(
        "nnviz_html_format",
        "inline",
        "html",
        ENUM("inline", "img"),
        "inline | img",
        "How HTML pages carry diagrams: inline SVG (follows the page's theme, text is "
        "searchable), or ``<img>`` files under ``_images/``.",
    ),
    ConfigValue(
        "nnviz_graphviz_engine",
        None,
        "env",
        frozenset({str, type(None)}),
        "str | None",
        "Graphviz command for the graph style; by default the bundled ``graphviz-pure``, "
        "then ``dot`` on ``PATH``.",
    ),
)


def register(app: Sphinx) -> None:
    """Add every declared value to Sphinx, with its type and rebuild flag."""
    for value in CONFIG_VALUES:
        app.add_config_value(value.name, value.default, value.rebuild, types=value.types)
