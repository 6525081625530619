"""The foundation's stages, timed apart: parse, IR, graph-style preparation, engine, scene, SVG.

    .venv/bin/python benchmarks/bench_core.py [--sizes 10,100,1000,10000] [--engine-limit 1000]

Generated chains (dense layers) and DAGs (a residual add every three layers) of each size, then
the examples. Targets: parse + IR for 10,000 layers under 1 s; for the graph style, everything that
is not the Graphviz engine itself under 25% of the total at 1,000 layers. Peak memory is
tracemalloc's peak over one whole run (Python allocations; the engine runs in its own process).
Prints a table; asserts nothing.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from nnviz_core.backends.svg import render_svg
from nnviz_core.options import RenderOptions
from nnviz_core.sources.yaml_spec import load_text
from nnviz_core.sources.yaml_spec.tree import parse_text
from nnviz_core.styles.graph import GraphOptions, prepare
from nnviz_core.styles.graph.compose import compose
from nnviz_core.styles.graph.engine import parse_layout, resolve_engine, run_engine

T = TypeVar("T")
ROOT = Path(__file__).resolve().parent.parent


def chain_spec(size: int) -> str:
    layers = "\n".join("  - dense: {units: 64, activation: relu}" for _ in range(size))
    return f"name: chain-{size}\ninput: [64]\nlayers:\n{layers}\n"


def dag_spec(size: int) -> str:
    lines = []
    for index in range(size // 3):
        lines += [
            f"  - {{id: a{index}, dense: 64}}",
            f"  - {{id: m{index}, dense: 64}}",
            f"  - {{add: [a{index}, m{index}]}}",
        ]
    return f"name: dag-{size}\ninput: [64]\nlayers:\n" + "\n".join(lines) + "\n"


def timed(action: Callable[[], T]) -> tuple[T, float]:
    started = time.perf_counter()
    result = action()
    return result, (time.perf_counter() - started) * 1000


def run(text: str, with_engine: bool) -> dict[str, Any]:
    options = GraphOptions()
    _, parse_ms = timed(lambda: parse_text(text, "<bench>"))
    graph, load_ms = timed(lambda: load_text(text, "<bench>"))
    prepared, prepare_ms = timed(lambda: prepare(graph, options))
    row: dict[str, Any] = {
        "layers": len(graph.nodes) - 1,
        "parse": parse_ms,
        "ir": max(load_ms - parse_ms, 0.0),
        "prepare": prepare_ms,
    }
    if not with_engine:
        return row
    command = resolve_engine(options.engine)
    answer, engine_ms = timed(lambda: run_engine(command, prepared.dot_source))
    scene, scene_ms = timed(lambda: compose(prepared, parse_layout(answer), options))
    svg, svg_ms = timed(lambda: render_svg(scene, RenderOptions()))
    row.update(engine=engine_ms, scene=scene_ms, svg=svg_ms, svg_kb=len(svg) / 1024)
    ours = row["parse"] + row["ir"] + row["prepare"] + scene_ms + svg_ms
    row["ours_share"] = 100 * ours / (ours + engine_ms)
    return row


def peak_kib(text: str, with_engine: bool) -> float:
    tracemalloc.start()
    run(text, with_engine)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1024


def line(name: str, row: dict[str, Any], peak: float) -> str:
    def cell(key: str, fmt: str = "{:9.1f}") -> str:
        return fmt.format(row[key]) if key in row else f"{'—':>9}"

    return (
        f"| {name:<22} | {row['layers']:>6} | {cell('parse')} | {cell('ir')} | {cell('prepare')} "
        f"| {cell('engine')} | {cell('scene')} | {cell('svg')} | {cell('ours_share', '{:8.1f}%')} "
        f"| {peak:9.0f} | {cell('svg_kb', '{:9.0f}')} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000,10000")
    parser.add_argument(
        "--engine-limit",
        type=int,
        default=1000,
        help="largest generated size also laid out by the engine",
    )
    args = parser.parse_args()
    cases = []
    for size in (int(value) for value in args.sizes.split(",")):
        cases.append((f"chain {size}", chain_spec(size), size <= args.engine_limit))
        cases.append((f"dag {size}", dag_spec(size), size <= args.engine_limit))
    for spec in sorted((ROOT / "examples").glob("*.yaml")):
        cases.append((spec.stem, spec.read_text(), True))
    print(
        f"engine: {resolve_engine('auto')}   times in ms; 'ours' = share of the total that is not "
        "the engine; peak = tracemalloc KiB"
    )
    print(
        "| case                   | layers |     parse |        ir |   prepare |    engine "
        "|     scene |       svg |     ours |  peak KiB |    svg KB |"
    )
    print("|" + "---|" * 11)
    for name, text, with_engine in cases:
        print(line(name, run(text, with_engine), peak_kib(text, with_engine)), flush=True)


if __name__ == "__main__":
    main()
