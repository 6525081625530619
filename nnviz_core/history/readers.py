"""Turning any supported training log into a :class:`Log`.

Accepted: a Keras ``History`` (anything with a ``.history`` mapping and optional ``.epoch``), its
``.history`` dict, the same as a JSON file or text (also a list of per-epoch records), CSV files
or text (Keras ``CSVLogger``, Lightning, generic), and TensorBoard event files or directories.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from nnviz_core.errors import SourceError, SourceLocation
from nnviz_core.history.csvlog import X_NAMES, read_csv
from nnviz_core.history.data import LARGEST, Axis, Log, Series, too_large
from nnviz_core.history.tensorboard import is_event_path, read_events

CSV_SUFFIXES = (".csv", ".tsv", ".log", ".txt")
JSON_SUFFIXES = (".json",)


def read(source: Any, *, filename: str | None = None, axis: Axis | None = None) -> Log:
    """The Log of ``source``; ``filename`` names inline text in messages."""
    if isinstance(source, Log):
        return source
    if isinstance(source, Mapping):
        return read_mapping(source, filename or "history", axis=axis)
    # Text with a ``filename`` is inline text by the caller's word (a host's block, stdin): one
    # line of it is a CSV header, never a path to open.
    inline = isinstance(source, str) and filename is not None
    if isinstance(source, os.PathLike) or (
        isinstance(source, str) and not inline and _looks_like_path(source)
    ):
        return read_path(Path(source), axis=axis)
    if isinstance(source, str):
        return read_text(source, filename or "<string>", axis=axis)
    history = getattr(source, "history", None)
    if isinstance(history, Mapping):
        epochs = getattr(source, "epoch", None)
        return read_mapping(history, filename or "History", axis=axis, epochs=epochs)
    raise SourceError(
        f"cannot plot a {type(source).__name__} as a training history; pass a Keras History, its "
        ".history dict, or the path of a CSV, JSON or TensorBoard log"
    )


def _looks_like_path(text: str) -> bool:
    stripped = text.strip()
    return (
        bool(stripped)
        and "\n" not in stripped
        and not stripped.startswith(("{", "["))
        and ("," not in stripped or Path(stripped).exists())
    )


def read_path(path: Path, axis: Axis | None = None) -> Log:
    """A log file or TensorBoard directory."""
    if not path.exists():
        raise SourceError(f"{path}: no such file or directory")
    if is_event_path(path):
        return read_events(path, axis)
    if path.is_dir():
        raise SourceError(
            f"{path}: a directory without TensorBoard event files; give a CSV or JSON log file"
        )
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise SourceError(f"{path}: cannot be read as UTF-8 text ({error})") from None
    if path.suffix.lower() in JSON_SUFFIXES:
        return read_json(text, path.as_posix(), axis)
    if path.suffix.lower() in CSV_SUFFIXES:
        return read_csv(text, path.as_posix(), axis)
    return read_text(text, path.as_posix(), axis=axis)


def read_text(text: str, filename: str, axis: Axis | None = None) -> Log:
    """Inline log text: JSON when it opens with ``{`` or ``[``, otherwise CSV."""
    if text.lstrip().startswith(("{", "[")):
        return read_json(text, filename, axis)
    return read_csv(text, filename, axis)


def read_json(text: str, filename: str, axis: Axis | None = None) -> Log:
    """``{"loss": [...]}``, ``{"history": {...}, "epoch": [...]}`` or a list of records."""
    if not text.strip():
        raise SourceError("the training log is empty", SourceLocation(filename, 1, 1))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        where = SourceLocation(filename, error.lineno, error.colno)
        raise SourceError(f"not valid JSON: {error.msg}", where) from None
    if isinstance(data, list):
        data = _records(data, filename)
    if not isinstance(data, dict):
        raise SourceError(
            f"{filename}: expected a JSON object of metric lists such as "
            '{"loss": [0.9, 0.5], "val_loss": [1.0, 0.7]}'
        )
    if isinstance(data.get("history"), dict):
        return read_mapping(data["history"], filename, axis=axis, epochs=data.get("epoch"))
    return read_mapping(data, filename, axis=axis)


def _records(rows: list[Any], filename: str) -> dict[str, list[Any]]:
    """Per-epoch records ``[{"epoch": 0, "loss": 0.9}, ...]`` as columns (missing keys: None)."""
    names: list[str] = []
    for index, row in enumerate(rows):
        if not isinstance(row, dict):
            raise SourceError(f"{filename}: record {index} is not an object of metric values")
        names.extend(name for name in row if name not in names)
    return {name: [row.get(name) for row in rows] for name in names}


def _value(value: Any, name: str, index: int, filename: str) -> float | None:
    if value is None:
        return None
    shown = name if name.isprintable() else repr(name)  # a line break would split the message
    if isinstance(value, str) and value.strip().lower() in {"nan", "inf", "-inf", "infinity"}:
        return float(value.strip().lower().replace("infinity", "inf"))
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise SourceError(
            f"{filename}: {shown}[{index}] is {value!r}, which is not a number; "
            "every metric holds one number per epoch"
        )
    try:
        number = float(value)
    except OverflowError:  # an integer past the largest float
        raise SourceError(
            f"{filename}: {shown}[{index}] is an integer too large to plot "
            f"(the limit is ±{LARGEST:g})"
        ) from None
    problem = too_large(number)
    if problem:
        raise SourceError(f"{filename}: {shown}[{index}] is {problem}")
    return number


def read_mapping(
    data: Mapping[str, Any],
    filename: str,
    *,
    axis: Axis | None = None,
    epochs: Sequence[Any] | None = None,
) -> Log:
    """Metric name -> list of values, all of one length (a Keras ``History.history``)."""
    columns = {str(name): values for name, values in data.items()}
    for name, values in columns.items():
        if isinstance(values, (str, bytes)) or not isinstance(values, Sequence):
            raise SourceError(f"{filename}: {name!r} is not a list of values, one per epoch")
    if not columns or not any(columns.values()):
        raise SourceError(f"{filename}: the training history is empty; it has no values")
    x_name, kind = _x_key(columns, axis, filename)
    x_values = columns.pop(x_name) if x_name else epochs
    if not columns:
        raise SourceError(
            f"{filename}: the training history has no metrics besides {x_name}; expected keys "
            "such as loss and val_loss"
        )
    lengths = {name: len(values) for name, values in columns.items()}
    longest = max(lengths, key=lambda name: lengths[name])
    for name, length in lengths.items():
        if length != lengths[longest]:
            raise SourceError(
                f"{filename}: {name!r} has {length} values but {longest!r} has "
                f"{lengths[longest]}; every metric needs one value per epoch (a log that skips "
                "epochs, e.g. with validation_freq, needs an epoch column: use a CSV log)"
            )
    count = lengths[longest]
    xs = _x_values(x_values, count, x_name or "epoch", filename)
    return Log(
        filename,
        kind,
        tuple(_series(name, values, xs, filename) for name, values in columns.items()),
    )


def _x_key(columns: Mapping[str, Any], axis: Axis | None, filename: str) -> tuple[str | None, Axis]:
    for name in columns:
        kind = X_NAMES.get(name.lower())
        if kind is not None and (axis is None or axis == kind):
            return name, kind
    if axis == "step":
        raise SourceError(f"{filename}: x: step asks for a 'step' key, but the history has none")
    return None, "epoch"


def _x_values(
    values: Sequence[Any] | None, count: int, name: str, filename: str
) -> tuple[float, ...]:
    if values is None:
        return tuple(float(index) for index in range(count))
    if len(values) != count:
        raise SourceError(
            f"{filename}: {name!r} has {len(values)} values but the metrics have {count}"
        )
    xs = tuple(_value(value, name, index, filename) for index, value in enumerate(values))
    if any(x is None or not math.isfinite(x) for x in xs):
        raise SourceError(f"{filename}: every {name!r} value must be a finite number")
    return tuple(float(x) for x in xs if x is not None)


def _series(name: str, values: Sequence[Any], xs: tuple[float, ...], filename: str) -> Series:
    points = [
        (x, number)
        for index, (x, value) in enumerate(zip(xs, values, strict=True))
        if (number := _value(value, name, index, filename)) is not None
    ]
    return Series(name, tuple(p[0] for p in points), tuple(p[1] for p in points))
