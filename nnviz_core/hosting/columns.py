"""How wide the place is where a docs host shows a diagram: the canvas width a request is drawn for.

A page shows a diagram in its content column (the ``width`` host setting, 720 px by default), or
at the display width its author gave the figure (Sphinx ``:width: 400px``, a fence's
``width="80%"``); LaTeX shows it on the printed page. The style is laid out for that width
(its ``width`` option, unless the author or the site's default options set it), so the text
stays legible once the host fits the picture in.
"""

from __future__ import annotations

import re

from nnviz_core.canvas import CANVASES

__all__ = ["canvas_width", "display_px"]

#: CSS px per unit of a CSS length (an em taken as the browsers' default 16 px).
_UNITS = {
    "": 1.0,
    "px": 1.0,
    "pt": 96 / 72,
    "pc": 16.0,
    "in": 96.0,
    "cm": 96 / 2.54,
    "mm": 96 / 25.4,
    "em": 16.0,
    "rem": 16.0,
    "ex": 8.0,
}
_LENGTH = re.compile(r"^\s*(\d+(?:\.\d*)?|\.\d+)\s*(px|pt|pc|in|cm|mm|em|rem|ex|%)?\s*$", re.I)
#: The narrowest width the ``width`` option takes (CSS px).
_NARROWEST = 200.0


def display_px(length: str | None, column: float) -> float | None:
    """The CSS px a display width stands for (``80%`` of ``column``); ``None`` if not a length."""
    found = _LENGTH.match(length or "")
    if found is None:
        return None
    number, unit = float(found.group(1)), (found.group(2) or "").lower()
    return column * number / 100 if unit == "%" else number * _UNITS[unit]


def canvas_width(fit: str, display: str | None, column: float) -> float | None:
    """The ``width`` a diagram drawn for ``fit`` gets from its host (``None``: the canvas's own).

    ``column`` is the site's content width (the printed page's for ``paper``); a narrower
    display width of the figure wins (a wider one is fitted to the column by the page), but
    not below what the option accepts (a 150 px thumbnail is laid out for 200 px).
    """
    if fit not in ("page", "paper"):
        return None
    base = float(column) if fit == "page" else CANVASES["paper"].width
    shown = display_px(display, base)
    if shown is None or shown >= base:
        return base if fit == "page" else None
    return max(shown, _NARROWEST)
