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

__all__ = ["FontWarning", "em_widths", "find", "locate", "office_face"]

_FC_TIMEOUT = 10.0


class FontWarning(UserWarning):
    """A theme's font is not installed: the default font measures and draws instead."""

    kind = "font"

    def __init__(self, note: str) -> None:
        super().__init__(note)
        self.note = note


#: fontconfig's weight for each CSS weight (fontconfig.h: thin 0 … regular 80 … black 210).
_FC_WEIGHTS = {100: 0, 200: 40, 300: 50, 400: 80, 500: 100, 600: 180, 700: 200, 800: 205, 900: 210}


def find(family: str, weight: int = 400) -> str | None:
    """The file fontconfig draws ``family`` with at a CSS ``weight`` (its nearest face), or
    ``None`` when fontconfig is missing or only has a substitute for that family."""
    return _fc_match(family, weight)


@cache
def _fc_match(family: str, weight: int) -> str | None:
    command = shutil.which("fc-match")
    if command is None:
        return None
    escaped = family.replace("-", r"\-").replace(":", r"\:")
    pattern = f"{escaped}:weight={_FC_WEIGHTS[weight]}:slant=0"
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


def locate(
    family: str, paths: tuple[str, str] | None, where: str, weights: tuple[int, int] = (400, 700)
) -> tuple[str, str] | None:
    """The normal and bold files of a theme's font: its own ``paths`` (checked), else the faces
    fontconfig has nearest to ``weights``; ``None``, with a :class:`FontWarning`, when the font
    is not installed."""
    if paths is not None:
        for path in paths:
            if not Path(path).is_file():
                raise OptionError(f"{where}: font file {excerpt_text(path)} does not exist")
        return paths
    regular = find(family, weights[0])
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
    return regular, find(family, weights[1]) or regular


@cache
def office_face(path: str) -> tuple[str, bool]:
    """How Office names a font file's face: its family as Windows lists it (a light or semibold
    face is a family of its own, e.g. ``DejaVu Sans Light``) and whether it is the bold of it."""
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True, fontNumber=0) as font:
        names = font["name"]
        family = names.getDebugName(1) or ""
        style = names.getDebugName(2) or ""
    return family, "bold" in style.lower()


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
