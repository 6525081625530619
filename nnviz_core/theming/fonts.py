"""Font files for a theme's font: found through fontconfig (or the theme's own paths) and
measured with fontTools, so cards are sized by the font that draws them.

fontconfig is what cairosvg (PNG, PDF) and most desktop programs use to pick a font by name, so
the file ``fc-match`` names here is the one they draw with. A family fontconfig does not have is
reported (``fc-match`` would quietly substitute another) and the theme falls back to the default
font with a :class:`FontWarning`.
"""

from __future__ import annotations

import shutil
import subprocess
import warnings
from functools import cache
from pathlib import Path

from nnviz_core.errors import MissingDependencyError, OptionError, excerpt_text

__all__ = ["FontWarning", "em_widths", "find", "locate"]

_FC_TIMEOUT = 10.0


class FontWarning(UserWarning):
    """A theme's font is not installed: the default font measures and draws instead."""

    kind = "font"

    def __init__(self, note: str) -> None:
        super().__init__(note)
        self.note = note


def find(family: str, bold: bool) -> str | None:
    """The file fontconfig draws ``family`` with (its bold face if ``bold``), or ``None`` when
    fontconfig is missing or only has a substitute for that family."""
    return _fc_match(family, bold)


@cache
def _fc_match(family: str, bold: bool) -> str | None:
    command = shutil.which("fc-match")
    if command is None:
        return None
    pattern = family.replace("-", r"\-").replace(":", r"\:") + (":bold" if bold else ":regular")
    try:
        done = subprocess.run(
            [command, "--format", "%{file}\n%{family}\n", pattern],
            capture_output=True,
            text=True,
            timeout=_FC_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = done.stdout.splitlines()
    if done.returncode != 0 or len(lines) < 2:
        return None
    names = {name.strip().casefold() for name in lines[1].split(",")}
    return lines[0] if family.casefold() in names else None


def locate(family: str, paths: tuple[str, str] | None, where: str) -> tuple[str, str] | None:
    """The regular and bold files of a theme's font: its own ``paths`` (checked), else the ones
    fontconfig has; ``None``, with a :class:`FontWarning`, when the font is not installed."""
    if paths is not None:
        for path in paths:
            if not Path(path).is_file():
                raise OptionError(f"{where}: font file {excerpt_text(path)} does not exist")
        return paths
    regular = find(family, False)
    if regular is None:
        warnings.warn(
            FontWarning(
                f"{where}: font {family!r} is not installed (fontconfig has no such family); "
                "text is measured and drawn in DejaVu Sans instead. Install the font, or give "
                "its files in the theme (fonts: {path: ..., bold_path: ...})"
            ),
            stacklevel=2,
        )
        return None
    return regular, find(family, True) or regular


@cache
def em_widths(path: str) -> dict[str, float]:
    """Advance widths in em of every character the font file maps."""
    try:
        from fontTools.ttLib import TTFont, TTLibError
    except ImportError:
        raise MissingDependencyError("measuring a theme's font", "fonts", "fonttools") from None
    try:
        with TTFont(path, lazy=True, fontNumber=0) as font:
            units = float(font["head"].unitsPerEm)
            metrics = font["hmtx"].metrics
            cmap = font.getBestCmap() or {}
            return {chr(code): metrics[glyph][0] / units for code, glyph in sorted(cmap.items())}
    except (OSError, TTLibError, KeyError) as error:
        raise OptionError(
            f"font file {excerpt_text(path)} cannot be read as a TrueType/OpenType font ({error})"
        ) from None
