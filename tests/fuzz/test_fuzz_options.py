"""Option values per style, from their declarations: a drawing or a one-line OptionError."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from option_strategies import STYLES, options_for
from outcome import settle
from profiles import fuzz_settings

from nnviz_core import render

#: One spec each style draws, with a repeat, a skip connection and a dense head.
SPEC = """\
name: fuzz
input: [3, 16, 16]
layers:
  - {id: a, conv2d: {filters: 4, kernel: 3, padding: same}}
  - id: stage
    label: stage
    repeat: 2
    layers: [{conv2d: {filters: 4, kernel: 3, padding: same}}, relu]
  - {add: [a, stage]}
  - flatten
  - dense: 8
  - dense: 4
"""
FORMATS = ["svg"] * 6 + ["pptx", "tikz", "dot"]  # dot last: the graph style only


@fuzz_settings("options", ci_examples=150)
@given(style=st.sampled_from(STYLES), data=st.data())
def test_option_values_draw_or_refuse(style: str, data: st.DataObject) -> None:
    options: dict[str, Any] = data.draw(options_for(style))
    fmt = data.draw(st.sampled_from(FORMATS if style == "graph" else FORMATS[:-1]))
    check = None if fmt == "svg" else _nonempty

    def attempt() -> bytes:
        return render(SPEC, style, **options).to_bytes(fmt)

    case = f"style: {style}\nformat: {fmt}\noptions: {options!r}"
    settle("options", case, attempt, **({"check": check} if check else {}))


def _nonempty(data: Any) -> None:
    assert isinstance(data, bytes) and data, "empty output"
