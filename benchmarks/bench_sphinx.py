"""Benchmark of the Sphinx extension on a generated project with 100 diagrams.

Prints one table: a cold build against the same project with code blocks instead of diagrams (the
price of drawing), a warm rebuild after touching one page (what an author waits for), and a cold
build with ``-j 2`` against ``-j 1``. Run ``python benchmarks/bench_sphinx.py [--diagrams N]``.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STYLES = ("graph", "block", "lenet", "fcnn")
PER_PAGE = 5


def spec(index: int) -> str:
    """A small convolutional network that differs from every other one (so nothing is shared)."""
    filters = 4 + index % 29
    return "\n".join(
        [
            f"name: Net {index}",
            f"input: [3, {32 + 4 * (index % 9)}, {32 + 4 * (index % 9)}]",
            "layers:",
            f"  - conv2d: {{filters: {filters}, kernel: 3, activation: relu}}",
            "  - maxpool2d: 2",
            f"  - conv2d: {{filters: {2 * filters}, kernel: 3, activation: relu}}",
            "  - flatten",
            f"  - dense: {{units: {16 + index % 50}, activation: relu}}",
            "  - dense: 10",
        ]
    )


def block(index: int, diagrams: bool) -> str:
    body = "\n".join(f"   {line}" for line in spec(index).splitlines())
    if diagrams:
        style = STYLES[index % len(STYLES)]
        return f".. nnviz::\n   :style: {style}\n   :caption: Network {index}.\n\n{body}\n"
    return f".. code-block:: yaml\n   :caption: Network {index}.\n\n{body}\n"


def make_project(root: Path, count: int, diagrams: bool) -> Path:
    """``count`` blocks over ``count / PER_PAGE`` pages, plus an index with the toctree."""
    root.mkdir(parents=True)
    extensions = '["sphinx_nnviz"]' if diagrams else "[]"
    (root / "conf.py").write_text(f"extensions = {extensions}\nproject = 'bench'\n")
    pages = []
    for start in range(0, count, PER_PAGE):
        name = f"page{start // PER_PAGE:03d}"
        pages.append(name)
        text = [f"Page {name}", "=" * (5 + len(name)), ""]
        text += [block(i, diagrams) for i in range(start, min(count, start + PER_PAGE))]
        (root / f"{name}.rst").write_text("\n".join(text))
    toctree = "".join(f"   {name}\n" for name in pages)
    (root / "index.rst").write_text(f"Bench\n=====\n\n.. toctree::\n\n{toctree}")
    return root


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def sphinx_build(source: Path, out: Path, jobs: int = 1) -> tuple[float, float]:
    """Wall and CPU seconds of one ``sphinx-build -b html``; fails loudly on any warning.

    CPU time (of the build and its workers) is the steadier number on a busy machine.
    """
    command = [sys.executable, "-m", "sphinx", "-q", "-W", "-b", "html", "-j", str(jobs)]
    wall, cpu = time.perf_counter(), _child_cpu()
    subprocess.run([*command, str(source), str(out)], check=True)
    return time.perf_counter() - wall, _child_cpu() - cpu


def run(count: int) -> list[tuple[str, tuple[float, float]]]:
    with tempfile.TemporaryDirectory(prefix="nnviz-bench-") as folder:
        tmp = Path(folder)
        plain = make_project(tmp / "plain", count, diagrams=False)
        drawn = make_project(tmp / "drawn", count, diagrams=True)
        rows = [("code blocks, cold, -j 1", sphinx_build(plain, tmp / "out-plain"))]
        rows.append((f"{count} diagrams, cold, -j 1", sphinx_build(drawn, tmp / "out-1")))
        page = drawn / "page000.rst"
        page.write_text(page.read_text() + "\nOne more sentence.\n")
        rows.append(("warm, one page touched", sphinx_build(drawn, tmp / "out-1")))
        rows.append(("no change", sphinx_build(drawn, tmp / "out-1")))
        shutil.rmtree(tmp / "out-1")
        rows.append((f"{count} diagrams, cold, -j 2", sphinx_build(drawn, tmp / "out-2", jobs=2)))
        return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--diagrams", type=int, default=100)
    count = parser.parse_args().diagrams
    rows = run(count)
    base = rows[0][1][0]
    print(f"{'build':<32} {'wall s':>8} {'cpu s':>8} {'wall × code blocks':>19}")
    for label, (wall, cpu) in rows:
        print(f"{label:<32} {wall:>8.2f} {cpu:>8.2f} {wall / base:>19.1f}")


if __name__ == "__main__":
    main()
