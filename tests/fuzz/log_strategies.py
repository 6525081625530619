"""Hypothesis strategies for training logs: CSV and JSON text, and Keras ``History`` dicts.

Columns are the usual ones (``epoch``, ``step``, ``loss``, ``val_loss``, ``acc``…) or odd names
(control characters, empty, duplicated, Unicode); values are plausible curves or odd numbers
(``nan``, ``inf``, ``1e308``, 400-digit integers, negatives, empty cells, words).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from hypothesis import strategies as st
from option_strategies import option_value
from values import EXTREME_FLOATS, EXTREME_INTS, ODD_TEXT

from nnviz_core.history.options import HistoryOptions
from nnviz_core.options import RenderOptions, declared

USUAL = ["epoch", "step", "loss", "val_loss", "accuracy", "val_accuracy", "lr", "time", "acc"]
METRICS = ["loss", "val_loss", "accuracy", "val_accuracy", "lr", "acc", "val_acc", "mae"]
ODD_COLUMN = st.one_of(st.sampled_from(USUAL), ODD_TEXT, st.sampled_from(["", " ", "loss\x00"]))
_ODD_CELLS = ["nan", "NaN", "inf", "-inf", "Infinity", "", " ", "1e308", "1e400", "-0", "abc"]
PLAUSIBLE_CELL = st.floats(0, 10).map(lambda value: f"{value:.4g}")
ODD_CELL = st.one_of(
    st.integers(0, 100).map(str),
    st.sampled_from(_ODD_CELLS),
    EXTREME_FLOATS.map(str),
    EXTREME_INTS.map(str),
)


def _header(draw: st.DrawFn, odd: bool, size: int) -> list[str]:
    """An x column and metrics, or (odd) any column names at all."""
    if odd:
        return draw(st.lists(ODD_COLUMN, min_size=1, max_size=size))
    metrics = draw(st.lists(st.sampled_from(METRICS), min_size=1, max_size=size - 1, unique=True))
    return [draw(st.sampled_from(["epoch", "step"])), *metrics]


@st.composite
def csv_logs(draw: st.DrawFn) -> str:
    """A CSV log: plausible two thirds of the time, else odd names, odd numbers, odd x."""
    odd = draw(st.sampled_from([False, False, True]))
    header = _header(draw, odd, 5)
    rows = draw(st.integers(0 if odd else 1, 12))
    cell = PLAUSIBLE_CELL | ODD_CELL if odd else PLAUSIBLE_CELL
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for index in range(rows):
        cells = [draw(cell) for _ in header]
        if not odd or (header[0] in ("epoch", "step") and draw(st.booleans())):
            cells[0] = str(index)
        writer.writerow(cells)
    return buffer.getvalue()


JSON_NUMBER = st.one_of(
    st.integers(0, 100),
    EXTREME_FLOATS,
    EXTREME_INTS,
    st.none(),
    st.sampled_from(["nan", "1.5", ""]),
)


@st.composite
def history_dicts(draw: st.DrawFn) -> dict[str, Any]:
    """A Keras ``History.history``: metric -> one value per epoch (odd: any names and values)."""
    odd = draw(st.sampled_from([False, False, True]))
    names = draw(st.lists(ODD_COLUMN, min_size=1, max_size=4, unique=True)) if odd else None
    names = names or draw(st.lists(st.sampled_from(METRICS), min_size=1, max_size=3, unique=True))
    length = draw(st.integers(0 if odd else 1, 10))
    longest = length + (draw(st.integers(0, 1)) if odd else 0)  # one metric a value longer
    number = st.floats(0, 10) | JSON_NUMBER if odd else st.floats(0, 10)
    return {name: draw(st.lists(number, min_size=length, max_size=longest)) for name in names}


def _json_text(data: dict[str, Any]) -> str:
    return json.dumps(data, allow_nan=True)


LOGS = st.one_of(
    csv_logs().map(lambda text: ("x.csv", text)),
    csv_logs().map(lambda text: ("x.csv", text)),
    history_dicts().map(lambda data: ("x.json", _json_text(data))),
    history_dicts().map(lambda data: ("history", data)),
    st.lists(history_dicts(), max_size=3).map(lambda rows: ("x.json", json.dumps(rows))),
)


@st.composite
def history_options(draw: st.DrawFn) -> dict[str, Any]:
    infos = [*declared(HistoryOptions), *declared(RenderOptions)]
    picked = draw(st.lists(st.sampled_from(infos), max_size=3, unique_by=lambda info: info.name))
    odd = draw(st.sampled_from([False, False, True]))
    return {info.name: draw(option_value(info, odd)) for info in picked}
