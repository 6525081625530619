"""The ``lenet`` style: invariants, NN-SVG labels and captions, fixed kernel windows."""

from __future__ import annotations

import block_lenet_graphs as graphs
import pytest
import tensor_checks

from nnviz_core import registry
from nnviz_core.options import build
from nnviz_core.scene import Circle, Path, Rect, Scene, walk
from nnviz_core.styles.lenet import STYLE, LenetOptions

VARIANTS = {
    "default": {},
    "plain": {"merge_inplace": False, "kernels": False, "max_maps": 3},
    "folded": {"fold_repeats": True, "scale": "linear", "neurons": 0},
    "wrapped": {"wrap": 3, "direction": "RL", "title": "A title", "elide": True},
}


def _layout(name: str, **values: object) -> Scene:
    return STYLE.layout(graphs.BY_NAME[name](), build(LenetOptions, values))


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("name", graphs.BY_NAME)
def test_geometry_invariants(name: str, variant: str) -> None:
    tensor_checks.assert_tensor_invariants(_layout(name, **VARIANTS[variant]))


def test_is_registered_and_deterministic() -> None:
    assert registry.style("lenet") is STYLE
    assert _layout("lenet") == _layout("lenet")


def test_stacks_are_labelled_and_gaps_captioned() -> None:
    texts = {t.plain for t in tensor_checks.texts(_layout("lenet"))}
    assert {"1@32×32", "6@28×28", "16@5×5", "120"} <= texts
    assert {"Convolution 5×5", "Avg-pool 2×2", "Flatten", "Dense", "tanh"} <= texts


def test_stacks_draw_at_most_max_maps() -> None:
    scene = _layout("lenet", max_maps=4, kernels=False)
    maps = [r for r in walk(scene.items) if isinstance(r, Rect) and r.layer == "n4"]
    assert len(maps) == 4


def test_kernel_windows_project_to_the_next_stack() -> None:
    scene = _layout("lenet", fit="none")  # one row: no window across a row break
    lines = [p for p in walk(scene.items) if isinstance(p, Path) and p.role is None]
    assert len(lines) == 4  # two rays (one path) for each of the four windowed layers
    without = _layout("lenet", kernels=False, fit="none")
    assert not [p for p in walk(without.items) if isinstance(p, Path) and p.role is None]


def test_small_dense_layers_are_neuron_columns() -> None:
    scene = _layout("lenet")
    neurons = [c for c in walk(scene.items) if isinstance(c, Circle) and c.layer == "n9"]
    assert len(neurons) == 10


def test_author_colour_label_and_note_are_honoured() -> None:
    from dataclasses import replace

    from nnviz_core.ir.graph import Display

    graph = graphs.lenet()
    special = Display(label="C1", color="#3366cc", note="feature maps")
    nodes = tuple(replace(n, display=special) if n.id == "n1" else n for n in graph.nodes)
    for style in (STYLE, registry.style("block")):
        scene = style.layout(replace(graph, nodes=nodes), build(style.options, {}))
        texts = {t.plain for t in tensor_checks.texts(scene)}
        assert {"C1", "feature maps"} <= texts
        paints = {getattr(i, "fill", None) and i.fill.paint for i in walk(scene.items)}
        assert "#3366cc" in paints
        tensor_checks.assert_tensor_invariants(scene)
