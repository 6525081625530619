"""Styles and formats are found by name; a wrong name lists the right ones."""

from __future__ import annotations

import pytest

from nnviz_core import registry
from nnviz_core.errors import OptionError


def test_built_in_styles_and_formats_are_registered():
    assert {"graph", "block", "lenet", "fcnn"} <= set(registry.names("nnviz.styles"))
    assert {"svg", "png", "pdf", "dot"} <= set(registry.names("nnviz.backends"))


def test_unknown_style_suggests_and_lists():
    with pytest.raises(OptionError) as caught:
        registry.style("grahp")
    assert str(caught.value).startswith("unknown style 'grahp' (did you mean 'graph'?); available:")


def test_unknown_format_lists_the_formats():
    with pytest.raises(OptionError, match=r"^unknown format 'gif'; available: .*svg"):
        registry.backend("gif")
