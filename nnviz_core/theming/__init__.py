"""Themes as data: built-in and user theme files, fonts measured from their files, and what a
theme changes in a finished Scene.

The ``theme`` option names the look (``default``, ``print``, ``colorblind``, ``pastel``,
``slides`` or a theme file) and ``mode`` which half of it is drawn: ``auto`` follows the page
(light and dark halves as CSS), ``light`` and ``dark`` fix one. The old spellings stay: ``theme:
auto | light | dark`` is the default theme in that mode. :func:`chosen` turns the two options into
a :class:`~nnviz_core.theme.Theme` and a mode; backends and layouts make it active with
:func:`nnviz_core.theme.using`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from nnviz_core.errors import OptionError
from nnviz_core.theme import DEFAULT, Theme
from nnviz_core.theming.build import BUILTINS, is_path, load
from nnviz_core.theming.dress import dressed

__all__ = ["BUILTINS", "MODES", "Mode", "chosen", "dressed", "is_path", "load"]

Mode = Literal["auto", "light", "dark"]
MODES: tuple[Mode, ...] = ("auto", "light", "dark")


def chosen(theme: str, mode: str | None = None, base: Path | None = None) -> tuple[Theme, Mode]:
    """The theme and mode that the ``theme`` and ``mode`` options ask for.

    ``theme: dark`` is the default theme in dark mode; a named theme or file follows the page.
    A ``mode`` given picks the half in every case, so a diagram's ``mode: light`` wins over a
    site's ``theme: dark`` as a diagram's options always win over the site's.
    """
    if theme in MODES:
        return DEFAULT, _mode(mode or theme)
    return load(theme, base), _mode(mode or "auto")


def _mode(mode: str) -> Mode:
    for known in MODES:
        if mode == known:
            return known
    raise OptionError(f"mode must be one of {', '.join(MODES)}, got {mode!r}")
