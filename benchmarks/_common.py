"""Helpers the benchmark scripts share (each script runs with this folder on ``sys.path``)."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any


def best(action: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` runs, in milliseconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times) * 1000


def run_worker(script: str, tool: str, name: str, repeat: int) -> dict[str, Any]:
    """The measurements ``script --worker TOOL MODEL`` prints, run in a fresh process."""
    command = [sys.executable, script, "--worker", tool, name, "--repeat", str(repeat)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    last: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return last


def worker_or_repeat(doc: str | None, one: Callable[[str, str, int], object]) -> int | None:
    """The ``--repeat`` count; a ``--worker`` run prints what ``one`` measured and gets None."""
    parser = argparse.ArgumentParser(description=(doc or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs (best is kept)")
    parser.add_argument("--worker", nargs=2, metavar=("TOOL", "MODEL"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        tool, model = args.worker
        print(json.dumps(one(tool, model, args.repeat)))
        return None
    repeat: int = args.repeat
    return repeat


def small_net(index: int) -> str:
    """A small convolutional network that differs from every other one (so nothing is shared)."""
    filters = 4 + index % 29
    side = 32 + 4 * (index % 9)
    return "\n".join(
        [
            f"name: Net {index}",
            f"input: [3, {side}, {side}]",
            "layers:",
            f"  - conv2d: {{filters: {filters}, kernel: 3, activation: relu}}",
            "  - maxpool2d: 2",
            f"  - conv2d: {{filters: {2 * filters}, kernel: 3, activation: relu}}",
            "  - flatten",
            f"  - dense: {{units: {16 + index % 50}, activation: relu}}",
            "  - dense: 10",
        ]
    )
