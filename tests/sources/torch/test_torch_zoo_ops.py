"""Operations real ``transformers`` models use, drawn as catalogue ops rather than generic nodes:
comparisons and casts (RoBERTa's position ids), T5's RMS norm, Swin's relative position bias,
scaled dot-product attention."""

from __future__ import annotations

import warnings

import pytest
import torch
from torch import nn

from nnviz_core.ir import Graph
from nnviz_core.sources.torch_model import load_torch

pytestmark = pytest.mark.torch


class PositionIds(nn.Module):
    """RoBERTa's position ids: a mask of the non-padding tokens, cast, summed and cast back."""

    def __init__(self) -> None:
        super().__init__()
        self.positions = nn.Embedding(40, 8)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        mask = ids.ne(1).int()
        positions = torch.cumsum(mask, dim=1).type_as(mask) * mask
        return self.positions(positions.long() + 1)


class Attention(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.qkv = nn.Linear(8, 24)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        q, k, v = self.qkv(x).chunk(3, dim=-1)
        return nn.functional.scaled_dot_product_attention(q, k, v)


def _load(model: nn.Module, shape: str) -> Graph:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing here may fall back to a generic node
        return load_torch(model, input_shape=shape)


def test_a_comparison_is_a_mask_and_casts_are_not_drawn() -> None:
    graph = _load(PositionIds(), "1,6:int64")
    ops = [node.op for node in graph.nodes]
    assert "not_equal" in ops and "int" not in str(ops) and "long" not in str(ops)
    mask = next(node for node in graph.nodes if node.op == "not_equal")
    assert (mask.category, mask.outputs[0].shape) == ("activation", (6,))


def test_scaled_dot_product_attention_is_attention() -> None:
    graph = _load(Attention(), "1,5,8")
    node = next(node for node in graph.nodes if node.op == "dot_product_attention")
    assert node.category == "attention" and len(node.inputs) == 3 and node.params == 0


def test_t5_layer_norm_is_an_rms_norm() -> None:
    from transformers.models.t5.modeling_t5 import T5LayerNorm

    graph = _load(nn.Sequential(nn.Linear(8, 16), T5LayerNorm(16, eps=1e-5)), "1,4,8")
    norm = graph.nodes[-1]
    assert (norm.op, norm.category, norm.params) == ("rmsnorm", "normalization", 16)
    assert norm.attrs["epsilon"] == 1e-5


def test_torch_rms_norm_is_an_rms_norm() -> None:
    graph = _load(nn.Sequential(nn.RMSNorm(8, elementwise_affine=False)), "1,4,8")
    assert (graph.nodes[-1].op, graph.nodes[-1].params) == ("rmsnorm", 0)


def test_swin_relative_position_bias_is_a_learned_table() -> None:
    from transformers.models.swin.modeling_swin import SwinRelativePositionBias

    class Bias(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bias = SwinRelativePositionBias(3, (7, 7))

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return x + self.bias()

    graph = _load(Bias(), "1,3,49,49")
    node = graph.node("bias")
    assert (node.op, node.category) == ("relative_position_bias", "embedding")
    assert node.attrs["num_heads"] == 3 and node.attrs["window"] == (7, 7)
    assert node.params == 13 * 13 * 3
