"""Shapes and parameter counts of the catalogue agree with real ``torch.nn`` layers.

PyTorch shapes carry a batch dimension and put sequence features last; the catalogue is
channels-first without a batch, so sequences compare transposed.
"""

from __future__ import annotations

from typing import Any

import pytest
import torch
from torch import nn

from nnviz_core.ir.ops import Incoming, apply, lookup

pytestmark = pytest.mark.torch


def torch_count(module: nn.Module) -> int:
    """Parameters plus batch norm's running statistics (Keras counts those as weights)."""
    params = sum(p.numel() for p in module.parameters())
    stats = sum(b.numel() for name, b in module.named_buffers() if name.endswith(("_mean", "_var")))
    return params + stats


def ours(op: str, args: dict[str, Any], *shapes: tuple[int, ...]) -> tuple[tuple[Any, ...], int]:
    applied = apply(lookup(op), args, [Incoming(shape, f"in{i}") for i, shape in enumerate(shapes)])
    return applied.shape, applied.params


IMAGE_CASES = [
    ("conv1d", {"filters": 32, "kernel": 3, "strides": 2, "padding": 1}, (16, 50),
     nn.Conv1d(16, 32, 3, 2, 1)),
    ("conv2d", {"out_channels": 64, "kernel_size": 3, "stride": 2, "padding": 1, "groups": 4,
                "bias": False}, (32, 28, 28), nn.Conv2d(32, 64, 3, 2, 1, groups=4, bias=False)),
    ("conv2d", {"filters": 8, "kernel": 3, "dilation": 2}, (3, 32, 32),
     nn.Conv2d(3, 8, 3, dilation=2)),
    ("conv2d", {"filters": 8, "kernel": [5, 3], "padding": "same"}, (3, 31, 30),
     nn.Conv2d(3, 8, (5, 3), padding="same")),
    ("conv2d", {"filters": 6, "kernel": 5, "in_channels": 1}, (1, 32, 32), nn.Conv2d(1, 6, 5)),
    ("conv3d", {"filters": 4, "kernel": 3, "strides": [1, 2, 2]}, (2, 8, 16, 16),
     nn.Conv3d(2, 4, 3, stride=(1, 2, 2))),
    ("conv2d_transpose", {"filters": 32, "kernel": 2, "strides": 2}, (64, 14, 14),
     nn.ConvTranspose2d(64, 32, 2, stride=2)),
    ("conv2d_transpose", {"filters": 8, "kernel": 3, "strides": 2, "padding": 1,
                          "output_padding": 1}, (16, 7, 9),
     nn.ConvTranspose2d(16, 8, 3, stride=2, padding=1, output_padding=1)),
    ("conv1d_transpose", {"filters": 4, "kernel": 4, "strides": 3, "dilation": 2}, (6, 10),
     nn.ConvTranspose1d(6, 4, 4, stride=3, dilation=2)),
    ("conv3d_transpose", {"filters": 2, "kernel": 2, "strides": 2, "groups": 2}, (4, 3, 5, 5),
     nn.ConvTranspose3d(4, 2, 2, stride=2, groups=2)),
    ("depthwise_conv2d", {"kernel": 3, "depth_multiplier": 2, "padding": "same"}, (16, 20, 20),
     nn.Conv2d(16, 32, 3, padding=1, groups=16)),
    ("separable_conv2d", {"filters": 32, "kernel": 3}, (16, 20, 20),
     nn.Sequential(nn.Conv2d(16, 16, 3, groups=16, bias=False), nn.Conv2d(16, 32, 1))),
    ("maxpool2d", {"pool_size": 3, "strides": 2, "padding": 1}, (64, 112, 112),
     nn.MaxPool2d(3, 2, 1)),
    ("avgpool1d", {"kernel_size": 2}, (8, 11), nn.AvgPool1d(2)),
    ("maxpool3d", {"pool_size": [1, 2, 2]}, (4, 6, 10, 10), nn.MaxPool3d((1, 2, 2))),
    ("adaptive_avgpool2d", {"output_size": 7}, (512, 14, 13), nn.AdaptiveAvgPool2d(7)),
    ("global_avgpool2d", {}, (512, 7, 7), nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten())),
    ("global_maxpool1d", {"keepdims": True}, (16, 9), nn.AdaptiveMaxPool1d(1)),
    ("dense", {"out_features": 84, "in_features": 120}, (120,), nn.Linear(120, 84)),
    ("batchnorm", {"num_features": 64}, (64, 8, 8), nn.BatchNorm2d(64)),
    ("groupnorm", {"num_groups": 4}, (32, 8, 8), nn.GroupNorm(4, 32)),
    ("instancenorm", {"affine": True}, (8, 5, 5), nn.InstanceNorm2d(8, affine=True)),
    ("upsampling2d", {"scale_factor": 2}, (16, 7, 9), nn.Upsample(scale_factor=2)),
    ("zero_padding2d", {"padding": [[2, 2], [1, 1]]}, (3, 10, 10), nn.ZeroPad2d((1, 1, 2, 2))),
    ("flatten", {}, (16, 5, 5), nn.Flatten()),
    ("dropout", {"p": 0.2}, (16, 5), nn.Dropout(0.2)),
    ("gelu", {}, (16, 5), nn.GELU()),
]  # fmt: skip


