"""Benchmark of the ``block`` and ``lenet`` styles on long and branchy networks.

    .venv/bin/python benchmarks/bench_tensor_styles.py [--repeat 5]

Cases: a 1,000-layer chain, and a ResNet-50-sized DAG (about 180 layers, 16 residual adds)
with default options, folded repeats and elision. For each case and style it prints the best
time of layout (Graph → Scene) and of SVG writing, the peak memory of one layout + SVG and the
SVG size. Target: under 0.5 s for layout + SVG.

Then a wide merge: one convolution feeding 10,000 parallel ReLU branches joined by one ``add``
(issue 19), drawn as the styles draw it by default (the fan folded into one tensor marked ×N)
and with ``fold_fans=0`` (every branch in its own lane). It prints loading apart from drawing,
the stages of the tensor pipeline, the CPU time of one layout + SVG (a loaded machine inflates
wall time), and the complexity of each stage in n layers and b branches. Target: layout + SVG
under 2 s. Times are taken with the cycle collector paused, as ``nnviz_core.render`` runs.
Prints tables; asserts nothing.
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
from nnviz_core.ir import Graph
from nnviz_core.options import RenderOptions, build
from nnviz_core.styles.block import STYLE as BLOCK
from nnviz_core.styles.lenet import STYLE as LENET
from nnviz_core.styles.tensor.structure import structure
from nnviz_core.styles.tensor.view import tensor_view

WIDE_BRANCHES = 10_000
#: What each stage costs in n drawn layers, b branches (each stage named as in the table).
COMPLEXITY = (
    "view O(n)",
    "structure O(n·α(n) + s) for s columns spanned by branch runs (lanes: union-find per column)",
    "cells O(n)",
    "rows O(n log n) (bisection at cuts)",
    "place O(n + a log a) for a skip arcs (segment trees)",
    "routes O(n)",
    "svg O(n)",
)


def cpu(action: Callable[[], object]) -> float:
    """The processor time of one run, in milliseconds: what it costs on a busy machine."""
    started = time.process_time()
    action()
    return (time.process_time() - started) * 1000


def chain_spec(layers: int) -> str:
    """``layers`` convolutions (with every 50th a pooling layer) after a 3×224×224 input."""
    lines = []
    for index in range(layers - 1):
        if index % 50 == 49:
            lines.append("  - maxpool2d: {pool_size: 2, strides: 1, padding: same}")
        else:
            lines.append(
                f"  - conv2d: {{filters: {32 + index % 4 * 32}, kernel: 3, padding: same}}"
            )
    return "name: Chain\ninput: [3, 224, 224]\nlayers:\n" + "\n".join(lines) + "\n"


RESNET50 = """
name: ResNet-50
input: [3, 224, 224]
blocks:
  bottleneck:
    args: {filters: 64, out: 256}
    layers:
      - conv2d: {filters: $filters, kernel: 1, use_bias: false}
      - batchnorm
      - relu
      - conv2d: {filters: $filters, kernel: 3, padding: same, use_bias: false}
      - batchnorm
      - relu
      - conv2d: {filters: $out, kernel: 1, use_bias: false}
      - {id: main, batchnorm: {}}
      - {add: [input, main]}
      - relu
  projection:
    args: {filters: 64, stride: 2, out: 256}
    layers:
      - conv2d: {filters: $filters, kernel: 1, strides: $stride, use_bias: false}
      - batchnorm
      - relu
      - conv2d: {filters: $filters, kernel: 3, padding: same, use_bias: false}
      - batchnorm
      - relu
      - conv2d: {filters: $out, kernel: 1, use_bias: false}
      - {id: main, batchnorm: {}}
      - {id: shortcut, conv2d: {filters: $out, kernel: 1, strides: $stride}, inputs: [input]}
      - {id: shortcut_bn, batchnorm: {}}
      - {add: [main, shortcut_bn]}
      - relu
layers:
  - conv2d: {filters: 64, kernel: 7, strides: 2, padding: same, use_bias: false}
  - batchnorm
  - relu
  - maxpool2d: {pool_size: 3, strides: 2, padding: same}
  - {projection: {filters: 64, stride: 1, out: 256}}
  - {bottleneck: {filters: 64}, repeat: 2, label: conv2_x}
  - {projection: {filters: 128, stride: 2, out: 512}}
  - {bottleneck: {filters: 128, out: 512}, repeat: 3, label: conv3_x}
  - {projection: {filters: 256, stride: 2, out: 1024}}
  - {bottleneck: {filters: 256, out: 1024}, repeat: 5, label: conv4_x}
  - {projection: {filters: 512, stride: 2, out: 2048}}
  - {bottleneck: {filters: 512, out: 2048}, repeat: 2, label: conv5_x}
  - global_avgpool2d
  - dense: {units: 1000, activation: softmax}
