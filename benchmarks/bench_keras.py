"""Benchmark: drawing Keras models with nnviz vs ``keras.utils.plot_model``, on the same models.

    .venv/bin/python benchmarks/bench_keras.py [--repeat 5]

Both draw an SVG with layer names, shapes and activations (Keras: ``show_shapes``,
``show_layer_activations``, ``show_trainable``; nnviz's ``graph`` style adds arguments and
parameter counts). nnviz time = ``load_keras`` (model → Graph) + ``graph`` style + SVG; Keras
time = ``plot_model`` to ``.svg`` (pydot + Debian's ``dot``), with its default orthogonal edges
("keras") and with splines like nnviz's default ("keras-spl"). "nnviz faster" is Keras's time
divided by nnviz's on the same model (below 1: Keras was faster). Each (tool, model) runs in its own
process; "peak MiB" is the Python heap peak of one drawing (tracemalloc) and "engine MiB" the
peak resident size of the tool's Graphviz run on the same DOT source, measured apart with GNU
``time`` (nnviz: ``graphviz-pure -Tjson0``; Keras: ``dot -Tsvg``). A tool that fails on a model
says so in its row. Prints a table; asserts nothing.
Keras runs on the torch backend here (``KERAS_BACKEND``, set before keras is imported).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _common import run_worker, worker_or_repeat

os.environ.setdefault("KERAS_BACKEND", "torch")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "sources" / "keras"))


def models() -> dict[str, Callable[[], Any]]:
    import keras
    import keras_fixtures as fixtures

    def mobilenet() -> Any:
        return keras.applications.MobileNetV2(weights=None, input_shape=(96, 96, 3))

    def resnet50() -> Any:
        return keras.applications.ResNet50(weights=None, input_shape=(64, 64, 3))

    return {**fixtures.GRAPH_MODELS, "MobileNetV2": mobilenet, "ResNet50": resnet50}


def nnviz_draw(model: Any, target: Path) -> int:
    import nnviz_core
    from nnviz_core.sources.keras_model import load_keras

    # Every layer, as Keras draws it: no groups read from names for detail: auto to collapse.
    graph = load_keras(model, name_groups=False)
    svg = nnviz_core.render(graph, "graph").svg.encode("utf-8")
    target.write_bytes(svg)
    return len(svg)


def keras_draw(model: Any, target: Path, splines: str = "ortho") -> int:
    import keras

    keras.utils.plot_model(
        model,
        to_file=str(target),
        show_shapes=True,
        show_layer_names=True,
        show_layer_activations=True,
        show_trainable=True,
        splines=splines,
    )
    return target.stat().st_size


def keras_spline_draw(model: Any, target: Path) -> int:
    return keras_draw(model, target, "spline")


#: plot_model's default edges are orthogonal; nnviz's graph style draws splines by default.
TOOLS = {"nnviz": nnviz_draw, "keras": keras_draw, "keras-spl": keras_spline_draw}
GNU_TIME = "/usr/bin/time"


def engine_peak(command: list[str], source: str) -> float | None:
    """Peak resident MiB of one Graphviz run on ``source`` (GNU time), or None without it."""
    if not Path(GNU_TIME).is_file():
        return None
    done = subprocess.run(
        [GNU_TIME, "-f", "%M", *command], input=source.encode(), capture_output=True, check=False
    )
    return int(done.stderr.decode().strip().splitlines()[-1]) / 1024


def nnviz_engine(model: Any) -> float | None:
    from nnviz_core.dotgraph import for_layout
    from nnviz_core.sources.keras_model import load_keras
    from nnviz_core.styles.graph import GraphOptions, prepare
    from nnviz_core.styles.graph.engine import resolve_engine

    prepared = prepare(load_keras(model, name_groups=False), GraphOptions())
    return engine_peak([resolve_engine("auto"), "-Tjson0"], for_layout(prepared.dot))


def keras_engine(model: Any, splines: str = "ortho") -> float | None:
    import keras

    dot = keras.utils.model_to_dot(
        model, show_shapes=True, show_layer_activations=True, show_trainable=True, splines=splines
    )
    return engine_peak(["dot", "-Tsvg"], dot.to_string())


ENGINES: dict[str, Callable[[Any], float | None]] = {
    "nnviz": nnviz_engine,
    "keras": keras_engine,
    "keras-spl": lambda model: keras_engine(model, "spline"),
}


def one(tool: str, name: str, repeat: int) -> dict[str, Any]:
    """Measure one (tool, model) pair; runs inside its own worker process."""
    model = models()[name]()
    draw = TOOLS[tool]
    try:
        found = _measure(draw, model, repeat)
    except Exception as error:  # a tool failing on a model is a result, not a crash
        return {"error": _failure(error), "layers": len(model.layers)}
    found["engine"] = ENGINES[tool](model)
    found["layers"] = len(model.layers)
    return found


def _failure(error: Exception) -> str:
    """A one-line reason: pydot reports a crashed ``dot`` as an assertion with its exit code."""
    code = re.search(r"returned code: (-?\d+)", str(error))
    if code:
        return f"Graphviz dot crashed (exit code {code.group(1)})"
    lines = str(error).strip().splitlines()
    return f"{type(error).__name__}: {lines[0][:70] if lines else ''}"


def _measure(draw: Callable[[Any, Path], int], model: Any, repeat: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "model.svg"
        size = draw(model, target)  # warm-up: imports, first engine start
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            draw(model, target)
            times.append(time.perf_counter() - started)
        tracemalloc.start()
        draw(model, target)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    return {"ms": min(times) * 1000, "peak": peak, "kb": size / 1024}


def _row(name: str, tool: str, row: dict[str, Any], ours: dict[str, Any]) -> str:
    start = f"{name:<14} {row['layers']:>6} {tool:<9}"
    if "error" in row:
        return f"{start} failed: {row['error']}"
    engine = "n/a" if row["engine"] is None else f"{row['engine']:.0f}"
    speedup = ""
    if tool != "nnviz" and "error" not in ours:
        speedup = f"×{row['ms'] / ours['ms']:.1f}"
    return (
        f"{start} {row['ms']:>9.1f} {row['peak']:>9.1f} {engine:>10} {row['kb']:>7.1f}  {speedup}"
    )


def main() -> None:
    repeat = worker_or_repeat(__doc__, one)
    if repeat is None:
        return
    header = ("model", "layers", "tool", "ms", "peak MiB", "engine MiB", "svg KB", "nnviz faster")
    print("{:<14} {:>6} {:<9} {:>9} {:>9} {:>10} {:>7}  {}".format(*header))
    for name in models():
        found = {tool: run_worker(__file__, tool, name, repeat) for tool in TOOLS}
        for tool, row in found.items():
            print(_row(name, tool, row, found["nnviz"]))


if __name__ == "__main__":
    main()
