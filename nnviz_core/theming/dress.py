"""What a theme changes in a finished Scene: line widths, corner radii, and hatching.

Every backend draws the dressed scene, so SVG, PNG, PDF, PowerPoint (and TikZ) show the same
lines and hatches. Hatches are plain strokes clipped to the shape they cover, not a pattern
fill: every format draws lines, and a grey-scale print tells categories apart by them.
"""

from __future__ import annotations

import math
from dataclasses import replace

from nnviz_core.scene import (
    Circle,
    Close,
    Group,
    Item,
    LineTo,
    MoveTo,
    Path,
    Point,
    Polygon,
    Rect,
    Scene,
    Stroke,
)
from nnviz_core.theme import Theme
from nnviz_core.theming.files import PATTERNS

__all__ = ["HATCH_SPACING", "dressed"]

#: Distance between hatch lines, and their width, in CSS px (before the theme's line scale).
HATCH_SPACING = 5.0
HATCH_WIDTH = 0.75
#: Light enough that text drawn over a hatched card header stays easy to read.
HATCH_OPACITY = 0.5
_FACES = ("", ".top", ".side")


def dressed(scene: Scene, theme: Theme) -> Scene:
    """``scene`` with the theme's line widths, corners and hatches (unchanged for the default)."""
    if theme.lines == 1.0 and theme.corners == 1.0 and not theme.hatching:
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
    for item in items:
        if isinstance(item, Group):
            result.append(replace(item, items=tuple(_dress_all(item.items, theme, hatches))))
            continue
        result.append(_dress(item, theme))
        hatch = _hatch(item, theme, hatches)
        if hatch is not None:
            result.append(hatch)
    return result


def _dress(item: Item, theme: Theme) -> Item:
    if not isinstance(item, Rect | Circle | Polygon | Path):
        return item
    stroke = item.stroke
    if stroke is not None and theme.lines != 1.0:
        item = replace(item, stroke=replace(stroke, width=round(stroke.width * theme.lines, 3)))
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


def _hatch(item: Item, theme: Theme, hatches: Hatches) -> Path | None:
    """Hatch lines over a shape filled with a hatched token, or ``None``."""
    fill = getattr(item, "fill", None)
    if fill is None or fill.paint not in hatches:
        return None
    angles, paint = hatches[fill.paint]
    if isinstance(item, Rect):
        inset = item.radius * 0.3
        outline: tuple[Point, ...] = (
            (item.x + inset, item.y + inset),
            (item.x + item.width - inset, item.y + inset),
            (item.x + item.width - inset, item.y + item.height - inset),
            (item.x + inset, item.y + item.height - inset),
        )
    elif isinstance(item, Polygon):
        outline = item.points
    elif isinstance(item, Circle):  # ⊕ and concat balls: a 24-gon just inside the circle
        outline = tuple(
            (
                item.cx + item.r * 0.92 * math.cos(step * math.pi / 12),
                item.cy + item.r * 0.92 * math.sin(step * math.pi / 12),
            )
            for step in range(24)
        )
    elif isinstance(item, Path):
        outline = _hull(item)
    else:
        return None
    segments: list[MoveTo | LineTo] = []
    for angle in angles:
        for start, end in _lines(outline, angle):
            segments += [MoveTo(start), LineTo(end)]
    if not segments:
        return None
    stroke = Stroke(paint, round(HATCH_WIDTH * theme.lines, 3), opacity=HATCH_OPACITY)
    return Path(tuple(segments), role=item.role, layer=item.layer, stroke=stroke)


def _hull(path: Path) -> tuple[Point, ...]:
    """The convex hull of a filled path's end points (a card header with rounded corners): it
    lies inside the shape, so hatch lines clipped to it never cross the outline."""
    points = sorted({segment.to for segment in path.segments if not isinstance(segment, Close)})
    if len(points) < 3:
        return ()

    def cross(o: Point, a: Point, b: Point) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[Point] = []
    upper: list[Point] = []
    for chain, ordered in ((lower, points), (upper, reversed(points))):
        for point in ordered:
            while len(chain) >= 2 and cross(chain[-2], chain[-1], point) <= 0:
                chain.pop()
            chain.append(point)
    return tuple(lower[:-1] + upper[:-1])


def _lines(outline: tuple[Point, ...], angle: float) -> list[tuple[Point, Point]]:
    """Hatch lines at ``angle`` (degrees, counter-clockwise on the page) across a convex outline.

    Lines lie on one grid for the whole drawing (offsets are multiples of the spacing), so
    hatches of neighbouring shapes line up.
    """
    radians = math.radians(angle)
    direction = (math.cos(radians), -math.sin(radians))  # y points down on the page
    normal = (-direction[1], direction[0])
    offsets = [x * normal[0] + y * normal[1] for x, y in outline]
    first = math.ceil(min(offsets) / HATCH_SPACING)
    last = math.floor(max(offsets) / HATCH_SPACING)
    lines = []
    for step in range(first, last + 1):
        chord = _chord(outline, normal, direction, step * HATCH_SPACING)
        if chord is not None:
            lines.append(chord)
    return lines


def _chord(
    outline: tuple[Point, ...], normal: Point, direction: Point, offset: float
) -> tuple[Point, Point] | None:
    """Where the line ``normal · p = offset`` crosses a convex outline, or ``None``."""
    crossings: list[Point] = []
    count = len(outline)
    for index in range(count):
        (x1, y1), (x2, y2) = outline[index], outline[(index + 1) % count]
        d1 = x1 * normal[0] + y1 * normal[1] - offset
        d2 = x2 * normal[0] + y2 * normal[1] - offset
        if (d1 < 0) == (d2 < 0) or d1 == d2:
            continue
        t = d1 / (d1 - d2)
        crossings.append((x1 + (x2 - x1) * t, y1 + (y2 - y1) * t))
    if len(crossings) < 2:  # also an outline of fewer than three points
        return None
    crossings.sort(key=lambda point: point[0] * direction[0] + point[1] * direction[1])
    start, end = crossings[0], crossings[-1]
    if math.dist(start, end) < 1.0:
        return None
    return (round(start[0], 2), round(start[1], 2)), (round(end[0], 2), round(end[1], 2))
