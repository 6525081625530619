"""The largest inputs nnviz accepts, and the smallest it refuses: time and peak memory of each.

    .venv/bin/python benchmarks/bench_limits.py [--only NAME[,NAME...]]

Every limit in ``nnviz_core/limits.py`` is exercised at its edge: the longest spec text, the most
values anchors may expand to, the most layers a spec may expand to, each style's most drawn
layers (a chain), the fcnn style's most neuron connections and the largest PNG. Each case runs
in a fresh process; ``peak`` is that process's maximum resident memory (the Python interpreter
and its imports included, about 30 MB; the Graphviz engine runs in a process of its own, about
230 MB for 10,000 layers, measured with /usr/bin/time). The target is a peak
under 1 GB for everything accepted, and a refusal before the expensive work for everything
past a limit. Prints a table; asserts nothing.

Complexity of each stage, in the number of layers ``n`` and edges ``e`` (merges of many
branches included): YAML parsing, expansion, reference resolution, topological ordering and
shape inference O(n + e); ``fold_repeats``, ``collapse`` and ``visible`` O(n + e) (``visible``
computes where each hidden layer leads once); counting drawn layers O(n + e), and, when a
graph is refused, O((n + e) log depth) to find the ``depth`` that fits.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable

from nnviz_core.limits import (
    MAX_DRAWN_LAYERS,
    MAX_LAYERS,
    MAX_PNG_PIXELS,
    MAX_SPEC_CHARACTERS,
    MAX_VALUES,
)


def _chain(style: str, count: int) -> str:
    if style in ("lenet", "block"):
        layer = "  - conv2d: {filters: 8, kernel: 3, padding: same}\n"
        return "input: [3, 16, 16]\nlayers:\n" + layer * count
    return "input: [8]\nlayers:\n" + "  - dense: 8\n" * count


def _text_of_length(line: str, head: str, tail: str = "") -> str:
    """``head``, ``line`` repeated and ``tail``, at most MAX_SPEC_CHARACTERS long."""
    return head + line * ((MAX_SPEC_CHARACTERS - len(head) - len(tail)) // len(line)) + tail


def _aliases() -> str:
    """Anchors whose aliases expand to just under MAX_VALUES values."""
    width = 1000
    row = "[" + ", ".join(["1"] * width) + "]"
    rows = (MAX_VALUES - 3 * width) // (width + 1)
    return f"a: &row {row}\nb: [" + ", ".join(["*row"] * rows) + "]\n"


def _render(text: str, style: str, fmt: str = "svg", **options: object) -> int:
    import nnviz_core

    return len(nnviz_core.render(text, style=style, **options).to_bytes(fmt))


def _load(text: str) -> int:
    import nnviz_core

    return len(nnviz_core.load(text).nodes)


def _png_at_pixel_limit() -> int:
    """A 12-branch, 20-deep graph at the dpi that gives just under MAX_PNG_PIXELS."""
    import nnviz_core

    lines = ["input: [8]", "layers:"]
    for branch in range(12):
        lines.append(f"  - {{id: b{branch}_0, dense: 8, inputs: [input]}}")
        lines += [f"  - {{id: b{branch}_{k}, dense: 8}}" for k in range(1, 20)]
    lines.append("  - {concat: [" + ", ".join(f"b{b}_19" for b in range(12)) + "]}")
    diagram = nnviz_core.render("\n".join(lines) + "\n")
    area = diagram.scene.width * diagram.scene.height
    dpi = 96 * (MAX_PNG_PIXELS / area) ** 0.5 * 0.99
    return len(nnviz_core.render("\n".join(lines) + "\n", dpi=dpi).to_bytes("png"))


CASES: dict[str, tuple[str, Callable[[], int]]] = {
    "spec-text": (
        f"{MAX_SPEC_CHARACTERS:,} characters of `- relu` lines",
        lambda: _load(_text_of_length("  - relu\n", "input: [8]\nlayers:\n")),
    ),
    "spec-values": (
        f"{MAX_SPEC_CHARACTERS:,} characters of one flow list",
        lambda: _load(_text_of_length("1,", "input: [", "1]\nlayers: []\n")),
    ),
    "aliases": (f"aliases expanding to {MAX_VALUES:,} values", lambda: _load(_aliases())),
    "layers": (
        f"{MAX_LAYERS - 1:,} layers through `repeat`, loaded",
        lambda: _load(f"input: [8]\nlayers:\n  - {{dense: 8, repeat: {MAX_LAYERS - 1}}}\n"),
    ),
    "layers-graph": (
        f"{MAX_LAYERS - 1:,} layers, graph style",
        lambda: _render(
            f"input: [8]\nlayers:\n  - {{dense: 8, repeat: {MAX_LAYERS - 1}}}\n", "graph"
        ),
    ),
    "layers-folded": (
        f"{MAX_LAYERS - 1:,} layers, graph style, fold_repeats",
        lambda: _render(
            f"input: [8]\nlayers:\n  - {{dense: 8, repeat: {MAX_LAYERS - 1}}}\n",
            "graph",
            fold_repeats=True,
        ),
    ),
    **{
        f"{style}-chain": (
            f"{limit - 1:,}-layer chain, {style} style",
            lambda style=style, limit=limit: _render(_chain(style, limit - 1), style),
        )
        for style, limit in MAX_DRAWN_LAYERS.items()
    },
    **{
        f"{style}-over": (
            f"{limit + 1:,}-layer chain, {style} style",
            lambda style=style, limit=limit: _render(_chain(style, limit + 1), style),
        )
        for style, limit in MAX_DRAWN_LAYERS.items()
    },
    "fcnn-connections": (
        "25 dense layers of 200 neurons, fcnn, max_neurons 200",
        lambda: _render(
            "input: [200]\nlayers:\n" + "  - dense: 200\n" * 24, "fcnn", max_neurons=200
        ),
    ),
    "png-pixels": (f"PNG of {MAX_PNG_PIXELS / 1e6:.0f} million pixels", _png_at_pixel_limit),
}


def _worker(name: str) -> None:
    from nnviz_core.errors import NnvizError

    started, cpu = time.perf_counter(), time.process_time()
    try:
        size = CASES[name][1]()
        outcome = f"{size:,}"
    except NnvizError as error:
        outcome = "refused: " + error.message[:48]
    row = {
        "wall": time.perf_counter() - started,
        "cpu": time.process_time() - cpu,
        "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "outcome": outcome,
    }
    print(json.dumps(row))


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--only", help="comma-separated case names")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        _worker(args.worker)
        return
    names = args.only.split(",") if args.only else list(CASES)
    head = f"{'case':<18} {'input':<54} {'wall s':>7} {'cpu s':>6} {'peak MB':>8}"
    print(f"{head}  result")
    for name in names:
        command = [sys.executable, __file__, "--worker", name]
        result = subprocess.run(command, capture_output=True, text=True, check=True)
        row = json.loads(result.stdout.strip().splitlines()[-1])
        print(
            f"{name:<18} {CASES[name][0]:<54} {row['wall']:>7.2f} {row['cpu']:>6.2f} "
            f"{row['peak']:>8.0f}  {row['outcome']}"
        )


if __name__ == "__main__":
    main()
