"""The foundation's stages, timed apart: parse, IR, graph-style preparation, engine, scene, SVG.

    .venv/bin/python benchmarks/bench_core.py [--sizes 10,100,1000,10000] [--engine-limit 1000]
                                              [--engine auto|dot|PATH]
                                              [--wide 1000,2000,10000] [--wide-each-limit 2000]

Generated chains (dense layers), DAGs (a residual add every three layers) and varied chains (every
card different) of each size, then the examples, then wide merges (an ``add`` of N parallel
branches) folded into one ×N card (the default) and branch by branch (``fold_fans=0``), with each
stage's growth in N. Targets: parse + IR for 10,000 layers under 1 s; for the graph style,
everything that is not the Graphviz engine itself under 25% of the total at 1,000 layers; a
10,000-branch merge drawn in under 2 s. Branch by branch, Graphviz alone needs about a minute
for 10,000 branches (60 s with graphviz-pure, measured once), hence ``--wide-each-limit``.

Columns: ``prepare`` transforms the graph, measures the cards and builds the Graphviz graph;
``engine`` is the Graphviz process alone, on the layout-only text; ``cards‖`` draws the cards,
which ``place()`` does while the engine runs; ``answer`` decodes the engine's JSON; ``scene``
reads its positions into place, places the cards, draws edges, clusters and legend; ``wall``
is the wall time of ``prepare()`` and ``place()``: all of the above and the engine together.
``dot`` writes the full DOT text, which only the ``dot`` format and ``to_dot`` ask for. Two
shares of wall time that is not the engine: ``style`` for the graph style alone
(``wall`` against the engine alone, run in turn with it), ``all`` for a whole render (parse, IR,
that, and the SVG writer). Peak memory is tracemalloc's peak over one run (Python allocations;
the engine runs in its own process). Prints a table; asserts nothing.

Every time is the fastest of ``REPEAT`` runs (twice as many for ``engine`` and ``wall``): this
benchmark runs on shared virtual machines whose slow spells stretch single runs by a third, and
the fastest run is the one they spared.
"""

from __future__ import annotations

import argparse
import math
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from nnviz_core.backends.svg import render_svg
from nnviz_core.collector import collector_paused
from nnviz_core.dotgraph import for_layout, full
from nnviz_core.options import RenderOptions
from nnviz_core.sources.yaml_spec import load_text
from nnviz_core.sources.yaml_spec.tree import parse_text
from nnviz_core.styles.graph import GraphOptions, place, prepare
from nnviz_core.styles.graph.compose import compose, draw_cards
from nnviz_core.styles.graph.engine import call_engine, read_answer, resolve_engine

T = TypeVar("T")
U = TypeVar("U")
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


def wide_spec(size: int) -> str:
    """Issue 19's wide merge: one convolution, ``size`` relus reading it, and their sum."""
    lines = ["  - {id: x, conv2d: {filters: 4, kernel: 3, padding: same}}"]
    lines += [f"  - {{id: b{index}, relu: {{}}, inputs: [x]}}" for index in range(size)]
    lines.append("  - {add: [" + ", ".join(f"b{index}" for index in range(size)) + "]}")
    return f"name: wide-{size}\ninput: [4, 8, 8]\nlayers:\n" + "\n".join(lines) + "\n"


def varied_spec(size: int) -> str:
    """Every card different: named convolutions whose widths change, with norms and activations."""
    kinds = [
        "  - {{conv2d: {{filters: {width}, kernel: 3, padding: same}}, name: conv_{index}}}",
        "  - {{batchnorm: {{}}, name: norm_{index}}}",
        "  - {{relu: {{}}, name: act_{index}}}",
    ]
    lines = [kinds[index % 3].format(width=8 + index % 57, index=index) for index in range(size)]
    return f"name: varied-{size}\ninput: [3, 32, 32]\nlayers:\n" + "\n".join(lines) + "\n"


REPEAT = 21


def timed(action: Callable[[], T]) -> tuple[T, float]:
    """The action's result and its fastest time over ``REPEAT`` runs, in milliseconds."""
    (result, fastest), _ = timed_together(action, lambda: None)
    return result, fastest


