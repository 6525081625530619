"""The readability measure (benchmarks/readability.py) and the warning every render gives.

The layouts themselves are being changed to meet the floors; these tests check that what is
measured and said agrees with the scene, not which diagrams meet the floor today.
"""

from __future__ import annotations

import importlib.util
import sys
import warnings
from pathlib import Path
from types import ModuleType

import pytest

import nnviz_core
from nnviz_core import registry
from nnviz_core.api import split_options
from nnviz_core.canvas import canvas_for, effective_text, host_scale, smallest_text
from nnviz_core.readability import ReadabilityWarning, remark
from nnviz_core.scene import Scene, text

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    """benchmarks/readability.py, imported as a module."""
    spec = importlib.util.spec_from_file_location(
        "readability_bench", ROOT / "benchmarks" / "readability.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _quiet_render(source: object, style: str, **options: object) -> Scene:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReadabilityWarning)
        return nnviz_core.render(source, style, **options).scene


@pytest.mark.parametrize("fit", ["page", "slide", "paper", "none"])
@pytest.mark.parametrize(
    ("example", "style"), [("lenet5", "lenet"), ("lenet5", "graph"), ("unet", "block")]
)
def test_the_measure_agrees_with_the_scene(
    bench: ModuleType, example: str, style: str, fit: str
) -> None:
    path = ROOT / "examples" / f"{example}.yaml"
    scene = _quiet_render(path, style, fit=fit)
    reading = bench.measure(scene, fit)
    canvas = canvas_for(fit)  # type: ignore[arg-type]
    assert (reading.width, reading.height) == (scene.width, scene.height)
    assert reading.aspect == pytest.approx(scene.height / scene.width)
    assert reading.smallest == smallest_text(scene)
    assert reading.effective == pytest.approx(reading.smallest * host_scale(scene, canvas))
    assert reading.effective == effective_text(scene, canvas)
    assert reading.floor == canvas.floor
    assert reading.met == (reading.effective >= canvas.floor)
    row = bench.row(style, example, reading)
    assert row.split()[:3] == [style, example, f"{scene.width:.0f}×{scene.height:.0f}"]
    assert row.endswith("yes" if reading.met else "NO")


def test_cards_count_the_layers_drawn_not_edges_or_legend(bench: ModuleType) -> None:
    graph = nnviz_core.load(ROOT / "examples" / "lenet5.yaml")
    assert bench.cards(_quiet_render(graph, "graph")) == len(graph.nodes)
    assert bench.cards(_quiet_render(graph, "lenet")) == len(graph.nodes)
    # fcnn draws the layers before the dense ones as one summary: fewer cards, never more
    assert 0 < bench.cards(_quiet_render(graph, "fcnn")) < len(graph.nodes)


def test_a_scene_without_text_meets_any_floor(bench: ModuleType) -> None:
    reading = bench.measure(Scene(5000, 100, ()), "page")
    assert reading.effective is None and reading.met
    small = bench.measure(Scene(100, 100, (text(1, 1, "x", size=8),)), "page")
    assert (small.smallest, small.effective, small.met) == (8, 8, False)


def test_png_saves_each_diagram_and_names_a_failure(bench: ModuleType, tmp_path: Path) -> None:
    diagram = nnviz_core.render(ROOT / "examples" / "lenet5.yaml", "lenet")
    saved = bench._png(diagram, tmp_path, "lenet", "torch Encoder×6")
    assert saved.startswith("  png ") and saved.endswith(" s")
    assert (tmp_path / "torch_Encoder_6-lenet.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    (tmp_path / "file").write_text("")
    failed = bench._png(diagram, tmp_path / "file", "lenet", "lenet5")
    assert failed.startswith("  png FAILED: ")


# --- the warning ------------------------------------------------------------------------------
# The styles draw a 2880 px strip of 10 px text here, so the numbers do not move when the real
# layouts learn to fit their canvas.

WIDE = """
name: Wide
input: [3, 64, 64]
layers:
""" + "".join(f"  - conv2d: {{filters: {8 + i}, kernel: 3, padding: same}}\n" for i in range(6))


@pytest.fixture
def strip(monkeypatch: pytest.MonkeyPatch) -> None:
    def layout(self: object, graph: object, options: object) -> Scene:
        return Scene(2880.0, 200.0, (text(20, 20, "strip", size=10.0),))

    for name in ("graph", "block", "lenet"):
        monkeypatch.setattr(type(registry.style(name)), "layout", layout)


@pytest.mark.usefixtures("strip")
def test_text_below_the_floor_warns_with_the_size_floor_canvas_and_options() -> None:
    with pytest.warns(ReadabilityWarning) as caught:
        nnviz_core.render(WIDE, "lenet")
    assert len(caught) == 1
    warning = caught[0].message
    assert isinstance(warning, ReadabilityWarning)
    assert str(warning) == (
        "Wide: its 10 px text reads at 2.5 px once this 2880×200 px drawing is shrunk to fit a "
        "720 px page column, below the 9 px floor there; to keep the lenet diagram legible, "
        "draw fewer layers with `elide: true`, or, if it is shown wider than that, say how wide "
        "(`width: 2880`; on a docs site, the site's `width` setting); `fit: none` draws it at "
        "its natural size without this check"
    )
    assert warning.note == str(warning).removeprefix("Wide: ")
    assert warning.kind == "readability"
    assert caught[0].filename == __file__  # points at the caller of render


@pytest.mark.usefixtures("strip")
def test_slide_and_paper_floors_are_named_in_points() -> None:
    with pytest.warns(ReadabilityWarning, match=r"reads at 4\.2 px .* fit a 1200×600 px slide, "):
        nnviz_core.render(WIDE, "lenet", fit="slide")
    with pytest.warns(ReadabilityWarning, match=r"below the 10 pt \(13\.3 px\) floor"):
        nnviz_core.render(WIDE, "lenet", fit="slide")
    with pytest.warns(
        ReadabilityWarning, match=r"600×800 px printed page, below the 6 pt \(8\.0 px\)"
    ):
        nnviz_core.render(WIDE, "lenet", fit="paper")


@pytest.mark.usefixtures("strip")
def test_a_wide_enough_canvas_or_fit_none_does_not_warn() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        nnviz_core.render(WIDE, "lenet", fit="none")
        nnviz_core.render(WIDE, "lenet", width=2880)


def test_small_text_that_is_not_shrunk_says_so() -> None:
    scene = Scene(300.0, 100.0, (text(20, 20, "tiny", size=7.0),))
    graph = nnviz_core.load(WIDE)
    options, _ = split_options("graph", {})
    assert remark(scene, graph, "graph", options) == (
        "its smallest text, 7 px, is too small for a 720 px page column, below the 9 px floor "
        "there; the graph style draws text of this size whatever the canvas; `fit: none` draws "
        "it at its natural size without this check"
    )


@pytest.mark.usefixtures("strip")
def test_the_help_names_only_options_the_style_has_and_the_network_needs() -> None:
    repeated = """
name: Stages
input: [16, 32, 32]
blocks:
  unit:
    layers:
      - conv2d: {filters: 16, kernel: 3, padding: same}
      - relu
layers:
  - {unit: {}, repeat: 3}
"""
    with pytest.warns(ReadabilityWarning) as caught:
        nnviz_core.render(repeated, "block")
    message = str(caught[0].message)
    assert (
        "draw fewer layers with `depth: 1` (nested groups as one layer each), "
        "`fold_repeats: true` or `elide: true`, or, if it" in message
    )
    with pytest.warns(ReadabilityWarning) as caught:
        nnviz_core.render(repeated, "graph", fold_repeats=True)
    message = str(caught[0].message)
    assert "fewer layers with `depth: 1` (nested groups as one layer each), or, if it" in message


def test_a_full_drawing_is_advised_to_let_detail_choose() -> None:
    long = "input: [16, 32, 32]\nlayers:\n  - {conv2d: {filters: 16, kernel: 1}, repeat: 70}\n"
    with pytest.warns(ReadabilityWarning) as caught:
        nnviz_core.render(long, "block", detail="full", wrap="none")
    message = str(caught[0].message)
    assert "`fold_repeats: true`, `elide: true` or `detail: auto` (at most 60 layers)" in message


def test_depth_is_not_advised_once_detail_has_collapsed_every_group(tmp_path: Path) -> None:
    """A one-group head and a 90-layer chain: ``detail`` collapses the group for the slide,
    which leaves nothing for ``depth`` to do, so the advice does not name it."""
    head = "blocks:\n  pair:\n    layers: [{dense: 64}, {dense: 64}]\n"
    chain = "".join(f"  - dense: {64 + i}\n" for i in range(90))
    spec = tmp_path / "long.yaml"
    spec.write_text(f"name: Long\ninput: [32]\n{head}layers:\n  - {{pair: {{}}}}\n{chain}")
    with pytest.warns(ReadabilityWarning) as caught:
        diagram = nnviz_core.render(spec, "graph", fit="slide")
    assert diagram.style_options.depth == 0
    message = str(caught[0].message)
    assert "below the 10 pt (13.3 px) floor" in message
    assert "depth" not in message


def _chain(count: int) -> str:
    layers = "\n".join(f"  - dense: {{units: {64 + i}}}" for i in range(count))
    return f"name: Chain\ninput: [32]\nlayers:\n{layers}\n"


def test_a_network_with_nothing_to_fold_says_so_and_a_far_too_wide_one_is_not_sent_wider() -> None:
    """A plain 40-layer chain in the graph style (no groups, no repeats, ``detail: full``
    aside) gives no option that draws fewer layers; at over 5 times the page's width, showing
    it wider is no advice either: only ``fit: none`` is left to name."""
    from nnviz_core.sources.yaml_spec import load_text

    graph = load_text(_chain(40))
    options = {"rankdir": "LR"}  # one long row: far wider than any page
    with pytest.warns(ReadabilityWarning) as caught:
        nnviz_core.render(graph, "graph", **options)
    message = str(caught[0].message)
    assert "it has no groups or repeated blocks to fold (give them in the source); " in message
    assert "`width:" not in message and "draw fewer layers" not in message
    assert message.endswith("`fit: none` draws it at its natural size without this check")
