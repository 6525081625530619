"""Theme tokens: every colour a style may ask for, with its light and dark value.

Styles paint with token names (``"fg"``, ``"edge"``, ``"cat.convolution"``), never raw colours, so
one Scene renders in a light page, a dark page, or (``theme: auto``) follows the page it lands in.
The palette gives each layer category a pastel fill and a saturated outline that keep a 3:1 contrast
against both backgrounds, and reads in greyscale print as distinct tones.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from nnviz_core.ir.graph import CATEGORIES

ThemeMode = Literal["light", "dark"]

#: token -> (light, dark)
_BASE: dict[str, tuple[str, str]] = {
    "bg": ("#ffffff", "#1b1e24"),
    "fg": ("#1f2328", "#e6edf3"),
    "muted": ("#57606a", "#9da7b3"),
    "edge": ("#4b5563", "#a8b3c1"),
    "card": ("#ffffff", "#262a32"),
    "border": ("#c4cbd3", "#4a5260"),
    "group.fill": ("#f6f8fa", "#22262d"),
    "group.stroke": ("#8c959f", "#6e7781"),
    "legend.fill": ("#ffffff", "#1f232a"),
    "trainable": ("#2e7d32", "#66bb6a"),
    "frozen": ("#b3261e", "#ef7a72"),
    "highlight": ("#0969da", "#4493f8"),
    "weight.positive": ("#c2410c", "#fb923c"),
    "weight.negative": ("#1d4ed8", "#60a5fa"),
    # Training-history charts: train, validation and schedule series, grid and the plot's frame.
    "series.train": ("#1f6fb4", "#5fa8e8"),
    "series.val": ("#d9620b", "#f59a4a"),
    # Schedules (learning rate) are not a training or validation curve: a colour of their own.
    "series.lr": ("#2e8540", "#6fcf7f"),
    "plot.grid": ("#e6e9ed", "#2c3139"),
    "plot.axis": ("#8c959f", "#6e7781"),
}

#: category -> (light fill, light stroke, dark fill, dark stroke)
_CATEGORY: dict[str, tuple[str, str, str, str]] = {
    "input": ("#e8eaed", "#5f6b7a", "#3a404a", "#aab4c0"),
    "convolution": ("#ffe8a3", "#b8860b", "#5c4a12", "#f2c94c"),
    "pooling": ("#f9c0c0", "#c43c3c", "#5e2426", "#f08c8c"),
    "dense": ("#d3c6f5", "#6d4fc2", "#3d3066", "#b7a3f0"),
    "normalization": ("#c4e6f5", "#2b86b0", "#1d4557", "#7cc4e4"),
    "activation": ("#cdeccb", "#3e8e3a", "#24472a", "#8fd18a"),
    # Darker than the input's near-white so the two greys never read as one swatch.
    "dropout": ("#bcc3cc", "#525b66", "#5a6270", "#c9d1db"),
    "reshape": ("#f4dcf0", "#a5539a", "#4d2947", "#e0a0d6"),
    "merge": ("#ffd9b8", "#d9731a", "#5c3515", "#f5a862"),
    "recurrent": ("#bfe5de", "#2a8c7e", "#1b4a43", "#79cfc2"),
    "attention": ("#f8cce0", "#c2387a", "#5a2440", "#f08ab8"),
    "embedding": ("#dde9bf", "#6e8b2c", "#36431c", "#b5d16e"),
    "upsampling": ("#c5d5f7", "#3b62c4", "#233a6b", "#8fadf0"),
    "output": ("#e8eaed", "#5f6b7a", "#3a404a", "#aab4c0"),
    "custom": ("#ede6da", "#8c7a5b", "#443c2f", "#cdb98f"),
}


def _build() -> dict[str, tuple[str, str]]:
    tokens = dict(_BASE)
    for category in CATEGORIES:
        light_fill, light_stroke, dark_fill, dark_stroke = _CATEGORY[category]
        tokens[f"cat.{category}"] = (light_fill, dark_fill)
        tokens[f"cat.{category}.stroke"] = (light_stroke, dark_stroke)
        # Shaded faces of 3D blocks, lit from the top left: a lighter top, a darker side.
        tokens[f"cat.{category}.top"] = (
            mix(light_fill, "#ffffff", 0.5),
            mix(dark_fill, "#ffffff", 0.14),
        )
        tokens[f"cat.{category}.side"] = (
            mix(light_fill, "#000000", 0.16),
            mix(dark_fill, "#000000", 0.32),
        )
    return tokens


def mix(colour: str, other: str, amount: float) -> str:
    """``colour`` moved ``amount`` (0–1) of the way towards ``other``; both ``#rrggbb``."""
    channels = []
    for index in (1, 3, 5):
        start, end = int(colour[index : index + 2], 16), int(other[index : index + 2], 16)
        channels.append(round(start + (end - start) * amount))
    return "#" + "".join(f"{value:02x}" for value in channels)


#: Every token a Scene may use, in a stable order.
TOKENS: Mapping[str, tuple[str, str]] = _build()


def fixed_mode(theme: str) -> ThemeMode:
    """The one mode a file that cannot follow its page is drawn in: ``auto`` means light."""
    return "dark" if theme == "dark" else "light"


def is_token(paint: str) -> bool:
    return paint in TOKENS


def resolve(paint: str, mode: ThemeMode) -> str:
    """The concrete colour of a paint in one mode; literal colours pass through unchanged."""
    if paint in TOKENS:
        light, dark = TOKENS[paint]
        return light if mode == "light" else dark
    return paint


def css_name(token: str) -> str:
    """The CSS custom property of a token: ``cat.dense.stroke`` → ``--nnviz-cat-dense-stroke``."""
    return "--nnviz-" + token.replace(".", "-")
