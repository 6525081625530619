"""Specs, valid and near-valid, through every style: a drawing or a one-line NnvizError."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st
from option_strategies import STYLES, options_for
from outcome import settle
from profiles import TOTAL, fuzz_settings
from spec_strategies import specs

from nnviz_core import render

#: Wide merges: up to 300 branches on CI (quick even while merges are quadratic), more when deep.
MAX_WIDTH = 3000 if TOTAL else 300
MUTATIONS = ["", "-", ":", "[", "]", "{", "}", " ", "\n", "$", "0", "&a", "*a", "'", "\t", "\x00"]


def _case(text: str, style: str, options: dict[str, Any]) -> str:
    return f"style: {style}\noptions: {options!r}\n{text}"


def draw_spec(text: str, style: str, options: dict[str, Any]) -> None:
    settle(
        "specs",
        _case(text, style, options),
        lambda: render(text, style, **options).to_bytes("svg"),
    )


@fuzz_settings("specs", ci_examples=250)
@given(drawn=specs(max_width=MAX_WIDTH), style=st.sampled_from(STYLES), data=st.data())
def test_generated_specs_draw_or_refuse(drawn: Any, style: str, data: st.DataObject) -> None:
    spec, _ = drawn
    options = data.draw(options_for(style)) if data.draw(st.integers(0, 3)) == 0 else {}
    text = yaml.safe_dump(spec, allow_unicode=data.draw(st.booleans()), sort_keys=False)
    draw_spec(text, style, options)


@fuzz_settings("mutated", ci_examples=120)
@given(drawn=specs(max_width=20), style=st.sampled_from(STYLES), data=st.data())
def test_mutated_spec_text_draws_or_refuses(drawn: Any, style: str, data: st.DataObject) -> None:
    """The YAML text itself damaged: characters cut, stray ones inserted."""
    spec, _ = drawn
    text = yaml.safe_dump(spec, allow_unicode=True, sort_keys=False)
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 6))
        text = text[:at] + data.draw(st.sampled_from(MUTATIONS)) + text[at + cut :]
    draw_spec(text, style, {})
