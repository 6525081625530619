"""Issue 19 item 11: the project's own documentation builds as a PDF with every glyph and diagram.

pdflatex stopped on the Unicode in the docs text; LuaLaTeX with DejaVu Sans sets it. The build is
``tools/docs_pdf.py`` (``make docs-pdf``), run here whole: Sphinx's latex builder (diagrams as
vector PDFs through the nnviz directive) and latexmk. ``make test`` installs the TeX tools first
(``tools/system-deps.sh``); without them, and without root to install them, the test says so.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The characters that stopped pdflatex (issue 19 item 11), all of which the docs text uses.
UNICODE_IN_DOCS = "′⌊⌋⌈⌉−≥∈ℝ⊕"


def _docs_pdf() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_pdf", ROOT / "tools" / "docs_pdf.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


docs_pdf = _docs_pdf()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    missing = docs_pdf.missing_tools()
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed; {docs_pdf.INSTALL_HINT}")
    out = tmp_path_factory.mktemp("docs-pdf")
    try:
        docs_pdf.build(out)
    except subprocess.CalledProcessError as error:
        pytest.fail(f"{error.cmd} failed:\n{(error.stdout + error.stderr)[-3000:]}")
    return out


@pytest.fixture(scope="module")
def built_tikz(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same PDF with every diagram as TikZ code (``nnviz_latex_format = "tikz"``)."""
    missing = docs_pdf.missing_tools()
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed; {docs_pdf.INSTALL_HINT}")
    out = tmp_path_factory.mktemp("docs-pdf-tikz")
    try:
        docs_pdf.build(out, "tikz")
    except subprocess.CalledProcessError as error:
        pytest.fail(f"{error.cmd} failed:\n{(error.stdout + error.stderr)[-3000:]}")
    return out


def test_docs_pdf_has_no_missing_character_and_every_diagram(built: Path) -> None:
    assert docs_pdf.problems(built) == []
    assert docs_pdf.diagram_count(built) >= 40  # the gallery alone draws every example 4 ways


def test_docs_pdf_diagrams_all_keep_the_paper_floor(built: Path) -> None:
    # U-Net's graph keeps 6 pt on a printed page with terse cards, its lenet drawing with
    # smaller maps: no diagram of the docs is read below the floor there.
    assert docs_pdf.below_floor(built) == []


def test_docs_pdf_text_keeps_the_unicode(built: Path) -> None:
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (poppler-utils) not installed; run `make system-deps`")
    text = subprocess.run(
        [pdftotext, str(built / "nnviz.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert [char for char in UNICODE_IN_DOCS if char not in text] == []


def test_docs_pdf_builds_with_tikz_figures(built_tikz: Path) -> None:
    """Issue 18: the LaTeX PDF with every diagram input as TikZ compiles, glyphs and all."""
    assert docs_pdf.problems(built_tikz) == []
    tex = (built_tikz / "nnviz.tex").read_text(encoding="utf-8")
    assert "\\sphinxincludegraphics{{nnviz-" not in tex and "\\usepackage{tikz}" in tex
    assert docs_pdf.diagram_count(built_tikz) >= 40
    assert (built_tikz / "nnviz.pdf").read_bytes().startswith(b"%PDF")


def test_a_missing_character_in_the_log_is_a_problem(tmp_path: Path) -> None:
    """The check itself can fail: LaTeX only warns about a glyph the font lacks."""
    (tmp_path / "nnviz.tex").write_text(
        "\\noindent\\sphinxincludegraphics{{nnviz-0a1b}.pdf}\n", encoding="utf-8"
    )
    (tmp_path / "nnviz.log").write_text(
        "Missing character: There is no ℝ (U+211D) in font [DejaVuSerif-Italic.ttf]!\n",
        encoding="utf-8",
    )
    assert docs_pdf.problems(tmp_path) == [
        "Missing character: There is no ℝ (U+211D) in font [DejaVuSerif-Italic.ttf]!",
        "diagram nnviz-0a1b.pdf is included but was not written",
    ]
