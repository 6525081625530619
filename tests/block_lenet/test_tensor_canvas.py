"""Rows laid out for the target canvas: text keeps the floor, rows balance, U-Nets fold into a U.

Pages shrink a drawing wider than their column, slides and paper shrink it into their box; the
tensor styles wrap rows (and fold encoder-decoders into a U, in bands) so the text a reader sees
(:func:`~nnviz_core.canvas.effective_text`) stays at or above the canvas's floor.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import block_lenet_graphs as graphs
import pytest
import tensor_checks

import nnviz_core
from nnviz_core.canvas import canvas_for, effective_text, smallest_text
from nnviz_core.ir import Graph
from nnviz_core.options import build
from nnviz_core.scene import Circle, Scene, Text, walk
from nnviz_core.scene import Path as ScenePath
from nnviz_core.sources.yaml_spec import load_path
from nnviz_core.styles.block import STYLE as BLOCK
from nnviz_core.styles.lenet import STYLE as LENET
from nnviz_core.styles.tensor.rows import fitted_rows, row_widths, split_rows
from nnviz_core.styles.tensor.structure import Structure

EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*.yaml"))
STYLES = [BLOCK, LENET]
STYLE_IDS = ["block", "lenet"]


def _draw(style: object, graph: Graph, **values: object) -> Scene:
    return style.layout(graph, build(style.options, values))  # type: ignore[attr-defined, no-any-return]


def _row_boxes(scene: Scene) -> list[list[tuple[float, float, float, float]]]:
    """The boxes of the layers in each row, top to bottom (layers overlapping in y share a
    row), each row left to right."""
    boxes = sorted(
        (tensor_checks.scene_checks.bbox(g, ink=False) for g in tensor_checks.layer_groups(scene)),
        key=lambda box: box[1],
    )
    rows: list[list[tuple[float, float, float, float]]] = []
    bottom = -1.0
    for box in boxes:
        if not rows or box[1] > bottom:
            rows.append([])
            bottom = box[3]
        rows[-1].append(box)
        bottom = max(bottom, box[3])
    return [sorted(row) for row in rows]


def _rows(scene: Scene) -> list[tuple[float, float]]:
    """Left and right of each row of layers, top to bottom."""
    return [(row[0][0], max(box[2] for box in row)) for row in _row_boxes(scene)]


@pytest.mark.parametrize("style", STYLES, ids=STYLE_IDS)
@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_meets_the_page_floor(path: Path, style: object) -> None:
    scene = _draw(style, load_path(path))
    canvas = canvas_for("page")
    text = effective_text(scene, canvas)
    assert text is not None
    assert text >= canvas.floor, f"{text:.2f} px on a {canvas.width:g} px page"


@pytest.mark.parametrize("fit", ["page", "slide", "paper", "none"])
@pytest.mark.parametrize("style", STYLES, ids=STYLE_IDS)
@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_examples_keep_the_invariants_on_every_canvas(path: Path, style: object, fit: str) -> None:
    tensor_checks.assert_tensor_invariants(_draw(style, load_path(path), fit=fit))


@pytest.mark.parametrize("style", STYLES, ids=STYLE_IDS)
@pytest.mark.parametrize("layers", [12, 25, 40, 77, 120])
def test_long_chains_fill_balanced_rows_within_the_page(layers: int, style: object) -> None:
    scene = _draw(style, graphs.chain(layers))
    canvas = canvas_for("page")
    drawn = smallest_text(scene)
    assert drawn is not None
    assert scene.width <= canvas.width * drawn / canvas.floor  # so the page keeps the floor
    rows = _rows(scene)
    widths = [right - left for left, right in rows]
    # Balanced as the columns allow: rows differ by at most one column (a 2-column row beside
    # 3-column ones is the best 25 columns in 9 rows can do), and within a third when wide.
    step = max(b[0] - a[0] for row in _row_boxes(scene) for a, b in itertools.pairwise(row))
    assert max(widths) - min(widths) <= step + 1, widths
    if max(widths) > 3 * step:
        assert min(widths) >= 0.7 * max(widths), widths  # no row left ~30% empty
    one_row = _draw(style, graphs.chain(layers), wrap="none")
    assert len(rows) == 1 or one_row.width > scene.width


def test_slides_weigh_the_height_too() -> None:
    """A slide shrinks a drawing to fit 1200×600: the chain is wrapped for the box, not for a
    page column, and reads larger there than the page's layout would."""
    graph = graphs.chain(40)
    slide = canvas_for("slide")
    on_slide = _draw(BLOCK, graph, fit="slide")
    on_page = _draw(BLOCK, graph, fit="page")
    assert _read(on_slide, slide) > _read(on_page, slide)
    assert on_slide.height <= on_slide.width  # a landscape box wants a landscape drawing


