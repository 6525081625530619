"""Build the documentation as a PDF and check it (``make docs-pdf``; tests/docs runs it too).

Sphinx writes LaTeX (the ``nnviz`` directive gives each diagram as a vector PDF, or with
``--tikz`` as TikZ code the document inputs: ``nnviz_latex_format = "tikz"``), then latexmk
runs LuaLaTeX, the engine ``docs/conf.py`` names because the text has Unicode pdflatex cannot
set. A glyph the fonts lack is only a warning for LaTeX — a blank in the PDF — so this script
fails on any "Missing character" in the log, and on a diagram that did not make it into the PDF.

    python tools/docs_pdf.py [--tikz] [OUTPUT_FOLDER]      (default build/docs-pdf)
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
TOOLS = ("lualatex", "latexmk")
INSTALL_HINT = "run `make system-deps` (as root) or apt-get install texlive-luatex latexmk"
_MISSING = re.compile(r"^Missing character: .*$", re.MULTILINE)
_READABILITY = "[nnviz.readability]"
_DIAGRAM = re.compile(
    r"\\sphinxincludegraphics(?:\[[^\]]*\])?\{\{(nnviz-[0-9a-f]+)\}(\.pdf)\}"
    r"|\\input\{(nnviz-[0-9a-f]+)(\.tikz)\}"
)


def missing_tools() -> list[str]:
    """The TeX commands this build needs that are not on PATH."""
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def build(out: Path, latex_format: str = "pdf") -> Path:
    """Write ``out/nnviz.pdf``, diagrams as PDF images or (``"tikz"``) TikZ pictures; raises
    CalledProcessError with the tool's output on failure.

    Any Sphinx warning fails the build as ``-W`` would, except the diagrams' readability
    remarks for the printed page, which :func:`below_floor` lists (they are the known misses of
    the paper canvas, reported, not hidden).
    """
    warnings_file = out / "sphinx-warnings.txt"
    sphinx = [sys.executable, "-m", "sphinx", "-E", "-q", "-b", "latex", "-w", str(warnings_file)]
    sphinx += ["-D", f"nnviz_latex_format={latex_format}"]
    _run([*sphinx, str(DOCS), str(out)], ROOT)
    lines = warnings_file.read_text(encoding="utf-8").splitlines()
    others = [line for line in lines if line.strip() and not line.endswith(_READABILITY)]
    if others:
        raise subprocess.CalledProcessError(1, sphinx, "\n".join(others), "")
    latexmk = ["latexmk", "-lualatex", "-interaction=nonstopmode", "-halt-on-error", "nnviz.tex"]
    _run(latexmk, out)
    return out / "nnviz.pdf"


def _run(command: list[str], cwd: Path) -> None:
    subprocess.run(command, cwd=cwd, check=True, capture_output=True, text=True)


def below_floor(out: Path) -> list[str]:
    """``file:line`` of each diagram the printed page shows below its text floor."""
    found = []
    for line in (out / "sphinx-warnings.txt").read_text(encoding="utf-8").splitlines():
        if line.endswith(_READABILITY):
            where = line.split(": WARNING:", 1)[0]
            found.append(
                Path(where.rsplit(":", 1)[0]).relative_to(DOCS).as_posix()
                + ":"
                + where.rsplit(":", 1)[1]
            )
    return sorted(found)


def problems(out: Path) -> list[str]:
    """Everything wrong with a finished build in ``out``: missing glyphs and diagrams."""
    log = (out / "nnviz.log").read_text(encoding="utf-8", errors="replace")
    found = sorted(set(_MISSING.findall(log)))
    tex = (out / "nnviz.tex").read_text(encoding="utf-8")
    for name in sorted(_diagrams(tex)):
        if not (out / name).is_file():
            found.append(f"diagram {name} is included but was not written")
    if not _DIAGRAM.search(tex):
        found.append("no nnviz diagram in the LaTeX output (the latex builder path drew none)")
    return found


def _diagrams(tex: str) -> set[str]:
    """The file names of the diagrams the LaTeX document includes or inputs."""
    return {"".join(match) for match in _DIAGRAM.findall(tex)}


def diagram_count(out: Path) -> int:
    """How many diagrams the LaTeX document includes."""
    return len(_DIAGRAM.findall((out / "nnviz.tex").read_text(encoding="utf-8")))


def main(argv: list[str]) -> int:
    latex_format = "tikz" if "--tikz" in argv else "pdf"
    folders = [arg for arg in argv if arg != "--tikz"]
    out = Path(folders[0]) if folders else ROOT / "build" / "docs-pdf"
    if missing_tools():
        print(f"docs-pdf: {', '.join(missing_tools())} not found; {INSTALL_HINT}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    try:
        pdf = build(out, latex_format)
    except subprocess.CalledProcessError as error:
        output = f"{error.stdout}{error.stderr}"[-4000:]
        print(f"docs-pdf: {' '.join(error.cmd)} failed:\n{output}", file=sys.stderr)
        return 1
    found = problems(out)
    for problem in found:
        print(f"docs-pdf: {problem}", file=sys.stderr)
    for where in below_floor(out):
        print(f"docs-pdf: {where}: a diagram reads below the printed page's text floor")
    seconds = time.perf_counter() - started
    print(f"{pdf}: {diagram_count(out)} diagrams, {len(found)} problems, {seconds:.0f} s")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
