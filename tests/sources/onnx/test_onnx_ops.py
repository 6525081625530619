"""One PyTorch layer at a time through ONNX: the canonical op and attributes it becomes."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest
import torch
from torch import nn

from nnviz_core.sources.onnx_model import load_onnx_file

pytestmark = [pytest.mark.onnx, pytest.mark.torch]


class Upsample(nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return nn.functional.interpolate(x, scale_factor=2, mode="nearest")


class LastStep(nn.Module):
    def __init__(self, rnn: nn.Module) -> None:
        super().__init__()
        self.rnn = rnn

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.rnn(x)[0]


CASES: list[tuple[str, nn.Module, tuple[int, ...], str, dict[str, Any], tuple[int, ...]]] = [
    ("conv1d", nn.Conv1d(4, 6, 3, stride=2), (1, 4, 9), "conv1d",
     {"filters": 6, "kernel": (3,), "strides": (2,)}, (6, 4)),
    ("conv3d", nn.Conv3d(2, 3, 3, padding=1), (1, 2, 4, 4, 4), "conv3d",
     {"filters": 3, "padding": (1, 1, 1)}, (3, 4, 4, 4)),
    ("deconv", nn.ConvTranspose2d(4, 2, 2, stride=2), (1, 4, 5, 5), "conv2d_transpose",
     {"filters": 2, "kernel": (2, 2), "strides": (2, 2)}, (2, 10, 10)),
    ("grouped", nn.Conv2d(4, 8, 3, groups=4), (1, 4, 6, 6), "conv2d", {"groups": 4}, (8, 4, 4)),
    ("avgpool1d", nn.AvgPool1d(2), (1, 3, 8), "avgpool1d", {"pool_size": (2,)}, (3, 4)),
    ("adaptivemax", nn.AdaptiveMaxPool2d(1), (1, 3, 5, 5), "maxpool2d",
     {"pool_size": (5, 5)}, (3, 1, 1)),
    ("globalavg", nn.AdaptiveAvgPool1d(1), (1, 3, 5), "global_avgpool1d",
     {"keepdims": True}, (3, 1)),
    ("relu6", nn.ReLU6(), (1, 5), "relu6", {}, (5,)),
    ("leaky", nn.LeakyReLU(0.2), (1, 5), "leaky_relu", {"negative_slope": 0.2}, (5,)),
    ("gelu", nn.GELU(), (1, 5), "gelu", {}, (5,)),
    ("sigmoid", nn.Sigmoid(), (1, 5), "sigmoid", {}, (5,)),
    ("elu", nn.ELU(0.5), (1, 5), "elu", {"alpha": 0.5}, (5,)),
    ("softmax", nn.Softmax(dim=1), (1, 5, 2), "softmax", {"axis": 0}, (5, 2)),
    ("logsoftmax", nn.LogSoftmax(dim=1), (1, 5), "log_softmax", {}, (5,)),
    ("layernorm", nn.LayerNorm(5), (1, 3, 5), "layernorm", {"epsilon": 1e-5}, (3, 5)),
    ("instancenorm", nn.InstanceNorm2d(4, affine=True), (1, 4, 3, 3), "instancenorm",
     {"affine": True}, (4, 3, 3)),
    ("upsample", Upsample(), (1, 2, 3, 3), "upsampling2d",
     {"size": (2, 2), "interpolation": "nearest"}, (2, 6, 6)),
    ("permute", nn.Flatten(2), (1, 2, 3, 3), "reshape", {"target_shape": (2, 9)}, (2, 9)),
    ("gru", LastStep(nn.GRU(4, 6, bidirectional=True)), (5, 1, 4), "gru",
     {"units": 6, "bidirectional": True, "reset_after": True, "return_sequences": True}, (5, 12)),
    ("rnn", LastStep(nn.RNN(4, 3)), (5, 1, 4), "simple_rnn", {"units": 3}, (5, 3)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("label", "module", "shape", "op", "attrs", "out"), CASES, ids=[c[0] for c in CASES]
)
def test_layer_maps_onto_the_catalogue(
    tmp_path: Path,
    label: str,
    module: nn.Module,
    shape: tuple[int, ...],
    op: str,
    attrs: dict[str, Any],
    out: tuple[int, ...],
) -> None:
    path = tmp_path / f"{label}.onnx"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(module.eval(), (torch.zeros(shape),), str(path), dynamo=False)
    graph = load_onnx_file(path)
    node = next(n for n in graph.nodes if n.op == op)
    assert {key: node.attrs[key] for key in attrs} == attrs
    assert node.outputs[0].shape == out
    assert graph.total_params == sum(p.numel() for p in module.parameters()) + sum(
        b.numel() for n, b in module.named_buffers() if "num_batches" not in n
    )
