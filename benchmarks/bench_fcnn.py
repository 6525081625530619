"""Benchmark of the fcnn style on the networks NN-SVG cannot draw: real layer sizes.

    .venv/bin/python benchmarks/bench_fcnn.py [--repeat 20]

For each case it prints the best time of loading the spec, of layout (Graph → Scene) and of SVG
writing, the peak memory of one layout + SVG, and the SVG size. Targets: under 100 ms for layout
+ SVG and under 150 KB of SVG per case.

Then a wide merge: one dense layer feeding 10,000 parallel dense branches joined by one ``add``
(issue 19). It prints loading apart from drawing, the plan and the whole layout, and the
CPU time of one layout + SVG (a loaded machine inflates wall time), and the
complexity of each stage in n layers and l links. Target: layout + SVG under 2 s. Times are
taken with the cycle collector paused, as ``nnviz_core.render`` runs. Prints tables; asserts
nothing.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

from _common import best

import nnviz_core
from nnviz_core.backends.svg import render_svg
from nnviz_core.collector import collector_paused
from nnviz_core.options import RenderOptions, build
from nnviz_core.styles.fcnn import STYLE, FcnnOptions
from nnviz_core.styles.fcnn.regions import make_plan

WIDE_BRANCHES = 10_000
#: What each stage costs in n layers, l links between drawn elements, c drawn connections.
COMPLEXITY = (
    "plan O(n + l) (regions: n·k/64 for k columns upstream, as int bit sets)",
    "order O(n log n) (heap)",
    "ranks and centres O(n + l)",
    "connections O(c)",
    "svg O(n + c)",
)


def cpu(action: Callable[[], object]) -> float:
    """The processor time of one run, in milliseconds: what it costs on a busy machine."""
    started = time.process_time()
    action()
    return (time.process_time() - started) * 1000


def mlp_spec(name: str, sizes: list[int]) -> str:
    layers = "\n".join(f"  - dense: {{units: {size}, activation: relu}}" for size in sizes[1:])
    return f"name: {name}\ninput: [{sizes[0]}]\nlayers:\n{layers}\n"


CASES: list[tuple[str, str, dict[str, Any]]] = [
    ("784-512-512-10", mlp_spec("MLP", [784, 512, 512, 10]), {}),
    (
        "784-512-512-10 bezier+bias",
        mlp_spec("MLP", [784, 512, 512, 10]),
        {"edge_style": "bezier", "show_bias": True},
    ),
    ("20 × 4,096", mlp_spec("Wide", [4096] * 20), {}),
    ("20 × 4,096 weights", mlp_spec("Wide", [4096] * 20), {"weights": "random:1"}),
    ("20 × 4,096 arrowheads", mlp_spec("Wide", [4096] * 20), {"arrowheads": True}),
]


def wide_spec(branches: int) -> str:
    """One dense layer feeding ``branches`` parallel dense layers, all joined by one ``add``."""
    lines = ["name: Wide merge", "input: [8]", "layers:", "  - {id: x, dense: 4}"]
    lines += [f"  - {{id: b{i}, dense: 4, inputs: [x]}}" for i in range(branches)]
    lines.append("  - {add: [" + ", ".join(f"b{i}" for i in range(branches)) + "]}")
    return "\n".join(lines) + "\n"


def wide_merge(repeat: int) -> None:
    """The wide-merge table: load apart, then the plan, the whole layout and SVG."""
    spec = wide_spec(WIDE_BRANCHES)
    options = FcnnOptions()
    with collector_paused():
        load_ms = best(lambda: nnviz_core.load(spec), repeat)
        graph = nnviz_core.load(spec)
        plan_ms = best(lambda: make_plan(graph, options), repeat)
        layout_ms = best(lambda: STYLE.layout(graph, options), repeat)
        scene = STYLE.layout(graph, options)
        svg_ms = best(lambda: render_svg(scene, RenderOptions()), repeat)
        cpu_ms = cpu(lambda: render_svg(STYLE.layout(graph, options), RenderOptions()))
    size = len(render_svg(scene, RenderOptions()).encode()) / 1024
    total = layout_ms + svg_ms
    print(f"\nwide merge: {WIDE_BRANCHES:,} branches into one add ({len(graph.nodes):,} layers)")
    print("load ms  plan ms  layout ms  svg ms  layout+svg  cpu ms  svg KB  target < 2000 ms")
    print(
        f"{load_ms:>7.0f}  {plan_ms:>7.0f}  {layout_ms:>9.0f}  {svg_ms:>6.0f}  {total:>10.0f}"
        f"  {cpu_ms:>6.0f}  {size:>6.0f}  {'yes' if total < 2000 else 'NO'}"
    )
    print("complexity per stage: " + "; ".join(COMPLEXITY))


def measure(
    spec: str, values: dict[str, Any], repeat: int
) -> tuple[float, float, float, float, int]:
    graph = nnviz_core.load(spec)
    options = build(FcnnOptions, values)
    render = RenderOptions()
    scene = STYLE.layout(graph, options)
    svg = render_svg(scene, render)
    load_ms = best(lambda: nnviz_core.load(spec), repeat)
    layout_ms = best(lambda: STYLE.layout(graph, options), repeat)
    svg_ms = best(lambda: render_svg(scene, render), repeat)
    tracemalloc.start()
    render_svg(STYLE.layout(graph, options), render)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return load_ms, layout_ms, svg_ms, peak, len(svg.encode("utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="runs per stage (best is kept)")
    repeat = parser.parse_args().repeat
    header = ("case", "load ms", "layout ms", "svg ms", "layout+svg", "peak MiB", "svg KB", "ok")
    print("{:<28} {:>8} {:>10} {:>7} {:>11} {:>9} {:>7}  {}".format(*header))
    for name, spec, values in CASES:
        load_ms, layout_ms, svg_ms, peak, size = measure(spec, values, repeat)
        total = layout_ms + svg_ms
        ok = "yes" if total < 100 and size < 150_000 else "NO"
        print(
            f"{name:<28} {load_ms:>8.1f} {layout_ms:>10.1f} {svg_ms:>7.1f} {total:>11.1f} "
            f"{peak:>9.1f} {size / 1000:>7.1f}  {ok}"
        )
    print("targets: layout + SVG under 100 ms, SVG under 150 KB (the first three cases)")
    wide_merge(min(repeat, 3))


if __name__ == "__main__":
    main()
