"""Every example in every style exports to native, grouped, readable shapes inside the slide."""

from __future__ import annotations

import re
import warnings
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from pptx_checks import kind, kinds, line_end, open_deck, texts, walk_shapes

import nnviz_core
from nnviz_core.backends.pptx import slide_canvas_width
from nnviz_core.backends.pptx.arrange import MIN_FONT_PT
from nnviz_core.backends.pptx.geometry import flatten
from nnviz_core.errors import OptionError
from nnviz_core.options import RenderOptions
from nnviz_core.scene import Circle, Group, Item, Polygon, Rect, Scene, Text, walk
from nnviz_core.scene import Path as ScenePath

EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*.yaml"))
STYLES = ("graph", "block", "lenet", "fcnn")
#: The one legitimate refusal: fcnn draws dense layers as neurons and needs at least one.
NOT_APPLICABLE = "the fcnn style draws dense (fully connected) layers as neurons"


def _has_dense(example: Path) -> bool:
    return any(node.category == "dense" for node in nnviz_core.load(example).nodes)


@cache
def _deck(example: Path, style: str) -> tuple[Scene, Any, tuple[str, ...]]:
    """The scene laid out for the slide, the deck PPTX output made, and its warnings."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        data = nnviz_core.render(example, style=style).to_bytes("pptx")
    width = slide_canvas_width(RenderOptions())
    scene = nnviz_core.render(example, style=style, fit="slide", width=width).scene
    return scene, open_deck(data), tuple(str(w.message) for w in caught)


def _expected(items: tuple[Item, ...]) -> Counter[str]:
    """Shape kinds the scene should become, the drawn title excepted (it is the slide title)."""
    found: Counter[str] = Counter()
    for item in items:
        if isinstance(item, Group):
            found += _expected(item.items)
        elif isinstance(item, Text):
            found["textbox"] += item.role != "title"
        elif isinstance(item, Rect):
            found["roundRect" if item.radius > 0 else "rect"] += 1
        elif isinstance(item, Circle):
            found["ellipse"] += 1
        elif isinstance(item, Polygon):
            found["freeform"] += 1
        elif isinstance(item, ScenePath):
            subpaths = flatten(item.segments)
            single = len(subpaths) == 1 and len(subpaths[0].points) == 2
            found["connector" if single and not subpaths[0].closed else "freeform"] += 1
            found["arrowheads"] += item.arrow_end > 0
    return found


def _layers(items: tuple[Item, ...]) -> dict[str, list[str]]:
    """Layer group name → the text lines drawn in it."""
    found: dict[str, list[str]] = {}
    for item in items:
        if isinstance(item, Group) and item.role == "layer" and item.name:
            found.setdefault(item.name, []).extend(
                t.plain for t in walk(item.items) if isinstance(t, Text) and t.plain.strip()
            )
        elif isinstance(item, Group):
            for name, lines in _layers(item.items).items():
                found.setdefault(name, []).extend(lines)
    return found


CASES = [
    pytest.param(example, style, id=f"{example.stem}-{style}")
    for example in EXAMPLES
    for style in STYLES
    if style != "fcnn" or _has_dense(example)
]


@pytest.mark.parametrize(
    "example", [example for example in EXAMPLES if not _has_dense(example)], ids=lambda e: e.stem
)
def test_fcnn_refuses_networks_without_dense_layers(example: Path) -> None:
    with pytest.raises(OptionError, match=re.escape(NOT_APPLICABLE)):
        nnviz_core.render(example, style="fcnn")


@pytest.mark.parametrize(("example", "style"), CASES)
def test_native_shapes_match_the_scene(example: Path, style: str) -> None:
    scene, prs, _ = _deck(example, style)
    assert len(prs.slides) == 1
    found: Counter[str] = Counter()
    for slide in prs.slides:
        found += kinds(slide)
    found["arrowheads"] = sum(
        1
        for slide in prs.slides
        for shape in walk_shapes(slide.shapes)
        if kind(shape) in ("connector", "freeform") and line_end(shape, "a:tailEnd") is not None
    )
    expected = _expected(scene.items)
    assert found["picture"] == 0
    assert found["textbox"] == expected["textbox"]
    assert found["ellipse"] == expected["ellipse"]
    assert found["arrowheads"] == expected["arrowheads"]
    for shape_kind in ("rect", "roundRect", "connector", "freeform"):  # nothing cut or clipped
        assert found[shape_kind] == expected[shape_kind], shape_kind


@pytest.mark.parametrize(("example", "style"), CASES)
def test_layers_are_named_groups_holding_their_text(example: Path, style: str) -> None:
    scene, prs, _ = _deck(example, style)
    groups: dict[str, list[str]] = {}
    for slide in prs.slides:
        for shape in walk_shapes(slide.shapes):
            if kind(shape) == "group":
                groups.setdefault(shape.name, []).extend(texts(shape.shapes))
    for name, lines in _layers(scene.items).items():
        assert name in groups, name
        assert Counter(lines) <= Counter(groups[name]), name


@pytest.mark.parametrize(("example", "style"), CASES)
def test_inside_the_slide_and_readable_or_said_so(example: Path, style: str) -> None:
    _, prs, said = _deck(example, style)
    sizes = []
    for slide in prs.slides:
        for shape in walk_shapes(slide.shapes):
            assert shape.left >= 0 and shape.left + shape.width <= prs.slide_width, shape.name
            assert shape.top >= 0 and shape.top + shape.height <= prs.slide_height, shape.name
            if kind(shape) == "textbox":
                sizes += [run.font.size.pt for run in shape.text_frame.paragraphs[0].runs]
    if style == "fcnn":  # lays itself out for the slide (the others will: issue 20)
        assert min(sizes) >= MIN_FONT_PT - 0.05, (example.stem, min(sizes))
    if min(sizes) < MIN_FONT_PT - 0.05:
        assert any("too large for readable text" in message for message in said)
