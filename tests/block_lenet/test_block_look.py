"""The ``block`` style: invariants on every hand-built graph, options, determinism, errors."""

from __future__ import annotations

import block_lenet_graphs as graphs
import pytest
import tensor_checks

from nnviz_core import registry
from nnviz_core.errors import OptionError
from nnviz_core.options import build
from nnviz_core.scene import Circle, Polygon, Scene, walk
from nnviz_core.styles.block import STYLE, BlockOptions

VARIANTS = {
    "default": {},
    "plain": {"merge_inplace": False, "dims": "text", "opacity": 1},
    "folded": {"fold_repeats": True, "kernels": True, "scale": "sqrt"},
    "wrapped": {"wrap": 4, "direction": "RL", "title": "A title"},
}


def _layout(name: str, **values: object) -> Scene:
    return STYLE.layout(graphs.BY_NAME[name](), build(BlockOptions, values))


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("name", graphs.BY_NAME)
def test_geometry_invariants(name: str, variant: str) -> None:
    tensor_checks.assert_tensor_invariants(_layout(name, **VARIANTS[variant]))


def test_is_registered_and_deterministic() -> None:
    assert registry.style("block") is STYLE
    assert _layout("unet") == _layout("unet")


def test_residual_adds_are_balls_and_skips_arc_over_the_blocks() -> None:
    scene = _layout("resnet", fit="none")  # one row: no skip continues from a row above
    balls = [item for item in walk(scene.items) if isinstance(item, Circle)]
    assert len(balls) == 3
    arcs = [
        p for p in walk(scene.items) if getattr(p, "stroke", None) and p.stroke.paint == "highlight"
    ]
    assert len(arcs) == 2
    for arc in arcs:
        left, top, right, _ = tensor_checks.scene_checks.bbox(arc)
        spanned = [
            box
            for box in map(tensor_checks.scene_checks.bbox, tensor_checks.layer_groups(scene))
            if box[0] >= left and box[2] <= right
        ]
        assert spanned and all(top < box[1] for box in spanned)


def test_unet_long_skips_nest_outermost_highest() -> None:
    scene = _layout("unet", wrap="none")  # one row: arcs, not a U
    arcs = [
        p for p in walk(scene.items) if getattr(p, "stroke", None) and p.stroke.paint == "highlight"
    ]
    boxes = sorted(tensor_checks.scene_checks.bbox(a) for a in arcs)
    assert len(boxes) == 3
    assert boxes[0][1] < boxes[1][1] < boxes[2][1]  # the widest (leftmost) arc runs highest


def test_faces_use_shaded_tokens_and_bands_show_merged_layers() -> None:
    scene = _layout("resnet")
    paints = {p.fill.paint for p in walk(scene.items) if isinstance(p, Polygon) and p.fill}
    assert {"cat.convolution", "cat.convolution.top", "cat.convolution.side"} <= paints
    assert "cat.normalization" in paints and "cat.activation" in paints
    captions = {t.plain for t in tensor_checks.texts(scene)}
    assert {"conv 3×3, 32", "BN · ReLU", "conv 3×3/2, 64", "32×32"} <= captions


def test_dims_text_writes_shapes_under_the_block() -> None:
    captions = {t.plain for t in tensor_checks.texts(_layout("lenet", dims="text"))}
    assert {"28×28×6"} & captions or {"6×28×28"} <= captions


def test_fold_repeats_draws_the_count() -> None:
    texts = {t.plain for t in tensor_checks.texts(_layout("folded", fold_repeats=True))}
    assert "×2  stage 1" in texts


def test_elide_draws_dots_and_keeps_both_ends() -> None:
    scene = STYLE.layout(graphs.chain(60), build(BlockOptions, {"elide": True}))
    dots = [c for c in walk(scene.items) if isinstance(c, Circle) and c.role == "annotation"]
    assert len(dots) == 3
    assert len(tensor_checks.layer_groups(scene)) == 8
    assert "52 more layers" in {t.plain for t in tensor_checks.texts(scene)}


def test_wrap_auto_breaks_a_long_chain_into_rows() -> None:
    scene = STYLE.layout(graphs.chain(40), build(BlockOptions, {}))
    assert scene.width < 1700 and scene.height > 400
    tensor_checks.assert_tensor_invariants(scene)


def test_bad_options_say_what_is_allowed() -> None:
    with pytest.raises(OptionError, match=r"option 'angle' must be at most 80, got 95"):
        build(BlockOptions, {"angle": 95})
    with pytest.raises(OptionError, match=r"option 'scale' expects log \| sqrt \| linear"):
        build(BlockOptions, {"scale": "cubic"})


@pytest.mark.parametrize("count", [0, 1])
def test_tiny_graphs_render(count: int) -> None:
    graph = graphs.lenet()
    from dataclasses import replace

    tiny = replace(graph, nodes=graph.nodes[:count], edges=())
    scene = STYLE.layout(tiny, build(BlockOptions, {}))
    tensor_checks.assert_tensor_invariants(scene)
    assert scene.width > 0 and scene.height > 0


def test_flat_boxes_at_angle_zero() -> None:
    scene = _layout("lenet", angle=0)
    tops = [
        p
        for p in walk(scene.items)
        if isinstance(p, Polygon) and p.fill and p.fill.paint.endswith(".top")
    ]
    assert all(len({y for _, y in p.points}) == 1 for p in tops)  # depth collapsed: no top face
