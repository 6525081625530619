"""TensorBoard event files: scalar summaries, read with TensorBoard's own event reader.

A path may be one ``events.out.tfevents.*`` file or a log directory; Keras' callback writes one
run per sub-directory (``train/``, ``validation/``) with tags such as ``epoch_loss``, which become
``epoch_loss/train`` and ``epoch_loss/validation`` so they pair like ``loss/train`` and
``loss/val`` written by PyTorch's ``SummaryWriter``. TensorBoard is imported only here, lazily.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from nnviz_core.errors import MissingDependencyError, SourceError
from nnviz_core.history.data import Axis, Log, Series

MARKER = "tfevents"


def is_event_path(path: Path) -> bool:
    """An event file, or a directory holding one anywhere below it."""
    if path.is_dir():
        return any(MARKER in child.name for child in path.rglob("*") if child.is_file())
    return MARKER in path.name


def _accumulator(path: Path) -> Any:
    try:
        from tensorboard.backend.event_processing import event_accumulator
    except ImportError as error:
        raise MissingDependencyError(
            "Reading TensorBoard logs", "tensorboard", "tensorboard"
        ) from error
    guidance = {event_accumulator.SCALARS: 0, event_accumulator.TENSORS: 0}
    accumulator = event_accumulator.EventAccumulator(str(path), size_guidance=guidance)
    accumulator.Reload()
    return accumulator


def _runs(path: Path) -> list[tuple[str, Path]]:
    """(run name, directory or file) pairs: each directory holding event files is one run."""
    if path.is_file():
        return [("", path)]
    folders = sorted({child.parent for child in path.rglob(f"*{MARKER}*") if child.is_file()})
    return [
        ("" if folder == path else folder.relative_to(path).as_posix(), folder)
        for folder in folders
    ]


def _scalars(accumulator: Any) -> dict[str, list[tuple[float, float]]]:
    """Tag -> (step, value), from classic scalar events and TF2 scalar tensors alike."""
    found: dict[str, list[tuple[float, float]]] = {}
    tags = accumulator.Tags()
    for tag in tags.get("scalars", []):
        found[tag] = [(float(event.step), float(event.value)) for event in accumulator.Scalars(tag)]
    if tags.get("tensors"):
        from tensorboard.util import tensor_util

        for tag in tags["tensors"]:
            points = []
            for event in accumulator.Tensors(tag):
                value = tensor_util.make_ndarray(event.tensor_proto)
                if value.size != 1:
                    break  # not a scalar summary (histograms, images, text)
                points.append((float(event.step), float(value.reshape(()))))
            else:
                found.setdefault(tag, points)
    return found


def read_events(path: Path, axis: Axis | None = None) -> Log:
    """A Log of every scalar tag of every run under ``path``."""
    series: list[Series] = []
    found = _runs(path)
    for run, folder in found:
        for tag, points in sorted(_scalars(_accumulator(folder)).items()):
            points.sort(key=lambda point: point[0])
            name = f"{tag}/{run}" if run and len(found) > 1 else tag
            series.append(Series(name, tuple(p[0] for p in points), tuple(p[1] for p in points)))
    series = [item for item in series if item.x]
    if not series:
        raise SourceError(
            f"{path}: no scalar summaries found in the TensorBoard log; nnviz plots scalars "
            "(add_scalar, tf.summary.scalar, the Keras TensorBoard callback)"
        )
    if axis is None:
        axis = "epoch" if all(item.name.startswith("epoch_") for item in series) else "step"
    return Log(str(path), axis, tuple(series))
