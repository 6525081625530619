"""Column names pair into one panel per metric, whatever tool wrote them."""

from __future__ import annotations

import pytest

from nnviz_core.history.data import Log, Series
from nnviz_core.history.pairing import pair, pretty, split_name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("loss", ("loss", "")),
        ("val_loss", ("loss", "val")),
        ("acc", ("acc", "")),
        ("val_acc", ("acc", "val")),
        ("val_accuracy", ("accuracy", "val")),
        ("train_loss", ("loss", "train")),
        ("valid_f1", ("f1", "val")),
        ("loss/train", ("loss", "train")),
        ("loss/val", ("loss", "val")),
        ("epoch_loss/validation", ("loss", "val")),
        ("epoch_accuracy", ("accuracy", "")),
        ("learning_rate", ("learning_rate", "")),
    ],
)
def test_split_name(name: str, expected: tuple[str, str]) -> None:
    assert split_name(name) == expected


def _log(*names: str) -> Log:
    return Log("test", "epoch", tuple(Series(name, (0.0,), (1.0,)) for name in names))


def test_pairs_keep_log_order_with_loss_first() -> None:
    metrics = pair(_log("accuracy", "loss", "val_accuracy", "val_loss", "lr"))
    assert [(m.name, m.train and m.train.name, m.val and m.val.name) for m in metrics] == [
        ("loss", "loss", "val_loss"),
        ("accuracy", "accuracy", "val_accuracy"),
        ("lr", "lr", None),
    ]


def test_a_second_training_twin_gets_its_own_panel() -> None:
    metrics = pair(_log("loss", "train_loss", "val_loss"))
    assert [(m.name, m.train and m.train.name, m.val and m.val.name) for m in metrics] == [
        ("loss", "loss", "val_loss"),
        ("train_loss", "train_loss", None),
    ]


def test_headings() -> None:
    assert [pretty(n) for n in ("loss", "acc", "mae", "learning_rate", "top_k")] == [
        "Loss",
        "Accuracy",
        "MAE",
        "Learning rate",
        "Top k",
    ]
