"""Real-sized PyTorch models draw a readable first view by default (``detail: auto``).

GPT-2 and BERT come from ``transformers`` configs, with random weights and nothing downloaded;
the configs are narrow (64 wide) but have the default 12 layers, so the graphs have the default
models' structure and layer counts. A ResNet-50-like network stands in for torchvision's.
"""

from __future__ import annotations

import warnings

import pytest
import scene_checks
import torch
from torch import nn

import nnviz_core
from nnviz_core.canvas import canvas_for, effective_text
from nnviz_core.detail import CARD_BUDGET
from nnviz_core.ir import Graph
from nnviz_core.scene import Scene

pytestmark = pytest.mark.torch

import transformers  # noqa: E402  (the dev extra installs it)


def cards(scene: Scene) -> set[str]:
    return {str(item.layer) for item in scene_checks.with_role(scene.items, "layer")}


def _load(model: nn.Module, example: torch.Tensor) -> Graph:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ops without a catalogue entry are drawn generically
        return nnviz_core.load(model.eval(), example_inputs=example)


def gpt2() -> Graph:
    config = transformers.GPT2Config(
        n_embd=64, n_head=4, vocab_size=500, n_positions=64, bos_token_id=0, eos_token_id=0
    )
    return _load(transformers.GPT2Model(config), torch.zeros(1, 16, dtype=torch.long))


def bert() -> Graph:
    config = transformers.BertConfig(
        hidden_size=64, num_attention_heads=4, intermediate_size=128, vocab_size=500
    )
    return _load(transformers.BertModel(config), torch.zeros(1, 16, dtype=torch.long))


