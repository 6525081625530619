"""What a theme changes in a finished Scene: line widths, corner radii, dashes and hatching.

Every backend draws the dressed scene, so SVG, PNG, PDF, PowerPoint (and TikZ) show the same
lines and hatches. Hatches are plain strokes clipped to the shape they cover
(:mod:`nnviz_core.theming.hatch`), not a pattern fill: every format draws lines, and a
grey-scale print tells categories apart by them.
"""

from __future__ import annotations

import math
from dataclasses import replace

from nnviz_core.scene import (
    Circle,
    Group,
    Item,
    LineTo,
    MoveTo,
    Path,
    Polygon,
    Rect,
    Scene,
    Stroke,
    Text,
)
from nnviz_core.theme import Theme
from nnviz_core.theming.files import PATTERNS
from nnviz_core.theming.hatch import Box, hatch_lines, outline, text_box

__all__ = ["HATCH_OPACITY", "HATCH_WIDTH", "dressed"]

#: The width of hatch lines in CSS px (before the theme's line scale).
HATCH_WIDTH = 0.75
#: Light enough to stay behind the drawing's lines and text.
HATCH_OPACITY = 0.5
_FACES = ("", ".top", ".side")


def dressed(scene: Scene, theme: Theme) -> Scene:
    """``scene`` with the theme's line widths, corners and hatches (unchanged for the default)."""
    if theme.lines == 1.0 and theme.corners == 1.0 and not (theme.hatching or theme.dashes):
        return scene
    hatches = {
        f"{token}{face}": (PATTERNS[name], f"{token}.stroke")
        for token, name in theme.hatching
        for face in _FACES
    }
    items = tuple(_dress_all(scene.items, theme, hatches))
    return replace(scene, items=items)


Hatches = dict[str, tuple[tuple[float, ...], str]]


def _dress_all(items: tuple[Item, ...], theme: Theme, hatches: Hatches) -> list[Item]:
    result: list[Item] = []
    texts = [box for item in items if isinstance(item, Text) and (box := text_box(item))]
    for item in items:
        if isinstance(item, Group):
            result.append(replace(item, items=tuple(_dress_all(item.items, theme, hatches))))
            continue
        result.append(_dress(item, theme))
        hatch = _hatch(item, theme, hatches, texts)
        if hatch is not None:
            result.append(hatch)
    return result


def _dress(item: Item, theme: Theme) -> Item:
    if not isinstance(item, Rect | Circle | Polygon | Path):
        return item
    stroke = item.stroke
    if stroke is not None and theme.lines != 1.0:
        stroke = replace(stroke, width=round(stroke.width * theme.lines, 3))
    dash = dict(theme.dashes).get(stroke.paint) if stroke is not None else None
    if stroke is not None and dash and not stroke.dash:  # a line drawn dashed keeps its dashes
        stroke = replace(stroke, dash=dash)
    item = replace(item, stroke=stroke)
    if isinstance(item, Rect) and theme.corners != 1.0:
        item = replace(item, radius=round(item.radius * theme.corners, 3))
    if isinstance(item, Path) and theme.lines != 1.0 and (item.arrow_end or item.arrow_start):
        grow = math.sqrt(theme.lines)  # heads grow with the line, less than its width
        item = replace(
            item,
            arrow_end=round(item.arrow_end * grow, 3),
            arrow_start=round(item.arrow_start * grow, 3),
        )
    return item


def _hatch(item: Item, theme: Theme, hatches: Hatches, texts: list[Box]) -> Path | None:
    """Hatch lines over a shape filled with a hatched token, clear of the text beside it in its
    group, or ``None``."""
    fill = getattr(item, "fill", None)
    if fill is None or fill.paint not in hatches:
        return None
    angles, paint = hatches[fill.paint]
    shape = outline(item)
    segments: list[MoveTo | LineTo] = []
    for angle in angles:
        for start, end in hatch_lines(shape, angle, texts):
            segments += [MoveTo(start), LineTo(end)]
    if not segments:
        return None
    stroke = Stroke(paint, round(HATCH_WIDTH * theme.lines, 3), opacity=HATCH_OPACITY)
    return Path(tuple(segments), role=item.role, layer=item.layer, stroke=stroke)
