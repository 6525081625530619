"""`.. nnviz-history::` in a real Sphinx build (Sphinx's own test app) and the MkDocs fence."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp


def _warnings(app: SphinxTestApp) -> list[str]:
    text = app.warning.getvalue().replace(str(app.srcdir) + "/", "")
    return [
        line.replace("\x1b[91m", "").replace("\x1b[39;49;00m", "") for line in text.splitlines()
    ]


@pytest.fixture
def sphinx_build(sphinx_site: Path, tmp_path: Path) -> SphinxTestApp:
    app = SphinxTestApp("html", srcdir=sphinx_site, builddir=tmp_path / "_build")
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def test_sphinx_pages_get_inline_svg_figures(sphinx_build: SphinxTestApp) -> None:
    html = (Path(sphinx_build.outdir) / "index.html").read_text()
    assert html.count("<svg") == 5
    assert "Keras CSVLogger" in html and "Fig. 1" in html
    assert "Training curves of loss, accuracy over 12 epochs" in html
    assert "best " in html and "@ epoch" in html


def test_sphinx_warnings_are_located(sphinx_build: SphinxTestApp) -> None:
    not_a_number = (
        "which is not a number; a training log holds numbers (leave the cell empty when nothing "
        "was logged) [nnviz.source]"
    )
    assert _warnings(sphinx_build) == [
        f"logs/bad.csv:3: WARNING: column 'loss' has 'high', {not_a_number}",
        "index.rst:25: WARNING: training log 'logs/missing.csv' not found (looked for "
        "logs/missing.csv); paths are relative to the document, or to the source directory "
        "with a leading / [nnviz.source]",
        f"index.rst:31: WARNING: column 'loss' has 'zero', {not_a_number}",
        "index.rst:33: WARNING: option 'layout' expects grid | row | column, got 'diagonal' "
        "[nnviz.render]",
        "index.rst:36: WARNING: logs/nan.csv: loss: 1 NaN/inf value drawn as gaps "
        "[nnviz.history-gaps]",
    ]
