"""CSV training logs: Keras ``CSVLogger`` files, Lightning ``metrics.csv`` and any table with an
``epoch`` or ``step`` column.

Lightning writes sparse rows (a training row per logged step, a validation row per epoch), so an
empty cell means "not logged here", not zero; ``nan`` and ``inf`` are kept and drawn as gaps.
Lightning's ``_step``/``_epoch`` twins are reduced to the one that matches the chosen x axis.
"""

from __future__ import annotations

import csv
import io
import math
from typing import Any

from nnviz_core.errors import SourceError, SourceLocation
from nnviz_core.history.data import Axis, Log, Series, too_large

X_NAMES: dict[str, Axis] = {
    "epoch": "epoch",
    "epochs": "epoch",
    "step": "step",
    "steps": "step",
    "global_step": "step",
    "iteration": "step",
    "iter": "step",
}
#: Bookkeeping columns that are not metrics.
SKIPPED = {"time", "wall_time", "walltime", "timestamp", "created_at"}


def _error(message: str, filename: str, line: int = 1) -> SourceError:
    return SourceError(message, SourceLocation(filename, line, 1))


def _rows(text: str, filename: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and (line number, cells) of each non-blank row; ragged rows are errors."""
    if not text.strip():
        raise _error(
            "the training log is empty; expected a header row and one row per epoch or step",
            filename,
        )
    dialect = "excel-tab" if "\t" in text.splitlines()[0] else "excel"
    # newline="": the csv module's own line handling, so a lone \r ends a row, as in a file
    reader = csv.reader(io.StringIO(text, newline=""), dialect=dialect)
    try:
        return _read_rows(reader, filename)
    except csv.Error as error:  # e.g. a NUL byte
        raise _error(f"not a CSV table: {error}", filename, reader.line_num) from None


def _read_rows(reader: Any, filename: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    header = [cell.strip() for cell in next(reader)]
    rows: list[tuple[int, list[str]]] = []
    width = len(header)
    for cells in reader:
        if len(cells) != width and not "".join(cells).strip():
            continue  # a blank line
        if len(cells) != width:
            raise _error(
                f"this row has {len(cells)} values but the header names {len(header)} columns "
                f"({', '.join(header)}); every row needs one value per column (leave a cell empty "
                "when nothing was logged)",
                filename,
                reader.line_num,
            )
        rows.append((reader.line_num, cells))
    if not rows:
        raise _error(f"the training log has a header ({', '.join(header)}) but no rows", filename)
    return header, rows


def _number(cell: str, column: str, filename: str, line: int) -> float | None:
    text = cell.strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise _error(
            f"column {column!r} has {text!r}, which is not a number; a training log holds "
            "numbers (leave the cell empty when nothing was logged)",
            filename,
            line,
        ) from None
    problem = too_large(value)
    if problem:
        raise _error(f"column {column!r} has {problem}", filename, line)
    return value


def _x_column(header: list[str], wanted: Axis | None, filename: str) -> tuple[int, Axis] | None:
    """Index and kind of the x column: ``wanted`` if given, else epoch, else step."""
    found = {
        X_NAMES[name.lower()]: index for index, name in enumerate(header) if name.lower() in X_NAMES
    }
    if wanted is not None:
        if wanted not in found:
            raise _error(
                f"x: {wanted} asks for a {wanted!r} column, but the log has none; "
                f"its columns are {', '.join(header)}",
                filename,
            )
        return found[wanted], wanted
    for kind in ("epoch", "step"):
        if kind in found:
            return found[kind], kind
    return None


def _column(
    rows: list[tuple[int, list[str]]], index: int, name: str, filename: str
) -> list[tuple[int, float]]:
    """(row index, value) of every filled cell of one column."""
    found: list[tuple[int, float]] = []
    for row_index, (line, cells) in enumerate(rows):
        value = _number(cells[index], name, filename, line)
        if value is not None:
            found.append((row_index, value))
    return found


def _x_values(
    rows: list[tuple[int, list[str]]], index: int, name: str, filename: str
) -> list[float]:
    """The x of every row (the row number when the log has no x column)."""
    if index < 0:
        return [float(row) for row in range(len(rows))]
    found = dict(_column(rows, index, name, filename))
    if len(found) != len(rows):
        line = next(rows[row][0] for row in range(len(rows)) if row not in found)
        raise _error(f"this row has no {name!r} value; every row needs one", filename, line)
    for row, value in found.items():
        if not math.isfinite(value):
            line, cells = rows[row]
            raise _error(
                f"column {name!r} has {cells[index].strip()!r}, which is not a finite number; "
                f"every row needs a finite {name}; only metric cells may be nan or inf "
                "(drawn as gaps)",
                filename,
                line,
            )
    return [found[row] for row in range(len(rows))]


def read_csv(text: str, filename: str, axis: Axis | None = None) -> Log:
    """A Log from CSV text; ``axis`` forces the x column (``None``: epoch, else step, else rows)."""
    header, rows = _rows(text, filename)
    chosen = _x_column(header, axis, filename)
    if axis is None and chosen is not None and chosen[1] == "epoch":
        step = _x_column(header, "step", filename) if "step" in _kinds(header) else None
        if step is not None and _epochs_repeat(rows, chosen[0]):
            chosen = step  # several rows per epoch: these are step-level logs
    x_index, kind = chosen if chosen is not None else (-1, "epoch")
    xs = _x_values(rows, x_index, header[x_index] if x_index >= 0 else "", filename)
    series = []
    for index, name in enumerate(header):
        if index == x_index or name.lower() in SKIPPED or name.lower() in X_NAMES:
            continue
        points = _column(rows, index, name, filename)
        if points:
            ys = tuple(value for _, value in points)
            series.append(Series(name, tuple(xs[row] for row, _ in points), ys))
    if not series:
        raise _error(
            f"the training log has no metric columns besides {', '.join(header)}; expected columns "
            "such as loss and val_loss",
            filename,
        )
    return Log(filename, kind, _twins(tuple(series), kind))


def _kinds(header: list[str]) -> set[Axis]:
    return {X_NAMES[name.lower()] for name in header if name.lower() in X_NAMES}


def _epochs_repeat(rows: list[tuple[int, list[str]]], index: int) -> bool:
    values = [cells[index].strip() for _, cells in rows if cells[index].strip()]
    return len(set(values)) < len(values)


def _twins(series: tuple[Series, ...], axis: Axis) -> tuple[Series, ...]:
    """Lightning's ``loss_step``/``loss_epoch``: keep the one of the x axis, named ``loss``."""
    own, other = ("_step", "_epoch") if axis == "step" else ("_epoch", "_step")
    names = {item.name for item in series}
    kept = []
    for item in series:
        if item.name.endswith(other) and item.name[: -len(other)] + own in names:
            continue
        if item.name.endswith(own) and item.name[: -len(own)] not in names:
            item = Series(item.name[: -len(own)], item.x, item.y)
        kept.append(item)
    return tuple(kept)
