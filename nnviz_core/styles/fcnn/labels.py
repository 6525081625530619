"""The text of captions, box labels and merge tags, measured before anything is placed.

Captions follow NN-SVG ("Hidden Layer ∈ ℝ⁵¹²") but are real text with a superscript span, not
MathJax, so they stay selectable, themeable and the same in every backend.
"""

from __future__ import annotations

from dataclasses import dataclass

from nnviz_core.scene import Span
from nnviz_core.text import ASCENT, DESCENT, SCRIPT_SCALE, SUPER_SHIFT, line_height, text_width

from .elements import Box, Column
from .options import FcnnOptions

CAPTION_SIZE = 12.0
NOTE_SIZE = 10.5
_ACTIVATIONS = {"relu": "ReLU", "gelu": "GELU", "selu": "SELU", "elu": "ELU", "prelu": "PReLU"}


@dataclass(frozen=True)
class Line:
    """One line of text: its spans, size, paint and weight of the whole line."""

    spans: tuple[Span, ...]
    size: float
    paint: str = "fg"

    @property
    def width(self) -> float:
        return sum(
            text_width(s.text, self.size * (SCRIPT_SCALE if s.shift != "none" else 1), s.weight)
            for s in self.spans
        )

    @property
    def ascent(self) -> float:
        """Height above the baseline, superscripts included."""
        raised = any(span.shift == "super" for span in self.spans)
        rise = SUPER_SHIFT + SCRIPT_SCALE * ASCENT if raised else 0.0
        return max(ASCENT, rise) * self.size


@dataclass(frozen=True)
class Block:
    """Lines stacked top to bottom; ``baselines`` are offsets from the block's top."""

    lines: tuple[Line, ...]

    @property
    def width(self) -> float:
        return max((line.width for line in self.lines), default=0.0)

    @property
    def baselines(self) -> tuple[float, ...]:
        found: list[float] = []
        for line in self.lines:
            step = line.ascent if not found else found[-1] + line_height(line.size)
            found.append(step)
        return tuple(found)

    @property
    def height(self) -> float:
        if not self.lines:
            return 0.0
        return self.baselines[-1] + DESCENT * self.lines[-1].size


def size_text(size: int | None) -> str:
    return "?" if size is None else f"{size:,}"


def activation_name(name: str) -> str:
    return _ACTIVATIONS.get(name.lower(), name)


def caption(column: Column, options: FcnnOptions, *, wrap: bool = False) -> Block:
    """A column's caption in the chosen ``labels`` mode (empty for ``none``)."""
    if options.labels == "none":
        return Block(())
    repeat = (Span(f" ×{column.repeat}", "bold"),) if column.repeat > 1 else ()
    size = size_text(column.size)
    if options.labels == "sizes":
        lines = [Line((Span(size), *repeat), CAPTION_SIZE)]
    elif wrap:
        lines = [
            Line((Span(column.title), *repeat), CAPTION_SIZE),
            Line((Span("∈ ℝ"), Span(size.replace(",", ""), shift="super")), CAPTION_SIZE),
        ]
    else:
        math = (Span(f"{column.title} ∈ ℝ"), Span(size.replace(",", ""), shift="super"))
        lines = [Line((*math, *repeat), CAPTION_SIZE)]
    notes = []
    if options.activations:
        notes += [activation_name(column.activation)] if column.activation else []
        notes += column.extras
    notes += [column.note] if column.note else []
    if notes:
        lines.append(Line((Span(" · ".join(notes)),), NOTE_SIZE, "muted"))
    return Block(tuple(lines))


def box_label(box: Box, features: tuple[Column, ...]) -> Block:
    """A summary box's label: its title, details, and what it hands on."""
    lines = [Line((Span(box.title, "bold"),), CAPTION_SIZE)]
    lines += [Line((Span(text),), NOTE_SIZE, "muted") for text in box.lines]
    if features:
        sizes = " + ".join(size_text(column.size) for column in features)
        lines.append(Line((Span(f"→ {sizes} features"),), NOTE_SIZE))
    elif box.output:
        lines.append(Line((Span(f"→ {box.output}"),), NOTE_SIZE))
    return Block(tuple(lines))


def via_tag(column: Column) -> Block:
    """The small tag naming the merge that joins branches into a column."""
    if not column.via:
        return Block(())
    return Block((Line((Span(column.via.replace("_", " ")),), NOTE_SIZE, "muted"),))
