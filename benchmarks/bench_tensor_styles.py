"""Benchmark of the ``block`` and ``lenet`` styles on long and branchy networks.

    .venv/bin/python benchmarks/bench_tensor_styles.py [--repeat 5]

Cases: a 1,000-layer chain, and a ResNet-50-sized DAG (about 180 layers, 16 residual adds)
with default options, folded repeats and elision. For each case and style it prints the best
time of layout (Graph → Scene) and of SVG writing, the peak memory of one layout + SVG and the
SVG size. Target: under 0.5 s for layout + SVG. Prints a table; asserts nothing.
"""

from __future__ import annotations

import argparse
import tracemalloc
from typing import Any

from _common import best

import nnviz_core
from nnviz_core.backends.svg import render_svg
from nnviz_core.ir import Graph
from nnviz_core.options import RenderOptions, build
from nnviz_core.styles.block import STYLE as BLOCK
from nnviz_core.styles.lenet import STYLE as LENET


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


if __name__ == "__main__":
    main()
