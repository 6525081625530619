"""Training logs of every supported format, written by the tests themselves."""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Any

import pytest
from history_logs import EPOCHS, curve, lightning_text


@pytest.fixture
def keras_dict() -> dict[str, list[float]]:
    """A ``History.history`` as Keras writes it: metrics, then their ``val_`` twins."""
    val_loss = curve(1.3, 0.35, 3.0)
    val_loss = [
        round(value + 0.004 * max(0, index - 7) ** 2, 4) for index, value in enumerate(val_loss)
    ]
    return {
        "accuracy": curve(0.42, 0.97, 3.0),
        "loss": curve(1.2, 0.08, 3.5),
        "val_accuracy": curve(0.40, 0.90, 3.0),
        "val_loss": val_loss,
    }


@pytest.fixture
def csvlogger_file(tmp_path: Path, keras_dict: dict[str, list[float]]) -> Path:
    """A Keras ``CSVLogger`` file: an ``epoch`` column, then the metrics sorted by name."""
    names = sorted(keras_dict)
    lines = ["epoch," + ",".join(names)]
    for epoch in range(EPOCHS):
        lines.append(f"{epoch}," + ",".join(repr(keras_dict[name][epoch]) for name in names))
    path = tmp_path / "training.log.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def lightning_csv(tmp_path: Path) -> Path:
    path = tmp_path / "lightning_logs" / "version_0" / "metrics.csv"
    path.parent.mkdir(parents=True)
    path.write_text(lightning_text(), encoding="utf-8")
    return path


@pytest.fixture
def tensorboard_dir(tmp_path: Path) -> Path:
    """Keras' TensorBoard layout written with PyTorch's writer: ``train/`` and ``validation/``
    runs with ``epoch_loss`` and ``epoch_accuracy`` tags, one NaN validation loss."""
    from torch.utils.tensorboard import SummaryWriter

    root = tmp_path / "logs"
    for run, offset in (("train", 0.0), ("validation", 0.1)):
        writer = SummaryWriter(str(root / run))
        for epoch in range(6):
            loss = math.nan if (run == "validation" and epoch == 3) else 1.0 / (epoch + 1) + offset
            writer.add_scalar("epoch_loss", loss, epoch)
            writer.add_scalar("epoch_accuracy", 0.5 + 0.08 * epoch - offset, epoch)
        writer.close()
    return root


@pytest.fixture(scope="session")
def keras_fit(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Path]:
    """A real ``model.fit``: its ``History`` and the file its ``CSVLogger`` wrote."""
    os.environ.setdefault("KERAS_BACKEND", "torch")
    import keras
    import numpy as np

    keras.utils.set_random_seed(0)
    folder = tmp_path_factory.mktemp("keras")
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation="softmax")])
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    x = np.random.RandomState(0).rand(32, 4).astype("float32")
    y = (x.sum(axis=1) * 1.5).astype("int32") % 3
    logger = keras.callbacks.CSVLogger(str(folder / "history.csv"))
    history = model.fit(x, y, epochs=3, validation_split=0.25, verbose=0, callbacks=[logger])
    return history, folder / "history.csv"


@pytest.fixture
def sphinx_site(tmp_path: Path, csvlogger_file: Path, lightning_csv: Path) -> Path:
    """A Sphinx source tree whose pages use ``.. nnviz-history::`` on logs of every kind."""
    src = tmp_path / "site"
    logs = src / "logs"
    logs.mkdir(parents=True)
    (logs / "history.csv").write_bytes(csvlogger_file.read_bytes())
    (logs / "metrics.csv").write_bytes(lightning_csv.read_bytes())
    (logs / "bad.csv").write_text("epoch,loss\n0,1.0\n1,high\n")
    (logs / "nan.csv").write_text("epoch,loss,val_loss\n0,1.0,1.1\n1,nan,0.9\n2,0.5,0.7\n")
    (src / "conf.py").write_text(
        'extensions = ["sphinx_nnviz"]\nproject = "curves"\nnumfig = True\n'
    )
    (src / "index.rst").write_text(SPHINX_INDEX)
    return src


SPHINX_INDEX = """\
Curves
======

.. nnviz-history:: logs/history.csv
   :mark-best: val_loss
   :caption: Keras CSVLogger
   :name: fig-keras

.. nnviz-history:: logs/metrics.csv
   :smooth: 0.6
   :layout: row

.. nnviz-history::

   epoch,loss,val_loss
   0,1.0,1.2
   1,0.6,0.8

.. nnviz-history::

   {"loss": [1.0, 0.5], "val_loss": [1.1, 0.7]}

.. nnviz-history:: logs/bad.csv

.. nnviz-history:: logs/missing.csv

.. nnviz-history::

   epoch,loss
   0,1.0
   1,zero

.. nnviz-history:: logs/history.csv
   :layout: diagonal

.. nnviz-history:: logs/nan.csv

See :numref:`fig-keras`.
"""
