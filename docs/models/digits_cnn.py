"""A small CNN for scikit-learn's 8×8 handwritten digits, trained by tools/train_digits.py.

The docs draw it with its real activations (docs/activations.rst). ``trained()`` builds it with
the weights the script saved beside this file as plain arrays (``digits_cnn.npz``, read with
``allow_pickle=False``), so building the docs never trains and never unpickles anything.
Inputs are 1×8×8 images scaled to 0–1 (the digits' 0–16 divided by 16).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
from torch import nn

WEIGHTS = Path(__file__).with_name("digits_cnn.npz")


class DigitNet(nn.Module):
    """conv 3×3 (8) → max-pool → conv 3×3 (16) → max-pool → dense 32 → dense 10."""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3, padding=1)
        self.relu1 = nn.ReLU()
        self.pool1 = nn.MaxPool2d(2)
        self.conv2 = nn.Conv2d(8, 16, 3, padding=1)
        self.relu2 = nn.ReLU()
        self.pool2 = nn.MaxPool2d(2)
        self.flatten = nn.Flatten()
        self.fc = nn.Linear(16 * 2 * 2, 32)
        self.relu3 = nn.ReLU()
        self.logits = nn.Linear(32, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.pool1(self.relu1(self.conv1(x)))
        x = self.pool2(self.relu2(self.conv2(x)))
        return self.logits(self.relu3(self.fc(self.flatten(x))))


def trained() -> DigitNet:
    """The network with the weights tools/train_digits.py saved."""
    net = DigitNet()
    with np.load(WEIGHTS, allow_pickle=False) as saved:
        net.load_state_dict({name: torch.from_numpy(saved[name]) for name in saved.files})
    return net.eval()
