"""Any input gives a Graph or an NnvizError: never a Python traceback."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nnviz_core.errors import NnvizError
from nnviz_core.ir import Graph
from nnviz_core.ir.ops import ALIASES, OPS
from nnviz_core.sources.yaml_spec import load_mapping, load_text

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.yaml"))
INSERTS = ["", "-", ":", "[", "]", "{", "}", " ", "\n", "$", "0", "x", "&a", "*a", "'", "input",
           "repeat: 9"]  # fmt: skip
SETTINGS = settings(
    max_examples=int(os.environ.get("NNVIZ_FUZZ_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,  # no .hypothesis directory in the work tree
    derandomize=True,  # the same examples on every run; NNVIZ_FUZZ_EXAMPLES=5000 to dig deeper
)

NAMES = st.sampled_from(
    [*OPS, *list(ALIASES)[:20], "id", "inputs", "repeat", "label", "name", "color", "note",
     "hidden", "output_shape", "layers", "filters", "kernel", "units", "strides", "padding",
     "axis", "input", "a", "b", "$x", "blk", "args"]
)  # fmt: skip
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-3, max_value=70),
    st.integers(),
    st.floats(allow_nan=True),
    NAMES,
    st.text(max_size=6),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(NAMES, inner, max_size=4)),
    max_leaves=12,
)


def _loads(call: Any, *args: Any) -> None:
    try:
        result = call(*args)
    except NnvizError as error:
        assert str(error)
        return
    assert isinstance(result, Graph)


@SETTINGS
@given(st.text(max_size=300))
def test_any_text(text: str) -> None:
    _loads(load_text, text)


@SETTINGS
@given(
    shape=st.lists(st.one_of(st.integers(min_value=-1, max_value=40), st.none()), max_size=4),
    layers=st.lists(st.one_of(NAMES, st.dictionaries(NAMES, VALUES, min_size=1, max_size=3))),
    blocks=st.dictionaries(st.sampled_from(["blk", "b2"]), VALUES, max_size=2),
)
def test_structured_specs(shape: list[int | None], layers: list[Any], blocks: Any) -> None:
    spec: dict[str, Any] = {"input": shape, "layers": layers}
    if blocks:
        spec["blocks"] = blocks
    _loads(load_mapping, spec)
    _loads(load_text, yaml.safe_dump(spec))


@SETTINGS
@given(data=st.data())
def test_mutated_examples(data: st.DataObject) -> None:
    text = EXAMPLES[data.draw(st.integers(0, len(EXAMPLES) - 1))].read_text(encoding="utf-8")
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 8))
        insert = data.draw(st.sampled_from(INSERTS))
        text = text[:at] + insert + text[at + cut :]
    _loads(load_text, text)
