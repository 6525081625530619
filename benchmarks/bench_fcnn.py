"""Benchmark of the fcnn style on the networks NN-SVG cannot draw: real layer sizes.

    .venv/bin/python benchmarks/bench_fcnn.py [--repeat 20]

For each case it prints the best time of loading the spec, of layout (Graph → Scene) and of SVG
writing, the peak memory of one layout + SVG, and the SVG size. Targets: under 100 ms for layout
+ SVG and under 150 KB of SVG per case. Prints a table; asserts nothing.
"""

from __future__ import annotations

import argparse
import tracemalloc
from typing import Any

from _common import best

import nnviz_core
from nnviz_core.backends.svg import render_svg
from nnviz_core.options import RenderOptions, build
from nnviz_core.styles.fcnn import STYLE, FcnnOptions


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


if __name__ == "__main__":
    main()
