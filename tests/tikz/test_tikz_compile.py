"""TikZ output compiled by real TeX engines, looked at, and restyled the way the docs say.

The engines come from Debian's texlive packages (``tools/system-deps.sh`` installs them, and
``make test`` runs that first); without them these tests say how to install them.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import nnviz_core

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
HISTORY = "epoch,loss,val_loss,accuracy,val_accuracy\n0,1.9,1.7,0.41,0.47\n1,1.3,1.2,0.58,0.61\n"
HOSTILE = r"""
name: "Odd #1 $x$ 100% & ~_^\\{} <a> | -- ×→⊕ ℝ σ é ő ⁻¹ 中"
input: [3, 32, 32]
layers:
  - {conv2d: {filters: 8, kernel: 3}, label: "conv #1 $5 50% a&b ~x_y^z \\end{tikzpicture} {oops"}
  - {relu: {}, label: "σ(x) → ℝ⁸ ×2 ≤ ≥ ± é ñ"}
  - {dense: 10, label: "}}}} \\relax %comment"}
"""
CASES = {
    "graph": (EXAMPLES / "lenet5.yaml", "graph"),
    "block": (EXAMPLES / "resnet18.yaml", "block"),
    "lenet": (EXAMPLES / "lenet5.yaml", "lenet"),
    "fcnn": (EXAMPLES / "mlp.yaml", "fcnn"),
}


def _engine(name: str) -> str:
    """A TeX engine or poppler tool, installed by ``make system-deps``."""
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} not installed; run `make system-deps` (texlive, poppler-utils)")
    return found


def _compile(engine: str, folder: Path, name: str) -> Path:
    result = subprocess.run(
        [_engine(engine), "-interaction=nonstopmode", "-halt-on-error", name],
        cwd=folder,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    return folder / Path(name).with_suffix(".pdf")


def _diagram(case: str) -> nnviz_core.Diagram:
    if case == "history":
        return nnviz_core.render(HISTORY, style="history")
    if case == "hostile":
        return nnviz_core.render(HOSTILE, style="graph")
    source, style = CASES[case]
    return nnviz_core.render(str(source), style=style)


def _page(pdf: Path, dpi: int = 48) -> np.ndarray:
    png = subprocess.run(
        [_engine("pdftoppm"), "-png", "-r", str(dpi), "-singlefile", str(pdf)],
        capture_output=True,
        check=True,
    ).stdout
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(float)


def _svg_page(diagram: nnviz_core.Diagram) -> np.ndarray:
    import cairosvg

    png = cairosvg.svg2png(bytestring=diagram.to_bytes("svg"), scale=0.5, background_color="white")
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(float)


def _ink(image: np.ndarray, cell: int = 4) -> np.ndarray:
    """Which ``cell``-pixel squares hold any ink: the drawing's coarse shape."""
    ink = image.min(axis=2) < 235
    height, width = ink.shape[0] // cell * cell, ink.shape[1] // cell * cell
    blocks = ink[:height, :width].reshape(height // cell, cell, width // cell, cell)
    return blocks.any(axis=(1, 3))


def _overlap(a: np.ndarray, b: np.ndarray) -> float:
    height, width = min(a.shape[0], b.shape[0]), min(a.shape[1], b.shape[1])
    ink_a, ink_b = _ink(a[:height, :width]), _ink(b[:height, :width])
    return float((ink_a & ink_b).sum() / (ink_a | ink_b).sum())


def _colours(image: np.ndarray) -> np.ndarray:
    """A 4×4×4 colour histogram, as fractions of the page."""
    levels = (image // 64).astype(int)
    index = levels[..., 0] * 16 + levels[..., 1] * 4 + levels[..., 2]
    counts = np.bincount(index.ravel(), minlength=64).astype(float)
    return counts / counts.sum()


@pytest.mark.parametrize("engine", ["lualatex", "pdflatex"])
@pytest.mark.parametrize("case", [*CASES, "history", "hostile"])
def test_every_style_compiles_to_a_page_of_the_figure_size(
    tmp_path: Path, engine: str, case: str
) -> None:
    diagram = _diagram(case)
    (tmp_path / "figure.tex").write_bytes(diagram.to_bytes("tex"))
    pdf = _compile(engine, tmp_path, "figure.tex")
    page = _page(pdf, dpi=72)  # 72 dpi: one pixel per big point, 0.75 per CSS pixel
    assert abs(page.shape[1] - diagram.scene.width * 0.75) <= 1
    assert abs(page.shape[0] - diagram.scene.height * 0.75) <= 1
    log = (tmp_path / "figure.log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log


@pytest.mark.parametrize("engine", ["lualatex", "pdflatex"])
def test_hostile_text_is_printed_as_written(tmp_path: Path, engine: str) -> None:
    (tmp_path / "figure.tex").write_bytes(_diagram("hostile").to_bytes("tex"))
    pdf = _compile(engine, tmp_path, "figure.tex")
    text = subprocess.run(
        [_engine("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for expected in ("conv #1 $5 50% a&b", "\\end{tikzpicture} {oops", "}}}} \\relax %comment"):
        assert expected in text, text
    assert "é ñ" in text and "σ(x)" in text


@pytest.mark.parametrize("case", list(CASES))
def test_the_compiled_page_looks_like_the_svg(tmp_path: Path, case: str) -> None:
    diagram = _diagram(case)
    (tmp_path / "figure.tex").write_bytes(diagram.to_bytes("tex"))
    tex = _page(_compile("lualatex", tmp_path, "figure.tex"))
    svg = _svg_page(diagram)
    assert abs(tex.shape[0] - svg.shape[0]) <= 1 and abs(tex.shape[1] - svg.shape[1]) <= 1
    # Measured: 0.92–0.98 for the four styles (text is in another font, so never 1).
    assert _overlap(tex, svg) > 0.88
    assert np.minimum(_colours(tex), _colours(svg)).sum() > 0.85
    # The measure can fail: the same page mirrored overlaps far less.
    assert _overlap(tex, svg[:, ::-1]) < 0.8


def test_one_preamble_line_restyles_a_category_in_every_figure(tmp_path: Path) -> None:
    diagram = nnviz_core.render(str(EXAMPLES / "lenet5.yaml"), style="block", detail="full")
    (tmp_path / "net.tikz").write_bytes(diagram.to_bytes("tikz"))
    preamble = "\\documentclass{article}\n\\usepackage{tikz}\n\\pagestyle{empty}\n"
    body = "\\begin{document}\n\\input{net.tikz}\n\n\\input{net.tikz}\n\\end{document}\n"
    restyle = (
        "\\tikzset{nnviz/convolution/.style={fill=red, draw=red}}\n"
        "\\definecolor{nnvizCatPooling}{HTML}{00FF00}\n"
    )
    (tmp_path / "plain.tex").write_text(preamble + body, encoding="utf-8")
    (tmp_path / "restyled.tex").write_text(preamble + restyle + body, encoding="utf-8")
    plain = _page(_compile("lualatex", tmp_path, "plain.tex"))
    restyled = _page(_compile("lualatex", tmp_path, "restyled.tex"))

    def share(image: np.ndarray, colour: tuple[int, int, int]) -> float:
        return float((np.abs(image - np.array(colour)).max(axis=2) < 30).mean())

    # Red front faces (the style), green pooling maps with lit tops and shaded sides that
    # follow the new colour (the faces' colours are mixes of it), in both figures.
    lit, shaded = (130, 255, 130), (0, 214, 0)
    for colour in ((255, 0, 0), (0, 255, 0), lit, shaded):
        assert share(plain, colour) == 0
        assert share(restyled, colour) > 0.0005, colour


def test_layers_are_nodes_an_author_can_point_at(tmp_path: Path) -> None:
    diagram = nnviz_core.render(str(EXAMPLES / "lenet5.yaml"), style="block", detail="full")
    document = diagram.to_bytes("tex").decode()
    node = re.search(
        r"minimum width=([\d.]+)bp, minimum height=([\d.]+)bp\] "
        r"\(conv2d_1\) at \(([\d.]+),([\d.]+)\)",
        document,
    )
    assert node is not None
    width, height, x, y = (float(value) for value in node.groups())
    note = "\\draw[red, line width=2pt] (conv2d_1.north west) -- (conv2d_1.south east);\n"
    document = document.replace("\\end{tikzpicture}", note + "\\end{tikzpicture}")
    (tmp_path / "annotated.tex").write_text(document, encoding="utf-8")
    page = _page(_compile("lualatex", tmp_path, "annotated.tex"), dpi=72)  # a pixel per bp
    red = np.argwhere(np.abs(page - np.array((255, 0, 0))).max(axis=2) < 40)
    # The diagonal spans the first convolution's block, whose centre is in CSS px.
    for axis, centre, size in ((1, x, width), (0, y, height)):
        assert abs(red[:, axis].min() - (centre * 0.75 - size / 2)) <= 3
        assert abs(red[:, axis].max() - (centre * 0.75 + size / 2)) <= 3
