"""Benchmark: a 100-diagram MkDocs site, built cold, warm, and as plain code blocks.

    .venv/bin/python benchmarks/bench_mkdocs.py [--diagrams 100] [--pages 20]

Each build runs ``mkdocs build`` in-process on the same generated Material site: once with the
fences as plain ``yaml`` code blocks (what the site costs without nnviz), once with an empty
nnviz cache (cold: every diagram is drawn) and once more with the cache from the cold build
(warm: what a rebuild of an unchanged site costs). A first, unmeasured build pays for imports
and theme set-up. Plain code blocks are highlighted by Pygments, which a drawn fence skips, so a
warm nnviz build can beat them. Prints a table; asserts nothing.
"""

from __future__ import annotations

import argparse
import logging
import resource
import tempfile
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from nnviz_core import registry

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
BASE_CONFIG = """site_name: nnviz benchmark
theme: {name: material}
markdown_extensions:
  - pymdownx.superfences
"""


def fence(spec: str, style: str, number: int, language: str) -> str:
    header = f' style="{style}" title="Diagram {number}"' if language == "nnviz" else ""
    return f"```{language}{header}\n{spec.rstrip()}\n```\n"


def write_site(root: Path, diagrams: int, pages: int, language: str) -> Path:
    """A site of ``pages`` pages holding ``diagrams`` fences in all, each one distinct."""
    specs = [path.read_text(encoding="utf-8") for path in sorted(EXAMPLES.glob("*.yaml"))]
    styles = registry.names("nnviz.styles")
    docs = root / "docs"
    docs.mkdir(parents=True)
    bodies: list[list[str]] = [[] for _ in range(pages)]
    for number in range(diagrams):
        spec, style = specs[number % len(specs)], styles[number % len(styles)]
        bodies[number % pages].append(fence(spec, style, number, language))
    for index, body in enumerate(bodies):
        text = f"# Page {index}\n\n" + "\n".join(body)
        (docs / ("index.md" if index == 0 else f"page{index}.md")).write_text(text, "utf-8")
    plugins = "plugins:\n  - nnviz\n" if language == "nnviz" else "plugins: []\n"
    config = root / "mkdocs.yml"
    config.write_text(BASE_CONFIG + plugins, encoding="utf-8")
    return config


class Counter(logging.Handler):
    """Collects the plugin's summary line and counts warnings."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.summary = ""
        self.warnings = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:
            self.warnings += 1
        elif record.getMessage().startswith("nnviz: drew"):
            self.summary = record.getMessage().removeprefix("nnviz: ")


def timed_build(config_file: Path) -> tuple[float, str, int]:
    counter = Counter()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(counter)
    logger.setLevel(logging.INFO)
    try:
        start = time.perf_counter()
        build(load_config(config_file=str(config_file)))
        return time.perf_counter() - start, counter.summary, counter.warnings
    finally:
        logger.removeHandler(counter)


def site_size(root: Path) -> int:
    return sum(path.stat().st_size for path in (root / "site").rglob("*.html"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--diagrams", type=int, default=100)
    parser.add_argument("--pages", type=int, default=20)
    args = parser.parse_args()
    logging.getLogger("mkdocs").propagate = False
    rows = []
    with tempfile.TemporaryDirectory() as temporary:
        plain = write_site(Path(temporary) / "plain", args.diagrams, args.pages, "yaml")
        timed_build(plain)  # warm-up: imports, theme and highlighter set-up are not measured
        seconds, _, warnings = timed_build(plain)
        rows.append(("plain code blocks", seconds, "-", warnings, site_size(plain.parent)))
        site = write_site(Path(temporary) / "nnviz", args.diagrams, args.pages, "nnviz")
        for label in ("nnviz cold (empty cache)", "nnviz warm (cached)"):
            seconds, drawn, warnings = timed_build(site)
            rows.append((label, seconds, drawn, warnings, site_size(site.parent)))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    styles = ", ".join(registry.names("nnviz.styles"))
    print(f"{args.diagrams} diagrams on {args.pages} pages; styles: {styles}")
    print(f"{'build':<26} {'seconds':>8} {'vs plain':>9} {'warnings':>8} {'HTML MB':>8}  diagrams")
    for label, seconds, drawn, warnings, size in rows:
        ratio = seconds / rows[0][1]
        print(
            f"{label:<26} {seconds:>8.2f} {ratio:>8.1f}x {warnings:>8} {size / 1e6:>8.2f}  {drawn}"
        )
    print(f"peak resident memory: {peak:.0f} MB")


if __name__ == "__main__":
    main()
