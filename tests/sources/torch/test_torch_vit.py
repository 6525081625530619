"""A ViT as ``timm`` writes one: its class token, position embedding and q/k/v split are wired
as the model computes them, and it draws folded by default."""

from __future__ import annotations

import warnings

import pytest
import scene_checks
import torch
import torch.nn.functional as F
from torch import nn

import nnviz_core
from nnviz_core.detail import CARD_BUDGET
from nnviz_core.ir import Graph
from nnviz_core.ir.transforms import fold_repeats, visible

pytestmark = pytest.mark.torch


class Attention(nn.Module):
    def __init__(self, dim: int, heads: int) -> None:
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(dim, dim * 3)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        batch, tokens, width = x.shape
        qkv = self.qkv(x).reshape(batch, tokens, 3, self.heads, width // self.heads)
        q, k, v = qkv.permute(2, 0, 3, 1, 4).unbind(0)
        x = F.scaled_dot_product_attention(q, k, v)
        return self.proj(x.transpose(1, 2).reshape(batch, tokens, width))


class Block(nn.Module):
    def __init__(self, dim: int, heads: int) -> None:
        super().__init__()
        self.norm1 = nn.LayerNorm(dim)
        self.attn = Attention(dim, heads)
        self.norm2 = nn.LayerNorm(dim)
        self.mlp = nn.Sequential(nn.Linear(dim, dim * 4), nn.GELU(), nn.Linear(dim * 4, dim))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x + self.attn(self.norm1(x))
        return x + self.mlp(self.norm2(x))


class ViT(nn.Module):
    """ViT-Base's structure (12 blocks, class token, learned positions) at a small width."""

    def __init__(self, dim: int = 32, depth: int = 12, patch: int = 8, size: int = 32) -> None:
        super().__init__()
        self.patch_embed = nn.Conv2d(3, dim, patch, patch)
        self.cls_token = nn.Parameter(torch.zeros(1, 1, dim))
        self.pos_embed = nn.Parameter(torch.zeros(1, (size // patch) ** 2 + 1, dim))
        self.blocks = nn.Sequential(*(Block(dim, 4) for _ in range(depth)))
        self.norm = nn.LayerNorm(dim)
        self.head = nn.Linear(dim, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.patch_embed(x).flatten(2).transpose(1, 2)
        x = torch.cat([self.cls_token.expand(x.shape[0], -1, -1), x], dim=1)
        x = x + self.pos_embed
        return self.head(self.norm(self.blocks(x))[:, 0])


@pytest.fixture(scope="module")
def graph() -> Graph:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing is left unexplained
        return nnviz_core.load(ViT(), example_inputs=torch.zeros(2, 3, 32, 32))


def test_the_class_token_and_positions_are_inputs_of_their_own(graph: Graph) -> None:
    token, positions = graph.node("cls_token"), graph.node("pos_embed")
    assert (token.op, token.attrs["type"], token.params) == ("custom", "Parameter", 32)
    assert token.outputs[0].shape == (1, 32)
    assert positions.outputs[0].shape == (17, 32) and positions.params == 17 * 32
    assert graph.predecessors("cat_1") == ("cls_token", "transpose_1")
    assert graph.node("cat_1").outputs[0].shape == (17, 32)
    assert graph.predecessors("add_1") == ("cat_1", "pos_embed")
    assert graph.total_params == sum(p.numel() for p in ViT().parameters())


def test_unbind_feeds_attention_its_three_outputs(graph: Graph) -> None:
    unbind = graph.node("blocks.0.attn.unbind_1")
    assert unbind.attrs["type"] == "unbind" and len(unbind.outputs) == 3
    attention = "blocks.0.attn.scaled_dot_product_attention_1"
    for shown in (graph, visible(fold_repeats(graph))):  # and as the styles see it, folded
        wires = {
            (edge.source_port, edge.target_port)
            for edge in shown.edges
            if edge.source == unbind.id and edge.target == attention
        }
        assert wires == {(0, 0), (1, 1), (2, 2)}


def test_the_first_view_folds_the_twelve_blocks(graph: Graph) -> None:
    scene = nnviz_core.render(graph).scene
    drawn = {str(item.layer) for item in scene_checks.with_role(scene.items, "layer")}
    assert len(drawn) <= CARD_BUDGET
    assert "blocks.0.attn.qkv" in drawn and "blocks.1.attn.qkv" not in drawn
    assert {"cls_token", "pos_embed"} <= drawn