class Bottleneck(nn.Module):
    def __init__(self, inside: int, width: int, stride: int) -> None:
        super().__init__()
        out = width * 4
        self.conv1 = nn.Conv2d(inside, width, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.conv2 = nn.Conv2d(width, width, 3, stride, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(width)
        self.conv3 = nn.Conv2d(width, out, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(out)
        self.relu = nn.ReLU()
        self.downsample = (
            nn.Sequential(nn.Conv2d(inside, out, 1, stride, bias=False), nn.BatchNorm2d(out))
            if stride != 1 or inside != out
            else None
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.relu(self.bn1(self.conv1(x)))
        y = self.relu(self.bn2(self.conv2(y)))
        y = self.bn3(self.conv3(y))
        return self.relu(y + (x if self.downsample is None else self.downsample(x)))


def _stage(inside: int, width: int, blocks: int, stride: int) -> nn.Sequential:
    first = Bottleneck(inside, width, stride)
    return nn.Sequential(first, *(Bottleneck(width * 4, width, 1) for _ in range(blocks - 1)))


class ResNet50Like(nn.Module):
    """ResNet-50's layout (stages of 3, 4, 6, 3 bottlenecks) at a sixteenth of its width."""

    def __init__(self) -> None:
        super().__init__()
        self.stem = nn.Sequential(
            nn.Conv2d(3, 4, 7, 2, 3, bias=False),
            nn.BatchNorm2d(4),
            nn.ReLU(),
            nn.MaxPool2d(3, 2, 1),
        )
        self.layer1 = _stage(4, 4, 3, 1)
        self.layer2 = _stage(16, 8, 4, 2)
        self.layer3 = _stage(32, 16, 6, 2)
        self.layer4 = _stage(64, 32, 3, 2)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(128, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.layer4(self.layer3(self.layer2(self.layer1(self.stem(x)))))
        return self.fc(torch.flatten(self.pool(x), 1))


def resnet() -> Graph:
    return _load(ResNet50Like(), torch.zeros(1, 3, 64, 64))


#: Each model, the cards it draws in full (as measured, counted after hidden layers), and the
#: cards of its default first view.
#: BERT's count alone would allow 34 cards (depth 4), but those draw 1,190 px wide, read at
#: 6.7 px in a page column; detail: auto closes the groups whose layers stand side by side
#: instead (the embeddings, the self-attention's query, key and value): 16 cards at 10.5 px.
MODELS = {"gpt2": (gpt2, 272, 30), "bert": (bert, 287, 16), "resnet50": (resnet, 176, 16)}


@pytest.fixture(scope="module")
def graphs() -> dict[str, Graph]:
    return {name: factory() for name, (factory, _, _) in MODELS.items()}


@pytest.mark.parametrize("name", sorted(MODELS))
def test_the_first_view_stays_within_the_budget(graphs: dict[str, Graph], name: str) -> None:
    _, full_count, first_count = MODELS[name]
    diagram = nnviz_core.render(graphs[name])
    assert len(cards(diagram.scene)) == first_count <= CARD_BUDGET
    assert len(cards(nnviz_core.render(graphs[name], detail="full").scene)) == full_count


@pytest.mark.parametrize("style", ["block", "lenet"])
def test_every_style_draws_the_first_view(graphs: dict[str, Graph], style: str) -> None:
    folded = nnviz_core.render(graphs["resnet50"], style)
    full = nnviz_core.render(graphs["resnet50"], style, detail="full")
    assert folded.style_options.fold_repeats and not full.style_options.fold_repeats
    assert folded.scene.height < full.scene.height * 0.75
    page = canvas_for("page")
    shown = effective_text(folded.scene, page)
    assert shown is not None and shown >= page.floor


def test_gpt2_folds_its_twelve_blocks_into_one_marked_x12(graphs: dict[str, Graph]) -> None:
    svg = nnviz_core.render(graphs["gpt2"]).svg
    assert "×12" in svg
    assert "h.0.attn" in svg and "h.1.ln_1" not in svg


def test_an_explicit_fold_repeats_false_keeps_the_blocks_as_cards(
    graphs: dict[str, Graph],
) -> None:
    drawn = cards(nnviz_core.render(graphs["bert"], fold_repeats=False).scene)
    assert len(drawn) <= CARD_BUDGET
    # all twelve layers stay, each as its three parts (depth 2 is the deepest that fits)
    parts = ("attention", "intermediate", "output")
    assert {f"encoder.layer.{i}.{part}" for i in range(12) for part in parts} <= drawn


def test_gpt2_layers_are_drawn_as_what_they_compute(graphs: dict[str, Graph]) -> None:
    graph = graphs["gpt2"]
    attention = graph.node("h.0.attn.c_attn")  # transformers' Conv1D: a dense layer
    assert (attention.op, attention.category, attention.attrs["units"]) == ("dense", "dense", 192)
    assert attention.params == 64 * 192 + 192
    assert graph.node("h.0.attn.transpose_1").op == "permute"  # (batch, heads, tokens, width)
    assert graph.node("h.0.attn.transpose_1").attrs["dims"] == (2, 1, 3)
    assert graph.node("h.0.mlp.act").op == "gelu"  # NewGELUActivation, one node
    generic = {node.attrs["type"] for node in graph.nodes if node.op == "custom"}
    assert generic == {"split"}
    attend = [node for node in graph.nodes if node.op == "dot_product_attention"]
    assert len(attend) == 12 and attend[0].category == "attention"
    # the key/value cache starts empty: its concatenation draws nothing
    assert not any(node.op == "concat" for node in graph.nodes)


def test_bert_first_view_is_its_embeddings_its_folded_layer_and_its_head(
    graphs: dict[str, Graph],
) -> None:
    diagram = nnviz_core.render(graphs["bert"])
    drawn = cards(diagram.scene)
    assert {"embeddings", "encoder.layer.0.attention.self"} <= drawn  # closed: side by side
    assert "encoder.layer.0.attention.output.dense" in drawn  # the rest of the layer is open
    assert not any(layer.startswith("encoder.layer.1.") for layer in drawn) and "×12" in diagram.svg
