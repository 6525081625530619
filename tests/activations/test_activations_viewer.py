"""In a page with the viewer, pointing at a tile shows it enlarged with its channel and values."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("torch")
pytest.importorskip("colorcet")

import nnviz_core

pytestmark = [pytest.mark.browser, pytest.mark.torch]

MODELS = Path(__file__).resolve().parents[2] / "docs" / "models"


def test_hovering_a_tile_shows_it_enlarged(
    browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(MODELS))
    from digits_cnn import trained

    diagram = nnviz_core.render(
        trained(),
        "lenet",
        input_shape="1,1,8,8",
        activations=True,
        example_input=str(MODELS / "digit-3.png"),
    )
    page_file = tmp_path / "page.html"
    page_file.write_bytes(diagram.to_bytes("html"))
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    try:
        page.goto(page_file.as_uri())
        tile = page.locator("svg g[data-layer='conv1'] image").nth(3)  # the first has a window
        tile.hover()
        tip = page.locator(".nnviz-tip")
        tip.wait_for(state="visible")
        assert tip.locator("strong").inner_text() == "channel 3"
        assert tip.locator("dt").inner_text() == "values"
        assert "…" in tip.locator("dd").inner_text()
        enlarged = tip.locator("img.nnviz-tip-tile")
        assert enlarged.get_attribute("src") == tile.get_attribute("href")
        assert enlarged.evaluate("img => img.naturalWidth") >= 48  # the PNG decoded
        assert enlarged.bounding_box()["width"] > tile.bounding_box()["width"]
    finally:
        page.close()