def _read(scene: Scene, canvas: object) -> float:
    text = effective_text(scene, canvas)  # type: ignore[arg-type]
    assert text is not None
    return text


def test_fit_none_keeps_the_natural_row_width() -> None:
    natural = _draw(BLOCK, graphs.chain(40), fit="none")
    page = _draw(BLOCK, graphs.chain(40))
    assert 1000 < natural.width <= 1500 and page.width < natural.width


def test_wrap_none_and_a_column_count_keep_their_meaning() -> None:
    graph = load_path(EXAMPLES[0].parent / "vgg16.yaml")
    assert len(_rows(_draw(BLOCK, graph, wrap="none"))) == 1
    wrapped = _row_boxes(_draw(BLOCK, graph, wrap=4, fit="slide"))
    assert len(wrapped) > 1 and all(len(row) <= 4 for row in wrapped)


def _chain_structure(columns: int, skips: tuple[tuple[int, int], ...] = ()) -> Structure:
    order = tuple(f"n{i}" for i in range(columns))
    edges = tuple((f"n{i}", f"n{i + 1}") for i in range(columns - 1))
    edges += tuple((f"n{a}", f"n{b}") for a, b in skips)
    column = {node: i for i, node in enumerate(order)}
    return Structure(order, column, dict.fromkeys(order, 0), edges, columns)


def test_fitted_rows_are_the_fewest_that_fit_and_balanced() -> None:
    struct = _chain_structure(10)
    rows = fitted_rows(struct, [100.0] * 10, 450)
    assert len(rows) == 3
    widths = row_widths(rows, [100.0] * 10)
    assert max(widths) <= 450 and min(widths) >= 300


def test_a_piece_wider_than_the_budget_widens_the_rows_not_one_row() -> None:
    """A skip from column 1 to 7 leaves no cut inside it: rows are as wide as that piece,
    never the whole chain on one row."""
    struct = _chain_structure(12, skips=((1, 7),))
    widths = [100.0] * 12
    rows = fitted_rows(struct, widths, 250)
    assert len(rows) > 1
    assert max(row_widths(rows, widths)) == 600  # columns 2..7: the skip's target ends it
    assert [r.start for r in rows] == [0, 2, 8]


def test_split_rows_takes_the_row_count_asked_for() -> None:
    struct = _chain_structure(10)
    rows = split_rows(struct, [100.0] * 10, 4)
    assert len(rows) == 4 and max(row_widths(rows, [100.0] * 10)) == 300


def _skips(scene: Scene) -> list[list[tuple[float, float]]]:
    return [
        tensor_checks.path_points(p)
        for p in walk(scene.items)
        if isinstance(p, ScenePath) and p.stroke is not None and p.stroke.paint == "highlight"
    ]


def _crosses(
    p: tuple[float, float], q: tuple[float, float], r: tuple[float, float], s: tuple[float, float]
) -> bool:
    def side(a: tuple[float, float], b: tuple[float, float], c: tuple[float, float]) -> float:
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

    d1, d2, d3, d4 = side(r, s, p), side(r, s, q), side(p, q, r), side(p, q, s)
    return d1 * d2 < 0 and d3 * d4 < 0


