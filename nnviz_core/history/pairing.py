"""Pairing log columns into metrics: `loss`/`val_loss`, `train_*`/`val_*`, `*/train`/`*/val`.

Keras writes ``loss`` and ``val_loss``; Lightning users write ``train_loss`` and ``val_loss``;
TensorBoard tags read ``loss/train`` and ``loss/val``. Each pair becomes one panel, named by
what the two share, so the same figure comes out of every tool's log.
"""

from __future__ import annotations

import re

from nnviz_core.history.data import Log, Metric, Series

_VAL_PREFIX = re.compile(r"^(?:val|valid|validation)[_/-](.+)$")
_TRAIN_PREFIX = re.compile(r"^(?:train|training)[_/-](.+)$")
_VAL_SUFFIX = re.compile(r"^(.+)[_/-](?:val|valid|validation)$")
_TRAIN_SUFFIX = re.compile(r"^(.+)[_/-](?:train|training)$")


def split_name(name: str) -> tuple[str, str]:
    """``(metric, role)`` of a column: role is ``train``, ``val`` or ``""`` (unpaired)."""
    for pattern, role in (
        (_VAL_PREFIX, "val"),
        (_TRAIN_PREFIX, "train"),
        (_VAL_SUFFIX, "val"),
        (_TRAIN_SUFFIX, "train"),
    ):
        found = pattern.match(name)
        if found:
            return _plain(found.group(1)), role
    return _plain(name), ""


def _plain(metric: str) -> str:
    """Keras' TensorBoard callback prefixes its epoch-level tags with ``epoch_``."""
    return metric[len("epoch_") :] if metric.startswith("epoch_") and len(metric) > 6 else metric


def pair(log: Log) -> tuple[Metric, ...]:
    """One metric per shared name, ``loss`` first, the others in the order the log has them."""
    order: list[str] = []
    train: dict[str, Series] = {}
    val: dict[str, Series] = {}
    for series in log.series:
        metric, role = split_name(series.name)
        if metric not in order:
            order.append(metric)
        target = val if role == "val" else train
        if metric in target:  # e.g. both `loss` and `train_loss`: keep the first as train
            order.append(series.name)
            train[series.name] = series
            continue
        target[metric] = series
    if "loss" in order:
        order.remove("loss")
        order.insert(0, "loss")
    return tuple(Metric(name, train.get(name), val.get(name)) for name in order)


#: How common metric abbreviations read as panel headings.
HEADINGS = {
    "acc": "Accuracy",
    "lr": "Learning rate",
    "mae": "MAE",
    "mse": "MSE",
    "rmse": "RMSE",
    "auc": "AUC",
    "iou": "IoU",
    "f1": "F1",
    "ppl": "Perplexity",
}


def pretty(name: str) -> str:
    """``learning_rate`` → ``Learning rate``, ``acc`` → ``Accuracy``, ``mae`` → ``MAE``."""
    if name.lower() in HEADINGS:
        return HEADINGS[name.lower()]
    words = name.replace("_", " ").strip()
    return words[:1].upper() + words[1:]
