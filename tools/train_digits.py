"""Train the docs' digit CNN on scikit-learn's ``load_digits`` and save what the docs need.

Writes, beside docs/models/digits_cnn.py: the weights as plain arrays (``digits_cnn.npz``) and
two example inputs from the held-out digits, a "3" and a "7" (``digit-3.png``, ``digit-7.png``,
8×8 greyscale, 0–16 scaled to 0–255). Runs on the CPU in a few seconds, seeded, one thread::

    python tools/train_digits.py

scikit-learn is needed only here (the dev extra); building the docs reads the saved files.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import torch
from PIL import Image
from sklearn.datasets import load_digits

MODELS = Path(__file__).resolve().parent.parent / "docs" / "models"
sys.path.insert(0, str(MODELS))

from digits_cnn import WEIGHTS, DigitNet  # noqa: E402

EPOCHS = 30
BATCH = 64
HELD_OUT = 297  # the last digits, never trained on


def _data() -> tuple[torch.Tensor, torch.Tensor]:
    digits = load_digits()
    images = torch.tensor(digits.images / 16.0, dtype=torch.float32)[:, None]
    return images, torch.tensor(digits.target)


def train() -> tuple[DigitNet, float]:
    """The trained network and its accuracy on the held-out digits."""
    torch.manual_seed(0)
    torch.set_num_threads(1)
    images, labels = _data()
    train_x, train_y = images[:-HELD_OUT], labels[:-HELD_OUT]
    net = DigitNet()
    optimiser = torch.optim.Adam(net.parameters(), lr=3e-3)
    loss = torch.nn.CrossEntropyLoss()
    for _ in range(EPOCHS):
        order = torch.randperm(len(train_x))
        for start in range(0, len(order), BATCH):
            batch = order[start : start + BATCH]
            optimiser.zero_grad()
            loss(net(train_x[batch]), train_y[batch]).backward()
            optimiser.step()
    net.eval()
    with torch.no_grad():
        guesses = net(images[-HELD_OUT:]).argmax(1)
    return net, float((guesses == labels[-HELD_OUT:]).float().mean())


def save_example(digit: int) -> Path:
    """The first held-out image of ``digit`` as an 8×8 greyscale PNG (no metadata)."""
    digits = load_digits()
    index = next(
        i
        for i in range(len(digits.target) - HELD_OUT, len(digits.target))
        if digits.target[i] == digit
    )
    pixels = np.rint(digits.images[index] / 16.0 * 255.0).astype(np.uint8)
    path = MODELS / f"digit-{digit}.png"
    Image.fromarray(pixels, "L").save(path, format="PNG", compress_level=9)
    return path


def main() -> None:
    net, accuracy = train()
    state = {name: value.detach().numpy() for name, value in net.state_dict().items()}
    np.savez(WEIGHTS, **state)
    for digit in (3, 7):
        save_example(digit)
    print(f"held-out accuracy {accuracy:.3f}; wrote {WEIGHTS.name}, digit-3.png, digit-7.png")


if __name__ == "__main__":
    main()
