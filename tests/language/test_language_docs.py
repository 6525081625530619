"""The language page: its generated reference is current, and its examples load."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import nnviz_core
from nnviz_core.ir.ops.reference import BEGIN, END, markdown

PAGE = Path(__file__).resolve().parents[2] / "docs" / "language.md"


def test_generated_reference_is_current() -> None:
    text = PAGE.read_text(encoding="utf-8")
    start, end = text.index(BEGIN), text.index(END) + len(END)
    assert text[start:end] + "\n" == markdown(), (
        "docs/language.md is stale; regenerate its reference with `python -m nnviz_core.ir.ops`"
    )


def test_reference_documents_every_op_and_argument() -> None:
    reference = markdown()
    for name, op in nnviz_core.ir.ops.OPS.items():
        assert f"#### `{name}`" in reference
        for arg in op.args:
            assert f"`{arg.name}`" in reference


def _spec_blocks() -> list[str]:
    text = PAGE.read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:yaml|\{nnviz\})\n(.*?)```", text, flags=re.S)
    return [re.sub(r"^:\w+:.*\n", "", block, flags=re.M) for block in blocks]


@pytest.mark.parametrize("block", [b for b in _spec_blocks() if "layers:" in b])
def test_page_examples_load(block: str) -> None:
    graph = nnviz_core.load(block)
    assert graph.nodes


def test_custom_op_examples_load() -> None:
    spec = "input: [64, 56, 56]\nlayers:\n" + "".join(line + "\n" for line in _custom_lines())
    graph = nnviz_core.load(spec)
    assert [n.op for n in graph.nodes] == ["input", "custom", "custom"]
    assert graph.nodes[1].category == "convolution"
    assert graph.nodes[2].params == 1474560


def _custom_lines() -> list[str]:
    text = PAGE.read_text(encoding="utf-8")
    section = text.split("## Custom ops")[1].split("```yaml\n")[1].split("```")[0]
    return ["  " + line for line in section.strip().splitlines()]