@pytest.mark.parametrize("options", [{}, {"fit": "slide"}, {"fit": "none"}, {"width": 2400}])
@pytest.mark.parametrize("style", STYLES, ids=STYLE_IDS)
def test_unet_is_a_u_with_skips_straight_down(style: object, options: dict[str, object]) -> None:
    scene = _draw(style, load_path(EXAMPLES[0].parent / "unet.yaml"), **options)
    tensor_checks.assert_tensor_invariants(scene)
    balls = [
        c
        for c in walk(scene.items)
        if isinstance(c, Circle) and c.fill is not None and c.fill.paint == "cat.merge"
    ]
    skips = _skips(scene)
    assert len(skips) == 4 and len(balls) == 4
    for points in skips:
        (x0, y0), (x1, y1) = points  # one straight run, down
        assert x0 == pytest.approx(x1) and y1 > y0
        assert any(abs(b.cx - x1) < 0.01 and abs(b.cy - b.r - y1) < 0.01 for b in balls)
    _assert_no_edges_cross(scene)
    rows = _rows(scene)
    assert len(rows) % 2 == 0  # bands of an encoder row over its decoder row
    right = max(r for _, r in rows)
    if len(rows) == 2:  # one U: nothing runs round the right margin (bands turn there)
        assert scene.width - right < 60


def _assert_no_edges_cross(scene: Scene) -> None:
    edges = [
        tensor_checks.path_points(p)
        for p in walk(scene.items)
        if isinstance(p, ScenePath) and p.role == "edge"
    ]
    for first, second in itertools.combinations(edges, 2):
        for p, q in itertools.pairwise(first):
            for r, s in itertools.pairwise(second):
                assert not _crosses(p, q, r, s), "two edges cross"


def _layers_by_row(scene: Scene) -> list[set[str]]:
    """The layer ids of each row of layers, top to bottom."""
    groups = tensor_checks.layer_groups(scene)
    boxes = {g.layer: tensor_checks.scene_checks.bbox(g, ink=False) for g in groups}
    return [
        {layer for layer, box in boxes.items() if box in row and layer is not None}
        for row in _row_boxes(scene)
    ]


def test_a_stage_wider_than_the_page_is_cut_inside_and_the_rest_are_not() -> None:
    """U-Net's outermost stage in LeNet stacks (an input, two 256×256 convolutions and a pool
    over the last decoder layers and the output head) is wider than a page: its outer layers
    get a band of their own, the input over the head and the first convolution over the last,
    and its skip drops in the band below. No other stage is cut inside: each band below holds
    one skip, as the block style's U (whose outermost stage fits) does in every band."""
    graph = load_path(EXAMPLES[0].parent / "unet.yaml")
    scene = _draw(LENET, graph)
    rows = _layers_by_row(scene)
    assert rows[0] == {"input", "enc1.conv2d_1"}
    assert rows[1] == {"conv2d_1", "double_conv_4.conv2d_2"}
    assert "enc1.conv2d_2" in rows[2] and "concat_4" in rows[3]
    spans = [(min(b[1] for b in row), max(b[3] for b in row)) for row in _row_boxes(scene)]
    sources = [
        next(i for i, (top, bottom) in enumerate(spans) if top <= points[0][1] <= bottom)
        for points in _skips(scene)
    ]
    assert sorted(sources) == [2, 4, 6, 8] and len(rows) == 10  # one skip in each band below
    block = _draw(BLOCK, graph)
    assert len(_rows(block)) == 2 * len(_skips(block))  # one skip per band: no stage cut


def test_a_column_count_wraps_a_unet_as_asked_not_into_a_u() -> None:
    graph = load_path(EXAMPLES[0].parent / "unet.yaml")
    scene = _draw(LENET, graph, wrap=6)
    assert len(_row_boxes(scene)) > 1  # rows at the few cuts the skips leave
    assert not any(len(points) == 2 for points in _skips(scene))  # no skip drops into a U


