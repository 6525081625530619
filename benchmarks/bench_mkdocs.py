"""Benchmark: a 100-page MkDocs site, one diagram per page, against the same site with code fences.

    .venv/bin/python benchmarks/bench_mkdocs.py [--pages 100]

Every page holds one distinct network (so nothing is shared), drawn by a fence in one of the
network styles. Builds, all in this process after an unmeasured warm-up of each kind:

* plain: the fences as ``yaml`` code blocks (what the site costs without nnviz);
* cold: nnviz with an empty cache (every diagram is drawn);
* cached: the same plugin again (every diagram from its memory, as ``mkdocs serve`` rebuilds);
* a new process each for plain and for nnviz with the disk cache of the cold build (what a CI
  rebuild of an unchanged site costs, imports included).

Then the diagrams' own ``nnviz_core.render(...).svg`` time, summed, in this process. It prints
the table and the two targets of issue 14: cold overhead per diagram beyond its own render time
(target at most 5 ms) and cached build time over plain (target at most 1.2x). CPU seconds are
shown beside wall seconds: on a shared machine they are the steadier number. Plain code blocks
are highlighted by Pygments, which a drawn fence skips, so a cached nnviz build can beat them.
Asserts nothing.
"""

from __future__ import annotations

import argparse
import logging
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _common import small_net as spec
from mkdocs.commands.build import build
from mkdocs.config import load_config

import nnviz_core
from nnviz_core.hosting import network_styles

BASE_CONFIG = """site_name: nnviz benchmark
theme: {name: material}
markdown_extensions:
  - pymdownx.superfences
"""


def style_of(index: int) -> str:
    styles = network_styles()
    return styles[index % len(styles)]


def write_site(root: Path, pages: int, diagrams: bool) -> Path:
    """``pages`` pages with one fence each: an nnviz fence, or the same YAML as a code block."""
    docs = root / "docs"
    docs.mkdir(parents=True)
    for index in range(pages):
        header = f'nnviz style="{style_of(index)}" caption="Net {index}"' if diagrams else "yaml"
        text = f"# Page {index}\n\nA network.\n\n```{header}\n{spec(index)}\n```\n"
        (docs / ("index.md" if index == 0 else f"page{index:03d}.md")).write_text(text, "utf-8")
    plugins = "plugins:\n  - nnviz\n" if diagrams else "plugins: []\n"
    config = root / "mkdocs.yml"
    config.write_text(BASE_CONFIG + plugins, encoding="utf-8")
    return config


def _cpu() -> float:
    return time.process_time()


def timed(action: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds of ``action`` in this process."""
    wall, cpu = time.perf_counter(), _cpu()
    action()
    return time.perf_counter() - wall, _cpu() - cpu


def in_process(config: Path) -> tuple[float, float]:
    return timed(lambda: build(load_config(config_file=str(config))))


def new_process(config: Path) -> tuple[float, float]:
    """Wall and CPU seconds of ``mkdocs build`` in a fresh interpreter (imports included)."""
    import resource

    def children() -> float:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)]
    wall, cpu = time.perf_counter(), children()
    subprocess.run(command, check=True)
    return time.perf_counter() - wall, children() - cpu


def render_time(pages: int) -> tuple[float, float]:
    """The diagrams' own drawing time: ``nnviz_core.render(spec, style).svg`` for each page."""
    nnviz_core.render(spec(10_000), style_of(0)).to_bytes("svg")  # imports, first use: not timed

    def draw_all() -> None:
        for index in range(pages):
            nnviz_core.render(spec(index) + "\n", style_of(index)).to_bytes("svg")

    return timed(draw_all)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    pages = parser.parse_args().pages
    logging.getLogger("mkdocs").propagate = False
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    rows: list[tuple[str, tuple[float, float]]] = []
    with tempfile.TemporaryDirectory(prefix="nnviz-bench-") as temporary:
        plain = write_site(Path(temporary) / "plain", pages, diagrams=False)
        drawn = write_site(Path(temporary) / "nnviz", pages, diagrams=True)
        warm = write_site(Path(temporary) / "warm", 2, diagrams=True)
        in_process(plain)  # warm-up: imports, theme and highlighter set-up are not measured
        in_process(warm)  # the same for the plugin and nnviz's imports
        rows.append(("plain code fences", in_process(plain)))
        rows.append(("nnviz cold (empty cache)", in_process(drawn)))
        rows.append(("nnviz cached (same process)", in_process(drawn)))
        rows.append(("plain, new process", new_process(plain)))
        rows.append(("nnviz cached, new process", new_process(drawn)))
        own = render_time(pages)
    table = dict(rows)
    print(f"{pages} pages, one diagram each; styles: {', '.join(network_styles())}")
    print(f"{'build':<30} {'wall s':>8} {'cpu s':>8} {'wall x plain':>13}")
    for label, (wall, cpu) in rows:
        base = table["plain, new process" if "new process" in label else "plain code fences"]
        print(f"{label:<30} {wall:>8.2f} {cpu:>8.2f} {wall / base[0]:>12.2f}x")
    print(f"{'render() of every diagram':<30} {own[0]:>8.2f} {own[1]:>8.2f}")
    for kind, index in (("wall", 0), ("cpu", 1)):
        cold = table["nnviz cold (empty cache)"][index]
        overhead = (cold - table["plain code fences"][index] - own[index]) / pages * 1000
        cached = table["nnviz cached (same process)"][index] / table["plain code fences"][index]
        fresh = table["nnviz cached, new process"][index] / table["plain, new process"][index]
        print(
            f"{kind}: cold overhead per diagram beyond render(): {overhead:.1f} ms (target <= 5); "
            f"cached / plain: {cached:.2f}x, new process {fresh:.2f}x (target <= 1.2)"
        )


if __name__ == "__main__":
    main()
