"""Text too small for its canvas is a located Sphinx warning; the canvas is the page or paper.

The lenet style is replaced by one that draws a 2880 px strip of 10 px text, so the numbers do
not move when the real layouts learn to fit their canvas.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from nnviz_core import registry
from nnviz_core.scene import Scene, text

Build = Callable[..., Any]

HELP = (
    "to keep the lenet diagram legible, draw fewer layers with `elide: true`, or, if it is "
    "shown wider than that, say how wide (`width: 2880`; on a docs site, the site's `width` "
    "setting); `fit: none` draws it at its natural size without this check [nnviz.readability]"
)


@pytest.fixture(autouse=True)
def strip(monkeypatch: pytest.MonkeyPatch) -> None:
    def layout(self: Any, graph: Any, options: Any) -> Scene:
        return Scene(2880.0, 200.0, (text(20, 20, graph.name, size=10.0),), title=graph.name)

    monkeypatch.setattr(type(registry.style("lenet")), "layout", layout)


def _warnings(app: Any) -> list[str]:
    value = app.warning.getvalue().replace(str(app.srcdir) + "/", "")
    return value.replace("\x1b[91m", "").replace("\x1b[39;49;00m", "").splitlines()


def test_html_warns_at_the_directive_with_the_size_floor_and_options(build: Build) -> None:
    app = build("canvas")
    assert _warnings(app) == [
        "index.rst:6: WARNING: its 10 px text reads at 2.5 px once this 2880×200 px drawing is "
        "shrunk to fit a 720 px page column, below the 9 px floor there; " + HELP
    ]  # `:fit: none` (the second diagram) is not checked; the graph fits
    assert (app.outdir / "index.html").read_text(encoding="utf-8").count('<div class="nnviz') == 3


def test_the_warning_fails_w_and_is_kept_with_the_cached_diagram(build: Build) -> None:
    assert build("canvas", warningiserror=True).statuscode == 1
    app = build("canvas", freshenv=True)  # the page read again, its diagram from the cache
    assert len(_warnings(app)) == 1 and "reads at 2.5 px" in _warnings(app)[0]


def test_suppress_warnings_or_the_setting_silence_it(build: Build) -> None:
    app = build("canvas", confoverrides={"suppress_warnings": ["nnviz.readability"]})
    assert _warnings(app) == []
    app = build("canvas", freshenv=True, confoverrides={"nnviz_readability_warnings": False})
    assert _warnings(app) == []


def test_nnviz_width_is_the_column_diagrams_are_drawn_for(build: Build) -> None:
    app = build("canvas", confoverrides={"nnviz_width": 1440})
    (warning,) = _warnings(app)
    assert "reads at 5.0 px once this 2880×200 px drawing is shrunk to fit a 1440 px" in warning


def test_latex_draws_for_the_printed_page_and_warns_about_it_once(build: Build) -> None:
    app = build("canvas", "latex")
    assert _warnings(app) == [
        "index.rst:6: WARNING: its 10 px text reads at 2.1 px once this 2880×200 px drawing is "
        "shrunk to fit a 600×800 px printed page, below the 6 pt (8.0 px) floor there; " + HELP
    ]
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert tex.count(r"\sphinxincludegraphics") == 3
    assert len(list(app.outdir.glob("nnviz-*.pdf"))) == 3