def timed_together(
    first: Callable[[], T], second: Callable[[], U], runs: int | None = None
) -> tuple[tuple[T, float], tuple[U, float]]:
    """Both results and fastest times, the runs taken in turn (each first in half of them) so
    that the machine's quiet spells can fall on both (``wall`` minus ``engine`` is a difference
    of two such times).

    The cycle collector is paused as :func:`nnviz_core.render` pauses it, and the previous
    run's results are freed before the clock starts: a caller frees a render's result after it.
    """
    times: tuple[list[float], list[float]] = ([], [])
    kept: list[tuple[T, U]] = []
    for turn in range(runs or REPEAT):
        kept.clear()  # the previous run's results are freed here, before the clock starts
        with collector_paused():
            if turn % 2:  # each goes first in half the runs
                two, two_time = _clocked(second)
                one, one_time = _clocked(first)
            else:
                one, one_time = _clocked(first)
                two, two_time = _clocked(second)
        times[0].append(one_time)
        times[1].append(two_time)
        kept.append((one, two))
        del one, two
    ((one, two),) = kept
    return (one, min(times[0]) * 1000), (two, min(times[1]) * 1000)


def _clocked(action: Callable[[], T]) -> tuple[T, float]:
    started = time.perf_counter()
    result = action()
    return result, time.perf_counter() - started


#: The canvas the graph style lays out for (``--fit``). The overhead target is measured at
#: ``none``: one engine run on the natural layout. A page may lay a long chain out twice (its
#: folded columns still too tall, compact cards are tried), which ``--fit page`` shows.
FIT = "none"


def run(text: str, with_engine: bool, engine: str = "auto", fold_fans: int = 16) -> dict[str, Any]:
    options = GraphOptions(engine=engine, fold_fans=fold_fans, fit=FIT)  # type: ignore[arg-type]
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
    (output, engine_ms), (scene, style_ms) = timed_together(
        lambda: call_engine(command, for_layout(prepared.dot)),
        lambda: place(prepare(graph, options), options),
        runs=2 * REPEAT,  # the share is a small difference of two large times
    )
    drawn, cards_ms = timed(lambda: draw_cards(prepared))
    answer, answer_ms = timed(lambda: read_answer(output))
    _, scene_ms = timed(lambda: compose(prepared, answer, options, drawn))
    svg, svg_ms = timed(lambda: render_svg(scene, RenderOptions()))
    _, dot_ms = timed(lambda: full(prepared.dot))
    row.update(engine=engine_ms, cards=cards_ms, answer=answer_ms, scene=scene_ms, dot=dot_ms)
    row.update(wall=style_ms, svg=svg_ms)
    style = max(style_ms - engine_ms, 0.0)
    ours = row["parse"] + row["ir"] + style + svg_ms
    row["style_share"] = 100 * style / (style + engine_ms)
    row["ours_share"] = 100 * ours / (ours + engine_ms)
    row["svg_kb"] = len(svg) / 1024
    return row


def peak_kib(text: str, with_engine: bool, engine: str) -> float:
    global REPEAT
    REPEAT, repeat = 1, REPEAT
    tracemalloc.start()
    run(text, with_engine, engine)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    REPEAT = repeat
    return peak / 1024


