"""``nnviz_latex_format = "tikz"``: the LaTeX builder inputs TikZ pictures, which compile."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from typing import Any

import pytest

Build = Callable[..., Any]
TIKZ = {"nnviz_latex_format": "tikz"}


def _tex(app: Any) -> str:
    return next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")


def test_latex_inputs_a_tikz_picture_per_diagram(build: Build) -> None:
    app = build("basic", "latex", confoverrides=TIKZ)
    tex = _tex(app)
    names = re.findall(r"\\input\{(nnviz-\w+\.tikz)\}", tex)
    assert len(set(names)) == 2 and len(names) == 3, tex
    for name in names:
        picture = (app.outdir / name).read_text(encoding="utf-8")
        assert "\\begin{tikzpicture}" in picture and "\\documentclass" not in picture
    assert "\\sphinxincludegraphics" not in tex
    assert "\\usepackage{tikz}" in tex
    assert r"\caption{LeNet\sphinxhyphen{}5 as used in \sphinxstyleemphasis{chapter 2}.}" in tex
    assert app.warning.getvalue() == ""


def test_tikz_diagrams_keep_size_alignment_and_names(build: Build) -> None:
    tex = _tex(build("basic", "latex", confoverrides=TIKZ))
    # In a figure (centred by it), the picture shrunk to the column only when wider than it.
    assert re.search(
        r"\\centering\s*\\capstart\s*\\noindent\\begingroup\\sbox0\{\\input\{nnviz-\w+\.tikz\}\}"
        r"\\ifdim\\wd0>\\linewidth\\resizebox\{\\linewidth\}\{!\}\{\\usebox0\}\\else\\usebox0"
        r"\\fi\\endgroup\n",
        tex,
    )
    # :width: 100% is the column's width, as for an image.
    assert re.search(r"\\resizebox\{1\\linewidth\}\{!\}\{\\usebox0\}", tex)
    # A diagram named without a caption can still be referenced.
    assert re.search(r"\\label\{\\detokenize\{chapter/model:mlp-from-file\}\}", tex)


def test_pdf_stays_the_default(build: Build) -> None:
    tex = _tex(build("basic", "latex"))
    assert "\\input{nnviz-" not in tex and "\\sphinxincludegraphics" in tex


def test_the_latex_format_is_checked(build: Build) -> None:
    app = build("basic", "latex", confoverrides={"nnviz_latex_format": "svg"})
    warning = app.warning.getvalue()
    assert "The config value `nnviz_latex_format` has to be a one of" in warning
    assert "'pdf'" in warning and "'tikz'" in warning and "but `svg` is given" in warning


@pytest.mark.parametrize("engine", ["lualatex", "pdflatex"])
def test_the_tikz_document_compiles(build: Build, engine: str) -> None:
    if shutil.which(engine) is None:
        pytest.skip(f"{engine} not installed; run `make system-deps`")
    # TeX's own fonts, rather than the FreeSerif / TeX Gyre packages Sphinx asks for by default.
    fonts = {"latex_elements": {"fontpkg": ""}}
    app = build("basic", "latex", confoverrides={**TIKZ, "latex_engine": engine, **fonts})
    document = next(app.outdir.glob("*.tex"))
    result = subprocess.run(
        [engine, "-interaction=nonstopmode", "-halt-on-error", document.name],
        cwd=app.outdir,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert document.with_suffix(".pdf").read_bytes().startswith(b"%PDF")
