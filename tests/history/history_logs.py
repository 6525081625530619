"""Helpers shared by the history tests (imported by name: pytest runs without packages)."""

from __future__ import annotations

import math
from typing import Any

EPOCHS = 12


def curve(start: float, end: float, rate: float, epochs: int = EPOCHS) -> list[float]:
    """A smooth decaying (or rising, when end > start) curve, rounded like a real log."""
    return [round(end + (start - end) * math.exp(-index / rate), 4) for index in range(epochs)]


def lightning_text(epochs: int = 4, steps_per_epoch: int = 8) -> str:
    """Lightning's ``CSVLogger`` ``metrics.csv``: sparse rows, ``_step``/``_epoch`` twins."""
    rows = ["epoch,step,train_loss_epoch,train_loss_step,val_acc,val_loss"]
    step = 0
    for epoch in range(epochs):
        losses = []
        for _ in range(steps_per_epoch):
            loss = 1.4 * math.exp(-step / 12) + 0.05 * math.sin(step)
            losses.append(loss)
            rows.append(f"{epoch},{step},,{loss:.5f},,")
            step += 1
        rows.append(
            f"{epoch},{step - 1},,,{0.55 + 0.1 * epoch:.3f},{1.3 * math.exp(-step / 14):.5f}"
        )
        rows.append(f"{epoch},{step - 1},{sum(losses) / len(losses):.5f},,,")
    return "\n".join(rows) + "\n"


class FakeHistory:
    """Anything with ``.history`` and ``.epoch`` reads like a Keras ``History``."""

    def __init__(self, history: dict[str, list[Any]], epoch: list[int]) -> None:
        self.history = history
        self.epoch = epoch
