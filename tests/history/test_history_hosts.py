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


MKDOCS_CONFIG = """site_name: curves
theme: {name: material}
markdown_extensions:
  - admonition
  - pymdownx.superfences
plugins: [nnviz]
"""

MKDOCS_PAGE = """# Curves

```nnviz-history file="logs/history.csv" mark_best="val_loss" caption="Keras" id="fig-keras"
```

!!! note "Inside an admonition"

    ```nnviz-history layout="row" smooth="0.6"
    epoch,step,train_loss,val_loss
    0,0,1.0,
    0,1,0.8,0.9
    1,2,0.6,
    1,3,0.5,0.7
    ```

```nnviz-history
{"loss": [1.0, 0.5], "val_loss": [1.1, 0.7]}
```
"""


def _mkdocs_site(root: Path, page: str, csvlogger_file: Path, config: str = MKDOCS_CONFIG) -> Path:
    (root / "docs" / "logs").mkdir(parents=True)
    (root / "docs" / "logs" / "history.csv").write_bytes(csvlogger_file.read_bytes())
    (root / "docs" / "index.md").write_text(page)
    (root / "mkdocs.yml").write_text(config)
    return root / "mkdocs.yml"


def test_mkdocs_fences_draw_figures(tmp_path: Path, csvlogger_file: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(
        config_file=str(_mkdocs_site(tmp_path, MKDOCS_PAGE, csvlogger_file)), strict=True
    )
    build(config)
    html = (Path(config.site_dir) / "index.html").read_text()
    assert html.count('class="nnviz-figure nnviz-figure--history') == 3
    assert (
        '<figure class="nnviz-figure nnviz-figure--history nnviz-align-center" id="fig-keras">'
        in html
    )
    assert "<figcaption>Keras</figcaption>" in html and "@ epoch" in html


def test_mkdocs_bad_logs_warn_at_the_fence_line(
    tmp_path: Path, csvlogger_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    page = (
        "# Bad\n\n```nnviz-history\nepoch,loss\n0,1.0\n1,oops\n```\n\n"
        '```nnviz-history file="logs/missing.csv"\n```\n\n'
        '```nnviz-history file="logs/history.csv" metrics="acuracy"\n```\n\n'
        "```nnviz-history\nepoch,loss\n0,1.0\n1,nan\n2,0.5\n```\n"
    )
    config = load_config(config_file=str(_mkdocs_site(tmp_path, page, csvlogger_file)))
    with caplog.at_level("WARNING", logger="mkdocs.plugins.nnviz"):
        build(config)
    messages = [
        record.getMessage() for record in caplog.records if record.name == "mkdocs.plugins.nnviz"
    ]
    missing = (tmp_path / "docs" / "logs" / "missing.csv").resolve()
    assert messages == [
        "nnviz: index.md:6:1: column 'loss' has 'oops', which is not a number; a training log "
        "holds numbers (leave the cell empty when nothing was logged)",
        f"nnviz: index.md:9: file='logs/missing.csv': no such file ({missing})",
        "nnviz: index.md:12: metrics: the log has no metric 'acuracy' (did you mean "
        "'accuracy'?); its metrics are 'loss', 'accuracy'",
        "nnviz: index.md:15: loss: 1 NaN/inf value drawn as gaps",
    ]


@pytest.mark.torch
def test_tensorboard_logs_in_sphinx_mkdocs_and_cli(tmp_path: Path, tensorboard_dir: Path) -> None:
    import shutil

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from nnviz_core.cli import main

    site = tmp_path / "sphinx"
    shutil.copytree(tensorboard_dir, site / "logs")
    (site / "conf.py").write_text('extensions = ["sphinx_nnviz"]\n')
    (site / "index.rst").write_text("TB\n==\n\n.. nnviz-history:: logs\n   :mark-best: loss\n")
    app = SphinxTestApp("html", srcdir=site, builddir=tmp_path / "_build")
    try:
        app.build()
    finally:
        app.cleanup()
    html = (Path(app.outdir) / "index.html").read_text()
    assert "Training curves of loss, accuracy over 6 epochs" in html
    assert _warnings(app) == [
        "index.rst:4: WARNING: logs: epoch_loss/validation: 1 NaN/inf value drawn as gaps "
        "[nnviz.history-gaps]"
    ]
    docs = tmp_path / "mkdocs"
    shutil.copytree(tensorboard_dir, docs / "docs" / "logs")
    (docs / "docs" / "index.md").write_text('# TB\n\n```nnviz-history file="logs"\n```\n')
    (docs / "mkdocs.yml").write_text(MKDOCS_CONFIG)
    config = load_config(config_file=str(docs / "mkdocs.yml"))
    build(config)
    assert "nnviz-figure--history" in (Path(config.site_dir) / "index.html").read_text()
    assert main(["history", str(tensorboard_dir), "-o", str(tmp_path / "tb.pptx")]) == 0
    assert (tmp_path / "tb.pptx").stat().st_size > 10_000


def test_sphinx_latex_gets_pdf_figures(sphinx_site: Path, tmp_path: Path) -> None:
    app = SphinxTestApp("latex", srcdir=sphinx_site, builddir=tmp_path / "_build")
    try:
        app.build()
    finally:
        app.cleanup()
    pdfs = sorted(Path(app.outdir).glob("nnviz-*.pdf"))
    assert len(pdfs) == 5 and all(pdf.read_bytes()[:4] == b"%PDF" for pdf in pdfs)