def line(name: str, row: dict[str, Any], peak: float) -> str:
    def cell(key: str, fmt: str = "{:9.1f}") -> str:
        return fmt.format(row[key]) if key in row else f"{'—':>9}"

    return (
        f"| {name:<22} | {row['layers']:>6} | {cell('parse')} | {cell('ir')} | {cell('prepare')} "
        f"| {cell('engine')} | {cell('cards')} | {cell('answer')} | {cell('scene')} "
        f"| {cell('wall')} | {cell('svg')} | {cell('dot')} "
        f"| {cell('style_share', '{:8.1f}%')} | {cell('ours_share', '{:8.1f}%')} "
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
    parser.add_argument("--engine", default="auto", help="graph style engine (auto, dot, a path)")
    parser.add_argument("--wide", default="1000,2000,10000", help="branches of the wide merges")
    parser.add_argument(
        "--wide-each-limit",
        type=int,
        default=2000,
        help="largest wide merge also drawn branch by branch (fold_fans=0), engine included",
    )
    parser.add_argument(
        "--fit",
        default="none",
        choices=("none", "page", "slide", "paper"),
        help="the canvas laid out for (the overhead target is measured at none)",
    )
    args = parser.parse_args()
    global FIT
    FIT = args.fit
    cases = []
    for size in (int(value) for value in args.sizes.split(",")):
        with_engine = size <= args.engine_limit
        cases.append((f"chain {size}", chain_spec(size), with_engine))
        cases.append((f"dag {size}", dag_spec(size), with_engine))
        cases.append((f"varied {size}", varied_spec(size), with_engine))
    for spec in sorted((ROOT / "examples").glob("*.yaml")):
        cases.append((spec.stem, spec.read_text(), True))
    print(
        f"engine: {resolve_engine(args.engine)}   fit: {FIT}   times in ms (fastest of {REPEAT}); "
        "shares of wall time that is not the engine: 'style' of prepare + place, 'all' of a "
        "whole render; peak = tracemalloc KiB"
    )
    print(
        "| case                   | layers |     parse |        ir |   prepare |    engine "
        "|    cards‖ |    answer |     scene |      wall |       svg |       dot "
        "|    style |      all |  peak KiB |    svg KB |"
    )
    print("|" + "---|" * 16)
    rows = {}
    for name, text, with_engine in cases:
        rows[name] = run(text, with_engine, args.engine)
        print(line(name, rows[name], peak_kib(text, with_engine, args.engine)), flush=True)
    wide = wide_merges([int(value) for value in args.wide.split(",")], args)
    print(*targets(rows), *wide_targets(wide), sep="\n")


def wide_merges(sizes: list[int], args: argparse.Namespace) -> dict[str, dict[str, Any]]:
    """The wide merges, folded into one ×N card (the default) and, up to ``--wide-each-limit``
    branches, drawn branch by branch; rows are printed under the table above."""
    global REPEAT
    rows = {}
    for size in sizes:
        name = f"wide {size} folded"
        rows[name] = run(wide_spec(size), True, args.engine)
        print(line(name, rows[name], peak_kib(wide_spec(size), True, args.engine)), flush=True)
    REPEAT, repeat = 3, REPEAT  # each run of the engine takes seconds here
    for size in (size for size in sizes if size <= args.wide_each_limit):
        name = f"wide {size} each"
        rows[name] = run(wide_spec(size), True, args.engine, fold_fans=0)
        print(line(name, rows[name], peak_kib(wide_spec(size), True, args.engine)), flush=True)
    REPEAT = repeat
    return rows


#: Each stage's cost in the number of branches: what the code does, checked by growth().
COMPLEXITY = {
    "parse": "O(n): one pass over the text",
    "ir": "O(n + e)",
    "prepare": "O(n + e): fans found in one pass over edges and nodes, then one card per node",
    "engine": "Graphviz: superlinear (ranking, crossing minimisation, splines)",
    "answer": "O(size of the engine's answer)",
    "cards": "O(n): one card per drawn node",
    "scene": "O(n + e + spline points)",
    "svg": "O(items drawn)",
}


def wide_targets(rows: dict[str, dict[str, Any]]) -> list[str]:
    """Each stage's growth between the smallest and largest wide merge (1 = linear), and the
    target: a 10,000-branch merge drawn in under 2 s."""
    lines = []
    for kind in ("folded", "each"):
        measured = sorted(
            (row["layers"], row) for name, row in rows.items() if name.endswith(" " + kind)
        )
        if len(measured) < 2:
            continue
        (small, first), (large, last) = measured[0], measured[-1]
        for stage, complexity in COMPLEXITY.items():
            growth = math.log(max(last[stage], 0.01) / max(first[stage], 0.01))
            exponent = growth / math.log(large / small)
            lines.append(
                f"wide merge, {kind}, {stage}: time ~ n^{exponent:.2f} from {small:,} to "
                f"{large:,} branches; {complexity}"
            )
    ten = rows.get("wide 10000 folded")
    if ten is not None:
        total = ten["parse"] + ten["ir"] + ten["wall"] + ten["svg"]
        lines.append(f"target: 10,000-branch merge under 2 s: {total / 1000:.2f} s in total")
    return lines


def targets(rows: dict[str, dict[str, Any]]) -> list[str]:
    """The foundation's two targets, read off the table for the sizes it ran."""
    lines = []
    big = {name: row for name, row in rows.items() if name.endswith(" 10000")}
    if big:
        worst = max(row["parse"] + row["ir"] for row in big.values())
        lines.append(
            f"target: parse + IR for 10,000 layers under 1 s: {worst / 1000:.2f} s at most"
        )
    shares = {name: row.get("style_share") for name, row in rows.items() if name.endswith(" 1000")}
    if shares and all(share is not None for share in shares.values()):
        listed = ", ".join(f"{name.split()[0]} {share:.1f}%" for name, share in shares.items())
        lines.append(
            "target: graph style, all but the engine, under 25% at 1,000 layers "
            f"(fit: {FIT}): {listed}"
        )
    return lines


if __name__ == "__main__":
    main()
