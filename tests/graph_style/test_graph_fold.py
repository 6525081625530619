"""Layouts folded for their canvas: columns, the U of an encoder-decoder, and the polish rules.

Geometric invariants on what is drawn (no card overlap, nothing off the canvas, text in its
box, edges clear of the cards they do not join, frames 16 px clear of their cards, columns in
flow order), plus the canvas's promise: text at least its floor where the page shows it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import scene_checks
from graph_style_samples import assert_texts_inside_shapes, layers

import nnviz_core
from nnviz_core.canvas import canvas_for, effective_text, host_scale
from nnviz_core.scene import CurveTo, LineTo, MoveTo, Rect, Scene, Text, walk
from nnviz_core.scene import Path as ScenePath
from nnviz_core.styles.graph.columns import GUTTER

EXAMPLES = Path(__file__).parents[2] / "examples"
PAGE = canvas_for("page")
#: Widest drawing whose smallest text (11 px) a 720 px page still shows at its 9 px floor.
LEGIBLE_WIDTH = PAGE.width * 11 / PAGE.floor


def _chain(size: int) -> str:
    layers = "\n".join("  - dense: {units: 64, activation: relu}" for _ in range(size))
    return f"name: chain-{size}\ninput: [64]\nlayers:\n{layers}\n"


def _render(source: str | Path, **options: object) -> Scene:
    return nnviz_core.render(source, "graph", **options).scene


def _example(name: str, **options: object) -> Scene:
    return _render(EXAMPLES / f"{name}.yaml", **options)


def _cards(scene: Scene) -> dict[str, tuple[float, float, float, float]]:
    return {group.layer: scene_checks.bbox(group, ink=False) for group in layers(scene)}


def _frames(scene: Scene) -> list[tuple[str, Rect]]:
    found = []
    for group in scene_checks.with_role(scene.items, "group"):
        rect = next(item for item in group.items if isinstance(item, Rect))
        found.append((group.layer, rect))
    return found


def _samples(path: ScenePath) -> list[tuple[float, float]]:
    """Points along a path: its Bézier curves sampled, its lines at their ends."""
    points: list[tuple[float, float]] = []
    current = (0.0, 0.0)
    for segment in path.segments:
        if isinstance(segment, MoveTo | LineTo):
            current = segment.to
            points.append(current)
        elif isinstance(segment, CurveTo):
            p0, p1, p2, p3 = current, segment.c1, segment.c2, segment.to
            for step in range(1, 17):
                t = step / 16
                u = 1 - t
                points.append(
                    tuple(
                        u**3 * a + 3 * u * u * t * b + 3 * u * t * t * c + t**3 * d
                        for a, b, c, d in zip(p0, p1, p2, p3, strict=True)
                    )
                )
            current = p3
    return points


def _edges(scene: Scene) -> list[ScenePath]:
    return [
        item for item in walk(scene.items) if isinstance(item, ScenePath) and item.role == "edge"
    ]


def assert_edges_clear_of_cards(scene: Scene) -> None:
    """No edge runs through a card other than the two it joins."""
    cards = _cards(scene)
    for edge in _edges(scene):
        ends = set(edge.layer.split("->"))
        for point in _samples(edge):
            for layer, (x0, y0, x1, y1) in cards.items():
                inside = x0 + 1 < point[0] < x1 - 1 and y0 + 1 < point[1] < y1 - 1
                assert layer in ends or not inside, f"edge {edge.layer} crosses card {layer}"


def assert_frames_pad_their_cards(scene: Scene, padding: float = 16.0) -> None:
    """Every card inside a frame keeps ``padding`` px from each of its sides."""
    cards = _cards(scene).values()
    for name, frame in _frames(scene):
        left, top = frame.x, frame.y
        right, bottom = left + frame.width, top + frame.height
        for x0, y0, x1, y1 in cards:
            if left <= x0 and x1 <= right and top <= y0 and y1 <= bottom:
                gaps = (x0 - left, y0 - top, right - x1, bottom - y1)
                assert min(gaps) >= padding, f"a card is {min(gaps):.1f} px from {name}"


def columns_of(scene: Scene) -> list[tuple[float, float]]:
    """The x-spans of the drawing's columns: cards whose spans overlap share a column."""
    spans = sorted((box[0], box[2]) for box in _cards(scene).values())
    merged: list[tuple[float, float]] = []
    for left, right in spans:
        if merged and left < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], right))
        else:
            merged.append((left, right))
    return merged


