"""Running the Graphviz engine and reading its ``-Tjson0`` answer.

The engine is found in this order: the ``engine`` option, the ``graphviz-pure`` command installed
beside this Python (then on ``PATH``), then Graphviz's ``dot`` on ``PATH``. The answer is turned
into plain positions in our coordinate system: pixels, origin top-left, y down (Graphviz's
points are y-up, and we handed it pixel sizes as points).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from nnviz_core.errors import EngineError
from nnviz_core.scene import Point

BUNDLED = "graphviz-pure"
SYSTEM = "dot"
TIMEOUT = 600.0
_FIXES = (
    "install one with `pip install graphviz-pure` (or `apt-get install graphviz`), "
    "or set the engine option to the path of a Graphviz dot command"
)


class EdgeRoute(NamedTuple):
    """A routed edge: cubic Bézier points (start, then triples) and the arrow tip, if any.

    A named tuple, not a dataclass: a large layout has thousands, and tuples build faster.
    """

    points: tuple[Point, ...]
    tip: Point | None


@dataclass(frozen=True)
class ClusterBox:
    """A cluster's box (x, y, width, height) and the centre of its label."""

    box: tuple[float, float, float, float]
    label_center: Point | None


@dataclass(frozen=True)
class EngineLayout:
    """Everything the engine decided, keyed by DOT names: positions y down, moved by the offset
    :func:`parse_layout` was given; ``width`` and ``height`` are the layout's size."""

    width: float
    height: float
    nodes: dict[str, Point]
    clusters: dict[str, ClusterBox]
    edges: dict[tuple[str, str], EdgeRoute]


def _executable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def _bundled() -> str | None:
    folder = Path(sys.executable).parent
    for name in (BUNDLED, BUNDLED + ".exe"):
        if _executable(folder / name):
            return str(folder / name)
    return shutil.which(BUNDLED)


def resolve_engine(setting: str = "auto") -> str:
    """The command to run: the explicit setting, else graphviz-pure, else dot; or EngineError."""
    if setting != "auto":
        found = shutil.which(setting) or (setting if _executable(Path(setting)) else None)
        if found is None:
            raise EngineError(f"Graphviz engine {setting!r} was not found; {_FIXES}")
        return found
    found = _bundled() or shutil.which(SYSTEM)
    if found is None:
        raise EngineError(f"no Graphviz engine found (neither graphviz-pure nor dot); {_FIXES}")
    return found


@dataclass(frozen=True)
class EngineOutput:
    """What the engine process printed: its ``-Tjson0`` answer as bytes, and its warnings."""

    command: str
    stdout: bytes
    stderr: str


def call_engine(command: str, source: str) -> EngineOutput:
    """Run ``command -Tjson0`` on DOT ``source`` and wait for its answer; a failed or slow
    engine is an EngineError."""
    try:
        done = subprocess.run(
            [command, "-Tjson0"], input=source.encode("utf-8"), capture_output=True, timeout=TIMEOUT
        )
    except subprocess.TimeoutExpired as error:
        raise EngineError(
            f"Graphviz ({command}) took longer than {TIMEOUT:.0f} s; "
            "try splines=spline or a smaller depth"
        ) from error
    except OSError as error:
        raise EngineError(f"cannot run Graphviz ({command}): {error}; {_FIXES}") from error
    stderr = done.stderr.decode("utf-8", "replace").strip()
    if done.returncode != 0:
        raise EngineError(f"Graphviz ({command}) failed with exit code {done.returncode}: {stderr}")
    return EngineOutput(command, done.stdout, stderr)


def read_answer(output: EngineOutput) -> dict[str, Any]:
    """The engine's JSON answer (decoding it is our work, timed apart from the engine's)."""
    try:
        answer: dict[str, Any] = json.loads(output.stdout)
    except ValueError as error:
        raise EngineError(
            f"Graphviz ({output.command}) gave unreadable output: {output.stderr}"
        ) from error
    return answer


def run_engine(command: str, source: str) -> dict[str, Any]:
    """Lay out DOT ``source`` with ``command`` and return the parsed ``-Tjson0`` answer."""
    return read_answer(call_engine(command, source))


def _numbers(text: str) -> list[float]:
    return [float(part) for part in text.split(",")]


def _point(token: str, flip: float, dx: float, dy: float) -> Point:
    """An ``x,y`` token as a y-down point (``flip`` mirrors y), moved by (dx, dy)."""
    x, y = token.split(",")
    return (float(x) + dx, flip - float(y) + dy)


def _route(pos: str, flip: float, dx: float, dy: float) -> EdgeRoute:
    """Parse ``e,x,y x1,y1 ...`` (first spline only) into y-down points moved by (dx, dy).

    The end marks lead; the plain ``x,y`` pairs after them are read in one comprehension, as a
    large layout holds tens of thousands of them.
    """
    tokens = pos.split(";", 1)[0].split()
    tip: Point | None = None
    marks = 0
    while marks < len(tokens) and tokens[marks].startswith(("e,", "s,")):
        if tokens[marks][0] == "e":
            tip = _point(tokens[marks][2:], flip, dx, dy)
        marks += 1
    pairs = (token.split(",") for token in tokens[marks:])
    return EdgeRoute(tuple([(float(x) + dx, flip - float(y) + dy) for x, y in pairs]), tip)


def _cluster(entry: dict[str, Any], flip: float, dx: float, dy: float) -> ClusterBox:
    x0, y0, x1, y1 = _numbers(entry["bb"])
    center: Point | None = None
    if "lp" in entry:
        center = _point(entry["lp"], flip, dx, dy)
    return ClusterBox((x0 + dx, flip - y1 + dy, x1 - x0, y1 - y0), center)


@contextmanager
def _readable() -> Iterator[None]:
    """Turn what a malformed answer raises into an error that says so."""
    try:
        yield
    except (KeyError, ValueError, TypeError) as error:
        raise EngineError(
            f"Graphviz gave a layout nnviz cannot read ({type(error).__name__}: {error}); "
            "try another engine with the engine option"
        ) from error


def layout_size(answer: dict[str, Any]) -> tuple[float, float]:
    """The layout's width and height, which a drawing needs before it places anything."""
    with _readable():
        x0, y0, x1, y1 = _numbers(answer["bb"])
    return x1 - x0, y1 - y0


def parse_layout(answer: dict[str, Any], offset: Point = (0.0, 0.0)) -> EngineLayout:
    """Positions from the engine's JSON, flipped to y-down and moved by ``offset``.

    ``offset`` is where the drawing puts the layout's top-left corner: reading the points
    straight into place spares a second pass over tens of thousands of them.
    """
    with _readable():
        return _parse(answer, offset)


def _parse(answer: dict[str, Any], offset: Point) -> EngineLayout:
    x0, y0, x1, y1 = _numbers(answer["bb"])
    flip = y1 + y0
    dx, dy = offset
    names: dict[int, str] = {}
    nodes: dict[str, Point] = {}
    clusters: dict[str, ClusterBox] = {}
    for entry in answer.get("objects", []):
        name = names[entry["_gvid"]] = entry["name"]
        if "pos" in entry:
            nodes[name] = _point(entry["pos"], flip, dx, dy)
        elif "bb" in entry:
            clusters[name] = _cluster(entry, flip, dx, dy)
    edges = {
        (names[edge["tail"]], names[edge["head"]]): _route(edge["pos"], flip, dx, dy)
        for edge in answer.get("edges", [])
        if "pos" in edge
    }
    return EngineLayout(x1 - x0, y1 - y0, nodes, clusters, edges)
