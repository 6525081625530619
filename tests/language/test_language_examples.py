"""The examples load with the parameter counts the frameworks report for these networks."""

from __future__ import annotations

from pathlib import Path

import pytest

import nnviz_core

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# Published totals (torchvision / Keras applications); ResNet-18 adds batch norm's 9,600
# moving statistics, which Keras counts as (non-trainable) weights.
KNOWN = {
    "lenet5.yaml": 61_706,
    "alexnet.yaml": 62_378_344,
    "vgg16.yaml": 138_357_544,
    "resnet18.yaml": 11_689_512 + 9_600,
    "mlp.yaml": 784 * 512 + 512 + 512 * 512 + 512 + 512 * 10 + 10,
}


@pytest.mark.parametrize(("name", "total"), sorted(KNOWN.items()))
def test_known_parameter_totals(name: str, total: int) -> None:
    assert nnviz_core.load(EXAMPLES / name).total_params == total


def test_resnet_is_built_from_block_groups() -> None:
    graph = nnviz_core.load(EXAMPLES / "resnet18.yaml")
    assert graph.trainable_params == 11_689_512  # torchvision's count
    kinds = [group.kind for group in graph.groups]
    assert kinds.count("repeat") == 1 and kinds.count("iteration") == 2
    assert graph.nodes[-1].outputs[0].shape == (1000,)


def test_unet_skips_concatenate_channels() -> None:
    graph = nnviz_core.load(EXAMPLES / "unet.yaml")
    concats = [node for node in graph.nodes if node.op == "concat"]
    assert [node.outputs[0].shape[0] for node in concats] == [1024, 512, 256, 128]
    assert graph.nodes[-1].outputs[0].shape == (1, 256, 256)
