"""Pieces every style draws the same way: category names, shape and count text, legend, title."""

from __future__ import annotations

from collections.abc import Iterable

from nnviz_core.ir import CATEGORIES, Category, Layout, Node, TensorSpec
from nnviz_core.scene import Fill, Group, Item, Rect, Stroke, text
from nnviz_core.text import line_height, text_width

LEGEND_SIZE = 11.0
TITLE_SIZE = 16.0
#: Ops of the nodes standing for a collapsed group (see :func:`nnviz_core.ir.transforms.collapse`).
GROUP_OPS = frozenset({"block", "repeat", "submodel", "group", "iteration"})

CATEGORY_LABELS: dict[Category, str] = {
    "input": "Input",
    "convolution": "Convolution",
    "pooling": "Pooling",
    "dense": "Dense",
    "normalization": "Normalization",
    "activation": "Activation",
    "dropout": "Dropout",
    "reshape": "Reshape",
    "merge": "Merge",
    "recurrent": "Recurrent",
    "attention": "Attention",
    "embedding": "Embedding",
    "upsampling": "Upsampling",
    "output": "Output",
    "custom": "Custom",
}


def display_shape(spec: TensorSpec, layout: Layout) -> tuple[int | None, ...]:
    """A channels-first IR shape shown in the author's layout (channels last when they wrote so)."""
    shape = spec.shape
    if layout == "channels_last" and len(shape) >= 2:
        return (*shape[1:], shape[0])
    return shape


def shape_text(spec: TensorSpec, layout: Layout, *, batch: bool = False) -> str:
    """``(None, 32, 32, 3)`` with a batch dimension, ``32×32×3`` without."""
    dims = ["?" if dim is None else str(dim) for dim in display_shape(spec, layout)]
    if batch:
        return "(" + ", ".join(["None", *dims]) + ")"
    return "×".join(dims) if dims else "scalar"


def count_text(count: int) -> str:
    """``61,706``-style exact counts up to a million, then ``23.5M`` / ``1.2B``."""
    if count < 1_000_000:
        return f"{count:,}"
    if count < 1_000_000_000:
        return f"{count / 1_000_000:.1f}M"
    return f"{count / 1_000_000_000:.1f}B"


def custom_type(node: Node) -> str | None:
    """The type a generic node stands for (an imported layer nnviz has no op for), if known."""
    kind = node.attrs.get("type")
    return kind if node.op == "custom" and isinstance(kind, str) and kind else None


def in_place(node: Node) -> tuple[str, ...]:
    """The layers a source folded into ``node`` (its ``in_place`` attribute: Caffe's in-place
    BatchNorm, Scale, ReLU), in the order they run."""
    value = node.attrs.get("in_place")
    return tuple(str(name) for name in value) if isinstance(value, tuple) else ()


def node_paint(node: Node) -> tuple[str, str]:
    """Fill and stroke paints of a node: the author's colour if given, else its category's."""
    if node.display.color:
        return node.display.color, "fg"
    return f"cat.{node.category}", f"cat.{node.category}.stroke"


def legend_order(found: Iterable[Category]) -> tuple[Category, ...]:
    """The distinct categories of ``found`` in the palette's order, so legends are stable."""
    present = set(found)
    return tuple(category for category in CATEGORIES if category in present)


def legend_size(categories: Iterable[Category], max_width: float) -> tuple[float, float]:
    """Width and height the legend will take when wrapped into ``max_width``."""
    rows = _legend_rows(tuple(categories), max_width)
    if not rows:
        return 0.0, 0.0
    width = max(sum(w for _, w in row) - _GAP for row in rows)
    return width, len(rows) * line_height(LEGEND_SIZE) * 1.3


_SWATCH = 12.0
_GAP = 16.0


def _legend_rows(
    categories: tuple[Category, ...], max_width: float
) -> list[list[tuple[Category, float]]]:
    rows: list[list[tuple[Category, float]]] = []
    used = 0.0
    for category in categories:
        width = _SWATCH + 6 + text_width(CATEGORY_LABELS[category], LEGEND_SIZE) + _GAP
        if not rows or (used + width - _GAP > max_width and rows[-1]):
            rows.append([])
            used = 0.0
        rows[-1].append((category, width))
        used += width
    return rows


def legend(categories: Iterable[Category], x: float, y: float, max_width: float) -> Group:
    """Swatch-and-name pairs in rows starting at (x, y), wrapped into ``max_width``."""
    items: list[Item] = []
    row_height = line_height(LEGEND_SIZE) * 1.3
    for row_index, row in enumerate(_legend_rows(tuple(categories), max_width)):
        cursor = x
        top = y + row_index * row_height
        for category, width in row:
            items.append(
                Rect(
                    cursor,
                    top + (row_height - _SWATCH) / 2,
                    _SWATCH,
                    _SWATCH,
                    radius=2.0,
                    fill=Fill(f"cat.{category}"),
                    stroke=Stroke(f"cat.{category}.stroke", 1.0),
                    role="legend",
                )
            )
            baseline = top + row_height / 2 + LEGEND_SIZE * 0.35
            label = CATEGORY_LABELS[category]
            items.append(
                text(
                    cursor + _SWATCH + 6,
                    baseline,
                    label,
                    size=LEGEND_SIZE,
                    anchor="start",
                    paint="muted",
                    role="legend",
                )
            )
            cursor += width
    return Group(tuple(items), name="Legend", role="legend")


def title(content: str, x: float, y: float) -> Item:
    """A bold title whose baseline sits at ``y``, centred on ``x``."""
    return text(x, y, content, size=TITLE_SIZE, weight="bold", role="title")
