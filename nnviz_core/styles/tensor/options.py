"""Options of the ``block`` and ``lenet`` styles, declared once; hosts generate their tables."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from nnviz_core.options import StyleOptions, option


@dataclass(frozen=True)
class TensorOptions(StyleOptions):
    """Options the two tensor styles (``block`` and ``lenet``) share."""

    scale: Literal["log", "sqrt", "linear"] = option(
        "log",
        "How tensor sizes map to drawn sizes: log, sqrt or linear (a block's channel thickness"
        " follows the square root under log, so 64 and 1024 channels look different).",
    )
    min_size: float = option(
        12.0, "Smallest drawn height of a feature map, in pixels.", minimum=2, maximum=200
    )
    max_size: float = option(
        110.0, "Drawn height of the largest feature map, in pixels.", minimum=10, maximum=600
    )
    merge_inplace: bool = option(
        True, "Merge activation, normalization and dropout layers into the block they follow."
    )
    elide: bool = option(False, "Replace the middle of a long chain by dots.")
    wrap: Literal["auto", "none"] | int = option(
        "auto",
        "Break a long chain into rows: auto (fits a page; folds U-Net-like skips into a U),"
        " none, or the most columns per row.",
        minimum=1,
        maximum=1000,
    )
    fold_fans: int = option(
        16,
        "Draw more than this many interchangeable parallel layers (same inputs, outputs and "
        "settings) as one tensor captioned ×N; 0 draws every one.",
        minimum=0,
        maximum=10_000,
    )
    spacing: float = option(
        30.0, "Horizontal gap between consecutive tensors, in pixels.", minimum=4, maximum=300
    )
    direction: Literal["LR", "RL"] = option("LR", "Flow left to right (LR) or right to left.")