def assert_columns_in_flow_order(scene: Scene, order: list[str]) -> None:
    """Layers in graph order never step back to a column further left."""
    spans = columns_of(scene)
    cards = _cards(scene)
    column = [
        next(i for i, (a, b) in enumerate(spans) if a <= cards[layer][0] < b) for layer in order
    ]
    assert column == sorted(column), f"columns out of flow order: {column}"


def assert_invariants(scene: Scene) -> None:
    scene_checks.assert_inside_canvas(scene)
    scene_checks.assert_no_overlap(scene, "layer")
    assert_texts_inside_shapes(scene)
    assert_edges_clear_of_cards(scene)
    assert_frames_pad_their_cards(scene)


def assert_folded_as_far_as_legible(scene: Scene) -> None:
    """Within the page's height, or as many columns as the text floor allows: one more of
    the narrowest would push the drawing past the legible width."""
    assert effective_text(scene, PAGE) >= PAGE.floor
    shown = scene.height * host_scale(scene, PAGE)
    narrowest = min(b - a for a, b in columns_of(scene))
    assert shown <= PAGE.height or scene.width + GUTTER + narrowest > LEGIBLE_WIDTH


@pytest.mark.parametrize("name", ["resnet18", "transformer", "unet", "vgg16"])
def test_folded_examples_keep_the_invariants(name: str) -> None:
    scene = _example(name)
    assert_invariants(scene)
    assert_folded_as_far_as_legible(scene)


def test_a_long_chain_folds_into_columns_in_flow_order() -> None:
    scene = _render(_chain(300))
    assert_invariants(scene)
    assert_folded_as_far_as_legible(scene)
    assert len(columns_of(scene)) >= 3
    order = [group.layer for group in layers(scene)]
    assert_columns_in_flow_order(scene, order)


def test_a_short_chain_fits_the_page() -> None:
    scene = _render(_chain(40))
    assert_invariants(scene)
    assert scene.height * host_scale(scene, PAGE) <= PAGE.height
    assert effective_text(scene, PAGE) >= PAGE.floor
    assert len(columns_of(scene)) > 1


def test_edges_between_columns_leave_the_bottom_and_enter_the_top() -> None:
    scene = _render(_chain(40))
    cards = _cards(scene)
    spans = columns_of(scene)
    crossing = [
        edge
        for edge in _edges(scene)
        if len(
            {
                next(i for i, (a, b) in enumerate(spans) if a <= cards[end][0] < b)
                for end in edge.layer.split("->")
            }
        )
        == 2
    ]
    assert len(crossing) == len(spans) - 1
    for edge in crossing:
        source, target = (cards[end] for end in edge.layer.split("->"))
        points = _samples(edge)
        assert points[0][1] == pytest.approx(source[3])  # out of the source's bottom
        assert max(y for _, y in points) > source[3]  # below its column
        assert min(y for _, y in points) < target[1]  # over the next column's top
        assert edge.segments[-1].to[1] <= target[1] + 0.5  # into the target from above


def test_wider_pages_fold_resnet18_within_their_height() -> None:
    scene = _example("resnet18", width=1600, detail="full")
    canvas = canvas_for("page", 1600)
    assert_invariants(scene)
    assert scene.height * host_scale(scene, canvas) <= canvas.height
    assert effective_text(scene, canvas) >= canvas.floor
    assert len(columns_of(scene)) >= 2


def test_frames_stay_whole_when_they_fit_a_column() -> None:
    scene = _example("resnet18", width=1600, detail="full")
    names = [name for name, _ in _frames(scene)]
    assert len(names) == len(set(names)), "a frame that fits a column was cut"


def test_a_frame_taller_than_a_column_is_continued_in_the_next() -> None:
    scene = _example("transformer")
    parts = [name for name, _ in _frames(scene)]
    assert len(parts) > len(set(parts))  # "Encoder layer ×4" runs over two columns
    assert len(columns_of(scene)) == 2


def test_fit_none_keeps_one_column() -> None:
    scene = _example("resnet18", fit="none", detail="full")
    assert len(columns_of(scene)) == 1
    assert scene.height > 5000


def test_the_main_line_keeps_one_axis() -> None:
    """No stage drift: the ResNet-18 backbone cards share one centre line."""
    scene = _example("resnet18", fit="none", detail="full")
    cards = _cards(scene)
    backbone = ["input", "conv2d_1", "maxpool2d_1", "basic_1.0.add_1", "basic_2.add_1"]
    backbone += ["downsample_3.add_1", "global_avgpool2d_1"]
    centres = {round((cards[layer][0] + cards[layer][2]) / 2) for layer in backbone}
    assert len(centres) == 1
    assert scene.width < 600