"""


def wide_spec(branches: int) -> str:
    """One convolution feeding ``branches`` parallel ReLUs, all joined by one ``add``."""
    lines = ["name: Wide merge", "input: [4, 8, 8]", "layers:"]
    lines.append("  - {id: x, conv2d: {filters: 4, kernel: 3, padding: same}}")
    lines += [f"  - {{id: b{i}, relu: {{}}, inputs: [x]}}" for i in range(branches)]
    lines.append("  - {add: [" + ", ".join(f"b{i}" for i in range(branches)) + "]}")
    return "\n".join(lines) + "\n"


def wide_merge(repeat: int) -> None:
    """The wide-merge table: load apart, then view, structure, whole layout and SVG."""
    spec = wide_spec(WIDE_BRANCHES)
    with collector_paused():
        load_ms = best(lambda: nnviz_core.load(spec), repeat)
        graph = nnviz_core.load(spec)
    print(f"\nwide merge: {WIDE_BRANCHES:,} branches into one add ({len(graph.nodes):,} layers)")
    print(f"{'style':<13}{'load ms':>9}{'view ms':>9}{'struct ms':>10}{'layout ms':>10}", end="")
    print(f"{'svg ms':>8}{'layout+svg':>11}{'cpu ms':>8}{'svg KB':>8}  target < 2000 ms")
    for style in (BLOCK, LENET):
        for variant, values in (("", {}), (" fans=0", {"fold_fans": 0})):
            row = wide_stages(graph, style, values, repeat)
            print(f"{style.name + variant:<13}{load_ms:>9.0f}" + row)
    print("complexity per stage: " + "; ".join(COMPLEXITY))


def wide_stages(graph: Graph, style: Any, values: dict[str, Any], repeat: int) -> str:
    """One style's columns of the wide-merge table, after the load time."""
    options = build(style.options, values)
    with collector_paused():
        view = tensor_view(graph, fold=False, merge_inplace=True)
        view_ms = best(lambda: tensor_view(graph, fold=False, merge_inplace=True), repeat)
        structure_ms = best(lambda: structure(view, elide=False), repeat)
        layout_ms = best(lambda: style.layout(graph, options), repeat)
        scene = style.layout(graph, options)
        svg_ms = best(lambda: render_svg(scene, RenderOptions()), repeat)
        cpu_ms = cpu(lambda: render_svg(style.layout(graph, options), RenderOptions()))
    size = len(render_svg(scene, RenderOptions()).encode()) / 1024
    total = layout_ms + svg_ms
    return (
        f"{view_ms:>9.0f}{structure_ms:>10.0f}{layout_ms:>10.0f}{svg_ms:>8.0f}{total:>11.0f}"
        f"{cpu_ms:>8.0f}{size:>8.0f}  {'yes' if total < 2000 else 'NO'}"
    )


def measure(graph: Graph, style: Any, values: dict[str, Any], repeat: int) -> tuple[float, ...]:
    options = build(style.options, values)
    render = RenderOptions()
    scene = style.layout(graph, options)
    layout_ms = best(lambda: style.layout(graph, options), repeat)
    svg_ms = best(lambda: render_svg(scene, render), repeat)
    tracemalloc.start()
    size = len(render_svg(style.layout(graph, options), render).encode())
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return layout_ms, svg_ms, peak / 2**20, size / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    graphs = {"1,000-layer chain": nnviz_core.load(chain_spec(1000))}
    graphs["ResNet-50 DAG"] = nnviz_core.load(RESNET50)
    variants = {"default": {}, "fold_repeats": {"fold_repeats": True}, "elide": {"elide": True}}
    header = f"{'case':<20}{'nodes':>6}  {'style':<6}{'options':<14}"
    print(header + f"{'layout ms':>10}{'svg ms':>8}{'total ms':>10}{'peak MB':>9}{'svg KB':>8}")
    for name, graph in graphs.items():
        for style in (BLOCK, LENET):
            for label, values in variants.items():
                layout_ms, svg_ms, peak, size = measure(graph, style, values, repeat)
                print(
                    f"{name:<20}{len(graph.nodes):>6}  {style.name:<6}{label:<14}"
                    f"{layout_ms:>10.1f}{svg_ms:>8.1f}{layout_ms + svg_ms:>10.1f}"
                    f"{peak:>9.1f}{size:>8.0f}"
                )
    wide_merge(min(repeat, 3))


if __name__ == "__main__":
    main()