def test_a_wide_canvas_draws_one_u_and_a_page_stacks_bands() -> None:
    graph = load_path(EXAMPLES[0].parent / "unet.yaml")
    assert len(_rows(_draw(BLOCK, graph, width=2400))) == 2
    page = _draw(BLOCK, graph)
    assert len(_rows(page)) > 2 and page.width <= 760


def test_an_autoencoder_without_skips_stays_a_plain_chain() -> None:
    graph = load_path(EXAMPLES[0].parent / "autoencoder.yaml")
    for style in STYLES:
        scene = _draw(style, graph)
        assert len(_rows(scene)) == 1 and not _skips(scene)


def _encoder_decoder(seed: int) -> Graph:
    """A random U-Net-like net: 1-6 stages of 1-3 convolutions, concat or add joins, an
    optional bottleneck and head."""
    import random

    rng = random.Random(seed)
    b = graphs.Builder(f"encoder-decoder {seed}")
    b.add("input", "input", (3, 64, 64))
    skips: list[str] = []
    channels = 8
    for _ in range(rng.randint(1, 6)):
        for _ in range(rng.randint(1, 3)):
            last = b.add("conv2d", "convolution", (channels, 32, 32), filters=channels, kernel=3)
        skips.append(last)
        b.add("maxpool2d", "pooling", (channels, 16, 16), pool_size=2)
        channels *= 2
    for _ in range(rng.randint(1, 2)):
        b.add("conv2d", "convolution", (channels, 16, 16), filters=channels, kernel=3)
    for skip in reversed(skips):
        channels //= 2
        up = b.add("upsample", "upsampling", (channels, 32, 32), size=2)
        op = rng.choice(["concat", "add"])
        b.add(op, "merge", (channels, 32, 32), (skip, up))
        for _ in range(rng.randint(0, 3)):
            b.add("conv2d", "convolution", (channels, 32, 32), filters=channels, kernel=3)
    if rng.random() < 0.5:
        b.add("conv2d", "convolution", (1, 32, 32), filters=1, kernel=1)
    return b.graph()


@pytest.mark.parametrize("fit", ["page", "slide", "paper", "none"])
@pytest.mark.parametrize("seed", range(10))
def test_random_encoder_decoders_fold_cleanly(seed: int, fit: str) -> None:
    graph = _encoder_decoder(seed)
    for style in STYLES:
        for options in ({"fit": fit}, {"fit": fit, "direction": "RL", "title": "A U"}):
            scene = _draw(style, graph, **options)
            tensor_checks.assert_tensor_invariants(scene)
            for points in _skips(scene):
                if len(points) == 2:  # a U's skip: straight down
                    (x0, y0), (x1, y1) = points
                    assert x0 == pytest.approx(x1) and y1 > y0
            _assert_no_edges_cross(scene)


@pytest.mark.parametrize("style", STYLES, ids=STYLE_IDS)
@pytest.mark.parametrize("name", ["mlp", "lstm_text", "autoencoder"])
def test_a_slide_enlarges_small_drawings_to_its_floor(name: str, style: object) -> None:
    """The styles draw 9.5-11 px text; a slide promises 10 pt (13.3 px), so a drawing with
    room on the slide is laid out for a box that much smaller and enlarged as a whole."""
    graph = load_path(EXAMPLES[0].parent / f"{name}.yaml")
    slide, page = _draw(style, graph, fit="slide"), _draw(style, graph)
    canvas = canvas_for("slide")
    assert _read(slide, canvas) >= canvas.floor - 0.01
    assert slide.width <= canvas.width and slide.height <= canvas.height  # shown at full size
    assert smallest_text(page) in (9.5, 10.0)  # a page keeps the drawn size
    tensor_checks.assert_tensor_invariants(slide)


def _tallest_layer(scene: Scene) -> float:
    return max(
        tensor_checks.scene_checks.bbox(g, ink=False)[3]
        - tensor_checks.scene_checks.bbox(g, ink=False)[1]
        for g in tensor_checks.layer_groups(scene)
    )


