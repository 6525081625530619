"""Benchmark: drawing the docs' digit CNN with its real activations, stage by stage.

    .venv/bin/python benchmarks/bench_activations.py [--repeat 5]

For each style (``lenet``, ``block``) and digit ("3", "7"): the model's graph traced (load), one
forward pass keeping every layer's output (capture), the tiles colour-mapped and written as PNG
(tiles), the layout (layout) and the SVG (svg); "total" is ``nnviz_core.render`` plus the SVG, the
way a docs build draws it, and must stay under 1 s. Best of ``--repeat`` runs after one warm-up
(PyTorch's imports are paid once per process, not per diagram). Also the SVG's size and the PNG
bytes it embeds. Prints a table; asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
MODELS = HERE.parent / "docs" / "models"
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(MODELS))

import nnviz_core  # noqa: E402
from nnviz_core.activations import capture, pictures  # noqa: E402
from nnviz_core.api import lay_out  # noqa: E402

OPTIONS = {"input_shape": "1,1,8,8", "activations": True, "tiles": 8}


def _best(action: Callable[[], object], repeat: int) -> float:
    """Best wall time of ``repeat`` runs, in ms (after one warm-up run)."""
    action()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def _render(model: object, style: str, example: str) -> str:
    return nnviz_core.render(model, style, example_input=example, **OPTIONS).svg


def _row(style: str, digit: int, repeat: int) -> list[str]:
    from digits_cnn import trained

    example = str(MODELS / f"digit-{digit}.png")
    model = trained()
    graph = nnviz_core.load(model, input_shape="1,1,8,8")
    captured = capture(model, graph, example)
    found = pictures(captured, 8, "layer", False)
    options = nnviz_core.api.split_options(style, {"tiles": 8, "activations": True})[0]
    laid = replace(options, pictures=found)
    diagram = nnviz_core.render(model, style, example_input=example, **OPTIONS)
    svg = diagram.svg
    embedded = sum(len(t.png) for layer in found.layers.values() for t in layer.tiles)
    times = [
        _best(lambda: nnviz_core.load(model, input_shape="1,1,8,8"), repeat),
        _best(lambda: capture(model, graph, example), repeat),
        _best(lambda: pictures(captured, 8, "layer", False), repeat),
        _best(lambda: lay_out(graph, style, laid), repeat),
        _best(lambda: diagram.svg, repeat),
        _best(
            lambda: nnviz_core.render(model, style, example_input=example, **OPTIONS).svg, repeat
        ),
    ]
    sizes = [f"{len(svg.encode()) / 1024:.0f}", f"{embedded / 1024:.0f}"]
    return [style, str(digit), *(f"{ms:.0f}" for ms in times), *sizes]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    head = ["style", "digit", "load ms", "capture ms", "tiles ms", "layout ms", "svg ms"]
    head += ["total ms", "SVG KiB", "PNG KiB"]
    rows = [_row(style, digit, args.repeat) for style in ("lenet", "block") for digit in (3, 7)]
    widths = [max(len(row[i]) for row in [head, *rows]) for i in range(len(head))]
    for row in [head, *rows]:
        print("  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True)))


if __name__ == "__main__":
    main()
