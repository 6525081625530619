"""Training logs (CSV, JSON, History dicts) with odd columns and numbers: a figure or an error."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from log_strategies import LOGS, history_options
from outcome import settle
from profiles import fuzz_settings

from nnviz_core.history import plot_history


@fuzz_settings("history", ci_examples=200)
@given(log=LOGS, options=history_options(), fmt=st.sampled_from(["svg"] * 5 + ["pptx"]))
def test_logs_draw_or_refuse(log: tuple[str, Any], options: dict[str, Any], fmt: str) -> None:
    filename, source = log

    def attempt() -> bytes:
        return plot_history(source, filename=filename, **options).to_bytes(fmt)

    case = f"format: {fmt}\noptions: {options!r}\nfilename: {filename}\n{source!r}"
    checks = {} if fmt == "svg" else {"check": _nonempty}
    settle("history", case, attempt, **checks)


def _nonempty(data: Any) -> None:
    assert isinstance(data, bytes) and data.startswith(b"PK"), "not a PPTX (zip) file"
