"""Scene pictures (real feature maps) in TikZ: each drawn as the cells of colour it holds.

A ``.tex`` or ``.tikz`` file is one file: a picture drawn as filled rectangles needs no PNG
beside it, stays vector-sharp, and compiles with pdflatex or lualatex alike. The tiles are
small (a map is at most 112 values a side), and runs of equal rows and columns (the PNG's
whole-pixel enlargement, or equal neighbouring values) become one rectangle each.
"""

from __future__ import annotations

import io
import itertools

from nnviz_core.backends._svg_items import num
from nnviz_core.errors import MissingDependencyError
from nnviz_core.scene import Image, Rect

__all__ = ["cells", "picture_commands"]

Cell = tuple[float, float, float, float, tuple[int, int, int]]


def _pixels(png: bytes) -> list[list[tuple[int, int, int]]]:
    try:
        from PIL import Image as Pillow
    except ImportError as missing:
        raise MissingDependencyError(
            "Writing pictures to TikZ", "activations", "pillow"
        ) from missing
    with Pillow.open(io.BytesIO(png)) as opened:
        rgb = opened.convert("RGB")
        width, height = rgb.size
        data = list(rgb.getdata())
    return [data[row * width : (row + 1) * width] for row in range(height)]


def _cuts(count: int, same: list[bool]) -> list[int]:
    """Where runs start along one axis (``same[i]``: line ``i`` equals line ``i - 1``)."""
    return [i for i in range(count) if i == 0 or not same[i]] + [count]


def cells(image: Image) -> list[Cell]:
    """The picture's uniform blocks as (x, y, width, height, colour) in scene units."""
    grid = _pixels(image.png)
    rows, cols = len(grid), len(grid[0]) if grid else 0
    same_row = [i > 0 and grid[i] == grid[i - 1] for i in range(rows)]
    same_col = [j > 0 and all(line[j] == line[j - 1] for line in grid) for j in range(cols)]
    row_cuts, col_cuts = _cuts(rows, same_row), _cuts(cols, same_col)
    sx, sy = image.width / max(cols, 1), image.height / max(rows, 1)
    found: list[Cell] = []
    for top, bottom in itertools.pairwise(row_cuts):
        for left, right in itertools.pairwise(col_cuts):
            x, y = image.x + left * sx, image.y + top * sy
            found.append((x, y, (right - left) * sx, (bottom - top) * sy, grid[top][left]))
    return found


def picture_commands(image: Image) -> tuple[list[str], Rect | None]:
    """The fill commands of a picture, and its border to draw as a rectangle (or ``None``)."""
    lines = []
    for x, y, width, height, (red, green, blue) in cells(image):
        colour = f"{{rgb,255:red,{red};green,{green};blue,{blue}}}"
        corner = f"({num(x + width)},{num(y + height)})"
        lines.append(f"\\fill[fill={colour}] ({num(x)},{num(y)}) rectangle {corner};")
    border = None
    if image.stroke is not None:
        border = Rect(
            image.x, image.y, image.width, image.height, stroke=image.stroke, layer=image.layer
        )
    return lines, border
