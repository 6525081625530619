"""Benchmark of PowerPoint export: a 100-slide deck from the examples, and one slide per case.

    .venv/bin/python benchmarks/bench_pptx.py [--slides 100] [--repeat 3]

Part one times the deck builder alone (scenes laid out beforehand) for a deck of ``--slides``
slides cycling through every example in every style that applies, and prints the time per slide,
the peak memory and the file size. Part two prints, per example and style, the best time of the
pptx backend for that one diagram, how many slides it took, its shapes and its size.
Targets: under 50 ms per slide and under 10 KB per slide. Prints tables; asserts nothing.
"""

from __future__ import annotations

import argparse
import itertools
import time
import tracemalloc
from pathlib import Path

import nnviz_core
from nnviz_core.backends.pptx import BACKEND
from nnviz_core.backends.pptx.compose import DeckBuilder
from nnviz_core.errors import OptionError
from nnviz_core.options import RenderOptions
from nnviz_core.scene import Scene, walk

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.yaml"))
STYLES = ("graph", "block", "lenet", "fcnn")


def scenes() -> list[tuple[str, Scene]]:
    """Every example in every style that can draw it, laid out once."""
    found = []
    for example, style in itertools.product(EXAMPLES, STYLES):
        try:
            found.append((f"{example.stem}/{style}", nnviz_core.render(example, style).scene))
        except OptionError:
            continue
    return found


def deck(cases: list[tuple[str, Scene]], slides: int) -> tuple[int, bytes]:
    builder = DeckBuilder(RenderOptions())
    made = 0
    for name, scene in itertools.cycle(cases):
        if made >= slides:
            break
        made += builder.add(scene, name)
    return made, builder.to_bytes()


def part_one(cases: list[tuple[str, Scene]], slides: int, repeat: int) -> None:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        made, data = deck(cases, slides)
        times.append(time.perf_counter() - started)
    tracemalloc.start()
    deck(cases, slides)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    best = min(times)
    print("| slides | total s | ms / slide | peak MB | file KB | KB / slide |")
    print("|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {made} | {best:.2f} | {best / made * 1000:.1f} | {peak / 2**20:.1f} "
        f"| {len(data) / 1024:.0f} | {len(data) / 1024 / made:.1f} |"
    )


def part_two(cases: list[tuple[str, Scene]], repeat: int) -> None:
    print("\n| diagram | scene items | slides | best ms | KB |")
    print("|---|---:|---:|---:|---:|")
    options = RenderOptions()
    for name, scene in cases:
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            data = BACKEND.render(scene, options)
            times.append(time.perf_counter() - started)
        builder = DeckBuilder(options)
        count = builder.add(scene)
        items = len(walk(scene.items))
        print(f"| {name} | {items} | {count} | {min(times) * 1000:.0f} | {len(data) / 1024:.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slides", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    cases = scenes()
    part_one(cases, args.slides, args.repeat)
    part_two(cases, args.repeat)


if __name__ == "__main__":
    main()