@pytest.mark.parametrize(("op", "args", "shape", "module"), IMAGE_CASES)
def test_matches_torch(
    op: str, args: dict[str, Any], shape: tuple[int, ...], module: nn.Module
) -> None:
    expected = tuple(module(torch.zeros(1, *shape)).shape[1:])
    assert ours(op, args, shape) == (expected, torch_count(module))


SEQUENCE_CASES = [
    ("lstm", {"hidden_size": 64, "return_sequences": True, "recurrent_bias": True}, (32, 12),
     nn.LSTM(32, 64, batch_first=True)),
    ("lstm", {"units": 20, "bidirectional": True, "num_layers": 2, "recurrent_bias": True,
              "return_sequences": True}, (8, 5),
     nn.LSTM(8, 20, num_layers=2, bidirectional=True, batch_first=True)),
    ("gru", {"units": 48, "return_sequences": True}, (32, 7), nn.GRU(32, 48, batch_first=True)),
    ("simple_rnn", {"units": 16, "return_sequences": True, "recurrent_bias": True}, (32, 7),
     nn.RNN(32, 16, batch_first=True)),
    ("layernorm", {}, (64, 10), nn.LayerNorm(64)),
    ("dense", {"units": 10}, (64, 10), nn.Linear(64, 10)),
]  # fmt: skip


@pytest.mark.parametrize(("op", "args", "shape", "module"), SEQUENCE_CASES)
def test_sequence_layers_match_torch(
    op: str, args: dict[str, Any], shape: tuple[int, ...], module: nn.Module
) -> None:
    result = module(torch.zeros(1, shape[1], shape[0]))
    tensor = result[0] if isinstance(result, tuple) else result
    expected = tuple(reversed(tensor.shape[1:]))
    assert ours(op, args, shape) == (expected, torch_count(module))


def test_last_state_only_without_return_sequences() -> None:
    assert ours("lstm", {"units": 64}, (32, 12))[0] == (64,)
    assert ours("gru", {"units": 8, "bidirectional": True}, (4, 3))[0] == (16,)


def test_embedding_matches_torch() -> None:
    module = nn.Embedding(1000, 64)
    out = module(torch.zeros(1, 12, dtype=torch.long))
    assert ours("embedding", {"num_embeddings": 1000, "embedding_dim": 64}, (12,)) == (
        tuple(reversed(out.shape[1:])),
        torch_count(module),
    )


def test_attention_and_transformer_counts_match_torch() -> None:
    mha = nn.MultiheadAttention(64, 8, batch_first=True)
    assert ours("multi_head_attention", {"num_heads": 8}, (64, 10)) == ((64, 10), torch_count(mha))
    encoder = nn.TransformerEncoderLayer(64, 4, dim_feedforward=128, batch_first=True)
    args = {"nhead": 4, "dim_feedforward": 128}
    assert ours("transformer_encoder", args, (64, 10)) == ((64, 10), torch_count(encoder))
    decoder = nn.TransformerDecoderLayer(64, 4, dim_feedforward=128, batch_first=True)
    assert ours("transformer_decoder", args, (64, 10), (64, 7)) == ((64, 10), torch_count(decoder))
    stack = nn.TransformerEncoder(encoder, num_layers=3, enable_nested_tensor=False)
    assert ours("transformer_encoder", {**args, "num_layers": 3}, (64, 10))[1] == torch_count(stack)


def test_merges_match_torch() -> None:
    a, b = torch.zeros(1, 16, 8, 8), torch.zeros(1, 24, 8, 8)
    assert ours("concat", {}, (16, 8, 8), (24, 8, 8))[0] == tuple(torch.cat([a, b], 1).shape[1:])
    assert ours("add", {}, (16, 8, 8), (16, 8, 8)) == ((16, 8, 8), 0)


def test_reshape_and_permute_match_torch() -> None:
    x = torch.zeros(1, 4, 6, 8)
    assert ours("reshape", {"target_shape": [-1, 12]}, (4, 6, 8))[0] == tuple(
        x.reshape(1, -1, 12).shape[1:]
    )
    assert ours("permute", {"dims": [3, 1, 2]}, (4, 6, 8))[0] == tuple(
        x.permute(0, 3, 1, 2).shape[1:]
    )
