"""What every kind of slide needs: theme colours as python-pptx wants them, speaker notes, and
the scene without its drawn title (the slide's own title replaces it)."""

from __future__ import annotations

from typing import Any

from pptx.dml.color import RGBColor

from nnviz_core.scene import Group, Item, Text
from nnviz_core.theme import ThemeMode, resolve


def without_titles(items: tuple[Item, ...]) -> tuple[tuple[Item, ...], str]:
    """The items minus the drawn title (the slide's own title replaces it), and its text."""
    kept: list[Item] = []
    found = ""
    for item in items:
        if isinstance(item, Text) and item.role == "title":
            found = found or item.plain
        elif isinstance(item, Group) and item.role != "title":
            inner, text = without_titles(item.items)
            found = found or text
            kept.append(Group(inner, item.name, item.role, item.layer))
        elif not (isinstance(item, Group) and item.role == "title"):
            kept.append(item)
    return tuple(kept), found


def rgb(paint: str, mode: ThemeMode) -> Any:
    """A paint's colour in ``mode`` as python-pptx wants it."""
    return RGBColor.from_string(resolve(paint, mode).lstrip("#").upper())  # type: ignore[no-untyped-call]


def write_notes(slide: Any, text: str) -> None:
    """The slide's speaker notes, when there are any."""
    if text:
        slide.notes_slide.notes_text_frame.text = text
