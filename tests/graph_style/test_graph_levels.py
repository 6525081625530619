"""An encoder-decoder on a box too short for its U: drawn level by level (U-Net's own figure).

On a 16:9 slide at 10 pt, U-Net's U of two twelve-card arms reads at half the floor. Drawn by
level, each encoder stage is a row, the decoder stage its skip joins sits beside it across the
gutter, and the innermost layers make the bottom row: five rows, every skip one level line.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import scene_checks
from graph_style_samples import layers
from test_graph_fold import _cards, _edges, _samples, assert_invariants

import nnviz_core
from nnviz_core.canvas import canvas_for, effective_text
from nnviz_core.ir import Graph
from nnviz_core.options import build
from nnviz_core.scene import Scene
from nnviz_core.sources.yaml_spec import load_text
from nnviz_core.styles.graph import GraphOptions, prepare
from nnviz_core.styles.graph.levels import level_rows
from nnviz_core.styles.graph.ushape import nested_skips

EXAMPLES = Path(__file__).parents[2] / "examples"
SLIDE = canvas_for("slide")


def _unet_slide() -> Scene:
    return nnviz_core.render(EXAMPLES / "unet.yaml", "graph", fit="slide").scene


def _rows(scene: Scene) -> list[list[str]]:
    """The layers of each row, top to bottom (by their cards' centres), left to right."""
    cards = _cards(scene)
    rows: dict[float, list[tuple[float, str]]] = {}
    for layer, (x0, y0, _x1, y1) in cards.items():
        rows.setdefault(round((y0 + y1) / 2), []).append((x0, layer))
    return [[layer for _, layer in sorted(rows[y])] for y in sorted(rows)]


def test_u_net_on_a_slide_reads_at_the_floor_level_by_level() -> None:
    scene = _unet_slide()
    assert effective_text(scene, SLIDE) == pytest.approx(SLIDE.floor, abs=0.01)
    assert scene.width <= SLIDE.width and scene.height <= SLIDE.height
    assert_invariants(scene)
    rows = _rows(scene)
    assert len(rows) == 5  # four stages and the bottom of the U
    assert rows[0][:2] == ["input", "enc1"] and rows[0][2].startswith("concat")
    assert rows[0][-1] == "conv2d_1"  # the output head ("mask")
    assert [row[0] for row in rows[1:]] == [
        "maxpool2d_1",
        "maxpool2d_2",
        "maxpool2d_3",
        "maxpool2d_4",
    ]
    assert rows[-1][-1] == "up4"


def test_every_skip_is_one_level_line_across_the_gutter() -> None:
    scene = _unet_slide()
    cards = _cards(scene)
    skips = [e for e in _edges(scene) if e.layer.split("->")[0].startswith("enc")]
    skips = [e for e in skips if e.layer.split("->")[1].startswith("concat")]
    assert len(skips) == 4
    for edge in skips:
        assert len({round(y, 1) for _, y in _samples(edge)}) == 1, edge.layer
        source, target = (cards[end] for end in edge.layer.split("->"))
        assert source[2] < target[0]


def test_turns_leave_and_enter_cards_vertically() -> None:
    """The encoder's turn into its next stage leaves a card's bottom and enters the next
    row's first card from above; the decoder's climbs out of a top into a bottom."""
    scene = _unet_slide()
    cards = _cards(scene)
    for edge in _edges(scene):
        source, target = edge.layer.split("->")
        start, end = _samples(edge)[0], _samples(edge)[-1]
        a, b = cards[source], cards[target]
        if target.startswith("maxpool"):
            assert start[1] == pytest.approx(a[3], abs=0.5) and end[1] <= b[1] + 0.5
        if source.startswith("up"):
            assert start[1] == pytest.approx(a[1], abs=0.5) and end[1] >= b[3] - 0.5


def _graph(text: str) -> Graph:
    return load_text(text, "net.yaml")


def _level(graph: Graph, **values: object) -> object:
    options = build(GraphOptions, {"depth": 0, **values})
    prepared = prepare(graph, options)
    skips = nested_skips(prepared.graph)
    return level_rows(prepared.graph, skips, prepared.cards, prepared.clusters, (0.0, 0.0))


def test_only_an_encoder_decoder_chain_is_drawn_by_level() -> None:
    chain = "name: c\ninput: [8]\nlayers:\n" + "  - dense: 8\n" * 8
    assert _level(_graph(chain)) is None
    residual = (EXAMPLES / "resnet18.yaml").read_text()
    assert _level(_graph(residual)) is None
    unet = _graph((EXAMPLES / "unet.yaml").read_text())
    assert _level(unet) is not None
    assert _level(unet, depth=None) is None  # its double_conv frames: the U keeps them whole


def test_a_page_keeps_the_u() -> None:
    """A page scrolls: U-Net stays the U of two arms there (level rows are for short boxes)."""
    page = nnviz_core.render(EXAMPLES / "unet.yaml", "graph").scene
    assert len(_rows(page)) > 5
    assert scene_checks.bbox(layers(page)[0], ink=False)[1] < page.height / 3
