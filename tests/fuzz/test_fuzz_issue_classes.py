"""One input of each crash class issue 19 names, through the same property, on every run.

The strategies reach these classes only now and then; these inputs make sure the CI profile
meets each one: each must draw or give a clear error.
"""

from __future__ import annotations

from typing import Any

import pytest
from outcome import settle

from nnviz_core import render
from nnviz_core.history import plot_history

MLP = "input: [8]\nlayers:\n  - dense: 4\n  - dense: 2\n"
GROUP = 'input: [8]\nlayers:\n  - {label: "a\\x07b", repeat: 2, layers: [dense: 4]}\n'


@pytest.mark.parametrize(
    ("item", "style", "text", "options"),
    [
        (3, "fcnn", MLP, {"node_radius": float("nan")}),
        (3, "lenet", MLP, {"spacing": "inf"}),
        (4, "graph", "input: [" + "9" * 400 + "]\nlayers:\n  - relu\n", {}),
        (
            4,
            "block",
            "input: [3, 8, 8]\nlayers:\n  - conv2d: {filters: " + "9" * 400 + ", kernel: 1}\n",
            {},
        ),
        (7, "graph", GROUP, {}),
    ],
)
def test_spec_classes(item: int, style: str, text: str, options: dict[str, Any]) -> None:
    case = f"issue 19 item {item}\nstyle: {style}\noptions: {options!r}\n{text}"
    settle(
        "issue classes",
        case,
        lambda: render(text, style, **options).to_bytes("svg"),
    )


@pytest.mark.parametrize(
    ("log", "fmt"),
    [("epoch,loss\n0,1\ninf,2\n", "svg"), ("epoch,lo\x01ss\n0,1\n1,2\n", "pptx")],
)
def test_history_classes(log: str, fmt: str) -> None:
    check = {} if fmt == "svg" else {"check": lambda data: None}
    case = f"issue 19 item 8\nformat: {fmt}\n{log!r}"
    settle(
        "issue classes", case, lambda: plot_history(log, filename="log.csv").to_bytes(fmt), **check
    )
