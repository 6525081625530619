"""Hand-built scenes for the backend tests (no style needed)."""

from __future__ import annotations

from nnviz_core.scene import (
    Circle,
    CurveTo,
    Fill,
    Group,
    LineTo,
    MoveTo,
    Path,
    Polygon,
    Rect,
    Scene,
    Span,
    Stroke,
    Text,
    text,
)
from nnviz_core.styles._common import legend, title


def card(name: str, category: str, y: float, layer: str) -> Group:
    """A layer card: a rounded box, a bold name and a shape line with a superscript."""
    return Group(
        (
            Rect(
                60,
                y,
                160,
                44,
                radius=6,
                fill=Fill(f"cat.{category}"),
                stroke=Stroke(f"cat.{category}.stroke", 1.2),
            ),
            text(140, y + 19, name, size=13, weight="bold"),
            Text(
                140,
                y + 36,
                (Span("ℝ"), Span("28×28", shift="super"), Span(" x"), Span("i", shift="sub")),
                size=11,
                paint="muted",
            ),
        ),
        name=name,
        role="layer",
        layer=layer,
    )


def small_scene() -> Scene:
    """Two cards, a straight arrow, a curved dashed skip, a ⊕ ball, a literal colour, a legend."""
    items = (
        title("Small net", 160, 24),
        card("Conv2D", "convolution", 40, "conv"),
        card("Dense", "dense", 130, "fc"),
        Path(
            (MoveTo((140, 84)), LineTo((140, 130))),
            stroke=Stroke("edge", 1.4),
            arrow_end=8,
            role="edge",
        ),
        Path(
            (MoveTo((220, 62)), CurveTo((280, 62), (280, 152), (220, 152))),
            stroke=Stroke("edge", 1.2, dash=(4, 3)),
            arrow_end=7,
            role="edge",
        ),
        Circle(270, 107, 10, fill=Fill("cat.merge"), stroke=Stroke("cat.merge.stroke")),
        Polygon(((20, 60), (40, 50), (40, 100), (20, 110)), fill=Fill("#1F77B4", 0.6)),
        legend(["convolution", "dense", "merge"], 12, 190, 296),
    )
    return Scene(320, 230, items, title="Small net", description="Two layers and a skip")
