"""Tiny PyTorch models as users' code holds them: a class, a factory, an instance, inputs."""

from __future__ import annotations

import torch
from torch import nn


class MLP(nn.Module):
    """A model class: ``nnviz_testmodels.torch_nets:MLP`` with ``model_args``."""

    def __init__(self, features: int = 8, hidden: int = 16, classes: int = 3) -> None:
        super().__init__()
        self.hidden = nn.Linear(features, hidden)
        self.act = nn.ReLU()
        self.out = nn.Linear(hidden, classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.out(self.act(self.hidden(x)))


class Embedder(nn.Module):
    """Needs integer token ids: drawn from ``example_inputs`` (or an int64 ``input_shape``)."""

    def __init__(self) -> None:
        super().__init__()
        self.embed = nn.Embedding(100, 8)
        self.proj = nn.Linear(8, 4)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        return self.proj(self.embed(ids))


class Exploding(nn.Module):
    """A forward that raises, as a model with a shape bug does."""

    def __init__(self) -> None:
        super().__init__()
        self.fc = nn.Linear(4, 4)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        raise RuntimeError(f"expected 3 channels, got {x.shape[1]}")


def make_exploding() -> Exploding:
    """A factory whose module raises: its error names both the factory and the class."""
    return Exploding()


class Residual(nn.Module):
    """One residual block; :class:`Stack` repeats it."""

    def __init__(self, width: int) -> None:
        super().__init__()
        self.fc = nn.Linear(width, width)
        self.act = nn.ReLU()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.act(self.fc(x))


class Stack(nn.Module):
    """Identical blocks in a ModuleList: a repeat that styles fold as ×N."""

    def __init__(self, depth: int = 3) -> None:
        super().__init__()
        self.stem = nn.Linear(4, 8)
        self.blocks = nn.ModuleList([Residual(8) for _ in range(depth)])
        self.head = nn.Linear(8, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.stem(x)
        for block in self.blocks:
            x = block(x)
        return self.head(x)


def build_mlp(classes: int = 3) -> MLP:
    """A factory: ``nnviz_testmodels.torch_nets:build_mlp``."""
    return MLP(classes=classes)


def token_ids() -> torch.Tensor:
    """Example inputs for :class:`Embedder`: ``nnviz_testmodels.torch_nets:token_ids``."""
    return torch.zeros(1, 12, dtype=torch.int64)


mlp = MLP()


def export_onnx(target: str) -> str:
    """Export the MLP (5 classes) with the TorchScript exporter, as users' CI would."""
    model = MLP(classes=5)
    torch.onnx.export(model, (torch.zeros(1, 8),), target, dynamo=False, input_names=["x"])
    return target
