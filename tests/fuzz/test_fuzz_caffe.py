"""Caffe prototxt text, plausible and damaged: a drawing or a located NnvizError."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from option_strategies import STYLES
from outcome import settle
from profiles import fuzz_settings
from prototxt_strategies import prototxts

from nnviz_core import render
from nnviz_core.sources.caffe import load_prototxt_text


@fuzz_settings("prototxt", ci_examples=150)
@given(text=prototxts(), style=st.sampled_from(STYLES))
def test_prototxt_draws_or_refuses(text: str, style: str) -> None:
    def attempt() -> bytes:
        graph = load_prototxt_text(text, "net.prototxt")
        return render(graph, style).to_bytes("svg")

    settle("prototxt", f"style: {style}\n{text}", attempt)
