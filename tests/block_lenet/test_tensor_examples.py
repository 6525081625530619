"""Every example renders in both tensor styles, with the geometry invariants holding."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import tensor_checks

from nnviz_core.options import build
from nnviz_core.sources.yaml_spec import load_path
from nnviz_core.styles.block import STYLE as BLOCK
from nnviz_core.styles.lenet import STYLE as LENET

EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*.yaml"))


@pytest.mark.parametrize("style", [BLOCK, LENET], ids=["block", "lenet"])
@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_renders_cleanly(path: Path, style: object) -> None:
    graph = load_path(path)
    scene = style.layout(graph, build(style.options, {}))  # type: ignore[attr-defined]
    tensor_checks.assert_tensor_invariants(scene)
    folded = style.layout(graph, build(style.options, {"fold_repeats": True}))  # type: ignore[attr-defined]
    tensor_checks.assert_tensor_invariants(folded)


def test_examples_are_found() -> None:
    assert len(EXAMPLES) >= 10


@pytest.mark.parametrize("style", [BLOCK, LENET], ids=["block", "lenet"])
def test_collapsed_groups_are_captioned_with_their_label(style: object) -> None:
    graph = load_path(EXAMPLES[0].parent / "resnet18.yaml")
    scene = style.layout(graph, build(style.options, {"depth": 0}))  # type: ignore[attr-defined]
    tensor_checks.assert_tensor_invariants(scene)
    captions = {t.plain for t in tensor_checks.texts(scene)}
    assert {"conv2_x ×2", "conv3_1", "conv5_2"} <= captions


def test_output_does_not_depend_on_the_hash_seed() -> None:
    """Sets and dicts must never leak their order into a drawing."""
    import subprocess
    import sys

    code = (
        "import nnviz_core, hashlib;"
        "print(hashlib.sha256(b''.join(nnviz_core.render('examples/inception.yaml', style=s,"
        " kernels=True).svg.encode() for s in ('block', 'lenet'))).hexdigest())"
    )
    root = Path(__file__).parents[2]
    digests = {
        subprocess.run(
            [sys.executable, "-c", code],
            cwd=root,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(digests) == 1


@pytest.mark.parametrize("style", ["block", "lenet"])
def test_lenet5_golden(style: str, golden: Callable[[str, str], None]) -> None:
    """The whole pipeline, byte for byte (``pytest --update-goldens`` after an intended change)."""
    import nnviz_core

    path = Path(__file__).parents[2] / "examples" / "lenet5.yaml"
    golden(f"tensor_styles/lenet5_{style}.svg", nnviz_core.render(str(path), style=style).svg)


@pytest.mark.parametrize("style", ["block", "lenet"])
def test_unet_slide_golden(style: str, golden: Callable[[str, str], None]) -> None:
    """U-Net laid out for a 16:9 slide (smaller shapes, broken captions, even labels)."""
    import nnviz_core

    path = Path(__file__).parents[2] / "examples" / "unet.yaml"
    svg = nnviz_core.render(str(path), style=style, fit="slide").svg
    golden(f"tensor_styles/unet_slide_{style}.svg", svg)
