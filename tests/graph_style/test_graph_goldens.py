"""Golden files for the graph style (refresh with ``pytest --update-goldens``, review the diff).

The goldens hold what this style decides (the DOT it writes, where cards, edges and clusters
land), not backend bytes, so an SVG backend change does not touch them.
"""

from __future__ import annotations

import scene_checks
from graph_style_samples import lenet, tiny_resnet

from nnviz_core.options import build
from nnviz_core.scene import Path, Scene, Text, walk
from nnviz_core.styles.graph import STYLE, GraphOptions, to_dot


def _box(item) -> str:
    return " ".join(f"{value:.2f}" for value in scene_checks.bbox(item, ink=False))


def placement(scene: Scene) -> str:
    """One line per card, cluster, edge and text: what it is and where it sits."""
    lines = [f"canvas {scene.width:.2f} {scene.height:.2f}"]
    for role in ("group", "layer"):
        lines += [
            f"{role} {item.layer} {_box(item)}"
            for item in scene_checks.with_role(scene.items, role)
        ]
    for item in walk(scene.items):
        if isinstance(item, Path) and item.role == "edge":
            points = " ".join(f"{x:.2f},{y:.2f}" for s in item.segments for x, y in _points(s))
            lines.append(f"edge {item.layer} {points}")
        elif isinstance(item, Text):
            lines.append(f"text {item.x:.2f} {item.y:.2f} {item.size:g} {item.plain}")
    return "\n".join(lines) + "\n"


def _points(segment) -> list[tuple[float, float]]:
    return [value for value in vars(segment).values() if isinstance(value, tuple)]


def test_dot_source_golden(golden) -> None:
    golden("graph/tiny-resnet-folded.dot", to_dot(tiny_resnet(3), fold_repeats=True).to_string())


def test_placement_golden(golden) -> None:
    options = build(GraphOptions, {"title": "LeNet-5", "show_trainable": True})
    golden("graph/lenet.placement.txt", placement(STYLE.layout(lenet(), options)))


def test_placement_golden_with_clusters(golden) -> None:
    options = build(GraphOptions, {"rankdir": "LR"})
    golden("graph/tiny-resnet-lr.placement.txt", placement(STYLE.layout(tiny_resnet(2), options)))


def test_placement_golden_of_an_encoder_decoder_on_a_slide(golden) -> None:
    """U-Net on a 16:9 slide, drawn level by level (:mod:`nnviz_core.styles.graph.levels`)."""
    from pathlib import Path as FilePath

    import nnviz_core

    spec = FilePath(__file__).parents[2] / "examples" / "unet.yaml"
    scene = nnviz_core.render(spec, "graph", fit="slide").scene
    golden("graph/unet-slide.placement.txt", placement(scene))