def test_unet_is_a_u_with_straight_skips() -> None:
    scene = _example("unet")
    assert_invariants(scene)
    cards = _cards(scene)
    skips = [e for e in _edges(scene) if e.layer.split("->")[1].startswith("concat")]
    skips = [e for e in skips if not e.layer.startswith("up")]
    assert len(skips) == 4
    for edge in skips:
        ys = {round(y, 2) for _, y in _samples(edge)}
        assert len(ys) == 1, f"skip {edge.layer} is not level"
        source, target = (cards[end] for end in edge.layer.split("->"))
        assert source[2] < target[0]  # encoder left, decoder right
    # Both ends of the U are at the top, its turn at the bottom.
    order = [group.layer for group in layers(scene)]
    first, last = cards[order[0]], cards[order[-1]]
    assert first[3] < scene.height / 3 and last[3] < scene.height / 3
    assert len(columns_of(scene)) == 2


def test_unet_with_fit_none_is_one_column() -> None:
    assert len(columns_of(_example("unet", fit="none"))) == 1


@pytest.mark.dot_engine
@pytest.mark.parametrize("name", ["unet", "transformer"])
def test_folds_alike_with_debian_dot(name: str) -> None:
    dot = shutil.which("dot")
    assert dot, "Debian's Graphviz is missing: apt-get install graphviz"
    scene = _example(name, engine=dot)
    assert_invariants(scene)
    assert len(columns_of(scene)) == 2


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_example_meets_the_page_floor(path: Path) -> None:
    scene = _render(path)
    assert effective_text(scene, PAGE) >= PAGE.floor


def assert_no_edge_along_a_frame_side(scene: Scene, near: float = 8.0) -> None:
    """No edge runs along a frame's side: where an edge comes within ``near`` px of one, it
    does so only for a crossing's length (less than 60 px of the side's height)."""
    for edge in _edges(scene):
        points = _samples(edge)
        for name, frame in _frames(scene):
            for side in (frame.x, frame.x + frame.width):
                start: float | None = None
                for x, y in points:
                    if abs(x - side) < near and frame.y < y < frame.y + frame.height:
                        start = y if start is None else start
                        run = abs(y - start)
                        assert run < 60.0, f"edge {edge.layer} runs {run:.0f} px along {name}"
                    else:
                        start = None


@pytest.mark.parametrize("name", ["resnet18", "transformer", "unet", "vgg16"])
@pytest.mark.parametrize("fit", ["page", "none"])
def test_no_edge_runs_on_a_frame_border(name: str, fit: str) -> None:
    assert_no_edge_along_a_frame_side(_example(name, fit=fit))


@pytest.mark.parametrize("fit", ["slide", "paper"])
@pytest.mark.parametrize("name", ["resnet18", "transformer", "unet", "vgg16", "alexnet"])
def test_boxes_that_shrink_the_picture_show_larger_text_folded(name: str, fit: str) -> None:
    """On a slide or paper the picture is shrunk to fit: a fold is kept only where it shows
    the text larger than the single column would."""
    canvas = canvas_for(fit)
    folded = effective_text(_example(name, fit=fit), canvas)
    single = effective_text(_example(name, fit="none"), canvas)
    assert folded >= single
    assert_invariants(_example(name, fit=fit))


def test_resnet18_folds_on_a_page_with_compact_cards() -> None:
    """Its stages are too wide for two columns at the floor, so its cards drop the key
    column: shapes and arguments read alone, other rows keep their key inline."""
    scene = _example("resnet18", detail="full")
    assert len(columns_of(scene)) == 2
    assert effective_text(scene, PAGE) >= PAGE.floor
    texts = [t.plain for t in walk(scene.items) if isinstance(t, Text) and t.role != "legend"]
    assert "shape" not in texts and "args" not in texts
    assert any(text.startswith("params 9,408") for text in texts)
    assert "3×224×224 → 64×112×112" in texts


def test_inception_lays_out_again_with_compact_cards_to_meet_the_floor() -> None:
    wide = _example("inception", fit="none")
    scene = _example("inception")
    assert scene.width < wide.width
    assert effective_text(wide, PAGE) < PAGE.floor <= effective_text(scene, PAGE)
