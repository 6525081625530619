"""Training-history figures, timed by stage: read the log, lay out the Scene, write SVG and PPTX.

    .venv/bin/python benchmarks/bench_history.py [--steps 1000,10000,100000]

Each size is a generated CSV log with a step column, a noisy training loss every step, a
validation loss every 100 steps and a few NaN steps. Target: a 100,000-step log renders in under
1 s with an SVG under 300 KB (drawing is downsampled, extremes kept). Prints a table; asserts
nothing.
"""

from __future__ import annotations

import argparse
import math
import time
import tracemalloc
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

from nnviz_core.history import read
from nnviz_core.history.figure import compose
from nnviz_core.history.options import HistoryOptions
from nnviz_core.options import RenderOptions
from nnviz_core.registry import backend

T = TypeVar("T")


def log_text(steps: int) -> str:
    """A deterministic noisy log: decaying loss, a periodic wobble, NaN every 25,000 steps."""
    rows = ["step,train_loss,val_loss"]
    for step in range(steps):
        loss = 2.0 * math.exp(-step / (steps / 5)) + 0.1 + 0.05 * math.sin(step * 0.7)
        text = "nan" if step and step % 25_000 == 0 else f"{loss:.5f}"
        val = f"{loss + 0.08:.5f}" if step % 100 == 0 else ""
        rows.append(f"{step},{text},{val}")
    return "\n".join(rows) + "\n"


def timed(action: Callable[..., T], *args: Any, **kwargs: Any) -> tuple[T, float]:
    start = time.perf_counter()
    result = action(*args, **kwargs)
    return result, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--steps", default="1000,10000,100000")
    args = parser.parse_args()
    print(
        f"{'steps':>8} {'read s':>8} {'layout s':>9} {'svg s':>7} {'total s':>8} "
        f"{'svg KB':>8} {'pptx s':>7} {'peak MB':>8}"
    )
    warnings.simplefilter("ignore")
    for steps in (int(part) for part in args.steps.split(",")):
        text = log_text(steps)
        log, read_s = timed(read, text, filename="bench.csv")
        scene, layout_s = timed(compose, log, HistoryOptions(mark_best="val_loss"))
        svg, svg_s = timed(backend("svg").render, scene, RenderOptions())
        tracemalloc.start()  # a second, traced run: tracing slows Python down several times
        compose(read(text, filename="bench.csv"), HistoryOptions(mark_best="val_loss"))
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        _, pptx_s = timed(backend("pptx").render, scene, RenderOptions())
        total = read_s + layout_s + svg_s
        print(
            f"{steps:>8} {read_s:>8.3f} {layout_s:>9.3f} {svg_s:>7.3f} {total:>8.3f} "
            f"{len(svg) / 1000:>8.1f} {pptx_s:>7.3f} {peak:>8.1f}"
        )


if __name__ == "__main__":
    main()
