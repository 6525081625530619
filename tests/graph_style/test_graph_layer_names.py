"""Which layer names a card shows: a framework's generated ``op_N`` names say nothing new."""

from __future__ import annotations

from dataclasses import replace

import pytest
from graph_style_samples import lenet

from nnviz_core.options import build
from nnviz_core.styles.graph.labels import card_content
from nnviz_core.styles.graph.options import GraphOptions


def subtitle(name: str) -> str:
    conv = replace(lenet().node("conv1"), name=name)
    return card_content(conv, build(GraphOptions, {}), 1000, "channels_first").subtitle


@pytest.mark.parametrize("name", ["conv2d", "conv2d_3", "conv2d3", "Conv2D_12", "CONV2D_٣"])
def test_generated_names_are_hidden(name: str) -> None:
    assert subtitle(name) == ""


@pytest.mark.parametrize(
    "name",
    ["conv2d_", "conv2d__3", "conv2d_x", "conv2d_3a", "my_conv2d_3", "conv2d²", "conv2d_1\n"],
)
def test_other_names_are_shown(name: str) -> None:
    assert subtitle(name) == name