@pytest.mark.parametrize(
    ("style", "name"), [(BLOCK, "alexnet"), (BLOCK, "resnet18"), (LENET, "vgg16")]
)
def test_a_slide_draws_smaller_shapes_rather_than_smaller_text(style: object, name: str) -> None:
    """No row count fits these on a 16:9 slide at 10 pt: the tensors (and gaps) yield, the text
    keeps its size, and the drawing then fits the box at the floor."""
    path = EXAMPLES[0].parent / f"{name}.yaml"
    slide = nnviz_core.render(path, style.name, fit="slide").scene  # type: ignore[attr-defined]
    page = nnviz_core.render(path, style.name, fit="none").scene  # type: ignore[attr-defined]
    canvas = canvas_for("slide")
    assert effective_text(slide, canvas) == pytest.approx(canvas.floor, abs=0.01)
    assert slide.width <= canvas.width and slide.height <= canvas.height
    zoom = (smallest_text(slide) or 0.0) / (smallest_text(page) or 1.0)
    assert _tallest_layer(slide) / zoom < 0.9 * _tallest_layer(page)
    tensor_checks.assert_tensor_invariants(slide)


@pytest.mark.parametrize("style", STYLES, ids=STYLE_IDS)
def test_parallel_branches_on_a_slide_take_their_captions_beside(style: object) -> None:
    """Inception's four branches stacked with captions under each tensor are too tall for a
    16:9 slide at 10 pt; captions to the right of the tensors (below the arrow leaving
    them) use the width the slide has, and the text keeps the floor."""
    path = EXAMPLES[0].parent / "inception.yaml"
    slide = nnviz_core.render(path, style.name, fit="slide").scene  # type: ignore[attr-defined]
    canvas = canvas_for("slide")
    assert effective_text(slide, canvas) == pytest.approx(canvas.floor, abs=0.01)
    tensor_checks.assert_tensor_invariants(slide)
    captions = [t for t in walk(slide.items) if isinstance(t, Text) and t.role == "caption"]
    assert captions and all(t.anchor == "start" for t in captions)
    page = nnviz_core.render(path, style.name).scene  # type: ignore[attr-defined]
    below = [t for t in walk(page.items) if isinstance(t, Text) and t.role == "caption"]
    assert below and all(t.anchor == "middle" for t in below)


def test_a_long_chain_on_a_slide_breaks_its_captions_in_two() -> None:
    """U-Net's two rows are as wide as their captions: on a slide, captions wider than a
    narrow column break at the space that evens their halves ("max-pool" over "2×2/2"), and
    the drawing reads larger than with captions on one line each."""
    from nnviz_core.styles.tensor.captions import narrowed

    assert narrowed(("max-pool 2×2/2", "ReLU"), 56.0) == ("max-pool", "2×2/2", "ReLU")
    assert narrowed(("double_conv",), 56.0) == ("double_conv",)
    # A name that fits keeps whole, its arguments under it; a longer line breaks again.
    assert narrowed(("Transposed conv 2×2/2",), 100.0) == ("Transposed conv", "2×2/2")
    assert narrowed(("up-conv 2×2/2, 128",), 56.0) == ("up-conv", "2×2/2,", "128")
    path = EXAMPLES[0].parent / "unet.yaml"
    slide = nnviz_core.render(path, "block", fit="slide").scene
    lines = {t.plain for t in walk(slide.items) if isinstance(t, Text) and t.role == "caption"}
    assert {"max-pool", "2×2/2", "up-conv"} <= lines
    tensor_checks.assert_tensor_invariants(slide)
    page = nnviz_core.render(path, "block").scene
    assert "max-pool 2×2/2" in {t.plain for t in walk(page.items) if isinstance(t, Text)}


