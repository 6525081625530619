"""Benchmark of the Sphinx extension: 100 pages with one diagram each, against code blocks.

    .venv/bin/python benchmarks/bench_sphinx.py [--diagrams 100] [--per-page 1] [--parallel]

Every build is a ``sphinx-build -b html`` process. Rows: the project with code blocks instead of
diagrams, cold and with every page touched (``-E`` not given: each page is read again); the same
with diagrams, cold (every diagram drawn) and with every page touched (every diagram from the
cache); a rebuild after touching one page; with ``--parallel``, a cold ``-j 2`` build. Each
build runs ``--repeat`` times (default 2) on fresh copies; the best times are kept. Then the
diagrams' own ``nnviz_core.render(...).svg`` time, summed in this process, and the two targets
of issue 14: cold overhead per diagram beyond its own render time (at most 5 ms) and the cached
build over the plain one (at most 1.2x). CPU seconds (of the build and its workers) are the
steadier number on a busy machine. Asserts nothing.
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

from _common import small_net as spec

import nnviz_core

STYLES = ("graph", "block", "lenet", "fcnn")


def block(index: int, diagrams: bool) -> str:
    body = "\n".join(f"   {line}" for line in spec(index).splitlines())
    if diagrams:
        style = STYLES[index % len(STYLES)]
        return f".. nnviz::\n   :style: {style}\n   :caption: Network {index}.\n\n{body}\n"
    return f".. code-block:: yaml\n   :caption: Network {index}.\n\n{body}\n"


def make_project(root: Path, count: int, diagrams: bool, per_page: int) -> Path:
    """``count`` blocks over ``count / per_page`` pages, plus an index with the toctree."""
    root.mkdir(parents=True)
    extensions = '["sphinx_nnviz"]' if diagrams else "[]"
    (root / "conf.py").write_text(f"extensions = {extensions}\nproject = 'bench'\n")
    pages = []
    for start in range(0, count, per_page):
        name = f"page{start // per_page:03d}"
        pages.append(name)
        text = [f"Page {name}", "=" * (5 + len(name)), ""]
        text += [block(i, diagrams) for i in range(start, min(count, start + per_page))]
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


def touch_all(root: Path) -> None:
    """Change every page a little, so Sphinx reads each one again."""
    for page in sorted(root.glob("page*.rst")):
        page.write_text(page.read_text() + "\nOne more sentence.\n")


def render_time(count: int) -> tuple[float, float]:
    """The diagrams' own drawing time: ``nnviz_core.render(spec, style).svg`` of each one."""
    nnviz_core.render(spec(10_000) + "\n", STYLES[0]).to_bytes("svg")  # imports: not timed
    wall, cpu = time.perf_counter(), time.process_time()
    for index in range(count):
        nnviz_core.render(spec(index) + "\n", STYLES[index % len(STYLES)]).to_bytes("svg")
    return time.perf_counter() - wall, time.process_time() - cpu


Row = tuple[str, tuple[float, float]]


def run(count: int, per_page: int, parallel: bool) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="nnviz-bench-") as folder:
        tmp = Path(folder)
        plain = make_project(tmp / "plain", count, False, per_page)
        drawn = make_project(tmp / "drawn", count, True, per_page)
        rows = [("code blocks, cold", sphinx_build(plain, tmp / "out-plain"))]
        touch_all(plain)
        rows.append(("code blocks, all pages touched", sphinx_build(plain, tmp / "out-plain")))
        rows.append((f"{count} diagrams, cold", sphinx_build(drawn, tmp / "out-1")))
        touch_all(drawn)
        rows.append(("diagrams, all pages touched", sphinx_build(drawn, tmp / "out-1")))
        page = drawn / "page000.rst"
        page.write_text(page.read_text() + "\nOne more sentence.\n")
        rows.append(("diagrams, one page touched", sphinx_build(drawn, tmp / "out-1")))
        if parallel:
            shutil.rmtree(tmp / "out-1")
            rows.append((f"{count} diagrams, cold, -j 2", sphinx_build(drawn, tmp / "out-2", 2)))
        return rows


def best_of(runs: list[list[Row]]) -> list[Row]:
    """Per row, the fastest wall and the smallest CPU time of the runs (a busy machine only
    ever adds time)."""
    return [
        (label, (min(r[i][1][0] for r in runs), min(r[i][1][1] for r in runs)))
        for i, (label, _) in enumerate(runs[0])
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--diagrams", type=int, default=100)
    parser.add_argument("--per-page", type=int, default=1)
    parser.add_argument("--parallel", action="store_true", help="also a cold -j 2 build")
    parser.add_argument("--repeat", type=int, default=2, help="runs of every build (best kept)")
    args = parser.parse_args()
    rows = best_of([run(args.diagrams, args.per_page, args.parallel) for _ in range(args.repeat)])
    own = render_time(args.diagrams)
    table = dict(rows)
    base = table["code blocks, cold"][0]
    print(f"{args.diagrams} diagrams, {args.per_page} per page; styles: {', '.join(STYLES)}")
    print(f"{'build':<32} {'wall s':>8} {'cpu s':>8} {'wall x code blocks':>19}")
    for label, (wall, cpu) in rows:
        print(f"{label:<32} {wall:>8.2f} {cpu:>8.2f} {wall / base:>18.2f}x")
    print(f"{'render() of every diagram':<32} {own[0]:>8.2f} {own[1]:>8.2f}")
    for kind, index in (("wall", 0), ("cpu", 1)):
        cold = table[f"{args.diagrams} diagrams, cold"][index] - table["code blocks, cold"][index]
        overhead = (cold - own[index]) / args.diagrams * 1000
        touched = table["diagrams, all pages touched"][index]
        ratio = touched / table["code blocks, all pages touched"][index]
        print(
            f"{kind}: cold overhead per diagram beyond render(): {overhead:.1f} ms (target <= 5); "
            f"all pages touched, cached / code blocks: {ratio:.2f}x (target <= 1.2)"
        )


if __name__ == "__main__":
    main()