def test_u_net_on_a_slide_is_one_u_with_labels_as_large_as_captions() -> None:
    """No smaller shapes or narrower captions bring U-Net's block U to 10 pt on a slide while
    its size labels are smaller than its captions (the smallest text sets the zoom): the labels
    take the captions' size, and the U keeps its two rows, every skip dropping straight."""
    path = EXAMPLES[0].parent / "unet.yaml"
    slide = nnviz_core.render(path, "block", fit="slide").scene
    canvas = canvas_for("slide")
    assert effective_text(slide, canvas) == pytest.approx(canvas.floor, abs=0.01)
    assert len(_rows(slide)) == 2
    texts = [t for t in walk(slide.items) if isinstance(t, Text)]
    labels = {round(t.size, 2) for t in texts if t.role == "label"}
    captions = {round(t.size, 2) for t in texts if t.role == "caption"}
    assert labels == captions == {round(canvas.floor, 2)}
    tensor_checks.assert_tensor_invariants(slide)
    page = nnviz_core.render(path, "block").scene
    page_texts = [t for t in walk(page.items) if isinstance(t, Text)]
    page_label = max(t.size for t in page_texts if t.role == "label")
    assert page_label < min(t.size for t in page_texts if t.role == "caption")


@pytest.mark.parametrize("style", STYLES, ids=STYLE_IDS)
def test_every_example_reads_at_the_floor_of_a_slide(style: object) -> None:
    canvas = canvas_for("slide")
    for path in EXAMPLES:
        scene = nnviz_core.render(path, style.name, fit="slide").scene  # type: ignore[attr-defined]
        assert effective_text(scene, canvas) >= canvas.floor - 0.01, path.stem


def test_the_tries_give_up_shapes_then_caption_lines_then_the_labels_size() -> None:
    """The order a tight canvas tries layouts in: at each size of the shapes, captions ever
    narrower (beside only for stacked branches); labels as large as captions only after all."""
    from nnviz_core.styles.tensor.structure import structure
    from nnviz_core.styles.tensor.tries import SHAPE_STEPS, Try, lightest, tries
    from nnviz_core.styles.tensor.view import tensor_view

    chain = load_path(EXAMPLES[0].parent / "vgg16.yaml")
    view = tensor_view(chain, fold=False, merge_inplace=True)
    order = tries(structure(view, elide=False))
    assert order[:3] == [Try(1.0, "narrow"), Try(1.0, "narrowest"), Try(SHAPE_STEPS[0])]
    assert not any(attempt.captions == "beside" for attempt in order)
    evens = [attempt.even for attempt in order]
    assert evens == sorted(evens) and evens.count(True) == len(order) + 1 - evens.count(True)
    assert Try(0.3).row_gap(40.0) == pytest.approx(24.0) and Try(0.85).row_gap(40.0) == 34.0
    sets = ("under", "narrow", "narrowest")
    assert lightest(structure(view, elide=False)) == [Try(0.3, c, True) for c in sets]


def test_a_slide_no_try_brings_to_the_floor_gets_the_largest_text_the_tries_reach() -> None:
    """On a narrow slide (1050 px) U-Net's LeNet stacks first read at 5.9 px; the lightest
    tries (smallest shapes, even labels, captions each way) are drawn first and, as none keeps
    10 pt, the largest of them is kept, with the warning naming the miss."""
    from nnviz_core.readability import ReadabilityWarning

    path = EXAMPLES[0].parent / "unet.yaml"
    canvas = canvas_for("slide", 1050)
    with pytest.warns(ReadabilityWarning, match="below the 10 pt"):
        scene = nnviz_core.render(path, "lenet", fit="slide", width=1050).scene
    assert 0.9 * canvas.floor < (effective_text(scene, canvas) or 0.0) < canvas.floor
    tensor_checks.assert_tensor_invariants(scene)


@pytest.mark.parametrize("style", STYLES, ids=STYLE_IDS)
def test_every_example_reads_at_the_floor_of_a_phone_column(style: object) -> None:
    """A 360 px column is narrower than U-Net's or Inception's captions allow at 9 px: a page
    tries the same lighter layouts as a slide (narrower captions, smaller shapes) before its
    host shrinks the drawing."""
    canvas = canvas_for("page", 360)
    for path in EXAMPLES:
        scene = nnviz_core.render(path, style.name, width=360).scene  # type: ignore[attr-defined]
        assert effective_text(scene, canvas) >= canvas.floor - 0.01, path.stem
